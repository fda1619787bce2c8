#include "signals/goals.hpp"

#include "app/app.hpp"
#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::signals {

std::vector<Goal> GoalStore::all() {
  std::vector<Goal> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT number, title, description FROM goals ORDER BY number");
    for (const auto& r : rows)
      out.push_back(Goal{static_cast<int>(store::int64_at(r, 0)), store::string_at(r, 1),
                         store::string_at(r, 2)});
  });
  return out;
}

std::optional<Goal> GoalStore::find(int number) {
  std::optional<Goal> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT number, title, description FROM goals WHERE number = :n",
         soci::use(number));
    for (const auto& r : rows)
      out = Goal{static_cast<int>(store::int64_at(r, 0)), store::string_at(r, 1),
                 store::string_at(r, 2)};
  });
  return out;
}

void GoalStore::update(soci::session& sql, const Goal& goal, std::int64_t now) {
  sql << "UPDATE goals SET title = :t, description = :d WHERE number = :n", soci::use(goal.title),
      soci::use(goal.description), soci::use(goal.number);
  store::record_change(sql, "goal", std::to_string(goal.number), "updated", now);
}

void GoalStore::insert(soci::session& sql, const Goal& goal, std::int64_t now) {
  sql << "INSERT INTO goals (number, title, description) VALUES (:n, :t, :d)",
      soci::use(goal.number), soci::use(goal.title), soci::use(goal.description);
  store::record_change(sql, "goal", std::to_string(goal.number), "created", now);
}

void GoalStore::delete_all(soci::session& sql) { sql << "DELETE FROM goals"; }

void install_goals(App& app) {
  app.add_demo_loader(DemoLoader{"goals", 20,
                                 [](soci::session& sql, const Clock& clock) {
                                   const Goal goals[] = {
                                       {1, "Expertise bundelen",
                                        "De kennis over intrafamiliaal geweld groeit op "
                                        "intergemeentelijk niveau: gemeenten leren "
                                        "van elkaar en delen wat werkt."},
                                       {2, "Professionals vormen",
                                        "Eerstelijnswerkers volgen vormingen over intrafamiliaal "
                                        "geweld en voelen zich zekerder om "
                                        "te handelen."},
                                       {3, "Burgers informeren",
                                        "Burgers weten meer over intrafamiliaal geweld en kennen "
                                        "de weg naar passende hulp, zoals "
                                        "1712."},
                                       {4, "Signalen omzetten in acties",
                                        "Signalen, noden en hiaten worden in kaart gebracht en "
                                        "gekoppeld aan concrete acties die "
                                        "het lokale en bovenlokale aanbod verbeteren."},
                                   };
                                   for (const auto& g : goals)
                                     GoalStore::insert(sql, g, clock.now());
                                 },
                                 &GoalStore::delete_all});
}

}  // namespace schakel::signals
