#pragma once
// Facet counts by plain bitsets (index_dense.cpp): the matches, each
// selection and each counted base as bitset words over the matches' docids,
// and a value's count as the popcount of its row bit's column (FacetRows)
// ANDed with the base. For large result sets this reads a few bits a
// document per value instead of a document's row. Internal to the search
// module.
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "search/index_counts.hpp"
#include "search/index_internal.hpp"

namespace schakel::search {

// How many searches counted their facets by bitsets, for the tests that force
// or compare the ways.
extern std::atomic<std::uint64_t> dense_passes;

// The documents of `bitmap` with docids in [first_word × 64, (first_word +
// words) × 64), as `words` bitset words into `out` (document d is bit d % 64
// of out[d / 64 - first_word]); documents outside are left out.
void to_words(const Roaring& bitmap, std::size_t first_word, std::size_t words,
              std::vector<std::uint64_t>& out);
// The same as to_words, one document at a time through the library's public
// iterator: the reference that to_words is tested against, and its way when
// the library's containers cannot be read (another major version).
void to_words_by_iteration(const Roaring& bitmap, std::size_t first_word, std::size_t words,
                           std::vector<std::uint64_t>& out);
// The number of bits set in both a[0 .. n) and b[0 .. n). Uses the CPU's
// popcount instructions where it has them (AVX-512's, else POPCNT), chosen
// at the first call.
std::uint64_t and_count(const std::uint64_t* a, const std::uint64_t* b, std::size_t n);
// Every kernel and_count may pick that this CPU runs, by name ("avx512",
// "popcnt", "loop"), so the tests check each one, not only the one picked.
using AndCountKernel = std::uint64_t (*)(const std::uint64_t*, const std::uint64_t*, std::size_t);
std::vector<std::pair<std::string, AndCountKernel>> and_count_kernels();

// What one count by bitsets gave: by position in parts, the count of the value
// at each position of the facet's ids (empty for a facet not counted).
struct DenseCounts {
  std::vector<std::vector<std::uint32_t>> by_facet;
};

// True when the facets `parts` (counted: `counted[f]`) can be counted by
// bitsets: every counted facet has a slot in the rows or a column of codes.
// Requires: impl.facet_mutex held.
bool dense_ready(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                 const std::vector<FacetPart>& parts, const std::vector<char>& counted);

// The estimated cost of count_dense, in plan_counts' units (a walk: 16 a
// document): a quarter unit per bitset word and value or selection (an AND
// and a popcount), the matches turned into words, and 2 a document of its
// base for each counted facet read by codes.
// Requires: impl.facet_mutex held; dense_ready(...) gave true.
std::uint64_t dense_cost(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                         const std::vector<FacetPart>& parts, const std::vector<char>& counted,
                         const Roaring& matched, const Roaring& results);

// Counts every counted facet f over the documents of `matched` that meet every
// selected facet other than f (OR within a facet), into `out`: exactly what
// the other ways count. Requires: impl.facet_mutex held; dense_ready(...)
// gave true.
void count_dense(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                 const std::vector<FacetPart>& parts, const std::vector<char>& counted,
                 const Roaring& matched, DenseCounts& out);

}  // namespace schakel::search
