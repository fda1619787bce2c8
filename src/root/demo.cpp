#include "root/demo.hpp"

#include "store/settings.hpp"

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
      // Each feature deletes its own demo rows, the last loaded first.
      const auto& loaders = app.demo_loaders();
      for (auto it = loaders.rbegin(); it != loaders.rend(); ++it)
        if (it->unload) it->unload(sql);
    }
    for (const auto& loader : app.demo_loaders()) loader.load(sql, app.clock());
    store::write_setting(sql, "demo", "1");
  });
  return ok_status();
}

}  // namespace schakel
