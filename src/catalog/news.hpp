#pragma once
// What is new in the kennisbank, for the digests and newsletters of issue 14
// (App::add_news_source): published resources by the moment they were published.
#include <cstdint>
#include <vector>

#include "app/app.hpp"

namespace schakel::catalog {

// Resources published in [from, until), oldest first, as news of digest kind
// "resources": key "resource:ID", link "/kennisbank/SLUG", their theme slugs.
// Kinds initiative and funding_call are left out (the initiatives overview
// reports those as kind "initiatives"). Visibility "network" gives
// network_only; "public" and "professionals" are for every signed-in person.
// Reads inside the caller's transaction.
std::vector<NewsItem> new_resources(soci::session& sql, std::int64_t from, std::int64_t until);

}  // namespace schakel::catalog
