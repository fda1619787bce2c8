#include "trainings/attendance_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "accounts/types.hpp"
#include "reference/municipalities.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string sector_label(const std::string& sector) {
  if (sector.empty()) return "Niet opgegeven";
  return label_of(accounts::sectors(), sector);
}

std::string municipality_label(const std::map<std::string, std::string>& names,
                               const std::string& nis_code) {
  if (nis_code.empty()) return "";
  auto it = names.find(nis_code);
  return it == names.end() ? nis_code : it->second;
}

// "2026-11-28 14:03", Europe/Brussels.
std::string local_time(std::int64_t t) {
  const std::string utc = format_utc(t + brussels_offset(t));  // "2026-11-28T14:03:00Z"
  return utc.substr(0, 10) + " " + utc.substr(11, 5);
}

std::string state_label(const std::string& state) {
  static const std::map<std::string, std::string> labels = {{"registered", "ingeschreven"},
                                                            {"waitlisted", "wachtlijst"},
                                                            {"offered", "plaats aangeboden"},
                                                            {"cancelled", "geannuleerd"},
                                                            {"expired", "aanbod verlopen"}};
  auto it = labels.find(state);
  return it == labels.end() ? state : it->second;
}

// A late joiner is not a participant of the sessions that began before they
// registered: not on their lists, no cell, no no-show (Registration::counts).
bool covers(const Registration& r, const Session& s) {
  return r.state == "registered" && r.counts(s);
}

std::optional<Session> session_of(soci::session& sql, std::int64_t series_id,
                                  std::int64_t session_id) {
  auto session = TrainingStore::find_session(sql, session_id);
  if (!session || session->series_id != series_id) return std::nullopt;
  return session;
}

Error no_session() { return Error::of(Failure::not_found, "Deze sessie bestaat niet."); }
Error cancelled() {
  return Error::of(Failure::conflict, "Deze sessie is geannuleerd: er is geen aanwezigheid.");
}

SessionList build_list(soci::session& sql, const Series& series, const Session& session) {
  SessionList list{series, session, {}, 0};
  const auto& names = reference::municipality_names(sql);
  for (auto& r :
       AttendanceService::participants(TrainingStore::of_series(sql, series.id), session)) {
    ListRow row{r, municipality_label(names, r.nis_code),
                AttendanceStore::find(sql, session.id, r.id)};
    if (row.present()) ++list.present;
    list.rows.push_back(std::move(row));
  }
  std::stable_sort(list.rows.begin(), list.rows.end(), [](const ListRow& a, const ListRow& b) {
    return lower(a.registration.name) < lower(b.registration.name);
  });
  return list;
}

// The totals by label.
std::vector<Total> sorted(const std::map<std::string, Total>& totals) {
  std::vector<Total> out;
  for (const auto& entry : totals) out.push_back(entry.second);
  std::stable_sort(out.begin(), out.end(),
                   [](const Total& a, const Total& b) { return lower(a.label) < lower(b.label); });
  return out;
}

// A person's registered registrations in one series, keyed by lower-case e-mail.
struct Person {
  std::vector<Registration> registrations;
  const Registration* for_session(const Session& s) const {
    for (const auto& r : registrations)
      if (covers(r, s)) return &r;
    return nullptr;
  }
};

SeriesReport build_report(soci::session& sql, const Series& series,
                          const std::map<std::string, std::string>& names, std::int64_t now) {
  SeriesReport report;
  report.series = series;
  report.sessions = TrainingStore::sessions_of(sql, series.id);
  std::map<std::pair<std::int64_t, std::int64_t>, bool> present;  // (session, registration)
  for (const auto& m : AttendanceStore::of_series(sql, series.id))
    present[{m.session_id, m.registration_id}] = m.present;

  std::map<std::string, Person> people;
  for (auto& r : TrainingStore::of_series(sql, series.id))
    if (r.state == "registered") people[lower(r.email)].registrations.push_back(r);

  std::map<std::string, Total> by_municipality, by_sector;
  for (const auto& [email, person] : people) {
    const Registration& first = person.registrations.front();
    SeriesReport::Row row{first.name,
                          first.email,
                          municipality_label(names, first.nis_code),
                          sector_label(first.sector),
                          {},
                          0};
    int no_shows = 0;
    for (const auto& s : report.sessions) {
      const Registration* r = person.for_session(s);
      Cell cell = Cell::not_registered;
      if (s.status == "cancelled") {
        cell = Cell::cancelled;
      } else if (r) {
        auto mark = present.find({s.id, r->id});
        if (mark != present.end() && mark->second)
          cell = Cell::present;
        else if (mark != present.end() || s.ends_at <= now)
          cell = Cell::absent;
        else
          cell = Cell::pending;
        if (cell == Cell::absent && s.ends_at <= now) {
          ++no_shows;
          report.no_shows.push_back({first.name, s});
        }
      }
      if (cell == Cell::present) ++row.attended;
      row.cells.push_back(cell);
    }
    for (auto* totals : {&by_municipality, &by_sector}) {
      const bool m = totals == &by_municipality;
      const std::string key = m ? first.nis_code : first.sector;
      Total& t = (*totals)[key];
      t.key = key;
      t.label = m ? (key.empty() ? "Niet opgegeven" : row.municipality) : row.sector;
      ++t.registered;
      if (row.attended > 0) ++t.attended;
      t.no_shows += no_shows;
    }
    report.rows.push_back(std::move(row));
  }
  auto by_name = [](const auto& a, const auto& b) { return lower(a.name) < lower(b.name); };
  std::stable_sort(report.rows.begin(), report.rows.end(), by_name);
  std::stable_sort(report.no_shows.begin(), report.no_shows.end(),
                   [&](const SeriesReport::NoShow& a, const SeriesReport::NoShow& b) {
                     if (a.session.starts_at != b.session.starts_at)
                       return a.session.starts_at < b.session.starts_at;
                     return by_name(a, b);
                   });
  report.by_municipality = sorted(by_municipality);
  report.by_sector = sorted(by_sector);
  return report;
}

}  // namespace

std::vector<Total> add_up(const std::vector<SeriesReport>& reports,
                          std::vector<Total> SeriesReport::*totals) {
  std::map<std::string, Total> sum;
  for (const auto& report : reports)
    for (const auto& t : report.*totals) {
      Total& into = sum[t.key];
      into.key = t.key;
      into.label = t.label;
      into.registered += t.registered;
      into.attended += t.attended;
      into.no_shows += t.no_shows;
    }
  return sorted(sum);
}

std::string session_label(const Session& session) {
  std::string label = label_of(modules(), session.module);
  if (!session.title.empty()) label += ": " + session.title;
  return label + " – " + format_date_nl(session.starts_at);
}

std::string cell_text(Cell cell) {
  switch (cell) {
    case Cell::present:
      return "aanwezig";
    case Cell::absent:
      return "afwezig";
    case Cell::pending:
      return "nog niet geweest";
    case Cell::not_registered:
      return "niet ingeschreven";
    case Cell::cancelled:
      return "sessie geannuleerd";
  }
  return "";
}

std::vector<Registration> AttendanceService::participants(
    const std::vector<Registration>& registrations, const Session& session) {
  std::vector<Registration> out;
  for (const auto& r : registrations)
    if (covers(r, session)) out.push_back(r);
  return out;
}

Result<SessionList> AttendanceService::session_list(std::int64_t series_id,
                                                    std::int64_t session_id) {
  return db_.run([&](soci::session& sql) -> Result<SessionList> {
    auto series = TrainingStore::find_series(sql, series_id);
    auto session = series ? session_of(sql, series_id, session_id) : std::nullopt;
    if (!session) return no_session();
    return build_list(sql, *series, *session);
  });
}

Result<SessionList> AttendanceService::mark(std::int64_t series_id, std::int64_t session_id,
                                            const std::vector<std::pair<std::int64_t, bool>>& marks,
                                            std::optional<std::int64_t> by) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<SessionList> {
    auto series = TrainingStore::find_series(sql, series_id);
    auto session = series ? session_of(sql, series_id, session_id) : std::nullopt;
    if (!session) return no_session();
    if (session->status == "cancelled") return cancelled();
    const auto participants =
        AttendanceService::participants(TrainingStore::of_series(sql, series_id), *session);
    for (const auto& mark : marks) {
      // (Not a structured binding: clang 14 cannot capture one in the lambda.)
      const auto id = mark.first;
      if (std::none_of(participants.begin(), participants.end(),
                       [&](const Registration& r) { return r.id == id; }))
        return Error::invalid("registration",
                              "Deze persoon staat niet op de lijst van deze sessie.");
    }
    for (const auto& [registration, present] : marks)
      AttendanceStore::save(sql, Mark{session_id, registration, present, "list", by, now});
    return build_list(sql, *series, *session);
  });
}

Result<CheckIn> AttendanceService::check_in(std::int64_t session_id,
                                            std::optional<std::int64_t> user_id,
                                            const std::string& email) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<CheckIn> {
    auto session = TrainingStore::find_session(sql, session_id);
    auto series = session ? TrainingStore::find_series(sql, session->series_id) : std::nullopt;
    if (!series) return no_session();
    if (session->status == "cancelled") return cancelled();
    const auto participants =
        AttendanceService::participants(TrainingStore::of_series(sql, series->id), *session);
    const Registration* found = nullptr;
    if (user_id)
      for (const auto& r : participants)
        if (r.user_id == user_id) found = &r;
    const auto first = email.find_first_not_of(" \t");
    const std::string wanted =
        first == std::string::npos
            ? ""
            : lower(email.substr(first, email.find_last_not_of(" \t") - first + 1));
    if (!found && !wanted.empty())
      for (const auto& r : participants)
        if (lower(r.email) == wanted) found = &r;
    if (!found)
      return Error::invalid("email",
                            "We vinden geen inschrijving met dit adres voor deze sessie. Gebruik "
                            "het adres waarmee je je inschreef.");
    CheckIn outcome{*series, *session, *found, false};
    auto earlier = AttendanceStore::find(sql, session_id, found->id);
    if (earlier && earlier->present) {
      outcome.already = true;
      return outcome;
    }
    AttendanceStore::save(sql, Mark{session_id, found->id, true, "qr", std::nullopt, now});
    return outcome;
  });
}

std::vector<SeriesReport> AttendanceService::reports(const std::vector<std::int64_t>& series_ids) {
  const std::int64_t now = clock_.now();
  return db_.run([&](soci::session& sql) {
    std::vector<SeriesReport> out;
    const auto& names = reference::municipality_names(sql);
    for (auto id : series_ids)
      if (auto series = TrainingStore::find_series(sql, id))
        out.push_back(build_report(sql, *series, names, now));
    return out;
  });
}

view::Table AttendanceService::registrations_table(std::int64_t series_id) {
  return db_.run([&](soci::session& sql) {
    view::Table table;
    table.name = "Inschrijvingen";
    table.header = {"Naam", "E-mail",   "Gemeente",   "Sector",
                    "Voor", "Toestand", "Wachtlijst", "Ingeschreven op"};
    auto series = TrainingStore::find_series(sql, series_id);
    if (!series) return table;
    const auto& names = reference::municipality_names(sql);
    std::map<std::int64_t, Session> sessions;
    for (auto& s : TrainingStore::sessions_of(sql, series_id)) sessions[s.id] = s;
    std::vector<Question> questions;
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> answers;
    if (!series->answers_deleted_at) {
      questions = TrainingStore::questions_of(sql, series_id);
      for (auto& a : TrainingStore::answers_of_series(sql, series_id))
        answers[{a.registration_id, a.question_id}] = a.answer;
    }
    for (const auto& q : questions) table.header.push_back(q.label);
    for (const auto& r : TrainingStore::of_series(sql, series_id)) {
      std::string unit = "Hele reeks";
      if (r.unit.session_id) {
        auto s = sessions.find(*r.unit.session_id);
        unit = s == sessions.end() ? "Sessie " + std::to_string(*r.unit.session_id)
                                   : session_label(s->second);
      }
      std::vector<view::Cell> row = {r.name,
                                     r.email,
                                     municipality_label(names, r.nis_code),
                                     r.sector.empty() ? std::string() : sector_label(r.sector),
                                     unit,
                                     state_label(r.state)};
      if (r.queue_position && (r.state == "waitlisted" || r.state == "offered"))
        row.emplace_back(static_cast<double>(*r.queue_position));
      else
        row.emplace_back(std::string());
      row.emplace_back(local_time(r.created_at));
      for (const auto& q : questions) {
        auto a = answers.find({r.id, q.id});
        row.emplace_back(a == answers.end() ? std::string() : a->second);
      }
      table.rows.push_back(std::move(row));
    }
    return table;
  });
}

view::Table AttendanceService::attendance_table(std::int64_t series_id) {
  view::Table table;
  table.name = "Aanwezigheid";
  table.header = {"Naam", "E-mail", "Gemeente", "Sector"};
  auto found = reports({series_id});
  if (found.empty()) return table;
  const SeriesReport& report = found.front();
  for (const auto& s : report.sessions) table.header.push_back(session_label(s));
  table.header.push_back("Aantal keer aanwezig");
  std::vector<double> per_session(report.sessions.size(), 0);
  for (const auto& row : report.rows) {
    std::vector<view::Cell> cells = {row.name, row.email, row.municipality, row.sector};
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      cells.emplace_back(cell_text(row.cells[i]));
      if (row.cells[i] == Cell::present) ++per_session[i];
    }
    cells.emplace_back(static_cast<double>(row.attended));
    table.rows.push_back(std::move(cells));
  }
  std::vector<view::Cell> totals = {std::string("Totaal aanwezig"), std::string(), std::string(),
                                    std::string()};
  double all = 0;
  for (double n : per_session) {
    totals.emplace_back(n);
    all += n;
  }
  totals.emplace_back(all);
  table.rows.push_back(std::move(totals));
  return table;
}

}  // namespace schakel::trainings
