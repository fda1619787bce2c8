#include "app/demo.hpp"

namespace schakel {

bool database_is_empty(store::Database& db) {
  int rows = 0;
  db.run([&](soci::session& sql) {
    int n = 0;
    for (const char* table : {"users", "memberships", "goals"}) {
      sql << std::string("SELECT COUNT(*) FROM ") + table, soci::into(n);
      rows += n;
    }
  });
  return rows == 0;
}

Status load_demo(App& app, bool force) {
  if (!force && !database_is_empty(app.db()))
    return Error::of(
        Failure::conflict,
        "De databank bevat al gegevens; gebruik --force om de demo-inhoud opnieuw te laden.");
  app.db().transact([&](soci::session& sql) {
    if (force) {
      // Demo resources first: they refer to the demo coordinator who wrote them.
      sql << "DELETE FROM resources WHERE created_by IN (SELECT id FROM users WHERE is_demo = 1)";
      // Demo training series with everything hanging off them (sessions,
      // registrations, attendance, evaluations, certificates).
      sql << "DELETE FROM training_series WHERE is_demo = 1";
      sql << "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE is_demo = 1)";
      sql << "DELETE FROM users WHERE is_demo = 1";
      sql << "DELETE FROM memberships WHERE is_demo = 1";
      sql << "DELETE FROM goals";
    }
    for (const auto& loader : app.demo_loaders()) loader.load(sql, app.clock());
    sql << "DELETE FROM settings WHERE key = 'demo'";
    sql << "INSERT INTO settings (key, value) VALUES ('demo', '1')";
  });
  return ok_status();
}

}  // namespace schakel
