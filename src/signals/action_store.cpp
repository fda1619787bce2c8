#include "signals/action_store.hpp"

#include <map>

#include "signals/timeline_store.hpp"
#include "store/database.hpp"
#include "store/row.hpp"

namespace schakel::signals {

namespace {

using store::double_at;
using store::optional_double_at;

std::optional<std::string> optional_string_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return store::string_at(r, i);
}

const char* const action_columns =
    "SELECT id, parent_id, title, description, owner_kind, owner_user_id, owner_nis_code, "
    "owner_partner, starts_on, ends_on, status_id, progress, is_public, created_by, created_at, "
    "updated_at FROM actions";

Action action_of(const soci::row& r) {
  Action a;
  a.id = store::int64_at(r, 0);
  a.parent_id = store::optional_int64_at(r, 1);
  a.title = store::string_at(r, 2);
  a.description = store::string_at(r, 3);
  a.owner_kind = store::string_at(r, 4);
  a.owner_user_id = store::optional_int64_at(r, 5);
  a.owner_nis_code = optional_string_at(r, 6);
  a.owner_partner = store::string_at(r, 7);
  a.starts_on = store::string_at(r, 8);
  a.ends_on = optional_string_at(r, 9);
  a.status_id = store::int64_at(r, 10);
  if (auto p = store::optional_int64_at(r, 11)) a.progress = static_cast<int>(*p);
  a.is_public = store::bool_at(r, 12);
  a.created_by = store::optional_int64_at(r, 13);
  a.created_at = store::int64_at(r, 14);
  a.updated_at = store::int64_at(r, 15);
  return a;
}

// Fills the lists of the actions in `by_id` with one query per table.
void fill_lists(soci::session& sql, std::map<std::int64_t, Action*>& by_id,
                const std::string& where, long long id) {
  auto run = [&](const std::string& query, auto each) {
    if (where.empty()) {
      soci::rowset<soci::row> rows = (sql.prepare << query);
      for (const auto& r : rows) each(r);
    } else {
      soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(id));
      for (const auto& r : rows) each(r);
    }
  };
  auto target = [&](const soci::row& r) -> Action* {
    auto it = by_id.find(store::int64_at(r, 0));
    return it == by_id.end() ? nullptr : it->second;
  };
  run("SELECT action_id, need_id FROM action_needs" + where + " ORDER BY action_id, need_id",
      [&](const soci::row& r) {
        if (auto* a = target(r)) a->need_ids.push_back(store::int64_at(r, 1));
      });
  run("SELECT action_id, goal_number FROM action_goals" + where +
          " ORDER BY action_id, goal_number",
      [&](const soci::row& r) {
        if (auto* a = target(r)) a->goal_numbers.push_back(static_cast<int>(store::int64_at(r, 1)));
      });
  run("SELECT action_id, id, title, due_on, done_on FROM action_milestones" + where +
          " ORDER BY action_id, due_on, id",
      [&](const soci::row& r) {
        if (auto* a = target(r))
          a->milestones.push_back(Milestone{store::int64_at(r, 1), store::string_at(r, 2),
                                            store::string_at(r, 3), optional_string_at(r, 4)});
      });
  run("SELECT action_id, id, kind, target, label FROM action_outputs" + where +
          " ORDER BY action_id, id",
      [&](const soci::row& r) {
        if (auto* a = target(r))
          a->outputs.push_back(Output{store::int64_at(r, 1), store::string_at(r, 2),
                                      store::string_at(r, 3), store::string_at(r, 4)});
      });
  run("SELECT action_id, id, name, value, target, unit FROM action_indicators" + where +
          " ORDER BY action_id, id",
      [&](const soci::row& r) {
        if (auto* a = target(r))
          a->indicators.push_back(Indicator{store::int64_at(r, 1), store::string_at(r, 2),
                                            double_at(r, 3), optional_double_at(r, 4),
                                            store::string_at(r, 5)});
      });
}

void write_links(soci::session& sql, const Action& a) {
  const long long id = a.id;
  sql << "DELETE FROM action_needs WHERE action_id = :a", soci::use(id);
  sql << "DELETE FROM action_goals WHERE action_id = :a", soci::use(id);
  for (const std::int64_t need : a.need_ids) {
    const long long n = need;
    sql << "INSERT INTO action_needs (action_id, need_id) VALUES (:a, :n)", soci::use(id),
        soci::use(n);
  }
  for (const int goal : a.goal_numbers)
    sql << "INSERT INTO action_goals (action_id, goal_number) VALUES (:a, :g)", soci::use(id),
        soci::use(goal);
}

}  // namespace

std::vector<Action> ActionStore::all(soci::session& sql) {
  std::vector<Action> out;
  {
    soci::rowset<soci::row> rows = (sql.prepare << std::string(action_columns) + " ORDER BY id");
    for (const auto& r : rows) out.push_back(action_of(r));
  }
  std::map<std::int64_t, Action*> by_id;
  for (auto& a : out) by_id[a.id] = &a;
  fill_lists(sql, by_id, "", 0);
  return out;
}

std::optional<Action> ActionStore::find(soci::session& sql, std::int64_t id) {
  const long long key = id;
  std::optional<Action> out;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(action_columns) + " WHERE id = :id", soci::use(key));
    for (const auto& r : rows) out = action_of(r);
  }
  if (!out) return out;
  std::map<std::int64_t, Action*> by_id{{out->id, &*out}};
  fill_lists(sql, by_id, " WHERE action_id = :id", key);
  return out;
}

std::int64_t ActionStore::insert(soci::session& sql, const Action& a, bool is_demo,
                                 std::int64_t now) {
  long long id = 0;
  const long long parent = a.parent_id.value_or(0), user = a.owner_user_id.value_or(0),
                  status = a.status_id, creator = a.created_by.value_or(0), at = now;
  soci::indicator parent_ind = a.parent_id ? soci::i_ok : soci::i_null,
                  user_ind = a.owner_user_id ? soci::i_ok : soci::i_null,
                  creator_ind = a.created_by ? soci::i_ok : soci::i_null;
  const std::string nis = a.owner_nis_code.value_or(""), ends = a.ends_on.value_or("");
  soci::indicator nis_ind = a.owner_nis_code ? soci::i_ok : soci::i_null,
                  ends_ind = a.ends_on ? soci::i_ok : soci::i_null;
  int progress = a.progress.value_or(0);
  soci::indicator progress_ind = a.progress ? soci::i_ok : soci::i_null;
  const int is_public = a.is_public ? 1 : 0, demo = is_demo ? 1 : 0;
  sql << "INSERT INTO actions (parent_id, title, description, owner_kind, owner_user_id, "
         "owner_nis_code, owner_partner, starts_on, ends_on, status_id, progress, is_public, "
         "created_by, is_demo, created_at, updated_at) VALUES (:p, :t, :d, :ok, :ou, :on, :op, "
         ":s, :e, :st, :pr, :pub, :cb, :demo, :c, :u) RETURNING id",
      soci::use(parent, parent_ind), soci::use(a.title), soci::use(a.description),
      soci::use(a.owner_kind), soci::use(user, user_ind), soci::use(nis, nis_ind),
      soci::use(a.owner_partner), soci::use(a.starts_on), soci::use(ends, ends_ind),
      soci::use(status), soci::use(progress, progress_ind), soci::use(is_public),
      soci::use(creator, creator_ind), soci::use(demo), soci::use(at), soci::use(at),
      soci::into(id);
  Action linked = a;
  linked.id = id;
  write_links(sql, linked);
  return id;
}

void ActionStore::update(soci::session& sql, const Action& a, std::int64_t now) {
  const long long id = a.id, parent = a.parent_id.value_or(0), user = a.owner_user_id.value_or(0),
                  status = a.status_id, at = now;
  soci::indicator parent_ind = a.parent_id ? soci::i_ok : soci::i_null,
                  user_ind = a.owner_user_id ? soci::i_ok : soci::i_null;
  const std::string nis = a.owner_nis_code.value_or(""), ends = a.ends_on.value_or("");
  soci::indicator nis_ind = a.owner_nis_code ? soci::i_ok : soci::i_null,
                  ends_ind = a.ends_on ? soci::i_ok : soci::i_null;
  int progress = a.progress.value_or(0);
  soci::indicator progress_ind = a.progress ? soci::i_ok : soci::i_null;
  const int is_public = a.is_public ? 1 : 0;
  sql << "UPDATE actions SET parent_id = :p, title = :t, description = :d, owner_kind = :ok, "
         "owner_user_id = :ou, owner_nis_code = :on, owner_partner = :op, starts_on = :s, "
         "ends_on = :e, status_id = :st, progress = :pr, is_public = :pub, updated_at = :u "
         "WHERE id = :id",
      soci::use(parent, parent_ind), soci::use(a.title), soci::use(a.description),
      soci::use(a.owner_kind), soci::use(user, user_ind), soci::use(nis, nis_ind),
      soci::use(a.owner_partner), soci::use(a.starts_on), soci::use(ends, ends_ind),
      soci::use(status), soci::use(progress, progress_ind), soci::use(is_public), soci::use(at),
      soci::use(id);
  write_links(sql, a);
}

void ActionStore::set_parent(soci::session& sql, std::int64_t id,
                             std::optional<std::int64_t> parent) {
  const long long key = id, p = parent.value_or(0);
  soci::indicator ind = parent ? soci::i_ok : soci::i_null;
  sql << "UPDATE actions SET parent_id = :p WHERE id = :id", soci::use(p, ind), soci::use(key);
}

std::int64_t ActionStore::add_milestone(soci::session& sql, std::int64_t action_id,
                                        const Milestone& m) {
  long long id = 0;
  const long long a = action_id;
  const std::string done = m.done_on.value_or("");
  soci::indicator done_ind = m.done_on ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO action_milestones (action_id, title, due_on, done_on) VALUES (:a, :t, :d, "
         ":x) RETURNING id",
      soci::use(a), soci::use(m.title), soci::use(m.due_on), soci::use(done, done_ind),
      soci::into(id);
  return id;
}

void ActionStore::set_milestone_done(soci::session& sql, std::int64_t milestone_id,
                                     const std::optional<std::string>& done_on) {
  const long long id = milestone_id;
  const std::string done = done_on.value_or("");
  soci::indicator ind = done_on ? soci::i_ok : soci::i_null;
  sql << "UPDATE action_milestones SET done_on = :x WHERE id = :id", soci::use(done, ind),
      soci::use(id);
}

void ActionStore::delete_milestone(soci::session& sql, std::int64_t milestone_id) {
  const long long id = milestone_id;
  sql << "DELETE FROM action_milestones WHERE id = :id", soci::use(id);
}

std::int64_t ActionStore::add_output(soci::session& sql, std::int64_t action_id, const Output& o) {
  long long id = 0;
  const long long a = action_id;
  sql << "INSERT INTO action_outputs (action_id, kind, target, label) VALUES (:a, :k, :t, :l) "
         "RETURNING id",
      soci::use(a), soci::use(o.kind), soci::use(o.target), soci::use(o.label), soci::into(id);
  return id;
}

void ActionStore::delete_output(soci::session& sql, std::int64_t output_id) {
  const long long id = output_id;
  sql << "DELETE FROM action_outputs WHERE id = :id", soci::use(id);
}

std::int64_t ActionStore::add_indicator(soci::session& sql, std::int64_t action_id,
                                        const Indicator& i) {
  long long id = 0;
  const long long a = action_id;
  double value = i.value, target = i.target.value_or(0);
  soci::indicator target_ind = i.target ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO action_indicators (action_id, name, value, target, unit) VALUES (:a, :n, "
         ":v, :t, :u) RETURNING id",
      soci::use(a), soci::use(i.name), soci::use(value), soci::use(target, target_ind),
      soci::use(i.unit), soci::into(id);
  return id;
}

void ActionStore::update_indicator(soci::session& sql, const Indicator& i) {
  const long long id = i.id;
  double value = i.value, target = i.target.value_or(0);
  soci::indicator target_ind = i.target ? soci::i_ok : soci::i_null;
  sql << "UPDATE action_indicators SET name = :n, value = :v, target = :t, unit = :u WHERE id = "
         ":id",
      soci::use(i.name), soci::use(value), soci::use(target, target_ind), soci::use(i.unit),
      soci::use(id);
}

void ActionStore::delete_indicator(soci::session& sql, std::int64_t indicator_id) {
  const long long id = indicator_id;
  sql << "DELETE FROM action_indicators WHERE id = :id", soci::use(id);
}

void ActionStore::touch(soci::session& sql, std::int64_t id, std::int64_t now) {
  const long long key = id, at = now;
  sql << "UPDATE actions SET updated_at = :u WHERE id = :id", soci::use(at), soci::use(key);
}

std::vector<Need> ActionStore::needs(soci::session& sql) {
  std::vector<Need> out;
  std::map<std::int64_t, std::size_t> index;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, title, kind, nis_code, status FROM needs ORDER BY id");
    for (const auto& r : rows) {
      Need n;
      n.id = store::int64_at(r, 0);
      n.title = store::string_at(r, 1);
      n.kind = store::string_at(r, 2);
      n.nis_code = optional_string_at(r, 3);
      n.status = store::string_at(r, 4);
      index[n.id] = out.size();
      out.push_back(std::move(n));
    }
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT need_id, theme FROM need_themes ORDER BY need_id, theme");
  for (const auto& r : rows) {
    auto it = index.find(store::int64_at(r, 0));
    if (it != index.end()) out[it->second].themes.push_back(store::string_at(r, 1));
  }
  return out;
}

std::vector<int> ActionStore::goal_numbers(soci::session& sql) {
  std::vector<int> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT number FROM goals ORDER BY number");
  for (const auto& r : rows) out.push_back(static_cast<int>(store::int64_at(r, 0)));
  return out;
}

bool ActionStore::user_exists(soci::session& sql, std::int64_t user_id) {
  long long n = 0;
  const long long id = user_id;
  sql << "SELECT COUNT(*) FROM users WHERE id = :id", soci::use(id), soci::into(n);
  return n > 0;
}

std::vector<std::pair<std::int64_t, std::string>> ActionStore::people(soci::session& sql) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, display_name FROM users WHERE role IN ('spoc', 'coordinator') "
                      "ORDER BY display_name, id");
  for (const auto& r : rows) out.emplace_back(store::int64_at(r, 0), store::string_at(r, 1));
  return out;
}

std::string ActionStore::user_name(soci::session& sql, std::int64_t id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  const long long key = id;
  sql << "SELECT display_name FROM users WHERE id = :id", soci::use(key), soci::into(name, ind);
  return sql.got_data() && ind == soci::i_ok ? name : std::string();
}

void ActionStore::delete_demo(soci::session& sql) {
  std::vector<std::int64_t> ids;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id FROM actions WHERE is_demo = 1");
    for (const auto& r : rows) ids.push_back(store::int64_at(r, 0));
  }
  for (const auto id : ids) TimelineStore::delete_for(sql, "action", id);
  sql << "UPDATE actions SET parent_id = NULL WHERE is_demo = 1";
  sql << "DELETE FROM actions WHERE is_demo = 1";
}

std::vector<ActionStatus> ActionStatusStore::all(soci::session& sql) {
  std::vector<ActionStatus> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, label, progress, position FROM action_statuses ORDER BY "
                      "position, id");
  for (const auto& r : rows)
    out.push_back(ActionStatus{store::int64_at(r, 0), store::string_at(r, 1),
                               static_cast<int>(store::int64_at(r, 2)),
                               static_cast<int>(store::int64_at(r, 3))});
  return out;
}

std::optional<ActionStatus> ActionStatusStore::find(soci::session& sql, std::int64_t id) {
  for (const auto& s : all(sql))
    if (s.id == id) return s;
  return std::nullopt;
}

std::optional<ActionStatus> ActionStatusStore::find_by_label(soci::session& sql,
                                                             const std::string& label) {
  for (const auto& s : all(sql))
    if (s.label == label) return s;
  return std::nullopt;
}

std::int64_t ActionStatusStore::insert(soci::session& sql, const ActionStatus& s) {
  long long id = 0;
  sql << "INSERT INTO action_statuses (label, progress, position) VALUES (:l, :p, :o) RETURNING "
         "id",
      soci::use(s.label), soci::use(s.progress), soci::use(s.position), soci::into(id);
  return id;
}

void ActionStatusStore::update(soci::session& sql, const ActionStatus& s) {
  const long long id = s.id;
  sql << "UPDATE action_statuses SET label = :l, progress = :p, position = :o WHERE id = :id",
      soci::use(s.label), soci::use(s.progress), soci::use(s.position), soci::use(id);
}

void ActionStatusStore::remove(soci::session& sql, std::int64_t id) {
  const long long key = id;
  sql << "DELETE FROM action_statuses WHERE id = :id", soci::use(key);
}

std::int64_t ActionStatusStore::uses(soci::session& sql, std::int64_t id) {
  long long n = 0;
  const long long key = id;
  sql << "SELECT COUNT(*) FROM actions WHERE status_id = :id", soci::use(key), soci::into(n);
  return n;
}

}  // namespace schakel::signals
