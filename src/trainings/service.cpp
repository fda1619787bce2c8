#include "trainings/service.hpp"

#include <algorithm>

#include "core/email.hpp"
#include "store/locks.hpp"
#include "web/form.hpp"

namespace schakel::trainings {

namespace {

// Thrown inside a transaction to roll it back with a refusal.
struct Refused {
  Error error;
};

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// Registration `id` as it stands once its series is locked (nullopt when absent).
std::optional<Registration> lock_registration(soci::session& sql, std::int64_t id) {
  auto r = TrainingStore::find_registration(sql, id);
  if (!r) return r;
  store::lock_row(sql, "training_series", r->unit.series_id);
  return TrainingStore::find_registration(sql, id);
}

}  // namespace

Result<Person> RegistrationService::normalise(const Person& person) {
  FieldErrors errors;
  Person p = person;
  p.name.erase(0, p.name.find_first_not_of(" \t"));
  p.name.erase(p.name.find_last_not_of(" \t") + 1);
  if (p.name.empty() || p.name.size() > 200 || !web::valid_utf8(p.name))
    errors.push_back({"name", "Vul je naam in (hoogstens 200 tekens)."});
  p.email = lower_ascii(person.email);
  p.email.erase(0, p.email.find_first_not_of(" \t"));
  p.email.erase(p.email.find_last_not_of(" \t") + 1);
  if (!valid_email_address(p.email)) errors.push_back({"email", "Vul een geldig e-mailadres in."});
  if (p.nis_code.size() > 5 || p.nis_code.find_first_not_of("0123456789") != std::string::npos)
    errors.push_back({"nis_code", "Kies een gemeente uit de lijst."});
  if (p.sector.size() > 40 || !web::valid_utf8(p.sector))
    errors.push_back({"sector", "Kies een sector uit de lijst."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return p;
}

std::optional<Error> RegistrationService::refuse(soci::session& sql, const Unit& unit,
                                                 const std::string& email, std::int64_t now) {
  auto series = TrainingStore::find_series(sql, unit.series_id);
  if (!series || series->status != "published") return Error::of(Failure::not_found);
  if ((series->registration_unit == "session") != unit.session_id.has_value())
    return Error::invalid("session", series->registration_unit == "session"
                                         ? "Kies een sessie om je voor in te schrijven."
                                         : "Je schrijft je in voor de hele reeks.");
  // The deadline holds whatever the sessions are; "no sessions left" only
  // where some were planned (without any there is nothing to register for).
  if (series->registration_deadline && now > *series->registration_deadline)
    return Error::invalid("deadline", "De inschrijvingen zijn afgesloten.");
  const auto sessions = TrainingStore::sessions_of(sql, unit.series_id);
  const bool any_planned = std::any_of(sessions.begin(), sessions.end(),
                                       [](const Session& x) { return x.status == "planned"; });
  if (any_planned)
    if (auto why = closed_reason(*series, sessions, now); !why.empty())
      return Error::invalid("deadline", why);
  if (TrainingStore::capacity(sql, unit) == 0)
    return unit.session_id ? Error::invalid("session", "Kies een sessie uit de lijst.")
                           : Error::of(Failure::not_found);
  if (unit.session_id) {
    auto session = TrainingStore::find_session(sql, *unit.session_id);
    if (!session || session->starts_at <= now)
      return Error::invalid("session", "Deze sessie is al begonnen of voorbij.");
  }
  if (TrainingStore::active(sql, unit, email))
    return Error::of(Failure::conflict, "Je bent al ingeschreven of staat op de wachtlijst.");
  return std::nullopt;
}

std::string RegistrationService::closed_reason(const Series& series,
                                               const std::vector<Session>& sessions,
                                               std::int64_t now) {
  if (series.status == "cancelled") return "Deze reeks is geannuleerd.";
  if (series.status == "draft") return "Deze reeks is nog niet gepubliceerd.";
  std::optional<std::int64_t> first;
  bool upcoming = false;
  for (const auto& s : sessions) {
    if (s.status != "planned") continue;
    if (!first || s.starts_at < *first) first = s.starts_at;
    if (s.starts_at > now) upcoming = true;
  }
  if (!upcoming) return "Er zijn geen sessies meer gepland.";
  if (series.registration_deadline && now > *series.registration_deadline)
    return "De inschrijvingen zijn afgesloten.";
  if (series.registration_unit == "series" && first && *first <= now && !series.late_join)
    return "De inschrijvingen zijn afgesloten: de reeks is al begonnen.";
  return "";
}

Status RegistrationService::check(const Unit& unit, const Person& person) {
  auto p = normalise(person);
  if (!p) return p.error();
  const std::int64_t now = clock_.now();
  auto refused =
      db_.run([&](soci::session& sql) { return refuse(sql, unit, p.value().email, now); });
  if (refused) return *refused;
  return ok_status();
}

Result<Registration> RegistrationService::insert_one(soci::session& sql, const Unit& unit,
                                                     const Person& person, std::int64_t now,
                                                     const AfterInsert& after) {
  if (auto refused = refuse(sql, unit, person.email, now)) return *refused;
  const int places = TrainingStore::capacity(sql, unit);
  Registration r;
  r.unit = unit;
  r.user_id = person.user_id;
  r.name = person.name;
  r.email = person.email;
  if (TrainingStore::holding(sql, unit) < places && !TrainingStore::first_waitlisted(sql, unit)) {
    r.state = "registered";
  } else {
    r.state = "waitlisted";
    r.queue_position = TrainingStore::next_position(sql, unit);
  }
  r.nis_code = person.nis_code;
  r.sector = person.sector;
  r.id = TrainingStore::insert_registration(sql, r, now);
  r.created_at = r.updated_at = now;
  if (after) after(sql, r);
  raise(sql, r.state == "registered" ? Event::Kind::registered : Event::Kind::waitlisted, r);
  return r;
}

Result<Registration> RegistrationService::register_person(const Unit& unit, const Person& input,
                                                          const AfterInsert& after) {
  auto done = register_sessions(
      unit.series_id,
      unit.session_id ? std::vector<std::int64_t>{*unit.session_id} : std::vector<std::int64_t>{},
      input, after);
  if (!done) return done.error();
  return done.value().front();
}

Result<std::vector<Registration>> RegistrationService::register_sessions(
    std::int64_t series_id, const std::vector<std::int64_t>& session_ids, const Person& input,
    const AfterInsert& after) {
  auto normalised = normalise(input);
  if (!normalised) return normalised.error();
  const Person& person = normalised.value();
  const std::int64_t now = clock_.now();
  std::vector<Unit> units;
  if (session_ids.empty()) units.push_back(Unit{series_id, std::nullopt});
  for (auto id : session_ids)
    if (std::none_of(units.begin(), units.end(), [&](const Unit& u) { return u.session_id == id; }))
      units.push_back(Unit{series_id, id});

  // PostgreSQL may abort one of two racing transactions: transact_retrying tries again.
  try {
    return db_.transact_retrying([&](soci::session& sql) -> Result<std::vector<Registration>> {
      // Registrations of one series take turns: count and insert cannot interleave.
      if (!store::lock_row(sql, "training_series", series_id)) return Error::of(Failure::not_found);
      std::vector<Registration> out;
      for (const auto& unit : units) {
        auto r = insert_one(sql, unit, person, now, after);
        // All or nothing: a refused session rolls the others back.
        if (!r) throw Refused{r.error()};
        out.push_back(std::move(r).value());
      }
      return out;
    });
  } catch (const Refused& refused) {
    return refused.error;
  } catch (const store::StoreError& e) {
    // A duplicate that raced past the check is refused by the unique index.
    if (e.kind() == store::ErrorKind::conflict)
      return Error::of(Failure::conflict, "Je bent al ingeschreven of staat op de wachtlijst.");
    throw;
  }
}

std::vector<Registration> RegistrationService::offer_free_places(soci::session& sql,
                                                                 const Unit& unit,
                                                                 std::int64_t now) {
  std::vector<Registration> offers;
  auto series = TrainingStore::find_series(sql, unit.series_id);
  if (!series) return offers;
  // The hold: the series' time, but at most half the time left before the first
  // session still to come (and at least one hour), so a late place is not lost.
  std::int64_t hold = series->offer_hold_seconds;
  for (const auto& s : TrainingStore::sessions_of(sql, unit.series_id)) {
    if (unit.session_id && s.id != *unit.session_id) continue;
    if (s.status == "planned" && s.starts_at > now) {
      hold = std::min(hold, std::max<std::int64_t>(3600, (s.starts_at - now) / 2));
      break;
    }
  }
  const int places = TrainingStore::capacity(sql, unit);
  while (TrainingStore::holding(sql, unit) < places) {
    auto next = TrainingStore::first_waitlisted(sql, unit);
    if (!next) break;
    next->state = "offered";
    next->offer_expires_at = now + hold;
    TrainingStore::update_state(sql, *next, now);
    raise(sql, Event::Kind::offered, *next);
    offers.push_back(*next);
  }
  return offers;
}

Result<Registration> RegistrationService::cancel(std::int64_t registration_id) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Registration> {
    auto r = lock_registration(sql, registration_id);
    if (!r) return Error::of(Failure::not_found);
    if (r->state != "registered" && r->state != "waitlisted" && r->state != "offered")
      return Error::of(Failure::conflict, "Deze inschrijving is al beëindigd.");
    r->state = "cancelled";
    r->offer_expires_at.reset();
    TrainingStore::update_state(sql, *r, now);
    raise(sql, Event::Kind::cancelled, *r);
    offer_free_places(sql, r->unit, now);
    return *r;
  });
}

Result<Registration> RegistrationService::accept_offer(std::int64_t registration_id) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Registration> {
    auto r = lock_registration(sql, registration_id);
    if (!r) return Error::of(Failure::not_found);
    if (r->state != "offered")
      return Error::of(Failure::conflict, "Er staat geen plaats voor je klaar.");
    if (!r->offer_expires_at || now >= *r->offer_expires_at)
      return Error::of(Failure::conflict, "Het aanbod is verlopen.");
    r->state = "registered";
    r->queue_position.reset();
    r->offer_expires_at.reset();
    TrainingStore::update_state(sql, *r, now);
    raise(sql, Event::Kind::registered, *r);
    return *r;
  });
}

Result<Registration> RegistrationService::promote(std::int64_t registration_id) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Registration> {
    auto r = lock_registration(sql, registration_id);
    if (!r) return Error::of(Failure::not_found);
    if (r->state != "waitlisted")
      return Error::of(Failure::conflict, "Deze persoon staat niet op de wachtlijst.");
    if (TrainingStore::holding(sql, r->unit) >= TrainingStore::capacity(sql, r->unit))
      return Error::of(Failure::conflict,
                       "Er is geen vrije plaats. Verhoog eerst de capaciteit van de sessie.");
    r->state = "registered";
    r->queue_position.reset();
    TrainingStore::update_state(sql, *r, now);
    raise(sql, Event::Kind::registered, *r);
    return *r;
  });
}

std::int64_t RegistrationService::waitlist_position(const Registration& r) {
  if (r.state != "waitlisted" || !r.queue_position) return 0;
  return db_.run([&](soci::session& sql) {
    std::int64_t ahead = 0;
    for (const auto& other : TrainingStore::of_unit(sql, r.unit))
      if (other.state == "waitlisted" && other.queue_position &&
          *other.queue_position < *r.queue_position)
        ++ahead;
    return ahead + 1;
  });
}

void RegistrationService::raise(soci::session& sql, Event::Kind kind, const Registration& r) {
  if (!notify_) return;
  Event event{kind, r, std::nullopt, 0};
  if (kind == Event::Kind::waitlisted) {
    std::int64_t ahead = 0;
    for (const auto& other : TrainingStore::of_unit(sql, r.unit))
      if (other.state == "waitlisted" && other.queue_position && r.queue_position &&
          *other.queue_position < *r.queue_position)
        ++ahead;
    event.waitlist_position = ahead + 1;
  }
  notify_(sql, event);
}

Result<std::vector<Registration>> RegistrationService::fill_free_places(const Unit& unit) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<std::vector<Registration>> {
    if (!store::lock_row(sql, "training_series", unit.series_id))
      return Error::of(Failure::not_found);
    return offer_free_places(sql, unit, now);
  });
}

int RegistrationService::expire_offers() {
  const std::int64_t now = clock_.now();
  std::vector<Registration> expired;
  db_.run([&](soci::session& sql) { expired = TrainingStore::expired_offers(sql, now); });
  int ended = 0;
  for (const auto& candidate : expired) {
    db_.transact([&](soci::session& sql) {
      auto r = lock_registration(sql, candidate.id);
      if (!r || r->state != "offered" || !r->offer_expires_at || *r->offer_expires_at > now)
        return;  // taken or ended meanwhile
      r->state = "expired";
      TrainingStore::update_state(sql, *r, now);
      raise(sql, Event::Kind::expired, *r);
      ++ended;
      offer_free_places(sql, r->unit, now);
    });
  }
  return ended;
}

}  // namespace schakel::trainings
