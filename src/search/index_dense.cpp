// Facet counts by plain bitsets: see index_dense.hpp.
#include "search/index_dense.hpp"

#include <algorithm>
#include <bit>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace schakel::search {

std::atomic<std::uint64_t> dense_passes{0};

namespace {

// Words of a bitset over one 65,536-document chunk of a Roaring bitmap.
constexpr std::size_t chunk_words = 1024;

// Sets the bits of documents [from, to] (inclusive) that lie in the window of
// `out` (words first_word .. first_word + out.size()).
void set_range(std::uint64_t from, std::uint64_t to, std::size_t first_word,
               std::vector<std::uint64_t>& out) {
  const std::uint64_t low = std::uint64_t{first_word} * 64;
  const std::uint64_t high = low + out.size() * 64;  // one past the window
  from = std::max(from, low);
  to = std::min(to, high - 1);
  for (std::uint64_t d = from; d <= to && d < high;) {
    const std::uint64_t w = d / 64;
    const std::uint64_t last = std::min(to, w * 64 + 63);
    const std::uint64_t span = last - d + 1;
    const std::uint64_t bits = span == 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << span) - 1);
    out[w - first_word] |= bits << (d % 64);
    d = last + 1;
  }
}

}  // namespace

void to_words_by_iteration(const Roaring& bitmap, std::size_t first_word, std::size_t words,
                           std::vector<std::uint64_t>& out) {
  out.assign(words, 0);
  const std::uint64_t low = std::uint64_t{first_word} * 64;
  const std::uint64_t high = low + std::uint64_t{words} * 64;
  for (const auto d : bitmap)
    if (d >= low && d < high) out[d / 64 - first_word] |= std::uint64_t{1} << (d % 64);
}

void to_words(const Roaring& bitmap, std::size_t first_word, std::size_t words,
              std::vector<std::uint64_t>& out) {
#ifdef BITSET_CONTAINER_TYPE_CODE
  // CRoaring 0.x shows its containers: a bitset container is copied whole, an
  // array's documents and a run's ranges set bit by bit and word by word.
  out.assign(words, 0);
  const roaring_array_t& chunks = bitmap.roaring.high_low_container;
  for (std::int32_t i = 0; i < chunks.size; ++i) {
    const std::size_t chunk_first = std::size_t{chunks.keys[i]} * chunk_words;
    const std::size_t lo = std::max(chunk_first, first_word);
    const std::size_t hi = std::min(chunk_first + chunk_words, first_word + words);
    if (lo >= hi) continue;
    std::uint8_t type = chunks.typecodes[i];
    const void* container = container_unwrap_shared(chunks.containers[i], &type);
    const std::uint64_t base = std::uint64_t{chunks.keys[i]} << 16;
    switch (type) {
      case BITSET_CONTAINER_TYPE_CODE: {
        const auto* bits = static_cast<const bitset_container_t*>(container)->array;
        std::copy(bits + (lo - chunk_first), bits + (hi - chunk_first),
                  out.begin() + static_cast<std::ptrdiff_t>(lo - first_word));
        break;
      }
      case ARRAY_CONTAINER_TYPE_CODE: {
        const auto* array = static_cast<const array_container_t*>(container);
        for (std::int32_t k = 0; k < array->cardinality; ++k) {
          const std::uint64_t d = base | array->array[k];
          if (d / 64 >= lo && d / 64 < hi) out[d / 64 - first_word] |= std::uint64_t{1} << (d % 64);
        }
        break;
      }
      case RUN_CONTAINER_TYPE_CODE: {
        const auto* run = static_cast<const run_container_t*>(container);
        for (std::int32_t k = 0; k < run->n_runs; ++k)
          set_range(base | run->runs[k].value, (base | run->runs[k].value) + run->runs[k].length,
                    first_word, out);
        break;
      }
      default:
        to_words_by_iteration(bitmap, first_word, words, out);
        return;
    }
  }
#else
  to_words_by_iteration(bitmap, first_word, words, out);
#endif
}

namespace {

std::uint64_t and_count_portable(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < n; ++i)
    total += static_cast<std::uint64_t>(std::popcount(a[i] & b[i]));
  return total;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The same loop built for the popcount instruction: the baseline x86-64 has
// none, and a popcount by a library call per word would cost more than the AND.
__attribute__((target("popcnt"))) std::uint64_t and_count_popcnt(const std::uint64_t* a,
                                                                 const std::uint64_t* b,
                                                                 std::size_t n) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < n; ++i)
    total += static_cast<std::uint64_t>(std::popcount(a[i] & b[i]));
  return total;
}

// Eight words at a time, with AVX-512's per-word popcount; the last words
// under a mask.
__attribute__((target("avx512f,avx512vpopcntdq"))) std::uint64_t and_count_avx512(
    const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  __m512i sum = _mm512_setzero_si512();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    sum = _mm512_add_epi64(sum, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_loadu_si512(a + i),
                                                                     _mm512_loadu_si512(b + i))));
  if (i < n) {
    const __mmask8 tail = static_cast<__mmask8>((1u << (n - i)) - 1);
    sum = _mm512_add_epi64(
        sum, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_maskz_loadu_epi64(tail, a + i),
                                                  _mm512_maskz_loadu_epi64(tail, b + i))));
  }
  alignas(64) std::uint64_t lanes[8];
  _mm512_store_si512(lanes, sum);
  std::uint64_t total = 0;
  for (const auto lane : lanes) total += lane;
  return total;
}
#endif

}  // namespace

std::vector<std::pair<std::string, AndCountKernel>> and_count_kernels() {
  std::vector<std::pair<std::string, AndCountKernel>> kernels;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq"))
    kernels.emplace_back("avx512", and_count_avx512);
  if (__builtin_cpu_supports("popcnt")) kernels.emplace_back("popcnt", and_count_popcnt);
#endif
  kernels.emplace_back("loop", and_count_portable);
  return kernels;
}

std::uint64_t and_count(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  // The fastest kernel this CPU runs (the first listed), chosen once.
  static const AndCountKernel chosen = and_count_kernels().front().second;
  return chosen(a, b, n);
}

namespace {

// Whether facet f is counted: asked for, known, and not listed before.
bool is_counted(const std::vector<std::string>& facet_names, const std::vector<FacetPart>& parts,
                const std::vector<char>& counted, std::size_t f) {
  return counted[f] != 0 && parts[f].ids != nullptr &&
         std::find(facet_names.begin(), facet_names.end(), facet_names[f]) ==
             facet_names.begin() + static_cast<std::ptrdiff_t>(f);
}

// Counts into `counts` (by position in the facet's ids) the documents of
// `base` (words from `first_word`) by their code in `column`.
void count_codes(const SearchIndex::Impl::FacetColumn& column,
                 const std::vector<std::uint64_t>& base, std::size_t first_word,
                 std::vector<std::uint32_t>& counts) {
  const auto* codes = column.codes.data();
  const std::size_t size = column.codes.size();
  thread_local std::vector<std::uint32_t> by_code;
  by_code.assign(counts.size() + 1, 0);
  // No document past the column has a value: its words are left out.
  const std::size_t end =
      std::min(base.size(), size / 64 + 1 > first_word ? size / 64 + 1 - first_word : 0);
  for (std::size_t w = 0; w < end; ++w)
    for (auto bits = base[w]; bits != 0; bits &= bits - 1) {
      const std::size_t d =
          (first_word + w) * 64 + static_cast<std::size_t>(std::countr_zero(bits));
      if (d < size) ++by_code[codes[d]];
    }
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = by_code[i + 1];
}

}  // namespace

bool dense_ready(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                 const std::vector<FacetPart>& parts, const std::vector<char>& counted) {
  for (std::size_t f = 0; f < parts.size(); ++f)
    if (is_counted(facet_names, parts, counted, f) && impl.rows.slot(facet_names[f]).width == 0 &&
        column_of(impl, facet_names[f]) == nullptr)
      return false;
  return true;
}

std::uint64_t dense_cost(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                         const std::vector<FacetPart>& parts, const std::vector<char>& counted,
                         const Roaring& matched, const Roaring& results) {
  if (matched.isEmpty()) return 0;
  const std::uint64_t words = matched.maximum() / 64 - matched.minimum() / 64 + 1;
  std::uint64_t passes = 2;  // the matches and the results
  std::uint64_t by_codes = 0;
  for (std::size_t f = 0; f < parts.size(); ++f) {
    if (parts[f].has_selection) passes += 2;  // its words, and ANDed into bases
    if (!is_counted(facet_names, parts, counted, f)) continue;
    if (impl.rows.slot(facet_names[f]).width > 0)
      passes += parts[f].ids->size();
    else
      by_codes += parts[f].has_selection ? matched.cardinality() : results.cardinality();
  }
  return words * passes / 4 + matched.cardinality() / 8 + 2 * by_codes;
}

void count_dense(const SearchIndex::Impl& impl, const std::vector<std::string>& facet_names,
                 const std::vector<FacetPart>& parts, const std::vector<char>& counted,
                 const Roaring& matched, DenseCounts& out) {
  // Owned by the thread, reused by its next search: no allocation once warm.
  thread_local std::vector<std::uint64_t> match_words;
  thread_local std::vector<std::vector<std::uint64_t>> chosen_words;  // by position in parts
  thread_local std::vector<std::uint64_t> results;
  thread_local std::vector<std::uint64_t> own;
  out.by_facet.resize(parts.size());
  for (auto& counts : out.by_facet) counts.clear();
  if (chosen_words.size() < parts.size()) chosen_words.resize(parts.size());
  const std::size_t first = matched.isEmpty() ? 0 : matched.minimum() / 64;
  const std::size_t words = matched.isEmpty() ? 0 : matched.maximum() / 64 - first + 1;
  to_words(matched, first, words, match_words);
  results = match_words;
  for (std::size_t g = 0; g < parts.size(); ++g) {
    if (!parts[g].has_selection) continue;
    to_words(parts[g].chosen, first, words, chosen_words[g]);
    for (std::size_t w = 0; w < words; ++w) results[w] &= chosen_words[g][w];
  }
  for (std::size_t f = 0; f < parts.size(); ++f) {
    if (!is_counted(facet_names, parts, counted, f)) continue;
    // The base of facet f: the matches meeting every selection but its own.
    const std::vector<std::uint64_t>* base = &results;
    if (parts[f].has_selection) {
      own = match_words;
      for (std::size_t g = 0; g < parts.size(); ++g)
        if (g != f && parts[g].has_selection)
          for (std::size_t w = 0; w < words; ++w) own[w] &= chosen_words[g][w];
      base = &own;
    }
    auto& counts = out.by_facet[f];
    counts.assign(parts[f].ids->size(), 0);
    const auto slot = impl.rows.slot(facet_names[f]);
    if (slot.width == 0) {
      count_codes(*column_of(impl, facet_names[f]), *base, first, counts);
      continue;
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const auto column =
          impl.rows.column(slot.word * 64 + slot.shift + static_cast<std::uint32_t>(i));
      if (column.size() <= first) continue;
      const std::size_t n = std::min(words, column.size() - first);
      counts[i] = static_cast<std::uint32_t>(and_count(column.data() + first, base->data(), n));
    }
  }
}

}  // namespace schakel::search
