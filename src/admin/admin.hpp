#pragma once
// The admin feature: users and roles, the mail outbox (with the demo's .eml
// mails to click through) and the audit log.
#include <optional>

#include "web/access.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::admin {

enum class Action {
  view_dashboard,  // /beheer (admin)
  view_mail,       // the outbox and each message (admin)
  resend_mail,     // put an uncertain or failed message back in the queue (admin)
  manage_users,    // list users, change roles (admin)
  view_audit,      // browse and export the audit log (coordinator, admin)
};

// Who may do `action`: the routes of the action declare it (checked by the app).
web::Access access_for(Action action);
// True when `user` may do `action`.
bool may(const std::optional<web::Principal>& user, Action action);

// Registers /beheer and its pages.
void install(App& app);

}  // namespace schakel::admin
