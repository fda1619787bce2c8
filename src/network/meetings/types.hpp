#pragma once
// The data of platform meetings (overleg) as the store reads and writes it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schakel::meetings {

// A meeting of the network. Times are UTC seconds.
struct Meeting {
  std::int64_t id = 0;
  std::string title;
  std::int64_t starts_at = 0, ends_at = 0;
  std::string format = "in_person";    // "in_person", "online" or "hybrid"
  std::string address;                 // in person and hybrid
  std::string online_url;              // online and hybrid; shown only to the invited
  std::int64_t proposals_until = 0;    // SPOCs propose agenda items before this moment
  std::string status = "planned";      // "planned" or "cancelled"
  int sequence = 0;                    // the .ics SEQUENCE
  std::vector<std::string> nis_codes;  // invited municipalities
  std::vector<std::int64_t> people;    // invited people (user ids)
  std::int64_t created_at = 0, updated_at = 0;
};

// An agenda item, or a SPOC's proposal for one.
struct AgendaItem {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::string title;
  std::string owner_name;  // who brings it (free text, a name)
  int minutes_planned = 0;
  std::optional<std::int64_t> resource_id, action_id, need_id;
  std::string status = "proposed";  // "proposed", "accepted", "declined"
  int position = 0;                 // order among the accepted items
  std::string minutes_md;           // the minutes of this item (Markdown)
  std::optional<std::int64_t> proposed_by;
  std::int64_t created_at = 0;
};

struct Attendee {
  std::int64_t user_id = 0;
  std::string nis_code;  // the municipality they came for ("" for none)
};

struct Decision {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::string text;
  std::int64_t created_at = 0;
};

struct ActionPoint {
  std::int64_t id = 0;
  std::int64_t meeting_id = 0;
  std::string text;
  std::int64_t owner_id = 0;
  std::string due_on;  // YYYY-MM-DD (Brussels)
  bool done = false;
  std::optional<std::int64_t> action_id;  // the signals action made from it
  std::int64_t created_at = 0;
  std::string meeting_title;  // filled by listings across meetings
};

// Everything recorded about one meeting.
struct MeetingRecord {
  Meeting meeting;
  std::vector<AgendaItem> items;  // accepted by position, then proposed, then declined
  std::vector<Attendee> attendance;
  std::vector<Decision> decisions;
  std::vector<ActionPoint> action_points;
};

}  // namespace schakel::meetings
