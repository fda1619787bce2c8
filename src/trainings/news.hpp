#pragma once
// What is new in the training offer, for the digests and newsletters of issue
// 14 (App::add_news_source).
#include <cstdint>
#include <vector>

#include "app/app.hpp"

namespace schakel::trainings {

// Published series last saved in [from, until), oldest first, as news of
// digest kind "trainings": key "training:ID", link "/vorming/SLUG", the
// kennisbank themes of the series, and the date of its first planned session
// as summary. A series has no publication time of its own: it counts as news
// when it was last saved while published, so a later edit can make it news
// again (a digest still never repeats it, see digest_sent_items). Visibility
// "network" gives network_only. Reads inside the caller's transaction.
std::vector<NewsItem> new_series(soci::session& sql, std::int64_t from, std::int64_t until);

}  // namespace schakel::trainings
