#include "trainings/evaluation_service.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "core/random.hpp"
#include "core/signed_token.hpp"
#include "core/text.hpp"
#include "store/locks.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

namespace {

const char* const token_purpose = "evaluation";
const char* const already_evaluated = "Je hebt deze vorming al geëvalueerd.";

// A whole number from `text` within min..max, or nullopt ("abc", "", "3.5", "07x").
std::optional<int> small_number(const std::string& text, int min, int max) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

// The number of characters (code points) of valid UTF-8 `s`.
std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::int64_t day_of(std::int64_t t) { return t - ((t % 86400) + 86400) % 86400; }

// Per participant (pair key) of one series: the confidence answers per phase.
struct PairAnswers {
  std::map<int, int> before, after;
  std::string sector;
};

std::map<std::string, PairAnswers> by_pair(const std::vector<ConfidenceRow>& rows,
                                           std::int64_t series_id) {
  std::map<std::string, PairAnswers> out;
  for (const auto& r : rows) {
    if (r.series_id != series_id) continue;
    auto& p = out[r.pair_key];
    (r.phase == "before" ? p.before : p.after)[r.question] = r.value;
    if (p.sector.empty() || r.phase == "after") p.sector = r.sector;
  }
  return out;
}

// The participant's mean over the questions answered both before and after.
std::optional<std::pair<double, double>> overall_pair(const PairAnswers& p) {
  double before = 0, after = 0;
  int n = 0;
  for (const auto& [question, value] : p.before) {
    auto a = p.after.find(question);
    if (a == p.after.end()) continue;
    before += value;
    after += a->second;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return std::pair{before / n, after / n};
}

std::string year_of(std::int64_t t) {
  std::time_t time = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&time, &tm);
  return std::to_string(tm.tm_year + 1900);
}

}  // namespace

std::string pair_key(const std::string& key, std::int64_t registration_id) {
  return hmac_sha256_hex(key, "pair:" + std::to_string(registration_id));
}

Result<std::vector<int>> parse_confidence(const web::Form& form, bool required) {
  const std::size_t n = confidence_questions().size();
  std::vector<int> values(n, 0);
  FieldErrors errors;
  bool any = false;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string field = "confidence_" + std::to_string(i);
    const std::string text = form.get(field);
    if (text.empty()) {
      if (required) errors.push_back({field, "Kies bij deze uitspraak een getal van 1 tot 10."});
      continue;
    }
    auto value = small_number(text, 1, 10);
    if (!value) {
      errors.push_back({field, "Kies bij deze uitspraak een getal van 1 tot 10."});
      continue;
    }
    values[i] = *value;
    any = true;
  }
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (!any) values.clear();
  return values;
}

void record_confidence_before(soci::session& sql, const std::string& key, const Registration& r,
                              const std::vector<int>& values) {
  if (values.empty()) return;
  EvaluationStore::replace_confidence(sql, r.unit.series_id, pair_key(key, r.id), "before", values,
                                      r.sector);
}

nlohmann::json confidence_fields_model(const std::vector<int>& values, const Error* errors,
                                       bool required) {
  nlohmann::json questions = nlohmann::json::array();
  const auto& list = confidence_questions();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string name = "confidence_" + std::to_string(i);
    const int chosen = i < values.size() ? values[i] : 0;
    nlohmann::json options = nlohmann::json::array();
    for (int v = 1; v <= 10; ++v) options.push_back({{"value", v}, {"checked", v == chosen}});
    nlohmann::json q = {{"index", i}, {"name", name}, {"legend", list[i]}, {"options", options}};
    const std::string message = errors ? errors->message_for(name) : std::string();
    q["error"] = message.empty() ? nlohmann::json(false) : nlohmann::json(message);
    questions.push_back(q);
  }
  return {{"confidence_questions", questions}, {"confidence_required", required}};
}

Result<EvaluationInput> parse_evaluation(const web::Form& form) {
  EvaluationInput in;
  FieldErrors errors;
  if (auto v = small_number(form.get("satisfaction"), 1, 5))
    in.satisfaction = *v;
  else
    errors.push_back({"satisfaction", "Kies hoe tevreden je bent, van 1 tot 5."});
  if (auto v = small_number(form.get("usefulness"), 1, 5))
    in.usefulness = *v;
  else
    errors.push_back({"usefulness", "Kies hoe nuttig de vorming was, van 1 tot 5."});
  for (const auto& value : form.get_all("will_use")) {
    const auto& options = use_options();
    const bool known = std::any_of(options.begin(), options.end(),
                                   [&](const Choice& c) { return c.value == value; });
    if (!known) {
      errors.push_back({"will_use", "Kies alleen uit de getoonde mogelijkheden."});
      break;
    }
    if (std::find(in.will_use.begin(), in.will_use.end(), value) == in.will_use.end())
      in.will_use.push_back(value);
  }
  in.free_text = form.get("free_text");
  if (!web::valid_utf8(in.free_text) || characters(in.free_text) > 4000)
    errors.push_back({"free_text", "Schrijf hoogstens 4000 tekens."});
  auto confidence = parse_confidence(form, true);
  if (!confidence)
    for (const auto& e : confidence.error().fields) errors.push_back(e);
  else
    in.confidence = std::move(confidence).value();
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return in;
}

std::string evaluation_subject(std::int64_t registration_id,
                               std::optional<std::int64_t> session_id) {
  std::string s = std::to_string(registration_id);
  if (session_id) s.append("-").append(std::to_string(*session_id));
  return s;
}

std::string EvaluationService::token_for(std::int64_t registration_id,
                                         std::optional<std::int64_t> session_id) const {
  return sign_token(key_, token_purpose, evaluation_subject(registration_id, session_id),
                    clock_.now() + evaluation_link_seconds);
}

Result<EvaluationTarget> EvaluationService::check(soci::session& sql,
                                                  const std::string& token) const {
  const Error refused = Error::of(
      Failure::forbidden, "Deze link werkt niet (meer). Gebruik de link uit de laatste mail.");
  auto subject = verify_token(key_, token_purpose, token, clock_.now());
  if (!subject) return refused;
  const auto dash = subject->find('-');
  const auto registration_id = parse_id(subject->substr(0, dash));
  std::optional<std::int64_t> session_id;
  if (dash != std::string::npos) session_id = parse_id(subject->substr(dash + 1));
  if (!registration_id || (dash != std::string::npos && !session_id)) return refused;
  auto r = TrainingStore::find_registration(sql, *registration_id);
  if (!r) return Error::of(Failure::not_found, "Deze inschrijving bestaat niet meer.");
  auto series = TrainingStore::find_series(sql, r->unit.series_id);
  if (!series) return Error::of(Failure::not_found, "Deze vorming bestaat niet meer.");
  if (r->state == "cancelled")
    return Error::of(Failure::conflict,
                     "Je inschrijving voor deze vorming is geannuleerd. Evalueren kan niet meer.");
  if (r->state != "registered")
    return Error::of(Failure::forbidden,
                     "Alleen deelnemers met een plaats in de vorming kunnen ze evalueren.");
  EvaluationTarget target{*r, *series, std::nullopt};
  if (series->evaluation_unit == "session") {
    if (!session_id) return refused;
    auto session = TrainingStore::find_session(sql, *session_id);
    if (!session || session->series_id != series->id ||
        (r->unit.session_id && *r->unit.session_id != session->id))
      return refused;
    target.session = *session;
  } else if (session_id) {
    return refused;
  }
  if (EvaluationStore::evaluated(sql, series->id, session_id, pair_key(key_, r->id)))
    return Error::of(Failure::conflict, already_evaluated);
  return target;
}

Result<EvaluationTarget> EvaluationService::open(const std::string& token) const {
  return db_.run([&](soci::session& sql) { return check(sql, token); });
}

Result<EvaluationTarget> EvaluationService::submit(const std::string& token,
                                                   const EvaluationInput& input) {
  const std::int64_t now = clock_.now();
  try {
    return db_.transact([&](soci::session& sql) -> Result<EvaluationTarget> {
      auto target = check(sql, token);
      if (!target) return target;
      const auto& t = target.value();
      store::lock_row(sql, "training_series", t.series.id);
      EvaluationRow e;
      e.series_id = t.series.id;
      if (t.session) e.session_id = t.session->id;
      e.pair_key = pair_key(key_, t.registration.id);
      e.sector = t.registration.sector;
      e.satisfaction = input.satisfaction;
      e.usefulness = input.usefulness;
      e.will_use = input.will_use;
      e.free_text = input.free_text;
      e.submitted_on = day_of(now);
      EvaluationStore::insert_evaluation(sql, e);
      EvaluationStore::replace_confidence(sql, e.series_id, e.pair_key, "after", input.confidence,
                                          e.sector);
      EvaluationStore::mark_evaluated(sql, t.registration.id, now);
      return target;
    });
  } catch (const store::StoreError& e) {
    // A second submission that raced past the check meets the unique index.
    if (e.kind() == store::ErrorKind::conflict)
      return Error::of(Failure::conflict, already_evaluated);
    throw;
  }
}

std::vector<DueEvaluation> EvaluationService::due(soci::session& sql, const Series& series,
                                                  std::int64_t now) {
  std::vector<DueEvaluation> out;
  std::vector<Session> planned;
  for (auto& s : TrainingStore::sessions_of(sql, series.id))
    if (s.status == "planned") planned.push_back(std::move(s));
  for (const auto& r : TrainingStore::of_series(sql, series.id)) {
    if (r.state != "registered") continue;
    std::vector<const Session*> covered;
    for (const auto& s : planned)
      if (!r.unit.session_id || *r.unit.session_id == s.id) covered.push_back(&s);
    if (covered.empty()) continue;
    if (series.evaluation_unit == "session") {
      for (const auto* s : covered)
        if (s->ends_at <= now) out.push_back(DueEvaluation{r, s->id, s->ends_at});
    } else {
      std::int64_t last = 0;
      for (const auto* s : covered) last = std::max(last, s->ends_at);
      if (last <= now) out.push_back(DueEvaluation{r, std::nullopt, last});
    }
  }
  return out;
}

int EvaluationService::send_invitations(
    const std::function<mail::Mail(const DueEvaluation&, const std::string& token)>& compose) {
  std::vector<Series> all;
  db_.run([&](soci::session& sql) { all = TrainingStore::all_series(sql); });
  int sent = 0;
  const std::int64_t now = clock_.now();
  for (const auto& series : all) {
    if (series.status != "published") continue;
    sent += db_.transact([&](soci::session& sql) {
      // Two nodes running the job take turns per series: each invitation once.
      store::lock_row(sql, "training_series", series.id);
      int n = 0;
      for (const auto& d : due(sql, series, now)) {
        if (d.ended_at < now - invitation_window_seconds) continue;
        if (EvaluationStore::invited(sql, d.registration.id, d.session_id.value_or(0))) continue;
        EvaluationStore::mark_invited(sql, d.registration.id, d.session_id.value_or(0), now);
        mail::enqueue(sql, compose(d, token_for(d.registration.id, d.session_id)), now);
        ++n;
      }
      return n;
    });
  }
  return sent;
}

int EvaluationService::send_reminders(
    const Series& series,
    const std::function<mail::Mail(const DueEvaluation&, const std::string& token)>& compose) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) {
    store::lock_row(sql, "training_series", series.id);
    std::set<std::int64_t> reminded;
    int n = 0;
    for (const auto& d : due(sql, series, now)) {
      if (reminded.count(d.registration.id)) continue;
      if (EvaluationStore::evaluated(sql, series.id, d.session_id,
                                     pair_key(key_, d.registration.id)))
        continue;
      if (EvaluationStore::reminded_at(sql, d.registration.id)) continue;
      EvaluationStore::mark_reminded(sql, d.registration.id, now);
      // The reminder carries the link: the person is invited (and expected) now.
      if (!EvaluationStore::invited(sql, d.registration.id, d.session_id.value_or(0)))
        EvaluationStore::mark_invited(sql, d.registration.id, d.session_id.value_or(0), now);
      mail::enqueue(sql, compose(d, token_for(d.registration.id, d.session_id)), now);
      reminded.insert(d.registration.id);
      ++n;
    }
    return n;
  });
}

SeriesResults EvaluationService::results(const Series& series) const {
  SeriesResults out;
  // Expected: the due evaluations that were invited (or answered anyway, e.g.
  // from "Mijn vormingen" before the invitation went out). Every figure on the
  // page counts only those: answers never exceed the expected, pairs never the answers.
  std::set<std::pair<std::string, std::int64_t>> answered_moments;  // (pair key, session or 0)
  std::set<std::string> expected_keys;
  db_.run([&](soci::session& sql) {
    const auto rows = EvaluationStore::evaluations(sql, series.id);
    std::set<std::pair<std::string, std::int64_t>> stored;
    for (const auto& e : rows) stored.insert({e.pair_key, e.session_id.value_or(0)});
    for (auto& d : due(sql, series, clock_.now())) {
      const std::string key = pair_key(key_, d.registration.id);
      const std::int64_t moment = d.session_id.value_or(0);
      const bool answered = stored.count({key, moment}) > 0;
      if (!answered && !EvaluationStore::invited(sql, d.registration.id, moment)) continue;
      ++out.expected;
      expected_keys.insert(key);
      if (answered) {
        ++out.answered;
        answered_moments.insert({key, moment});
      } else {
        auto reminded = EvaluationStore::reminded_at(sql, d.registration.id);
        out.pending.push_back(Pending{std::move(d), reminded});
      }
    }
    for (const auto& e : rows)
      if (answered_moments.count({e.pair_key, e.session_id.value_or(0)})) out.rows.push_back(e);
    for (auto& c : EvaluationStore::confidence(sql, series.id))
      if (expected_keys.count(c.pair_key)) out.confidence_rows.push_back(std::move(c));
  });
  std::vector<int> satisfaction, usefulness;
  std::map<std::string, int> counts;
  for (const auto& e : out.rows) {
    satisfaction.push_back(e.satisfaction);
    usefulness.push_back(e.usefulness);
    for (const auto& u : e.will_use) ++counts[u];
    if (!e.free_text.empty()) out.free_texts.push_back(e.free_text);
  }
  out.satisfaction = summarize(satisfaction, 1, 5);
  out.usefulness = summarize(usefulness, 1, 5);
  for (const auto& option : use_options()) out.will_use.push_back({option, counts[option.value]});
  const auto pairs = by_pair(out.confidence_rows, series.id);
  const auto& questions = confidence_questions();
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const int q = static_cast<int>(i);
    std::vector<int> before, after;
    std::vector<std::pair<double, double>> paired;
    for (const auto& [key, p] : pairs) {
      auto b = p.before.find(q);
      auto a = p.after.find(q);
      if (b != p.before.end()) before.push_back(b->second);
      if (a != p.after.end()) after.push_back(a->second);
      if (b != p.before.end() && a != p.after.end()) paired.emplace_back(b->second, a->second);
    }
    out.confidence.push_back(ConfidenceResult{questions[i], summarize(before, 1, 10),
                                              summarize(after, 1, 10), paired_change(paired)});
  }
  return out;
}

std::vector<ImpactGroup> EvaluationService::impact() const {
  struct Accumulator {
    std::set<std::int64_t> series;
    int participants = 0;
    int responses = 0;
    std::vector<int> satisfaction, usefulness;
    std::vector<std::pair<double, double>> pairs;
  };
  std::map<std::pair<std::string, std::string>, Accumulator> groups;
  db_.run([&](soci::session& sql) {
    const auto evaluations = EvaluationStore::evaluations(sql, std::nullopt);
    const auto confidence = EvaluationStore::confidence(sql, std::nullopt);
    for (const auto& series : TrainingStore::all_series(sql)) {
      if (series.status != "published") continue;
      // The groups a series belongs to as a whole.
      std::vector<std::pair<std::string, std::string>> keys = {{"all", ""}};
      for (const auto& t : series.themes) keys.emplace_back("theme", t);
      std::set<std::string> formats;
      std::int64_t first = 0;
      for (const auto& s : TrainingStore::sessions_of(sql, series.id)) {
        if (s.status != "planned") continue;
        formats.insert(s.format);
        if (first == 0 || s.starts_at < first) first = s.starts_at;
      }
      // A series counts under one format only: the format of all its sessions,
      // or "mixed" when they differ (its answers and pairs are about the whole
      // series and cannot be split by session), so no pair counts twice.
      if (formats.size() == 1) keys.emplace_back("format", *formats.begin());
      if (formats.size() > 1) keys.emplace_back("format", "mixed");
      if (first != 0) keys.emplace_back("year", year_of(first));
      std::map<std::string, int> participants_by_sector;
      int participants = 0;
      for (const auto& r : TrainingStore::of_series(sql, series.id))
        if (r.state == "registered") {
          ++participants;
          ++participants_by_sector[r.sector];
        }
      const auto pairs = by_pair(confidence, series.id);
      auto add = [&](Accumulator& a, const std::string* sector) {
        a.series.insert(series.id);
        a.participants += sector ? participants_by_sector[*sector] : participants;
        for (const auto& e : evaluations) {
          if (e.series_id != series.id || (sector && e.sector != *sector)) continue;
          ++a.responses;
          a.satisfaction.push_back(e.satisfaction);
          a.usefulness.push_back(e.usefulness);
        }
        for (const auto& [key, p] : pairs) {
          if (sector && p.sector != *sector) continue;
          if (auto pair = overall_pair(p)) a.pairs.push_back(*pair);
        }
      };
      for (const auto& k : keys) add(groups[k], nullptr);
      std::set<std::string> sectors;
      for (const auto& entry : participants_by_sector) sectors.insert(entry.first);
      for (const auto& e : evaluations)
        if (e.series_id == series.id) sectors.insert(e.sector);
      for (const auto& [key, p] : pairs) sectors.insert(p.sector);
      for (const auto& sector : sectors) add(groups[{"sector", sector}], &sector);
    }
  });
  std::vector<ImpactGroup> out;
  for (const char* dimension : {"all", "theme", "format", "sector", "year"}) {
    for (const auto& [key, a] : groups) {
      if (key.first != dimension) continue;
      ImpactGroup g;
      g.dimension = key.first;
      g.value = key.second;
      g.series = static_cast<int>(a.series.size());
      g.participants = a.participants;
      g.responses = a.responses;
      g.satisfaction = summarize(a.satisfaction, 1, 5);
      g.usefulness = summarize(a.usefulness, 1, 5);
      g.confidence = paired_change(a.pairs);
      out.push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace schakel::trainings
