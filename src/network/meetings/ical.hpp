#pragma once
// The .ics of a meeting (built with view/ical.hpp): one VEVENT with the stable
// UID "meeting-<id>@<host>" and the meeting's SEQUENCE, so an update or a
// cancellation changes the same event in the invited people's calendars.
#include <cstdint>
#include <string>
#include <vector>

#include "mail/mail.hpp"
#include "network/meetings/types.hpp"

namespace schakel::meetings {

// "meeting-<id>@<host of base_url>".
std::string meeting_uid(std::int64_t id, const std::string& base_url);

// The calendar of meeting `m` with its accepted agenda `items` in the
// description. The online link is written only when `with_link` (for the
// invited). A cancelled meeting gives METHOD:CANCEL and STATUS:CANCELLED.
std::string meeting_ics(const Meeting& m, const std::vector<AgendaItem>& items,
                        const std::string& base_url, bool with_link, std::int64_t now);

// meeting_ics as the attachment "overleg.ics" (method PUBLISH, or CANCEL).
mail::MailAttachment meeting_attachment(const Meeting& m, const std::vector<AgendaItem>& items,
                                        const std::string& base_url, bool with_link,
                                        std::int64_t now);

}  // namespace schakel::meetings
