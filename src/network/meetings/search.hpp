#pragma once
// Meetings in the search index: title, agenda, minutes, decisions and action
// points of each meeting, at the visibility level "meetings_network", which only
// SPOCs, coordinators and admins search with (no other search asks for it), so
// visibility is enforced inside the index.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "search/engine.hpp"
#include "web/http.hpp"

namespace schakel::meetings {

inline constexpr const char* network_level = "meetings_network";

// The documents of entity "meeting" (index key "meeting:ID"); a hit's data is
// JSON with id, title, when and href (/overleg/ID).
search::DocumentSource meeting_source();

// The query of the archive's search box `q` (at most 500 characters; field
// error "q"), at the levels `user` may see (none outside the network).
Result<search::SearchQuery> meeting_query(const std::string& q,
                                          const std::optional<web::Principal>& user);

}  // namespace schakel::meetings
