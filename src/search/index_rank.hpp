#pragma once
// Ranking and paging of a search's results (index_rank.cpp), apart from
// planning, matching and counting (index_search.cpp). Internal to the search
// module.
#include <cstdint>
#include <vector>

#include "search/index_internal.hpp"

namespace schakel::search {

// One group of the plan with its postings (group_postings).
struct GroupPostings {
  SearchIndex::Impl::Postings postings;
  bool excluded = false;
  const Roaring& docs() const { return postings->docs; }
};

// The page's end of the results (up to offset + limit), in page order: by
// score (then newest), or newest first when `by_date`. Ties go to the lower
// docid, so the order is total. Either every result is scored and partially
// sorted, or, when cheaper and the order does not depend on more than one
// posting list, the page is the first results met in a precomputed order: by
// date, or by weight in the sole alternative (whose postings hold every result,
// so its order is the ranking). An order is used only when it is current for
// the dates (see date_order, weight_order); `gen` is the reader's revision.
// Requires: impl.facet_mutex held.
void rank_page(SearchIndex::Impl& impl, const std::vector<GroupPostings>& groups,
               const Roaring& results, bool by_date, const SearchQuery& q, std::uint64_t gen,
               std::vector<Xapian::docid>& ranked);

}  // namespace schakel::search
