#include "trainings/series_service.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "catalog/service.hpp"
#include "catalog/terms.hpp"
#include "core/text.hpp"
#include "store/locks.hpp"
#include "trainings/permissions.hpp"
#include "trainings/store.hpp"
#include "web/form.hpp"
#include "web/visibility.hpp"

namespace schakel::trainings {

namespace {

// A whole number in [low, high] written in plain digits; nullopt otherwise.
std::optional<int> small_number(const std::string& text, int low, int high) {
  const std::string t = trim(text);
  if (t.empty() || t.size() > 6) return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc{} || end != t.data() + t.size() || value < low || value > high)
    return std::nullopt;
  return value;
}

// An https:// link with a host (the form asks for one that begins with https://).
bool is_web_link(const std::string& url) {
  std::string scheme = url.substr(0, 8);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "https://" || url.size() <= 10 || url.size() > 500) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`')
      return false;
  const std::size_t end = url.find_first_of("/?#", 8);
  const std::string host = url.substr(8, end == std::string::npos ? std::string::npos : end - 8);
  return !host.empty() && host.find('@') == std::string::npos && host[0] != '.' && host[0] != ':' &&
         host.find('.') != std::string::npos;
}

// Checks a text field: required or not, at most `max` bytes, valid UTF-8.
void check_text(FieldErrors& errors, const std::string& field, const std::string& value,
                std::size_t max, bool required, const std::string& what) {
  if (!web::valid_utf8(value))
    errors.push_back({field, what + " bevat ongeldige tekens."});
  else if (required && value.empty())
    errors.push_back({field, "Vul " + what + " in."});
  else if (value.size() > max)
    errors.push_back({field, what + " is te lang (hoogstens " + std::to_string(max) + " tekens)."});
}

bool session_relevant_change(const Session& a, const Session& b) {
  return a.starts_at != b.starts_at || a.ends_at != b.ends_at || a.address != b.address ||
         a.room != b.room || a.online_url != b.online_url || a.format != b.format;
}

}  // namespace

SeriesInput input_of(const Series& s, const std::vector<Question>& questions) {
  SeriesInput in;
  in.title = s.title;
  in.description = s.description;
  in.audience = s.audience;
  in.organiser = s.organiser;
  in.owner_nis_code = s.owner_nis_code;
  in.region = s.region;
  in.contact = s.contact;
  in.visibility = s.visibility;
  in.registration_unit = s.registration_unit;
  if (s.registration_deadline) in.deadline = format_date_input(*s.registration_deadline - 1);
  in.hold_hours = std::to_string(s.offer_hold_seconds / 3600);
  in.status = s.status;
  in.certificate_rule = s.certificate_rule;
  in.certificate_min_sessions =
      s.certificate_min_sessions ? std::to_string(s.certificate_min_sessions) : "";
  in.evaluation_unit = s.evaluation_unit;
  in.late_join = s.late_join ? "1" : "";
  for (const auto& q : questions) in.questions += q.label + "\n";
  in.themes = s.themes;
  return in;
}

SessionInput input_of(const Session& s) {
  SessionInput in;
  in.title = s.title;
  in.module = s.module;
  in.format = s.format;
  in.address = s.address;
  in.room = s.room;
  in.online_url = s.online_url;
  in.date = format_date_input(s.starts_at);
  in.start = format_time_nl(s.starts_at);
  in.end = format_time_nl(s.ends_at);
  in.capacity = std::to_string(s.capacity);
  in.trainers = s.trainers;
  in.status = s.status;
  return in;
}

namespace {

// The questions of the registration form, one a line: trimmed, without empty
// lines or doubles; at most 10 of at most 200 characters each.
void parse_questions(const std::string& text, std::vector<std::string>& questions,
                     FieldErrors& errors) {
  questions.clear();
  if (!web::valid_utf8(text)) {
    errors.push_back({"questions", "De vragen bevatten ongeldige tekens."});
  } else {
    std::size_t from = 0;
    while (from <= text.size()) {
      auto end = text.find('\n', from);
      if (end == std::string::npos) end = text.size();
      const std::string q = trim(text.substr(from, end - from));
      if (!q.empty() && std::find(questions.begin(), questions.end(), q) == questions.end())
        questions.push_back(q);
      from = end + 1;
    }
    if (questions.size() > 10 ||
        std::any_of(questions.begin(), questions.end(), [](auto& q) { return q.size() > 200; }))
      errors.push_back({"questions", "Stel hoogstens 10 vragen van elk hoogstens 200 tekens."});
  }
}

// Who gets a certificate: all sessions, or a minimum number of them.
void parse_certificate_rule(const SeriesInput& in, Series& s, FieldErrors& errors) {
  if (in.certificate_rule == "all") {
    s.certificate_rule = "all";
    s.certificate_min_sessions = 0;
  } else if (in.certificate_rule == "min") {
    s.certificate_rule = "min";
    if (auto n = small_number(in.certificate_min_sessions, 1, 50))
      s.certificate_min_sessions = *n;
    else
      errors.push_back({"certificate_min_sessions",
                        "Vul in hoeveel sessies iemand minstens moet volgen (1 tot 50)."});
  } else {
    errors.push_back({"certificate_rule", "Kies wanneer iemand een attest krijgt."});
  }
}

}  // namespace

Result<Series> SeriesService::parse_series(soci::session& sql, const SeriesInput& in, Series s,
                                           std::vector<std::string>& questions) {
  FieldErrors errors;
  s.title = trim(in.title);
  check_text(errors, "title", s.title, 200, true, "de titel");
  if (errors.empty() && s.title.size() < 3)
    errors.push_back({"title", "De titel is te kort (minstens 3 tekens)."});
  s.description = trim(in.description);
  check_text(errors, "description", s.description, 20000, false, "de beschrijving");
  s.audience = trim(in.audience);
  check_text(errors, "audience", s.audience, 500, false, "het doelpubliek");
  s.organiser = trim(in.organiser);
  check_text(errors, "organiser", s.organiser, 200, true, "de organisator");
  s.region = trim(in.region);
  check_text(errors, "region", s.region, 100, false, "de regio");
  s.contact = trim(in.contact);
  check_text(errors, "contact", s.contact, 500, false, "het contact");
  s.owner_nis_code = trim(in.owner_nis_code);
  if (!web::parse_visibility(in.visibility))
    errors.push_back({"visibility", "Kies wie de reeks mag zien."});
  else
    s.visibility = in.visibility;
  if (in.registration_unit != "series" && in.registration_unit != "session")
    errors.push_back({"registration_unit", "Kies hoe men zich inschrijft."});
  else
    s.registration_unit = in.registration_unit;
  const std::string deadline = trim(in.deadline);
  if (deadline.empty()) {
    s.registration_deadline.reset();
  } else if (auto day = brussels_to_utc(deadline, "00:00"); !day) {
    errors.push_back({"deadline", "Vul de uiterste inschrijfdatum in als jjjj-mm-dd."});
  } else {
    // Registrations close at the end of that day (the next midnight in Brussels).
    const auto end_of_day = brussels_to_utc(format_date_input(*day + 36 * 3600), "00:00");
    const std::int64_t closes = end_of_day.value_or(*day + 86400);
    if (closes <= clock_.now() && closes != s.registration_deadline.value_or(0))
      errors.push_back({"deadline", "De uiterste inschrijfdatum ligt in het verleden."});
    else
      s.registration_deadline = closes;
  }
  if (auto hours = small_number(in.hold_hours, 1, 336))
    s.offer_hold_seconds = static_cast<std::int64_t>(*hours) * 3600;
  else
    errors.push_back({"hold_hours",
                      "Vul in hoeveel uur een vrijgekomen plaats wordt vastgehouden (1 tot 336)."});
  if (in.status != "draft" && in.status != "published" && in.status != "cancelled")
    errors.push_back({"status", "Kies een status."});
  else
    s.status = in.status;
  parse_certificate_rule(in, s, errors);
  if (in.evaluation_unit != "series" && in.evaluation_unit != "session")
    errors.push_back({"evaluation_unit", "Kies wanneer deelnemers evalueren."});
  else
    s.evaluation_unit = in.evaluation_unit;
  if (in.late_join != "" && in.late_join != "1")
    errors.push_back({"late_join", "Kies of late inschrijvingen mogen."});
  else
    s.late_join = in.late_join == "1";
  s.themes.clear();
  for (const auto& t : in.themes)
    if (std::find(s.themes.begin(), s.themes.end(), t) == s.themes.end()) s.themes.push_back(t);
  if (s.themes.size() > 20 || !catalog::unknown_terms(sql, "theme", s.themes).empty())
    errors.push_back({"themes", "Kies thema's uit de lijst."});
  parse_questions(in.questions, questions, errors);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return s;
}

Result<Session> SeriesService::parse_session(const SessionInput& in, Session s, bool is_new) {
  FieldErrors errors;
  s.title = trim(in.title);
  check_text(errors, "title", s.title, 200, false, "de titel");
  if (!is_choice(modules(), in.module))
    errors.push_back({"module", "Kies een module."});
  else
    s.module = in.module;
  if (!is_choice(formats(), in.format))
    errors.push_back({"format", "Kies een vorm."});
  else
    s.format = in.format;
  s.address = trim(in.address);
  check_text(errors, "address", s.address, 300, false, "het adres");
  s.room = trim(in.room);
  check_text(errors, "room", s.room, 100, false, "het lokaal");
  s.online_url = trim(in.online_url);
  s.trainers = trim(in.trainers);
  check_text(errors, "trainers", s.trainers, 300, false, "de trainers");
  if (s.format == "in_person" && s.address.empty())
    errors.push_back({"address", "Vul het adres in van een fysieke sessie."});
  if (s.format != "in_person" && s.online_url.empty())
    errors.push_back({"online_url", "Vul de link in van een online sessie of webinar."});
  else if (!s.online_url.empty() && !is_web_link(s.online_url))
    errors.push_back({"online_url", "Vul een link in die begint met https://."});
  const auto starts = brussels_to_utc(trim(in.date), trim(in.start));
  const auto ends = brussels_to_utc(trim(in.date), trim(in.end));
  if (!brussels_to_utc(trim(in.date), "12:00"))
    errors.push_back({"date", "Vul de datum in als jjjj-mm-dd."});
  else if (!starts)
    errors.push_back({"start", "Vul het beginuur in als uu:mm."});
  else if (!ends)
    errors.push_back({"end", "Vul het einduur in als uu:mm."});
  else if (*ends <= *starts)
    errors.push_back({"end", "Het einduur moet na het beginuur liggen."});
  else if (*starts <= clock_.now() && (is_new || *starts != s.starts_at))
    errors.push_back({"date", "De sessie kan niet in het verleden beginnen."});
  if (starts && ends && *ends > *starts) {
    s.starts_at = *starts;
    s.ends_at = *ends;
  }
  if (auto capacity = small_number(in.capacity, 1, 1000))
    s.capacity = *capacity;
  else
    errors.push_back({"capacity", "Vul het aantal plaatsen in: een getal van 1 tot 1000."});
  if (in.status != "planned" && in.status != "cancelled")
    errors.push_back({"status", "Kies een status."});
  else
    s.status = in.status;
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return s;
}

Result<Series> SeriesService::create(const web::Principal& actor, const SeriesInput& input) {
  if (!may_create(actor, trim(input.owner_nis_code))) {
    if (actor.role == Role::spoc && !actor.spoc_of.empty())
      return Error::invalid("owner_nis_code", "Kies een gemeente waarvoor je SPOC bent.");
    return Error::of(Failure::forbidden, "Je mag geen reeks aanmaken voor deze gemeente.");
  }
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Series> {
    std::vector<std::string> questions;
    auto parsed = parse_series(sql, input, Series{}, questions);
    if (!parsed) return parsed.error();
    Series s = std::move(parsed).value();
    if (s.status == "cancelled")
      return Error::invalid("status", "Een nieuwe reeks kan niet meteen geannuleerd zijn.");
    std::string base = catalog::slugify(s.title).substr(0, 80);
    // Literal routes under /vorming/ win over a series slug: never take their names.
    static const char* const reserved[] = {
        "nieuw",      "mijn",        "bevestigen",  "inschrijving", "agenda",
        "agenda-ics", "mijn-agenda", "impact",      "aanwezigheid", "inchecken",
        "attest",     "evaluatie",   "impact-xlsx", "impact-csv"};
    for (const char* word : reserved)
      if (base == word) base += "-reeks";
    s.slug = base.empty() ? "reeks" : base;
    for (int n = 2; TrainingStore::slug_taken(sql, s.slug); ++n)
      s.slug = (base.empty() ? "reeks" : base) + "-" + std::to_string(n);
    s.id = TrainingStore::insert_series(sql, s, now);
    TrainingStore::replace_questions(sql, s.id, questions);
    s.created_at = s.updated_at = now;
    return s;
  });
}

Result<Series> SeriesService::update(const web::Principal& actor, std::int64_t series_id,
                                     const SeriesInput& input) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Series> {
    if (!store::lock_row(sql, "training_series", series_id)) return Error::of(Failure::not_found);
    auto current = TrainingStore::find_series(sql, series_id);
    if (!current) return Error::of(Failure::not_found);
    if (!may_manage(actor, *current)) return Error::of(Failure::forbidden);
    std::vector<std::string> questions;
    auto parsed = parse_series(sql, input, *current, questions);
    if (!parsed) return parsed.error();
    Series s = std::move(parsed).value();
    if (s.owner_nis_code != current->owner_nis_code && !may_create(actor, s.owner_nis_code))
      return Error::invalid("owner_nis_code", "Je mag de reeks niet aan deze gemeente geven.");
    if (current->status == "cancelled" && s.status != "cancelled")
      return Error::invalid("status", "Een geannuleerde reeks blijft geannuleerd.");
    TrainingStore::update_series(sql, s, now);
    TrainingStore::replace_questions(sql, s.id, questions);
    if (s.status == "cancelled" && current->status != "cancelled") {
      for (auto r : TrainingStore::of_series(sql, s.id)) {
        if (!r.active()) continue;
        r.state = "cancelled";
        r.queue_position.reset();
        r.offer_expires_at.reset();
        TrainingStore::update_state(sql, r, now);
        if (notify_) notify_(sql, Event{Event::Kind::series_cancelled, r, std::nullopt, 0});
      }
    }
    s.updated_at = now;
    return s;
  });
}

Result<Session> SeriesService::add_session(const web::Principal& actor, std::int64_t series_id,
                                           const SessionInput& input) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Session> {
    if (!store::lock_row(sql, "training_series", series_id)) return Error::of(Failure::not_found);
    auto series = TrainingStore::find_series(sql, series_id);
    if (!series) return Error::of(Failure::not_found);
    if (!may_manage(actor, *series)) return Error::of(Failure::forbidden);
    if (series->status == "cancelled")
      return Error::of(Failure::conflict, "Deze reeks is geannuleerd.");
    Session base;
    base.series_id = series_id;
    auto parsed = parse_session(input, base, true);
    if (!parsed) return parsed.error();
    Session s = std::move(parsed).value();
    s.id = TrainingStore::insert_session(sql, s, now);
    return s;
  });
}

Result<Session> SeriesService::update_session(const web::Principal& actor, std::int64_t series_id,
                                              std::int64_t session_id, const SessionInput& input) {
  const std::int64_t now = clock_.now();
  std::optional<Unit> grown;
  auto outcome = db_.transact([&](soci::session& sql) -> Result<Session> {
    if (!store::lock_row(sql, "training_series", series_id)) return Error::of(Failure::not_found);
    auto series = TrainingStore::find_series(sql, series_id);
    auto current = TrainingStore::find_session(sql, session_id);
    if (!series || !current || current->series_id != series_id)
      return Error::of(Failure::not_found);
    if (!may_manage(actor, *series)) return Error::of(Failure::forbidden);
    if (current->status == "cancelled")
      return Error::of(Failure::conflict, "Deze sessie is geannuleerd en kan niet meer wijzigen.");
    auto parsed = parse_session(input, *current, false);
    if (!parsed) return parsed.error();
    Session s = std::move(parsed).value();
    TrainingStore::update_session(sql, s, now);
    // Who hears of it: everyone holding a place for this session (its own
    // registrations, or the series' when people register for the whole series).
    const bool cancelled = s.status == "cancelled";
    if (notify_ && (cancelled || session_relevant_change(*current, s))) {
      for (const auto& r : TrainingStore::of_series(sql, series_id)) {
        if (r.state != "registered" && r.state != "offered") continue;
        if (r.unit.session_id && *r.unit.session_id != s.id) continue;
        notify_(sql,
                Event{cancelled ? Event::Kind::session_cancelled : Event::Kind::session_changed, r,
                      s, 0});
      }
    }
    if (cancelled && series->registration_unit == "session") {
      // Registrations for a cancelled session end with it.
      for (auto r : TrainingStore::of_series(sql, series_id)) {
        if (!r.active() || r.unit.session_id != s.id) continue;
        r.state = "cancelled";
        r.queue_position.reset();
        r.offer_expires_at.reset();
        TrainingStore::update_state(sql, r, now);
      }
    }
    if (!cancelled && s.capacity > current->capacity)
      grown =
          Unit{series_id, series->registration_unit == "session" ? std::optional<std::int64_t>(s.id)
                                                                 : std::nullopt};
    return s;
  });
  // More places: offer them to the waitlist (its own transaction, with notices).
  if (outcome && grown) RegistrationService(db_, clock_, notify_).fill_free_places(*grown);
  return outcome;
}

}  // namespace schakel::trainings
