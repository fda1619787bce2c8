#pragma once
// The CSV of actions (/acties/export.csv, /acties/import): one row per action,
// RFC 4180 quoting, CRLF line ends, UTF-8, and this header row:
//
//   ref,parent_ref,title,description,owner_kind,owner_user_id,owner_nis_code,
//   owner_partner,starts_on,ends_on,status,progress,public,needs,goals,
//   milestones,outputs,indicators
//
//   ref            the action's number in the file (the export writes its id);
//                  unique in the file
//   parent_ref     the ref of the larger action it is part of, or empty
//   owner_kind     person | municipality | partner, with owner_user_id (a user
//                  id), owner_nis_code (a NIS code) or owner_partner (a name)
//   starts_on, ends_on   YYYY-MM-DD; ends_on may be empty
//   status         the label of a status of /acties/statussen
//   progress       its own progress 0..100, or empty
//   public         ja | nee
//   needs, goals   need ids and goal numbers separated by ";" (e.g. "3;7"), or empty
//   milestones     a JSON array of {"title", "due_on", "done_on" (a date or null)}
//   outputs        a JSON array of {"kind", "target", "label"}: kind resource
//                  (target: resource id), series (training series id), campaign
//                  (postcard theme slug) or link (https URL)
//   indicators     a JSON array of {"name", "value", "target" (a number or null), "unit"}
//
// Importing adds every row as a new action after checking all of them with the
// rules of the forms (privacy guard included); one error anywhere and nothing
// changes. Exporting the imported actions gives the same bytes again when the
// ids of the new actions are those of the file (an empty database).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signals/action_service.hpp"
#include "signals/types.hpp"

namespace schakel::signals {

// The header row's columns, in order.
const std::vector<std::string>& action_csv_columns();

// One action of a file as read: its line (1 = the header), its references, the
// form values, and its lists as typed in the file (checked by the service).
struct CsvAction {
  int line = 0;
  std::string ref, parent_ref;
  ActionInput input;
  std::string status_label;
  struct MilestoneText {
    std::string title, due_on;
    std::optional<std::string> done_on;
  };
  std::vector<MilestoneText> milestones;
  struct OutputText {
    std::string kind, target, label;
  };
  std::vector<OutputText> outputs;
  struct IndicatorText {
    std::string name, value, target, unit;
  };
  std::vector<IndicatorText> indicators;
};

struct CsvActions {
  std::vector<CsvAction> rows;
  std::vector<std::string> errors;  // Dutch, naming line and column
};

// Limits of a file: at most this many bytes and rows.
constexpr std::size_t action_csv_max_bytes = 4 * 1024 * 1024, action_csv_max_rows = 2000;

// Reads a file. Never throws; every problem is an error naming its line and
// column (the first 50 problems).
CsvActions parse_actions_csv(std::string_view text);

// The CSV of `actions` (sorted by id), with status labels from `statuses`.
std::string actions_csv(const std::vector<Action>& actions,
                        const std::vector<ActionStatus>& statuses);

}  // namespace schakel::signals
