#pragma once
// View-model pieces the pages of signals and needs share (no rules here).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/choice.hpp"
#include "core/result.hpp"
#include "signals/types.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::signals {

// Sets the tab bar's flags (partials/signals_tabs) on `model` for `tab`.
void set_tabs(nlohmann::json& model, const std::optional<web::Principal>& user,
              const std::string& tab);
// The catalog themes as checkbox options ({value, label, checked}).
nlohmann::json theme_options(store::Database& db, const std::vector<std::string>& checked);
// The catalog themes as select options with "Alle thema's" first ({value, label, selected}).
nlohmann::json theme_filter_options(store::Database& db, const std::string& selected);
// The municipalities `user` may write for ({value, label, selected}): a SPOC's
// own, or every Flemish municipality for the coordinator and admin.
nlohmann::json municipality_options(store::Database& db, const std::optional<web::Principal>& user,
                                    const std::string& selected);
// Every Flemish municipality as select options ({value, label, selected}).
nlohmann::json all_municipality_options(store::Database& db, const std::string& selected);
// The labels of theme slugs, joined with ", ".
std::string theme_labels(store::Database& db, const std::vector<std::string>& themes);
// A signal as a list item or detail: id, municipality, date, themes, flags, description.
nlohmann::json signal_model(store::Database& db, const Signal& s);
// Options of a fixed list ({value, label, selected}).
nlohmann::json choice_options(const std::vector<Choice>& list, const std::string& selected);
// Adds the form errors of `error` to `model` (App::form_errors and has_errors).
void add_errors(nlohmann::json& model, const Error& error);

}  // namespace schakel::signals
