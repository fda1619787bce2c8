#include "signals/progress.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace schakel::signals {

std::map<std::int64_t, int> counted_progress(const std::vector<Action>& actions,
                                             const std::vector<ActionStatus>& statuses) {
  std::map<std::int64_t, int> status_progress;
  for (const ActionStatus& s : statuses) status_progress[s.id] = s.progress;
  std::map<std::int64_t, const Action*> by_id;
  std::map<std::int64_t, std::vector<std::int64_t>> parts;
  for (const Action& a : actions) by_id[a.id] = &a;
  for (const Action& a : actions)
    if (a.parent_id && by_id.count(*a.parent_id)) parts[*a.parent_id].push_back(a.id);

  std::map<std::int64_t, int> out;
  // Depth-first; `on_path` stops a cycle the service should have refused.
  std::set<std::int64_t> on_path;
  std::function<int(std::int64_t)> progress_of = [&](std::int64_t id) -> int {
    if (const auto done = out.find(id); done != out.end()) return done->second;
    const Action& a = *by_id.at(id);
    int value = 0;
    const auto own_parts = parts.find(id);
    if (a.progress) {
      value = *a.progress;
    } else if (own_parts != parts.end() && !on_path.count(id)) {
      on_path.insert(id);
      long long total = 0;
      for (const std::int64_t part : own_parts->second) total += progress_of(part);
      on_path.erase(id);
      const auto n = static_cast<long long>(own_parts->second.size());
      value = static_cast<int>((total * 2 + n) / (2 * n));
    } else if (const auto s = status_progress.find(a.status_id); s != status_progress.end()) {
      value = s->second;
    }
    out[id] = value;
    return value;
  };
  for (const Action& a : actions) progress_of(a.id);
  return out;
}

Standing standing(const Action& action, int progress, const std::string& today) {
  if (progress >= 100) return Standing::done;
  if (action.ends_on && *action.ends_on < today) return Standing::overdue;
  if (action.starts_on <= today) return Standing::running;
  return Standing::planned;
}

std::string standing_label(Standing s) {
  switch (s) {
    case Standing::planned:
      return "Gepland";
    case Standing::running:
      return "Loopt";
    case Standing::overdue:
      return "Over de einddatum";
    case Standing::done:
      return "Afgerond";
  }
  return "";
}

namespace {

template <class Field>
std::vector<std::string> from_needs(const Action& action, const std::vector<Need>& needs,
                                    std::set<std::string> seed, Field field) {
  for (const Need& n : needs)
    if (std::find(action.need_ids.begin(), action.need_ids.end(), n.id) != action.need_ids.end())
      field(n, seed);
  return {seed.begin(), seed.end()};
}

}  // namespace

std::vector<std::string> action_municipalities(const Action& action,
                                               const std::vector<Need>& needs) {
  std::set<std::string> seed;
  if (action.owner_nis_code && !action.owner_nis_code->empty()) seed.insert(*action.owner_nis_code);
  return from_needs(action, needs, std::move(seed), [](const Need& n, std::set<std::string>& s) {
    if (n.nis_code) s.insert(*n.nis_code);
  });
}

std::vector<std::string> action_themes(const Action& action, const std::vector<Need>& needs) {
  return from_needs(action, needs, {}, [](const Need& n, std::set<std::string>& s) {
    s.insert(n.themes.begin(), n.themes.end());
  });
}

}  // namespace schakel::signals
