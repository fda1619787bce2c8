#pragma once
// Who may do what in the network feature. Handlers ask; they never decide.
#include <optional>
#include <string>

#include "web/http.hpp"

namespace schakel::network {

enum class Action {
  view_directory,      // the SPOC directory with contact details (network-only)
  view_municipality,   // a member municipality's network page and contact text: the network
  edit_municipality,   // its contact text: its own SPOCs and the coordinator
  manage_memberships,  // add and end memberships (coordinator)
  manage_spocs,        // assign and remove SPOC roles (coordinator)
  hand_over_lead,      // propose a new coordinator (coordinator)
  view_audit,          // the audit log (coordinator, admin)
};

// True when `user` may do `action` (on municipality `nis_code` where it matters).
bool may(const std::optional<web::Principal>& user, Action action,
         const std::string& nis_code = {});

}  // namespace schakel::network
