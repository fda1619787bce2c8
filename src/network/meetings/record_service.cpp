// The agenda and what a meeting records: proposals and their order, minutes,
// attendance, decisions and action points (MeetingService, second part).
#include <algorithm>

#include "catalog/resource_refs.hpp"
#include "core/text.hpp"
#include "network/meetings/people.hpp"
#include "network/meetings/service.hpp"
#include "network/meetings/store.hpp"
#include "signals/action_service.hpp"
#include "signals/need_service.hpp"
#include "store/changes.hpp"
#include "web/access.hpp"

namespace schakel::meetings {

namespace {

bool is_date(const std::string& s) {
  return s.size() == 10 && s >= "2000-01-01" && s <= "2100-12-31" &&
         brussels_to_utc(s, "12:00").has_value();
}

std::string too_long(const char* what, std::size_t max) {
  return std::string(what) + " is te lang: hoogstens " + std::to_string(max) + " tekens.";
}

// An optional id field: empty is none; otherwise a positive number.
std::optional<std::optional<std::int64_t>> optional_id(const std::string& text) {
  const std::string t = trim(text);
  if (t.empty()) return std::optional<std::int64_t>{};
  auto id = parse_id(t);
  if (!id) return std::nullopt;
  return std::optional<std::int64_t>{*id};
}

}  // namespace

Result<AgendaItem> MeetingService::add_item(const std::optional<web::Principal>& user,
                                            std::int64_t meeting_id, const ItemInput& in) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  const bool organiser = is_meeting_organiser(user);
  AgendaItem item;
  FieldErrors errors;
  item.title = trim(in.title);
  if (item.title.empty()) errors.push_back({"title", "Geef het agendapunt een titel."});
  if (utf8_length(item.title) > title_max)
    errors.push_back({"title", too_long("De titel", title_max)});
  item.owner_name = trim(in.owner_name);
  if (utf8_length(item.owner_name) > owner_name_max)
    errors.push_back({"owner_name", too_long("De naam", owner_name_max)});
  if (const std::string mins = trim(in.minutes_planned); !mins.empty()) {
    auto n = parse_id(mins);
    if (!n || *n < 1 || *n > planned_minutes_max)
      errors.push_back({"minutes_planned", "Geef de duur in minuten, van 1 tot 480."});
    else
      item.minutes_planned = static_cast<int>(*n);
  }
  const auto need = optional_id(in.need_id);
  const auto action = optional_id(in.action_id);
  if (!need || (*need && !signals::NeedService(db_, clock_).get(user, **need)))
    errors.push_back({"need_id", "Deze nood bestaat niet. Geef het nummer van een nood."});
  else
    item.need_id = *need;
  if (!action || (*action && !signals::ActionService(db_, clock_).detail(user, **action)))
    errors.push_back({"action_id", "Deze actie bestaat niet. Geef het nummer van een actie."});
  else
    item.action_id = *action;
  if (const std::string resource = trim(in.resource); !resource.empty()) {
    auto ref = db_.run([&](soci::session& sql) -> std::optional<catalog::ResourceRef> {
      if (auto id = parse_id(resource)) return catalog::resource_ref(sql, *id);
      std::string slug = resource;
      if (auto at = slug.rfind("/kennisbank/"); at != std::string::npos)
        slug = slug.substr(at + 12);
      return catalog::resource_ref_by_slug(sql, slug);
    });
    if (!ref)
      errors.push_back({"resource", "Dit hulpmiddel vinden we niet in de kennisbank."});
    else
      item.resource_id = ref->id;
  }
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto busy = over_limit(*user, organiser ? "writes" : "proposals",
                             organiser ? writes_per_hour : proposals_per_hour))
    return *busy;
  return db_.transact([&](soci::session& sql) -> Result<AgendaItem> {
    auto m = MeetingStore::find(sql, meeting_id);
    if (!m) return Error::of(Failure::not_found);
    const auto now = clock_.now();
    if (m->status == "cancelled")
      return Error::of(Failure::conflict, "Dit overleg is geannuleerd.");
    if (!organiser && now > m->proposals_until)
      return Error::invalid("title", "De termijn om agendapunten voor te stellen is voorbij (tot " +
                                         format_date_at_time_nl(m->proposals_until) + ").");
    item.meeting_id = meeting_id;
    item.status = organiser ? "accepted" : "proposed";
    item.position = organiser ? MeetingStore::last_position(sql, meeting_id) + 1 : 0;
    item.proposed_by = user->id;
    item.created_at = now;
    item.id = MeetingStore::insert_item(sql, item);
    store::record_change(sql, "meeting", std::to_string(meeting_id), "item", now);
    return item;
  });
}

Status MeetingService::place_item(const std::optional<web::Principal>& user,
                                  std::int64_t meeting_id, std::int64_t item_id,
                                  const std::string& decision) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  return db_.transact([&](soci::session& sql) -> Status {
    auto item = MeetingStore::find_item(sql, meeting_id, item_id);
    if (!item) return Error::of(Failure::not_found);
    const auto now = clock_.now();
    if (decision == "accept") {
      if (item->status == "accepted") return ok_status();
      MeetingStore::set_item_place(sql, item_id, "accepted",
                                   MeetingStore::last_position(sql, meeting_id) + 1);
    } else if (decision == "decline") {
      MeetingStore::set_item_place(sql, item_id, "declined", 0);
    } else if (decision == "up" || decision == "down") {
      if (item->status != "accepted")
        return Error::of(Failure::conflict, "Alleen punten op de agenda hebben een volgorde.");
      std::vector<AgendaItem> agenda;
      for (auto& i : MeetingStore::items(sql, meeting_id))
        if (i.status == "accepted") agenda.push_back(i);
      auto it = std::find_if(agenda.begin(), agenda.end(),
                             [&](const AgendaItem& i) { return i.id == item_id; });
      const auto at = static_cast<std::size_t>(it - agenda.begin());
      const bool up = decision == "up";
      if ((up && at == 0) || (!up && at + 1 >= agenda.size())) return ok_status();
      std::swap(agenda[at], agenda[up ? at - 1 : at + 1]);
      int position = 0;
      for (const auto& i : agenda) MeetingStore::set_item_place(sql, i.id, "accepted", ++position);
    } else {
      return Error::of(Failure::invalid, "Onbekende keuze voor dit agendapunt.");
    }
    store::record_change(sql, "meeting", std::to_string(meeting_id), "agenda", now);
    return ok_status();
  });
}

Status MeetingService::save_minutes(const std::optional<web::Principal>& user,
                                    std::int64_t meeting_id, std::int64_t item_id,
                                    const std::string& minutes) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  const std::string text = trim(minutes);
  if (utf8_length(text) > minutes_md_max)
    return Error::invalid("minutes", too_long("Het verslag", minutes_md_max));
  return db_.transact([&](soci::session& sql) -> Status {
    auto item = MeetingStore::find_item(sql, meeting_id, item_id);
    if (!item) return Error::of(Failure::not_found);
    if (item->status != "accepted")
      return Error::invalid("minutes", "Schrijf een verslag alleen bij punten op de agenda.");
    MeetingStore::set_item_minutes(sql, item_id, text);
    store::record_change(sql, "meeting", std::to_string(meeting_id), "minutes", clock_.now());
    return ok_status();
  });
}

Status MeetingService::set_attendance(const std::optional<web::Principal>& user,
                                      std::int64_t meeting_id,
                                      const std::vector<std::string>& user_ids) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  auto m = db_.run([&](soci::session& sql) { return MeetingStore::find(sql, meeting_id); });
  if (!m) return Error::of(Failure::not_found);
  auto people = concerned(*m);
  people.push_back(user->id);
  std::vector<Attendee> attendees;
  for (const auto& text : user_ids) {
    auto id = parse_id(trim(text));
    if (!id || std::find(people.begin(), people.end(), *id) == people.end())
      return Error::invalid("attendees", "Duid alleen uitgenodigde mensen aan.");
    if (std::any_of(attendees.begin(), attendees.end(),
                    [&](const Attendee& a) { return a.user_id == *id; }))
      continue;
    attendees.push_back({*id, ""});
  }
  return db_.transact([&](soci::session& sql) -> Status {
    const auto now = clock_.now();
    for (auto& a : attendees) {
      // The municipality they came for: an invited one they speak for, else their own.
      auto p = person(sql, a.user_id, now);
      if (!p) return Error::invalid("attendees", "Duid alleen uitgenodigde mensen aan.");
      a.nis_code = p->nis_code;
      for (const auto& nis : p->spoc_of)
        if (std::find(m->nis_codes.begin(), m->nis_codes.end(), nis) != m->nis_codes.end())
          a.nis_code = nis;
    }
    MeetingStore::replace_attendance(sql, meeting_id, attendees);
    store::record_change(sql, "meeting", std::to_string(meeting_id), "attendance", now);
    return ok_status();
  });
}

Result<Decision> MeetingService::add_decision(const std::optional<web::Principal>& user,
                                              std::int64_t meeting_id, const std::string& text) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  Decision d;
  d.text = trim(text);
  if (d.text.empty()) return Error::invalid("decision", "Schrijf het besluit.");
  if (utf8_length(d.text) > decision_max)
    return Error::invalid("decision", too_long("Het besluit", decision_max));
  if (auto busy = over_limit(*user, "writes", writes_per_hour)) return *busy;
  return db_.transact([&](soci::session& sql) -> Result<Decision> {
    if (!MeetingStore::find(sql, meeting_id)) return Error::of(Failure::not_found);
    d.meeting_id = meeting_id;
    d.created_at = clock_.now();
    d.id = MeetingStore::insert_decision(sql, d);
    store::record_change(sql, "meeting", std::to_string(meeting_id), "decision", d.created_at);
    return d;
  });
}

Result<ActionPoint> MeetingService::add_action_point(const std::optional<web::Principal>& user,
                                                     std::int64_t meeting_id,
                                                     const std::string& text,
                                                     const std::string& owner_id,
                                                     const std::string& due_on) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  auto m = db_.run([&](soci::session& sql) { return MeetingStore::find(sql, meeting_id); });
  if (!m) return Error::of(Failure::not_found);
  ActionPoint p;
  FieldErrors errors;
  p.text = trim(text);
  if (p.text.empty()) errors.push_back({"point_text", "Schrijf wat er moet gebeuren."});
  if (utf8_length(p.text) > point_max)
    errors.push_back({"point_text", too_long("Het actiepunt", point_max)});
  auto people = concerned(*m);
  people.push_back(user->id);
  const auto owner = parse_id(trim(owner_id));
  if (!owner || std::find(people.begin(), people.end(), *owner) == people.end())
    errors.push_back({"point_owner", "Kies een uitgenodigde persoon als eigenaar."});
  else
    p.owner_id = *owner;
  p.due_on = trim(due_on);
  if (!is_date(p.due_on))
    errors.push_back({"point_due_on", "Geef een geldige datum, zoals 2026-12-15."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto busy = over_limit(*user, "writes", writes_per_hour)) return *busy;
  return db_.transact([&](soci::session& sql) -> Result<ActionPoint> {
    if (!MeetingStore::find(sql, meeting_id)) return Error::of(Failure::not_found);
    p.meeting_id = meeting_id;
    p.created_at = clock_.now();
    p.id = MeetingStore::insert_action_point(sql, p);
    store::record_change(sql, "meeting", std::to_string(meeting_id), "action_point", p.created_at);
    return p;
  });
}

Status MeetingService::mark_done(const std::optional<web::Principal>& user, std::int64_t meeting_id,
                                 std::int64_t point_id, bool done) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  return db_.transact([&](soci::session& sql) -> Status {
    auto p = MeetingStore::find_action_point(sql, point_id);
    if (!p || p->meeting_id != meeting_id) return Error::of(Failure::not_found);
    if (!is_meeting_organiser(user) && p->owner_id != user->id)
      return Error::of(Failure::forbidden);
    MeetingStore::set_action_point_done(sql, point_id, done);
    return ok_status();
  });
}

Result<std::int64_t> MeetingService::make_action(const std::optional<web::Principal>& user,
                                                 std::int64_t meeting_id, std::int64_t point_id) {
  if (!is_meeting_organiser(user)) return Error::of(Failure::forbidden);
  auto found = db_.run([&](soci::session& sql) {
    return std::pair{MeetingStore::find(sql, meeting_id),
                     MeetingStore::find_action_point(sql, point_id)};
  });
  auto& [m, p] = found;
  if (!m || !p || p->meeting_id != meeting_id) return Error::of(Failure::not_found);
  if (p->action_id)
    return Error::of(Failure::conflict, "Van dit actiepunt is al een actie gemaakt.");
  signals::ActionService actions(db_, clock_);
  const auto statuses = actions.statuses();
  if (statuses.empty())
    return Error::of(Failure::conflict, "Er zijn nog geen statussen voor acties.");
  signals::ActionInput in;
  in.title = std::string(utf8_prefix(p->text, signals::action_title_max));
  in.description =
      "Actiepunt van het overleg \"" + m->title + "\" van " + format_date_nl(m->starts_at) + ".";
  in.owner_kind = "person";
  in.owner_user_id = std::to_string(p->owner_id);
  in.starts_on = std::min(actions.today(), p->due_on);
  in.ends_on = p->due_on;
  in.status_id = std::to_string(statuses.front().id);
  auto made = actions.create(user, in);
  if (!made) return made.error();
  const auto action_id = made.value().id;
  return db_.transact([&](soci::session& sql) -> Result<std::int64_t> {
    // A second click that got here at the same time links nothing (its action
    // stays without a point; see the closing note of issue 14).
    if (!MeetingStore::set_action_point_action(sql, point_id, action_id))
      return Error::of(Failure::conflict, "Van dit actiepunt is al een actie gemaakt.");
    store::record_change(sql, "meeting", std::to_string(meeting_id), "action", clock_.now());
    return action_id;
  });
}

Result<std::vector<ActionPoint>> MeetingService::open_action_points(
    const std::optional<web::Principal>& user, bool all) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  const bool everyone = all && is_meeting_organiser(user);
  return db_.run([&](soci::session& sql) {
    return MeetingStore::open_action_points(
        sql, everyone ? std::nullopt : std::optional<std::int64_t>(user->id));
  });
}

}  // namespace schakel::meetings
