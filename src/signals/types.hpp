#pragma once
// The domain of signals, needs and actions (issue 13; tables in
// migrations/0023_signals.sql). Plain values: stores fill them, services check
// them, routes and overviews read them.
//
// Words: a *signal* is what a SPOC heard of in one municipality (a situation or
// trend, never a person); a *need* (or gap) groups signals; an *action* answers
// needs and serves goals. Every change to a need or action leaves a dated
// TimelineEntry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schakel::signals {

// How often a signal is heard: "once", "sometimes", "often".
struct Signal {
  std::int64_t id = 0;
  std::string nis_code;  // the municipality it was heard in
  std::string description;
  std::vector<std::string> themes;  // catalog theme slugs, at least one
  std::string target_group;
  std::string sector;
  std::string track;  // catalog track slug or ""
  std::string source;
  std::string observed_on;  // YYYY-MM-DD
  std::string frequency = "once";
  bool urgent = false;
  bool own_municipality_only =
      false;  // then only that municipality's SPOCs and coordinators see it
  std::optional<std::int64_t> closed_at;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Need statuses: "open", "in_progress" (wordt aangepakt), "addressed" (aangepakt),
// "not_addressed" (niet aangepakt, with a reason). Kinds: "need", "gap".
struct Need {
  std::int64_t id = 0;
  std::string title;
  std::string description;
  std::string kind = "need";
  std::optional<std::string> nis_code;  // nullopt: supra-local
  std::vector<std::string> themes;
  std::string status = "open";
  std::string status_reason;
  std::vector<std::int64_t> signal_ids;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A status of the coordinator's list, with the progress it stands for (0..100).
struct ActionStatus {
  std::int64_t id = 0;
  std::string label;
  int progress = 0;
  int position = 0;
};

struct Milestone {
  std::int64_t id = 0;
  std::string title;
  std::string due_on;                  // YYYY-MM-DD
  std::optional<std::string> done_on;  // YYYY-MM-DD when reached
};

// Output kinds: "resource" (target: resource id), "series" (training series
// id), "campaign" (campaign theme slug, e.g. "elder_abuse" for its postcard),
// "link" (target: an https URL).
struct Output {
  std::int64_t id = 0;
  std::string kind;
  std::string target;
  std::string label;
};

struct Indicator {
  std::int64_t id = 0;
  std::string name;
  double value = 0;
  std::optional<double> target;
  std::string unit;
};

// Owner kinds: "person" (owner_user_id), "municipality" (owner_nis_code),
// "partner" (owner_partner, a name).
struct Action {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;  // the larger action it is part of
  std::string title;
  std::string description;
  std::string owner_kind = "municipality";
  std::optional<std::int64_t> owner_user_id;
  std::optional<std::string> owner_nis_code;
  std::string owner_partner;
  std::string starts_on;               // YYYY-MM-DD
  std::optional<std::string> ends_on;  // YYYY-MM-DD, nullopt when open-ended
  std::int64_t status_id = 0;
  std::optional<int> progress;  // its own progress; nullopt: the status's
  bool is_public = false;
  std::vector<std::int64_t> need_ids;
  std::vector<int> goal_numbers;
  std::vector<Milestone> milestones;
  std::vector<Output> outputs;
  std::vector<Indicator> indicators;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// One dated line of the story of a signal, need or action.
// subject_kind: "signal", "need", "action". event: "created", "edited",
// "status", "linked", "unlinked", "milestone", "output", "indicator", "closed".
struct TimelineEntry {
  std::int64_t id = 0;
  std::string subject_kind;
  std::int64_t subject_id = 0;
  std::int64_t at = 0;
  std::optional<std::int64_t> actor_user_id;
  std::string event;
  std::string summary;  // Dutch, written by the platform
};

}  // namespace schakel::signals
