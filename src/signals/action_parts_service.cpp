// ActionService: milestones, outputs and indicators of an action, and the
// coordinator's list of statuses (the action itself is in action_service.cpp).
#include <algorithm>

#include "core/text.hpp"
#include "signals/action_rules.hpp"
#include "signals/action_service.hpp"
#include "signals/action_store.hpp"
#include "store/changes.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

// Runs `change` in a transaction on action `id` after checking that `user` may
// edit it; records the change in the feed and touches the action when it succeeds.
template <class T, class Change>
Result<T> on_action(store::Database& db, const Clock& clock,
                    const std::optional<web::Principal>& user, std::int64_t id, Change change) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  return db.transact([&](soci::session& sql) -> Result<T> {
    auto a = ActionStore::find(sql, id);
    if (!a) return Error::of(Failure::not_found, "Deze actie bestaat niet.");
    if (!may_edit_action(user, *a))
      return Error::of(Failure::forbidden, "Je kan alleen acties van je eigen gemeente aanpassen.");
    const auto now = clock.now();
    Result<T> done = change(sql, *a, now);
    if (done) {
      ActionStore::touch(sql, id, now);
      store::record_change(sql, "action", std::to_string(id), "updated", now);
    }
    return done;
  });
}

Error gone(const char* what) { return Error::of(Failure::not_found, what); }

// The refusal of `user` editing action `id` (not_found, forbidden), checked
// before the form's values so that a stranger learns nothing from them.
std::optional<Error> refusal(store::Database& db, const std::optional<web::Principal>& user,
                             std::int64_t id) {
  if (!web::in_network(user)) return Error::of(Failure::forbidden);
  auto a = db.run([&](soci::session& sql) { return ActionStore::find(sql, id); });
  if (!a) return gone("Deze actie bestaat niet.");
  if (!may_edit_action(user, *a))
    return Error::of(Failure::forbidden, "Je kan alleen acties van je eigen gemeente aanpassen.");
  return std::nullopt;
}

std::string indicator_text(const Indicator& i) {
  std::string s = i.name + " = " + format_number(i.value);
  if (!i.unit.empty()) s += " " + i.unit;
  if (i.target) s += " (streefcijfer " + format_number(*i.target) + ")";
  return s;
}

}  // namespace

Result<Milestone> ActionService::add_milestone(const std::optional<web::Principal>& user,
                                               std::int64_t action_id, const std::string& title,
                                               const std::string& due_on) {
  if (auto refused = refusal(db_, user, action_id)) return *refused;
  Milestone m;
  auto errors = check_milestone(title, due_on, m);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto busy = over_write_limit(user)) return *busy;
  return on_action<Milestone>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        if (a.milestones.size() >= action_list_max)
          return Result<Milestone>(
              Error::of(Failure::conflict, "Een actie heeft hoogstens 50 mijlpalen."));
        m.id = ActionStore::add_milestone(sql, a.id, m);
        log_action(sql, user, a.id, now, "milestone",
                   "Mijlpaal toegevoegd: " + m.title + " (tegen " + m.due_on + ")");
        return Result<Milestone>(m);
      });
}

Status ActionService::mark_milestone(const std::optional<web::Principal>& user,
                                     std::int64_t action_id, std::int64_t milestone_id, bool done) {
  return on_action<Done>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        auto it = std::find_if(a.milestones.begin(), a.milestones.end(),
                               [&](const Milestone& m) { return m.id == milestone_id; });
        if (it == a.milestones.end()) return Status(gone("Deze mijlpaal bestaat niet (meer)."));
        if (done == it->done_on.has_value()) return ok_status();
        ActionStore::set_milestone_done(sql, milestone_id,
                                        done ? std::optional<std::string>(today()) : std::nullopt);
        log_action(sql, user, a.id, now, "milestone",
                   (done ? "Mijlpaal bereikt: " : "Mijlpaal weer open: ") + it->title);
        return ok_status();
      });
}

Status ActionService::remove_milestone(const std::optional<web::Principal>& user,
                                       std::int64_t action_id, std::int64_t milestone_id) {
  return on_action<Done>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        auto it = std::find_if(a.milestones.begin(), a.milestones.end(),
                               [&](const Milestone& m) { return m.id == milestone_id; });
        if (it == a.milestones.end()) return Status(gone("Deze mijlpaal bestaat niet (meer)."));
        ActionStore::delete_milestone(sql, milestone_id);
        log_action(sql, user, a.id, now, "milestone", "Mijlpaal verwijderd: " + it->title);
        return ok_status();
      });
}

Result<Output> ActionService::add_output(const std::optional<web::Principal>& user,
                                         std::int64_t action_id, const std::string& kind,
                                         const std::string& target, const std::string& label) {
  if (auto refused = refusal(db_, user, action_id)) return *refused;
  auto checked = db_.run([&](soci::session& sql) -> Result<Output> {
    Output o;
    auto errors = check_output(sql, kind, target, label, o);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    return o;
  });
  if (!checked) return checked;
  if (auto busy = over_write_limit(user)) return *busy;
  Output o = std::move(checked).value();
  return on_action<Output>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        if (a.outputs.size() >= action_list_max)
          return Result<Output>(
              Error::of(Failure::conflict, "Een actie heeft hoogstens 50 outputs."));
        o.id = ActionStore::add_output(sql, a.id, o);
        log_action(sql, user, a.id, now, "output",
                   "Output toegevoegd: " + output_kind_label(o.kind) + " " + o.label);
        return Result<Output>(o);
      });
}

Status ActionService::remove_output(const std::optional<web::Principal>& user,
                                    std::int64_t action_id, std::int64_t output_id) {
  return on_action<Done>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        auto it = std::find_if(a.outputs.begin(), a.outputs.end(),
                               [&](const Output& o) { return o.id == output_id; });
        if (it == a.outputs.end()) return Status(gone("Deze output bestaat niet (meer)."));
        ActionStore::delete_output(sql, output_id);
        log_action(sql, user, a.id, now, "output",
                   "Output verwijderd: " + output_kind_label(it->kind) + " " + it->label);
        return ok_status();
      });
}

Result<Indicator> ActionService::add_indicator(const std::optional<web::Principal>& user,
                                               std::int64_t action_id, const std::string& name,
                                               const std::string& value, const std::string& target,
                                               const std::string& unit) {
  if (auto refused = refusal(db_, user, action_id)) return *refused;
  Indicator i;
  auto errors = check_indicator(name, value, target, unit, i);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto busy = over_write_limit(user)) return *busy;
  return on_action<Indicator>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        if (a.indicators.size() >= action_list_max)
          return Result<Indicator>(
              Error::of(Failure::conflict, "Een actie heeft hoogstens 50 indicatoren."));
        i.id = ActionStore::add_indicator(sql, a.id, i);
        log_action(sql, user, a.id, now, "indicator", "Indicator toegevoegd: " + indicator_text(i));
        return Result<Indicator>(i);
      });
}

Result<Indicator> ActionService::update_indicator(const std::optional<web::Principal>& user,
                                                  std::int64_t action_id, std::int64_t indicator_id,
                                                  const std::string& value,
                                                  const std::string& target) {
  return on_action<Indicator>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        auto it = std::find_if(a.indicators.begin(), a.indicators.end(),
                               [&](const Indicator& x) { return x.id == indicator_id; });
        if (it == a.indicators.end())
          return Result<Indicator>(gone("Deze indicator bestaat niet (meer)."));
        Indicator i;
        auto errors = check_indicator(it->name, value, target, it->unit, i);
        if (!errors.empty()) return Result<Indicator>(Error{Failure::invalid, errors});
        i.id = it->id;
        ActionStore::update_indicator(sql, i);
        log_action(sql, user, a.id, now, "indicator",
                   "Indicator aangepast: " + i.name + " " + format_number(it->value) + " → " +
                       format_number(i.value));
        return Result<Indicator>(i);
      });
}

Status ActionService::remove_indicator(const std::optional<web::Principal>& user,
                                       std::int64_t action_id, std::int64_t indicator_id) {
  return on_action<Done>(
      db_, clock_, user, action_id, [&](soci::session& sql, const Action& a, std::int64_t now) {
        auto it = std::find_if(a.indicators.begin(), a.indicators.end(),
                               [&](const Indicator& x) { return x.id == indicator_id; });
        if (it == a.indicators.end()) return Status(gone("Deze indicator bestaat niet (meer)."));
        ActionStore::delete_indicator(sql, indicator_id);
        log_action(sql, user, a.id, now, "indicator", "Indicator verwijderd: " + it->name);
        return ok_status();
      });
}

std::vector<ActionStatus> ActionService::statuses() {
  return db_.run([](soci::session& sql) { return ActionStatusStore::all(sql); });
}

namespace {

FieldErrors check_status(soci::session& sql, ActionStatus& s, const std::string& label,
                         const std::string& progress, std::int64_t self) {
  FieldErrors errors;
  s.label = trim(label);
  if (s.label.empty())
    errors.push_back({"label", "Geef de status een naam."});
  else if (utf8_length(s.label) > status_label_max)
    errors.push_back({"label", "De naam is te lang: hoogstens 60 tekens."});
  else if (auto same = ActionStatusStore::find_by_label(sql, s.label); same && same->id != self)
    errors.push_back({"label", "Er is al een status met deze naam."});
  const std::string p = trim(progress);
  if (p.empty() || p.size() > 3 ||
      !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(p) > 100)
    errors.push_back({"progress", "De voortgang is een getal van 0 tot 100."});
  else
    s.progress = std::stoi(p);
  return errors;
}

}  // namespace

Result<ActionStatus> ActionService::add_status(const std::optional<web::Principal>& user,
                                               const std::string& label,
                                               const std::string& progress) {
  if (!is_network_coordinator(user)) return Error::of(Failure::forbidden);
  if (auto busy = over_write_limit(user)) return *busy;
  return db_.transact([&](soci::session& sql) -> Result<ActionStatus> {
    const auto all = ActionStatusStore::all(sql);
    if (all.size() >= statuses_max) return Error::of(Failure::conflict, "Hoogstens 30 statussen.");
    ActionStatus s;
    auto errors = check_status(sql, s, label, progress, 0);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    s.position = all.empty() ? 1 : all.back().position + 1;
    s.id = ActionStatusStore::insert(sql, s);
    store::record_change(sql, "action_status", std::to_string(s.id), "created", clock_.now());
    return s;
  });
}

Result<ActionStatus> ActionService::update_status(const std::optional<web::Principal>& user,
                                                  std::int64_t id, const std::string& label,
                                                  const std::string& progress,
                                                  const std::string& position) {
  if (!is_network_coordinator(user)) return Error::of(Failure::forbidden);
  return db_.transact([&](soci::session& sql) -> Result<ActionStatus> {
    auto s = ActionStatusStore::find(sql, id);
    if (!s) return Error::of(Failure::not_found, "Deze status bestaat niet (meer).");
    auto errors = check_status(sql, *s, label, progress, id);
    const std::string pos_text = trim(position);
    const bool digits =
        !pos_text.empty() && pos_text.size() <= 4 &&
        std::all_of(pos_text.begin(), pos_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const std::optional<int> pos = digits ? std::optional<int>(std::stoi(pos_text)) : std::nullopt;
    if (!pos || *pos > 1000)
      errors.push_back({"position", "De plaats is een getal van 0 tot 1000."});
    else
      s->position = static_cast<int>(*pos);
    if (!errors.empty()) return Error{Failure::invalid, errors};
    ActionStatusStore::update(sql, *s);
    store::record_change(sql, "action_status", std::to_string(id), "updated", clock_.now());
    return *s;
  });
}

Status ActionService::delete_status(const std::optional<web::Principal>& user, std::int64_t id) {
  if (!is_network_coordinator(user)) return Error::of(Failure::forbidden);
  return db_.transact([&](soci::session& sql) -> Status {
    if (!ActionStatusStore::find(sql, id))
      return Error::of(Failure::not_found, "Deze status bestaat niet (meer).");
    if (ActionStatusStore::uses(sql, id) > 0)
      return Error::of(Failure::conflict,
                       "Deze status is in gebruik bij een of meer acties en kan niet weg. Geef "
                       "die acties eerst een andere status.");
    ActionStatusStore::remove(sql, id);
    store::record_change(sql, "action_status", std::to_string(id), "deleted", clock_.now());
    return ok_status();
  });
}

}  // namespace schakel::signals
