#include "signals/goal_service.hpp"

#include "core/text.hpp"
#include "web/form.hpp"

namespace schakel::signals {

std::string public_actions_phrase(int count) {
  return std::to_string(count) + (count == 1 ? " publieke actie" : " publieke acties");
}

namespace {

// The number of UTF-8 characters of `s`.
std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

bool runs_network(const std::optional<web::Principal>& user) {
  return user && (user->role == Role::coordinator || user->role == Role::admin);
}

std::string GoalService::today() const { return format_date_input(clock_.now()); }

std::vector<GoalView> GoalService::goals(bool public_only) {
  OverviewData data = OverviewStore(db_).load();
  const auto progress = counted_progress(data.actions, data.statuses);
  std::vector<GoalView> out;
  for (const Goal& g : GoalStore(db_).all())
    out.push_back(
        {g, data, progress, goal_actions(data, progress, g.number, public_only), today()});
  return out;
}

Result<GoalView> GoalService::goal(int number, bool public_only) {
  auto goal = GoalStore(db_).find(number);
  if (!goal) return Error::of(Failure::not_found, "Deze doelstelling bestaat niet.");
  OverviewData data = OverviewStore(db_).load();
  auto progress = counted_progress(data.actions, data.statuses);
  auto actions = goal_actions(data, progress, number, public_only);
  return GoalView{*goal, std::move(data), std::move(progress), std::move(actions), today()};
}

std::vector<GoalSummary> GoalService::public_summaries() {
  const OverviewData data = OverviewStore(db_).load();
  const auto progress = counted_progress(data.actions, data.statuses);
  std::vector<GoalSummary> out;
  for (const Goal& g : GoalStore(db_).all())
    out.push_back({g, goal_actions(data, progress, g.number, true).roll_up});
  return out;
}

Status GoalService::update(const std::optional<web::Principal>& user, int number,
                           const std::string& title_in, const std::string& description_in) {
  if (!runs_network(user))
    return Error::of(Failure::forbidden, "Alleen de coördinator past de doelstellingen aan.");
  const std::string title = trim(title_in), description = trim(description_in);
  FieldErrors errors;
  if (title.empty())
    errors.push_back({"title", "Geef de doelstelling een titel."});
  else if (!web::valid_utf8(title) || characters(title) > goal_title_max)
    errors.push_back({"title", "De titel is te lang: hoogstens 200 tekens."});
  if (!web::valid_utf8(description) || characters(description) > goal_description_max)
    errors.push_back({"description", "De beschrijving is te lang: hoogstens 2.000 tekens."});
  if (!GoalStore(db_).find(number))
    return Error::of(Failure::not_found, "Deze doelstelling bestaat niet.");
  if (!errors.empty()) return Error{Failure::invalid, std::move(errors)};
  const std::int64_t now = clock_.now();
  db_.transact([&](soci::session& sql) {
    GoalStore::update(sql, Goal{number, title, description}, now);
  });
  return ok_status();
}

}  // namespace schakel::signals
