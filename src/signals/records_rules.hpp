#pragma once
// Rules that signals and needs share: who sees and changes what, the bounds of
// texts, dates, and the privacy guard on every free text.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/choice.hpp"
#include "core/result.hpp"
#include "signals/signal_store.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::signals {

// Bounds of the texts of signals and needs, in characters.
constexpr std::size_t description_max = 2000;  // a signal's or need's description
constexpr std::size_t short_text_max = 200;    // target group, sector, source, a need's title
constexpr std::size_t reason_max = 1000;       // why a need is not addressed
constexpr std::size_t themes_max = 12;
constexpr std::size_t signals_per_need_max = 100;

// The coordinator and the admin: they see and change all signals and needs.
bool has_full_rights(const std::optional<web::Principal>& user);
// The SPOCs, the coordinator and the admin: they may see signals and needs.
bool may_see_records(const std::optional<web::Principal>& user);
// How `user` looks at signals (see SignalViewer).
SignalViewer viewer_of(const std::optional<web::Principal>& user);
// True when `user` may create or edit records of municipality `nis_code`
// ("" for supra-local: only the coordinator and admin).
bool may_write_for(const std::optional<web::Principal>& user, const std::string& nis_code);

// Checks free text `value` of form field `field` (signals, needs and actions): required (then
// `missing` is the message when empty), at most `max` characters, and no identifier of a person
// (core/privacy_guard.hpp). Adds at most one error to `errors`. Never logs the text.
void check_text(FieldErrors& errors, const std::string& field, const std::string& value,
                std::size_t max, const char* missing = nullptr);

// The themes of the catalog's vocabulary, for forms: value = slug, label.
std::vector<Choice> theme_choices(store::Database& db);
// Checks `themes` (at least one, at most themes_max, each a catalog theme
// slug, no duplicates) and adds a field error "themes" when they are wrong.
void check_themes(store::Database& db, FieldErrors& errors, std::vector<std::string>& themes);

// Today's date in Brussels, "YYYY-MM-DD".
std::string today(std::int64_t now);
// True when `s` is a real date "YYYY-MM-DD" from 2000 on.
bool is_date(const std::string& s);
// "3 maart 2026" for a date "2026-03-03"; the text itself when it is no date.
std::string date_label(const std::string& date);

// Dutch labels of need statuses and kinds, and of signal frequencies.
const std::vector<Choice>& need_statuses();
const std::vector<Choice>& need_kinds();
const std::vector<Choice>& frequencies();

}  // namespace schakel::signals
