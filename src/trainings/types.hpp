#pragma once
// Training series (DESIGN.md section 1, strategic goal 2): a series of sessions
// that professionals register for, with a waitlist when it is full.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/choice.hpp"

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
  std::string status = "draft";     // draft, published, cancelled
  std::vector<std::string> themes;  // slugs of the kennisbank's theme vocabulary
  // Who gets a certificate: "all" sessions attended, or "min" (at least
  // certificate_min_sessions of them).
  std::string certificate_rule = "all";
  int certificate_min_sessions = 0;
  std::string evaluation_unit = "series";  // evaluate after the "series" or each "session"
  // Registration for the whole series closes when its first session starts,
  // unless late joining is allowed. A late joiner is measured (attendance,
  // no-shows, certificate) only on the sessions that start after registering.
  bool late_join = false;
  std::optional<std::int64_t> answers_deleted_at;
  bool is_demo = false;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct Session {
  std::int64_t id = 0;
  std::int64_t series_id = 0;
  std::string title;                 // optional, e.g. "Verdieping: het gesprek"
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
  std::optional<std::int64_t> reminded_at;
  int minutes() const { return static_cast<int>((ends_at - starts_at) / 60); }
};

// An optional question of a series (dietary needs, ...), answered at registration.
struct Question {
  std::int64_t id = 0;
  std::int64_t series_id = 0;
  int position = 0;
  std::string label;
};

// An answer to a question, seen only by the organiser.
struct Answer {
  std::int64_t registration_id = 0;
  std::int64_t question_id = 0;
  std::string answer;
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
  std::string nis_code;  // the participant's municipality, "" when not given
  std::string sector;    // accounts::sectors() value, "" when not given
  std::optional<std::int64_t> evaluated_at;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // Whether session `s` counts for this registration: it is covered by the unit
  // and started at or after the registration (a late joiner is not measured on
  // sessions that began before they registered).
  bool counts(const Session& s) const {
    return s.series_id == unit.series_id && (!unit.session_id || *unit.session_id == s.id) &&
           s.starts_at >= created_at;
  }
  bool active() const {
    return state == "registered" || state == "waitlisted" || state == "offered";
  }
};

// Who registers: a signed-in professional (user_id) or a guest.
struct Person {
  std::optional<std::int64_t> user_id;
  std::string name;
  std::string email;
  std::string nis_code = {};  // optional (initialised, so callers may leave it out)
  std::string sector = {};    // optional
};

// The modules, formats and (for labels) states, in Dutch.
const std::vector<Choice>& modules();
const std::vector<Choice>& formats();
// "Ik weet hoe ik een vermoeden van ... kan bespreken": the confidence questions
// asked before (at registration) and after (in the evaluation), scale 1-10.
const std::vector<std::string>& confidence_questions();
// Options of "what will you use" in the evaluation.
const std::vector<Choice>& use_options();

}  // namespace schakel::trainings
