#include "signals/action_service.hpp"

#include <algorithm>
#include <map>

#include "catalog/terms.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/action_rules.hpp"
#include "signals/action_store.hpp"
#include "signals/timeline_store.hpp"
#include "store/changes.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

std::string status_label(const std::vector<ActionStatus>& statuses, std::int64_t id) {
  for (const auto& s : statuses)
    if (s.id == id) return s.label;
  return "?";
}

std::string need_title(const std::vector<Need>& needs, std::int64_t id) {
  for (const auto& n : needs)
    if (n.id == id) return n.title;
  return "#" + std::to_string(id);
}

// The timeline entries of an edit: status, needs linked and unlinked, other fields.
void log_edit(soci::session& sql, const std::optional<web::Principal>& user, const Action& before,
              const Action& after, std::int64_t now) {
  const auto statuses = ActionStatusStore::all(sql);
  if (before.status_id != after.status_id)
    log_action(sql, user, after.id, now, "status",
               "Status: " + status_label(statuses, before.status_id) + " → " +
                   status_label(statuses, after.status_id));
  const auto needs = ActionStore::needs(sql);
  for (const auto id : after.need_ids)
    if (std::find(before.need_ids.begin(), before.need_ids.end(), id) == before.need_ids.end())
      log_action(sql, user, after.id, now, "linked",
                 "Gekoppeld aan nood: " + need_title(needs, id));
  for (const auto id : before.need_ids)
    if (std::find(after.need_ids.begin(), after.need_ids.end(), id) == after.need_ids.end())
      log_action(sql, user, after.id, now, "unlinked",
                 "Niet meer gekoppeld aan nood: " + need_title(needs, id));
  std::vector<std::string> changed;
  if (before.title != after.title) changed.push_back("titel");
  if (before.description != after.description) changed.push_back("beschrijving");
  if (before.owner_kind != after.owner_kind || before.owner_user_id != after.owner_user_id ||
      before.owner_nis_code != after.owner_nis_code || before.owner_partner != after.owner_partner)
    changed.push_back("trekker");
  if (before.starts_on != after.starts_on) changed.push_back("begindatum");
  if (before.ends_on != after.ends_on) changed.push_back("einddatum");
  if (before.progress != after.progress)
    changed.push_back("eigen voortgang (" +
                      (after.progress ? std::to_string(*after.progress) + "%" : "geen") + ")");
  if (before.is_public != after.is_public)
    changed.push_back(after.is_public ? "nu publiek" : "niet meer publiek");
  if (before.goal_numbers != after.goal_numbers) changed.push_back("doelen");
  if (before.parent_id != after.parent_id) changed.push_back("grotere actie");
  if (changed.empty()) return;
  std::string text;
  for (const auto& c : changed) text += (text.empty() ? "" : ", ") + c;
  log_action(sql, user, after.id, now, "edited", "Aangepast: " + text);
}

}  // namespace

ActionInput input_of(const Action& a) {
  ActionInput in;
  in.title = a.title;
  in.description = a.description;
  in.owner_kind = a.owner_kind;
  in.owner_user_id = a.owner_user_id ? std::to_string(*a.owner_user_id) : "";
  in.owner_nis_code = a.owner_nis_code.value_or("");
  in.owner_partner = a.owner_partner;
  in.starts_on = a.starts_on;
  in.ends_on = a.ends_on.value_or("");
  in.status_id = std::to_string(a.status_id);
  in.progress = a.progress ? std::to_string(*a.progress) : "";
  in.parent_id = a.parent_id ? std::to_string(*a.parent_id) : "";
  in.is_public = a.is_public;
  for (const auto id : a.need_ids) in.need_ids.push_back(std::to_string(id));
  for (const auto g : a.goal_numbers) in.goal_numbers.push_back(std::to_string(g));
  return in;
}

std::optional<Standing> standing_of_slug(const std::string& stand) {
  if (stand == "gepland") return Standing::planned;
  if (stand == "lopend") return Standing::running;
  if (stand == "voorbij") return Standing::overdue;
  if (stand == "afgerond") return Standing::done;
  return std::nullopt;
}

std::string standing_slug(Standing s) {
  switch (s) {
    case Standing::planned:
      return "gepland";
    case Standing::running:
      return "lopend";
    case Standing::overdue:
      return "voorbij";
    case Standing::done:
      return "afgerond";
  }
  return "gepland";
}

std::string ActionService::today() const { return format_date_input(clock_.now()); }

bool ActionService::may_create(const std::optional<web::Principal>& user) const {
  return is_network_coordinator(user);
}

// Long because: each filter of /acties is checked, then applied with progress.hpp.
Result<std::vector<ListedAction>> ActionService::list(const std::optional<web::Principal>& user,
                                                      const ActionFilter& f) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  FieldErrors errors;
  const bool all_places = f.gemeente.empty() || f.gemeente == "alle";
  if (!all_places &&
      (f.gemeente.size() != 5 || !std::all_of(f.gemeente.begin(), f.gemeente.end(),
                                              [](char c) { return c >= '0' && c <= '9'; })))
    errors.push_back({"gemeente", "Kies een gemeente met haar NIS-code, of alle gemeenten."});
  if (f.thema.size() > 60) errors.push_back({"thema", "Dit thema bestaat niet."});
  std::optional<int> goal;
  if (!f.doel.empty()) {
    auto n = parse_id(f.doel);
    if (!n || *n > 1000)
      errors.push_back({"doel", "Kies een doel met zijn nummer."});
    else
      goal = static_cast<int>(*n);
  }
  const auto stand = standing_of_slug(f.stand);
  if (!stand && !f.stand.empty() && f.stand != "alle")
    errors.push_back({"stand", "Kies gepland, lopend, voorbij, afgerond of alle."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (!all_places && !reference::municipality_names(db_).contains(f.gemeente))
    errors.push_back({"gemeente", "Deze gemeente bestaat niet."});
  if (!f.thema.empty()) {
    const auto unknown = db_.run(
        [&](soci::session& sql) { return catalog::unknown_terms(sql, "theme", {f.thema}); });
    if (!unknown.empty()) errors.push_back({"thema", "Dit thema bestaat niet."});
  }
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return db_.run([&](soci::session& sql) {
    const auto actions = ActionStore::all(sql);
    const auto needs = ActionStore::needs(sql);
    const auto progress = counted_progress(actions, ActionStatusStore::all(sql));
    const std::string day = today();
    std::vector<ListedAction> out;
    for (const auto& a : actions) {
      ListedAction l{a, progress.at(a.id), Standing::planned, action_municipalities(a, needs),
                     action_themes(a, needs)};
      l.standing = standing(a, l.progress, day);
      if (!all_places && std::find(l.municipalities.begin(), l.municipalities.end(), f.gemeente) ==
                             l.municipalities.end())
        continue;
      if (!f.thema.empty() &&
          std::find(l.themes.begin(), l.themes.end(), f.thema) == l.themes.end())
        continue;
      if (goal &&
          std::find(a.goal_numbers.begin(), a.goal_numbers.end(), *goal) == a.goal_numbers.end())
        continue;
      if (stand && l.standing != *stand) continue;
      out.push_back(std::move(l));
    }
    return out;
  });
}

Result<ActionDetail> ActionService::detail(const std::optional<web::Principal>& user,
                                           std::int64_t id) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  return db_.run([&](soci::session& sql) -> Result<ActionDetail> {
    const auto actions = ActionStore::all(sql);
    auto it =
        std::find_if(actions.begin(), actions.end(), [&](const Action& a) { return a.id == id; });
    if (it == actions.end()) return Error::of(Failure::not_found, "Deze actie bestaat niet.");
    const auto needs = ActionStore::needs(sql);
    const auto statuses = ActionStatusStore::all(sql);
    const auto progress = counted_progress(actions, statuses);
    const std::string day = today();
    auto listed = [&](const Action& a) {
      ListedAction l{a, progress.at(a.id), Standing::planned, action_municipalities(a, needs),
                     action_themes(a, needs)};
      l.standing = standing(a, l.progress, day);
      return l;
    };
    ActionDetail d;
    d.listed = listed(*it);
    for (const auto& a : actions) {
      if (it->parent_id && a.id == *it->parent_id) d.parent = a;
      if (a.parent_id && *a.parent_id == id) d.parts.push_back(listed(a));
    }
    for (const auto& n : needs)
      if (std::find(it->need_ids.begin(), it->need_ids.end(), n.id) != it->need_ids.end())
        d.needs.push_back(n);
    d.status_label = status_label(statuses, it->status_id);
    d.timeline = TimelineStore::entries(sql, "action", id);
    d.may_edit = may_edit_action(user, *it);
    return d;
  });
}

ActionChoices ActionService::choices() {
  return db_.run([](soci::session& sql) {
    return ActionChoices{ActionStatusStore::all(sql), ActionStore::needs(sql),
                         ActionStore::goal_numbers(sql), ActionStore::all(sql)};
  });
}

std::optional<Error> ActionService::over_write_limit(const std::optional<web::Principal>& user) {
  store::RateLimiter limiter(db_, clock_);
  const auto slot =
      limiter.reserve("signals:actions:" + std::to_string(user->id), action_writes_per_hour);
  if (slot.wait <= 0) return std::nullopt;
  return Error::of(Failure::busy,
                   "Je voegde dit uur al veel toe aan acties. Probeer opnieuw over " +
                       std::to_string((slot.wait + 59) / 60) + " minuten.");
}

Result<Action> ActionService::create(const std::optional<web::Principal>& user,
                                     const ActionInput& input) {
  if (!is_network_coordinator(user)) return Error::of(Failure::forbidden);
  auto checked = db_.run([&](soci::session& sql) -> Result<Action> {
    Action a;
    auto errors = check_action(sql, input, a, ActionStore::all(sql), std::nullopt);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    return a;
  });
  if (!checked) return checked;
  if (auto busy = over_write_limit(user)) return *busy;
  Action a = std::move(checked).value();
  return db_.transact([&](soci::session& sql) -> Result<Action> {
    // Checked again inside the transaction: a need or status may have gone meanwhile.
    auto errors = check_action(sql, input, a, ActionStore::all(sql), std::nullopt);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    const auto now = clock_.now();
    a.created_by = user->id;
    a.created_at = a.updated_at = now;
    a.id = ActionStore::insert(sql, a, false, now);
    log_action(sql, user, a.id, now, "created", "Actie aangemaakt: " + a.title);
    store::record_change(sql, "action", std::to_string(a.id), "created", now);
    return a;
  });
}

Result<Action> ActionService::update(const std::optional<web::Principal>& user, std::int64_t id,
                                     const ActionInput& input) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  return db_.transact([&](soci::session& sql) -> Result<Action> {
    const auto all = ActionStore::all(sql);
    auto it = std::find_if(all.begin(), all.end(), [&](const Action& a) { return a.id == id; });
    if (it == all.end()) return Error::of(Failure::not_found, "Deze actie bestaat niet.");
    if (!may_edit_action(user, *it))
      return Error::of(Failure::forbidden, "Je kan alleen acties van je eigen gemeente aanpassen.");
    Action a = *it;
    auto errors = check_action(sql, input, a, all, id);
    if (errors.empty() && !may_edit_action(user, a))
      errors.push_back(
          {"owner_nis_code", "Een actie die je aanpast, blijft van je eigen gemeente."});
    if (!errors.empty()) return Error{Failure::invalid, errors};
    const auto now = clock_.now();
    a.updated_at = now;
    ActionStore::update(sql, a, now);
    log_edit(sql, user, *it, a, now);
    store::record_change(sql, "action", std::to_string(id), "updated", now);
    return a;
  });
}

}  // namespace schakel::signals
