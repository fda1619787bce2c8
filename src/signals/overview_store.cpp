#include "signals/overview_store.hpp"

#include "catalog/resource_refs.hpp"
#include "core/text.hpp"
#include "store/row.hpp"
#include "trainings/series_refs.hpp"

namespace schakel::signals {

namespace {

using store::int64_at;
using store::optional_int64_at;
using store::string_at;

using store::optional_double_at;

std::optional<std::string> optional_string_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return string_at(r, i);
}

std::vector<ActionStatus> load_statuses(soci::session& sql) {
  std::vector<ActionStatus> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, label, progress, position FROM action_statuses "
                      "ORDER BY position, id");
  for (const auto& r : rows)
    out.push_back({int64_at(r, 0), string_at(r, 1), static_cast<int>(int64_at(r, 2)),
                   static_cast<int>(int64_at(r, 3))});
  return out;
}

Action action_of(const soci::row& r) {
  Action a;
  a.id = int64_at(r, 0);
  a.parent_id = optional_int64_at(r, 1);
  a.title = string_at(r, 2);
  a.description = string_at(r, 3);
  a.owner_kind = string_at(r, 4);
  a.owner_user_id = optional_int64_at(r, 5);
  a.owner_nis_code = optional_string_at(r, 6);
  a.owner_partner = string_at(r, 7);
  a.starts_on = string_at(r, 8);
  a.ends_on = optional_string_at(r, 9);
  a.status_id = int64_at(r, 10);
  if (const auto p = optional_int64_at(r, 11)) a.progress = static_cast<int>(*p);
  a.is_public = store::bool_at(r, 12);
  a.created_by = optional_int64_at(r, 13);
  a.created_at = int64_at(r, 14);
  a.updated_at = int64_at(r, 15);
  return a;
}

// Long because: one query per child table of actions, each filled into its action.
std::vector<Action> load_actions(soci::session& sql) {
  std::vector<Action> out;
  std::map<std::int64_t, std::size_t> at;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, parent_id, title, description, owner_kind, owner_user_id, "
                        "owner_nis_code, owner_partner, starts_on, ends_on, status_id, progress, "
                        "is_public, created_by, created_at, updated_at FROM actions ORDER BY id");
    for (const auto& r : rows) {
      at[int64_at(r, 0)] = out.size();
      out.push_back(action_of(r));
    }
  }
  auto each = [&](const char* query, auto fill) {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    for (const auto& r : rows)
      if (const auto found = at.find(int64_at(r, 0)); found != at.end())
        fill(out[found->second], r);
  };
  each("SELECT action_id, need_id FROM action_needs ORDER BY action_id, need_id",
       [](Action& a, const soci::row& r) { a.need_ids.push_back(int64_at(r, 1)); });
  each("SELECT action_id, goal_number FROM action_goals ORDER BY action_id, goal_number",
       [](Action& a, const soci::row& r) {
         a.goal_numbers.push_back(static_cast<int>(int64_at(r, 1)));
       });
  each(
      "SELECT action_id, id, title, due_on, done_on FROM action_milestones "
      "ORDER BY action_id, due_on, id",
      [](Action& a, const soci::row& r) {
        a.milestones.push_back(
            {int64_at(r, 1), string_at(r, 2), string_at(r, 3), optional_string_at(r, 4)});
      });
  each("SELECT action_id, id, kind, target, label FROM action_outputs ORDER BY action_id, id",
       [](Action& a, const soci::row& r) {
         a.outputs.push_back({int64_at(r, 1), string_at(r, 2), string_at(r, 3), string_at(r, 4)});
       });
  each(
      "SELECT action_id, id, name, value, target, unit FROM action_indicators "
      "ORDER BY action_id, id",
      [](Action& a, const soci::row& r) {
        a.indicators.push_back({int64_at(r, 1), string_at(r, 2),
                                optional_double_at(r, 3).value_or(0), optional_double_at(r, 4),
                                string_at(r, 5)});
      });
  return out;
}

std::vector<Need> load_needs(soci::session& sql) {
  std::vector<Need> out;
  std::map<std::int64_t, std::size_t> at;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, title, description, kind, nis_code, status, status_reason, "
                        "created_by, created_at, updated_at FROM needs ORDER BY id");
    for (const auto& r : rows) {
      Need n;
      n.id = int64_at(r, 0);
      n.title = string_at(r, 1);
      n.description = string_at(r, 2);
      n.kind = string_at(r, 3);
      n.nis_code = optional_string_at(r, 4);
      n.status = string_at(r, 5);
      n.status_reason = string_at(r, 6);
      n.created_by = optional_int64_at(r, 7);
      n.created_at = int64_at(r, 8);
      n.updated_at = int64_at(r, 9);
      at[n.id] = out.size();
      out.push_back(std::move(n));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT need_id, theme FROM need_themes ORDER BY need_id, theme");
    for (const auto& r : rows)
      if (const auto f = at.find(int64_at(r, 0)); f != at.end())
        out[f->second].themes.push_back(string_at(r, 1));
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT need_id, signal_id FROM need_signals ORDER BY need_id, signal_id");
    for (const auto& r : rows)
      if (const auto f = at.find(int64_at(r, 0)); f != at.end())
        out[f->second].signal_ids.push_back(int64_at(r, 1));
  }
  return out;
}

std::map<std::pair<std::string, std::string>, int> load_open_signals(soci::session& sql) {
  std::map<std::pair<std::string, std::string>, int> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.nis_code, t.theme, COUNT(*) FROM signals s "
                      "JOIN signal_themes t ON t.signal_id = s.id WHERE s.closed_at IS NULL "
                      "GROUP BY s.nis_code, t.theme");
  for (const auto& r : rows)
    out[{string_at(r, 0), string_at(r, 1)}] = static_cast<int>(int64_at(r, 2));
  return out;
}

std::map<std::int64_t, std::string> load_public_hrefs(soci::session& sql,
                                                      const std::vector<Action>& actions) {
  std::map<std::int64_t, std::string> out;
  for (const Action& a : actions)
    for (const Output& o : a.outputs) {
      if (o.kind == "link" && o.target.starts_with("https://")) {
        out[o.id] = o.target;
        continue;
      }
      const auto id = parse_id(o.target);
      if (!id) continue;
      if (o.kind == "resource") {
        if (const auto r = catalog::resource_ref(sql, *id); r && r->is_public)
          out[o.id] = "/kennisbank/" + r->slug;
      } else if (o.kind == "series") {
        if (const auto s = trainings::series_ref(sql, *id); s && s->is_public)
          out[o.id] = "/vorming/" + s->slug;
      }
    }
  return out;
}

}  // namespace

OverviewData OverviewStore::load() {
  OverviewData data;
  db_.run([&](soci::session& sql) {
    data.statuses = load_statuses(sql);
    data.actions = load_actions(sql);
    data.needs = load_needs(sql);
    data.open_signals = load_open_signals(sql);
    data.public_hrefs = load_public_hrefs(sql, data.actions);
  });
  return data;
}

}  // namespace schakel::signals
