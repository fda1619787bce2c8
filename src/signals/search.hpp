#pragma once
// Signals, needs and actions in the search index (issue 13: "full-text search
// over signals, needs and actions, network-only visibility enforced inside the
// search"). Their documents carry visibilities of their own, which no other
// search (the kennisbank's /zoeken, the API) ever asks for:
//   "signals_network"             needs, actions and signals the network shares;
//   "signals_municipality:NIS"    a signal marked own_municipality_only of NIS.
// A SPOC sees signals_network and the signals_municipality levels of the
// municipalities she speaks for; coordinators and admins see every level;
// professionals and anonymous visitors see none.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "search/engine.hpp"
#include "store/database.hpp"
#include "web/form.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::signals {

inline constexpr const char* network_level = "signals_network";
// The level of the own-municipality-only signals of `nis_code`.
std::string municipality_level(const std::string& nis_code);

// Document sources of the entities "signal", "need" and "action" (index keys
// "signal:ID", "need:ID", "action:ID"). A hit's data is JSON with kind
// ("signal", "need", "action"), id, title and href (/signalen/ID, /noden/ID,
// /acties/ID).
search::DocumentSource signal_source();
search::DocumentSource need_source();
search::DocumentSource action_source();

// The visibility levels of signals, needs and actions that `user` may see
// (empty: none). Coordinators and admins get the level of every municipality.
std::vector<std::string> visible_levels(store::Database& db,
                                        const std::optional<web::Principal>& user);

// A search of /signalen/zoeken from its parameters: q (at most 500 characters),
// soort (signaal, nood, actie), thema (a theme slug), gemeente (a NIS code or
// "bovenlokaal"), pagina (1..1000). Unknown values are field errors in Dutch.
// Visibility comes from `user`, never from the request.
Result<search::SearchQuery> parse_signals_search(store::Database& db, const web::Form& params,
                                                 const std::optional<web::Principal>& user,
                                                 int page_size);

// Registers the three sources and the page /signalen/zoeken (SPOCs,
// coordinators, admins).
void install_search(App& app);

}  // namespace schakel::signals
