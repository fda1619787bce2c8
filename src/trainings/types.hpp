#pragma once
// Training series (DESIGN.md section 1, strategic goal 2): a series of sessions
// that professionals register for, with a waitlist when it is full.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schakel::trainings {

struct Series {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  std::string description;  // Markdown
  std::string audience;
  std::string organiser;
  std::string owner_nis_code;  // "" for a partner organisation
  std::string region;
  std::string contact;
  std::string visibility = "public";
  std::string registration_unit = "series";  // "series" or "session"
  std::optional<std::int64_t> registration_deadline;
  std::int64_t offer_hold_seconds = 48 * 3600;
  std::string status = "draft";  // draft, published, cancelled
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct Session {
  std::int64_t id = 0;
  std::int64_t series_id = 0;
  std::string module = "basics";     // basics, deepening, intervision, follow_up
  std::string format = "in_person";  // in_person, online, webinar
  std::string address;
  std::string room;
  std::string online_url;  // shown to registered participants only
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
  int capacity = 20;
  std::string trainers;
  std::string status = "planned";  // planned, cancelled
};

// What a registration is for: the whole series, or one of its sessions.
struct Unit {
  std::int64_t series_id = 0;
  std::optional<std::int64_t> session_id;
};

struct Registration {
  std::int64_t id = 0;
  Unit unit;
  std::optional<std::int64_t> user_id;
  std::string name;
  std::string email;
  // registered: has a place; waitlisted: waits in queue order; offered: a place
  // is held until offer_expires_at; cancelled; expired (an offer not taken).
  std::string state;
  std::optional<std::int64_t> queue_position;
  std::optional<std::int64_t> offer_expires_at;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Who registers: a signed-in professional (user_id) or a guest.
struct Person {
  std::optional<std::int64_t> user_id;
  std::string name;
  std::string email;
};

}  // namespace schakel::trainings
