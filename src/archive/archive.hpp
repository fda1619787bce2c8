#pragma once
// Nothing lost when people or projects end (issue 15): the full export and
// import of every feature's data, the static archive of the public pages,
// scheduled backups with retention, and `schakel doctor`.
namespace schakel {
class App;
}

namespace schakel::archive {

// Registers the archive's routes (the admin's backup page), its jobs (the
// scheduled backup) and what it shows on the coordinator's dashboard.
void install(App& app);

}  // namespace schakel::archive
