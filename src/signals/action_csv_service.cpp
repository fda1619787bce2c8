// ActionService: the CSV export and import of actions (format in action_csv.hpp).
#include <map>
#include <set>

#include "signals/action_csv.hpp"
#include "signals/action_rules.hpp"
#include "signals/action_service.hpp"
#include "signals/action_store.hpp"
#include "store/changes.hpp"

namespace schakel::signals {

namespace {

// Imports per coordinator and hour.
constexpr store::RateRule imports_per_hour{20, 3600};

std::string column_of(const std::string& field) {
  if (field == "status_id") return "status";
  if (field == "need_ids") return "needs";
  if (field == "goal_numbers") return "goals";
  if (field.starts_with("milestone_")) return "milestones";
  if (field.starts_with("output_")) return "outputs";
  if (field.starts_with("indicator_")) return "indicators";
  return field;
}

struct Checked {
  Action action;
  std::vector<Milestone> milestones;
  std::vector<Output> outputs;
  std::vector<Indicator> indicators;
};

// Checks one row with the rules of the forms; problems go to `errors`.
Checked check_row(soci::session& sql, const CsvAction& row, const std::vector<Action>& all,
                  std::vector<std::string>& errors) {
  Checked c;
  auto add = [&](const FieldErrors& found) {
    for (const auto& e : found)
      if (errors.size() < 50)
        errors.push_back("Regel " + std::to_string(row.line) + ", kolom " + column_of(e.field) +
                         ": " + e.message);
  };
  ActionInput in = row.input;
  in.parent_id.clear();
  const auto status = ActionStatusStore::find_by_label(sql, row.status_label);
  in.status_id = status ? std::to_string(status->id) : "";
  add(check_action(sql, in, c.action, all, std::nullopt));
  for (const auto& m : row.milestones) {
    Milestone out;
    add(check_milestone(m.title, m.due_on, out));
    if (m.done_on && !is_action_date(*m.done_on))
      add({{"milestone_done_on", "geen geldige datum waarop de mijlpaal bereikt werd."}});
    out.done_on = m.done_on;
    c.milestones.push_back(out);
  }
  for (const auto& o : row.outputs) {
    Output out;
    add(check_output(sql, o.kind, o.target, o.label, out));
    c.outputs.push_back(out);
  }
  for (const auto& i : row.indicators) {
    Indicator out;
    add(check_indicator(i.name, i.value, i.target, i.unit, out));
    c.indicators.push_back(out);
  }
  return c;
}

// True when the parent references of the file form a cycle through `ref`.
bool cyclic(const std::map<std::string, std::string>& parent_of, const std::string& ref) {
  std::set<std::string> seen;
  std::string at = ref;
  while (parent_of.contains(at) && !parent_of.at(at).empty()) {
    if (!seen.insert(at).second) return true;
    at = parent_of.at(at);
    if (at == ref) return true;
  }
  return false;
}

}  // namespace

Result<std::string> ActionService::export_csv(const std::optional<web::Principal>& user) {
  if (!is_network_coordinator(user)) return Error::of(Failure::forbidden);
  return db_.run([](soci::session& sql) {
    return actions_csv(ActionStore::all(sql), ActionStatusStore::all(sql));
  });
}

// Long because: parse, check every row, then write everything in one transaction.
Result<int> ActionService::import_csv(const std::optional<web::Principal>& user,
                                      std::string_view text) {
  if (!is_network_coordinator(user)) return Error::of(Failure::forbidden);
  const CsvActions file = parse_actions_csv(text);
  auto refused = [](const std::vector<std::string>& problems) {
    Error e{Failure::invalid, {}};
    for (const auto& p : problems) e.fields.push_back({"", p});
    return e;
  };
  if (!file.errors.empty()) return refused(file.errors);
  if (file.rows.empty()) return Error::of(Failure::invalid, "Het bestand bevat geen acties.");
  store::RateLimiter limiter(db_, clock_);
  if (limiter.reserve("signals:actions-import:" + std::to_string(user->id), imports_per_hour).wait >
      0)
    return Error::of(Failure::busy, "Je las dit uur al veel bestanden in. Probeer later opnieuw.");
  return db_.transact([&](soci::session& sql) -> Result<int> {
    const auto all = ActionStore::all(sql);
    std::vector<std::string> errors;
    std::vector<Checked> checked;
    std::map<std::string, std::string> parent_of;
    for (const auto& row : file.rows) parent_of[row.ref] = row.parent_ref;
    for (const auto& row : file.rows) {
      checked.push_back(check_row(sql, row, all, errors));
      if (cyclic(parent_of, row.ref) && errors.size() < 50)
        errors.push_back("Regel " + std::to_string(row.line) +
                         ", kolom parent_ref: een actie kan geen deel zijn van zichzelf of van "
                         "een van haar delen (kringverwijzing).");
    }
    if (!errors.empty()) return refused(errors);
    const auto now = clock_.now();
    std::map<std::string, std::int64_t> id_of;
    for (std::size_t i = 0; i < checked.size(); ++i) {
      Action& a = checked[i].action;
      a.created_by = user->id;
      a.id = ActionStore::insert(sql, a, false, now);
      id_of[file.rows[i].ref] = a.id;
      for (const auto& m : checked[i].milestones) ActionStore::add_milestone(sql, a.id, m);
      for (const auto& o : checked[i].outputs) ActionStore::add_output(sql, a.id, o);
      for (const auto& x : checked[i].indicators) ActionStore::add_indicator(sql, a.id, x);
      log_action(sql, user, a.id, now, "created",
                 "Actie ingelezen uit een CSV-bestand: " + a.title);
      store::record_change(sql, "action", std::to_string(a.id), "created", now);
    }
    for (const auto& row : file.rows)
      if (!row.parent_ref.empty())
        ActionStore::set_parent(sql, id_of.at(row.ref), id_of.at(row.parent_ref));
    return static_cast<int>(checked.size());
  });
}

}  // namespace schakel::signals
