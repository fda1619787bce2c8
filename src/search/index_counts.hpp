#pragma once
// Facet counts of a search (index_counts.cpp): which values the query selects,
// the results meeting the selections, and for every counted facet the number
// of results per value, by bitmap intersections, a walk over the facet table or
// a pass over a facet's column of codes. Internal to the search module.
#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "search/index_internal.hpp"

namespace schakel::search {

// How many searches counted their facets by one pass over rows (FacetRows),
// for the tests that force or compare the ways.
extern std::atomic<std::uint64_t> row_passes;

// One involved facet: its value ids (in id order) and which of them are
// selected; when the query selects values of it, the documents having any of
// them (`chosen`).
struct FacetPart {
  const std::vector<std::uint32_t>* ids = nullptr;  // null when nothing has the facet
  std::vector<char> selected;                       // by position in *ids
  bool has_selection = false;
  Roaring chosen;
};

// The column of codes of `facet` when it has one (no document has two of its
// values), else null. Requires: impl.facet_mutex held.
const SearchIndex::Impl::FacetColumn* column_of(const SearchIndex::Impl& impl,
                                                const std::string& facet);

// The parts of the facets `facet_names` for query `q`.
// Requires: impl.facet_mutex held.
std::vector<FacetPart> select_facets(const SearchIndex::Impl& impl, const SearchQuery& q,
                                     const std::vector<std::string>& facet_names);

// `matched` restricted to every selected facet except facet `skip` (none when
// `skip` is parts.size()): the documents that meet all the other selections.
Roaring meeting_selections(const Roaring& matched, const std::vector<FacetPart>& parts,
                           std::size_t skip);

// The counted facets' values into `facets` (see SearchOutcome::facets): for a
// value of facet f, the number of matches that have it and meet every selected
// facet other than f. `results` is `matched` meeting every selection. Exact
// whichever way each facet is counted.
// Requires: impl.facet_mutex held.
void count_facets(const SearchIndex::Impl& impl, const SearchQuery& q,
                  const std::vector<std::string>& facet_names, const std::vector<FacetPart>& parts,
                  const Roaring& matched, const Roaring& results,
                  std::map<std::string, std::vector<FacetCount>>& facets);

}  // namespace schakel::search
