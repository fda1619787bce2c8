#pragma once
// Loading demo content: every feature's DemoLoader, in order, in one transaction.
#include "app/app.hpp"

namespace schakel {

// True when the database holds no content (no users, memberships or goals).
bool database_is_empty(store::Database& db);

// Loads the demo content. Refuses (conflict) a database with content unless
// `force`, which first removes earlier demo content.
Status load_demo(App& app, bool force);

}  // namespace schakel
