#pragma once
// Who may do what with training series. The organiser of a series is its owner
// municipality's SPOC, or the coordinator (who also organises for partners).
// Admins run the platform, not trainings: they have no organiser rights here.
#include <optional>
#include <string>

#include "trainings/types.hpp"
#include "web/http.hpp"

namespace schakel::trainings {

// May `user` see `series` at all: published and visible at the user's level, or
// the user organises it (drafts and cancelled series too).
bool may_view(const std::optional<web::Principal>& user, const Series& series);
// May `user` organise `series`: edit it and its sessions, see participants and
// their answers, the waitlist, attendance, evaluation results, certificates and
// exports with personal data.
bool may_manage(const std::optional<web::Principal>& user, const Series& series);
// May `user` create a series owned by `nis_code` ("" = a partner organisation,
// coordinator only)?
bool may_create(const std::optional<web::Principal>& user, const std::string& nis_code);
// May `user` create any series (shows the "new series" button)?
bool may_create_any(const std::optional<web::Principal>& user);
// May `user` see the network-wide reports (impact, attendance across series)?
bool may_view_network_reports(const std::optional<web::Principal>& user);

}  // namespace schakel::trainings
