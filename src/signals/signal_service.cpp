#include "signals/signal_service.hpp"

#include "catalog/types.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/records_rules.hpp"
#include "signals/timeline_store.hpp"
#include "store/changes.hpp"
#include "store/rate_limits.hpp"

namespace schakel::signals {

namespace {

const store::RateRule new_signals_rule{signals_per_hour, 3600};

std::optional<std::int64_t> actor_of(const std::optional<web::Principal>& user) {
  if (!user) return std::nullopt;
  return user->id;
}

// Appends the timeline entry of a change to signal `id` and records it in the
// change feed. Requires: inside the transaction of the change.
void tell(soci::session& sql, std::int64_t id, const std::optional<web::Principal>& user,
          std::int64_t now, const std::string& event, const std::string& summary,
          const std::string& verb) {
  TimelineStore::append(sql, TimelineEntry{0, "signal", id, now, actor_of(user), event, summary});
  store::record_change(sql, "signal", std::to_string(id), verb, now);
}

}  // namespace

Result<SignalList> SignalService::list(const std::optional<web::Principal>& user,
                                       SignalFilter filter) {
  if (!may_see_records(user)) return Error::of(Failure::forbidden);
  const bool spoc = user && user->role == Role::spoc;
  if (filter.gemeente.empty()) filter.gemeente = spoc ? "mijn" : "alle";
  if (filter.status.empty()) filter.status = "open";
  SignalQuery q;
  if (filter.gemeente == "mijn") {
    q.municipalities = spoc ? user->spoc_of : std::vector<std::string>{};
    if (!spoc) filter.gemeente = "alle";
  } else if (filter.gemeente != "alle") {
    if (!reference::is_municipality(db_, filter.gemeente))
      return Error::invalid("gemeente", "Deze gemeente bestaat niet.");
    q.municipalities = {filter.gemeente};
  }
  if (!filter.thema.empty()) {
    if (!is_choice(theme_choices(db_), filter.thema))
      return Error::invalid("thema", "Dit thema bestaat niet.");
    q.theme = filter.thema;
  }
  if (filter.status == "open")
    q.status = "open";
  else if (filter.status == "gesloten")
    q.status = "closed";
  else if (filter.status == "alle")
    q.status = "all";
  else
    return Error::invalid("status", "Kies als status open, gesloten of alle.");
  const auto viewer = viewer_of(user);
  SignalList out;
  out.filter = filter;
  // A SPOC's own municipalities are a list even when empty: then she sees nothing.
  if (filter.gemeente == "mijn" && q.municipalities.empty()) return out;
  db_.run([&](soci::session& sql) {
    out.signals = SignalStore::list(sql, q, viewer, signal_list_max);
    out.count = SignalStore::count(sql, q, viewer);
  });
  return out;
}

Result<Signal> SignalService::get(const std::optional<web::Principal>& user, std::int64_t id) {
  if (!may_see_records(user)) return Error::of(Failure::forbidden);
  auto found =
      db_.run([&](soci::session& sql) { return SignalStore::find(sql, id, viewer_of(user)); });
  if (!found) return Error::of(Failure::not_found, "Dit signaal bestaat niet (meer).");
  return *found;
}

Result<std::vector<TimelineEntry>> SignalService::timeline(
    const std::optional<web::Principal>& user, std::int64_t id) {
  auto s = get(user, id);
  if (!s) return s.error();
  return db_.run([&](soci::session& sql) { return TimelineStore::entries(sql, "signal", id); });
}

bool SignalService::may_edit(const std::optional<web::Principal>& user, const Signal& s) {
  return may_write_for(user, s.nis_code);
}

FieldErrors SignalService::checked(Signal& s) {
  s.description = trim(s.description);
  s.nis_code = trim(s.nis_code);
  s.target_group = trim(s.target_group);
  s.sector = trim(s.sector);
  s.track = trim(s.track);
  s.source = trim(s.source);
  s.observed_on = trim(s.observed_on);
  FieldErrors errors;
  check_text(errors, "description", s.description, description_max,
             "Beschrijf wat je hoorde: een situatie of een trend, nooit een persoon.");
  if (s.nis_code.empty())
    errors.push_back({"nis_code", "Kies de gemeente waar je het signaal opving."});
  else if (!reference::is_municipality(db_, s.nis_code))
    errors.push_back({"nis_code", "Deze gemeente bestaat niet."});
  check_themes(db_, errors, s.themes);
  if (s.observed_on.empty())
    errors.push_back({"observed_on", "Geef de datum waarop je het signaal opving."});
  else if (!is_date(s.observed_on))
    errors.push_back({"observed_on", "Geef een echte datum, zoals " + today(clock_.now()) + "."});
  else if (s.observed_on > today(clock_.now()))
    errors.push_back({"observed_on", "De datum ligt in de toekomst."});
  check_text(errors, "target_group", s.target_group, short_text_max);
  check_text(errors, "sector", s.sector, short_text_max);
  if (!s.track.empty() && !is_choice(catalog::tracks(), s.track))
    errors.push_back({"track", "Kies een spoor uit de lijst."});
  check_text(errors, "source", s.source, short_text_max);
  if (!is_choice(frequencies(), s.frequency))
    errors.push_back({"frequency", "Kies hoe vaak je dit hoort."});
  return errors;
}

Result<Signal> SignalService::create(const std::optional<web::Principal>& user, Signal s) {
  if (!may_see_records(user)) return Error::of(Failure::forbidden);
  auto errors = checked(s);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (!may_write_for(user, s.nis_code))
    return Error{Failure::forbidden,
                 {{"nis_code", "Je kunt alleen signalen van je eigen gemeente(n) melden."}}};
  store::RateLimiter limiter(db_, clock_);
  const auto slot = limiter.reserve("signals:new:" + std::to_string(user->id), new_signals_rule);
  if (slot.wait > 0)
    return Error::of(Failure::busy, "Je meldde dit uur al veel signalen. Probeer opnieuw over " +
                                        std::to_string((slot.wait + 59) / 60) + " minuten.");
  const auto now = clock_.now();
  s.closed_at.reset();
  s.created_by = user->id;
  s.created_at = s.updated_at = now;
  const auto summary = "Signaal gemeld in " + reference::municipality_name(db_, s.nis_code);
  db_.transact([&](soci::session& sql) {
    s.id = SignalStore::insert(sql, s, false, now);
    tell(sql, s.id, user, now, "created", summary, "created");
  });
  return s;
}

Result<Signal> SignalService::update(const std::optional<web::Principal>& user, Signal s) {
  auto old = get(user, s.id);
  if (!old) return old.error();
  if (!may_edit(user, old.value()))
    return Error::of(Failure::forbidden,
                     "Je kunt alleen signalen van je eigen gemeente(n) "
                     "aanpassen.");
  auto errors = checked(s);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (!may_write_for(user, s.nis_code))
    return Error{
        Failure::forbidden,
        {{"nis_code", "Je kunt een signaal alleen naar je eigen gemeente(n) verplaatsen."}}};
  const auto now = clock_.now();
  s.closed_at = old.value().closed_at;
  s.created_by = old.value().created_by;
  s.created_at = old.value().created_at;
  s.updated_at = now;
  db_.transact([&](soci::session& sql) {
    SignalStore::update(sql, s, now);
    tell(sql, s.id, user, now, "edited", "Signaal aangepast", "updated");
  });
  return s;
}

Status SignalService::set_closed(const std::optional<web::Principal>& user, std::int64_t id,
                                 bool closed) {
  auto s = get(user, id);
  if (!s) return s.error();
  if (!may_edit(user, s.value()))
    return Error::of(Failure::forbidden,
                     "Je kunt alleen signalen van je eigen gemeente(n) "
                     "afsluiten of heropenen.");
  if (s.value().closed_at.has_value() == closed)
    return Error::of(Failure::conflict,
                     closed ? "Dit signaal is al afgesloten." : "Dit signaal is al open.");
  const auto now = clock_.now();
  db_.transact([&](soci::session& sql) {
    SignalStore::set_closed(sql, id, closed ? std::optional<std::int64_t>(now) : std::nullopt, now);
    tell(sql, id, user, now, closed ? "closed" : "edited",
         closed ? "Signaal afgesloten" : "Signaal heropend", "updated");
  });
  return ok_status();
}

Status SignalService::close(const std::optional<web::Principal>& user, std::int64_t id) {
  return set_closed(user, id, true);
}

Status SignalService::reopen(const std::optional<web::Principal>& user, std::int64_t id) {
  return set_closed(user, id, false);
}

}  // namespace schakel::signals
