// The parts of counting by bitsets (index_dense.hpp): Roaring bitmaps turned
// into bitset words, the AND-and-popcount kernel, and the columns of row bits
// that FacetRows keeps beside its rows.
#include "search/index_dense.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <shared_mutex>

#include "search/index.hpp"
#include "test_support.hpp"

namespace schakel::search {
namespace {

TEST(DenseBits, ToWordsKeepsTheDocumentsOfItsWindowHandCounted) {
  Roaring bitmap;
  for (const std::uint32_t d : {0u, 63u, 64u, 130u, 191u, 192u}) bitmap.add(d);
  std::vector<std::uint64_t> out;
  // Words 1 and 2: documents 64 .. 191.
  to_words(bitmap, 1, 2, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], std::uint64_t{1});                                    // 64
  EXPECT_EQ(out[1], (std::uint64_t{1} << 2) | (std::uint64_t{1} << 63));  // 130, 191
  to_words(Roaring(), 0, 3, out);
  EXPECT_EQ(out, (std::vector<std::uint64_t>{0, 0, 0}));
}

// Bitmaps made of every kind of CRoaring container (arrays, bitsets, runs,
// after runOptimize), over several 65,536-document chunks, read through
// windows that start and end inside chunks and past them.
TEST(DenseBits, ToWordsGivesWhatIteratingTheDocumentsGives) {
  std::mt19937 rng(2101);
  int compared = 0;
  for (int n = 0; n < 60; ++n) {
    Roaring bitmap;
    const std::uint32_t chunks = 1 + rng() % 4;
    for (std::uint32_t c = 0; c < chunks; ++c) {
      const std::uint32_t base = c * 65536;
      switch (rng() % 3) {
        case 0:  // sparse: an array container
          for (int k = 0; k < 200; ++k) bitmap.add(base + rng() % 65536);
          break;
        case 1:  // dense: a bitset container
          for (int k = 0; k < 20000; ++k) bitmap.add(base + rng() % 65536);
          break;
        default: {  // ranges: runs once optimized
          const std::uint32_t from = rng() % 60000;
          bitmap.addRange(base + from, base + from + 1 + rng() % 5000);
          bitmap.addRange(base + 65000, base + 65536);
        }
      }
    }
    if (n % 2 == 0) bitmap.runOptimize();
    const std::size_t first = rng() % 3000;
    const std::size_t words = rng() % (chunks * 1024 + 500);
    std::vector<std::uint64_t> fast, reference;
    to_words(bitmap, first, words, fast);
    to_words_by_iteration(bitmap, first, words, reference);
    EXPECT_EQ(fast, reference) << "bitmap " << n << ", words " << first << " + " << words;
    std::uint64_t bits = 0;
    for (const auto w : reference) bits += static_cast<std::uint64_t>(std::popcount(w));
    if (bits > 0) ++compared;
  }
  EXPECT_GT(compared, 40);  // most windows held documents
}

TEST(DenseBits, AndCountCountsTheBitsSetInBoth) {
  const std::vector<std::uint64_t> a = {0xFF, 0x1, ~std::uint64_t{0}};
  const std::vector<std::uint64_t> b = {0x0F, 0x3, 0xF0F0};
  EXPECT_EQ(and_count(a.data(), b.data(), 3), 4u + 1u + 8u);
  EXPECT_EQ(and_count(a.data(), b.data(), 0), 0u);
  // Every kernel this CPU runs, not only the one picked, at every length
  // around the blocks of eight words.
  const auto kernels = and_count_kernels();
  ASSERT_FALSE(kernels.empty());
  EXPECT_EQ(kernels.back().first, "loop");
  std::mt19937_64 rng(2102);
  for (std::size_t n = 0; n < 40; ++n) {
    std::vector<std::uint64_t> x(n), y(n);
    for (auto& w : x) w = rng();
    for (auto& w : y) w = rng();
    std::uint64_t expected = 0;  // bit by bit, as the reference
    for (std::size_t i = 0; i < n; ++i)
      for (int bit = 0; bit < 64; ++bit) expected += (x[i] >> bit) & (y[i] >> bit) & 1;
    EXPECT_EQ(and_count(x.data(), y.data(), n), expected) << n << " words";
    for (const auto& [name, kernel] : kernels)
      EXPECT_EQ(kernel(x.data(), y.data(), n), expected) << name << ", " << n << " words";
  }
  for (const auto& [name, kernel] : kernels) EXPECT_EQ(kernel(a.data(), b.data(), 3), 13u) << name;
}

// After puts, changed values, removals and a facet outgrowing its slot, each
// row bit's column holds exactly the documents whose row has the bit.
TEST(FacetRowsColumns, AreTheTransposeOfTheRowsAfterEveryChange) {
  testing::TempDir dir;
  SearchIndex index((dir.path() / "index").string());
  std::mt19937 rng(2103);
  auto put = [&](int i, int themes) {
    IndexDocument d;
    d.key = "d" + std::to_string(i);
    d.fields = {{"blorf", 1}};
    d.visibility = "public";
    for (int k = 0, n = static_cast<int>(rng() % 4); k < n; ++k)
      d.facets.emplace_back("theme", "t" + std::to_string(rng() % themes));
    if (rng() % 2 == 0) d.facets.emplace_back("kind", "k" + std::to_string(rng() % 3));
    index.put(d);
  };
  // The bits set in the rows; every bit where a column and the rows differ
  // fails the test.
  auto check = [&](const char* when) -> std::size_t {
    auto& impl = index.internals();
    std::shared_lock lock(impl.facet_mutex);
    const auto& rows = impl.rows;
    std::size_t set = 0, differ = 0;
    for (std::uint32_t bit = 0; bit < rows.words() * 64; ++bit) {
      const auto column = rows.column(bit);
      for (std::uint32_t d = 0; d < std::max<std::size_t>(rows.docs(), column.size() * 64); ++d) {
        const bool in_row = d < rows.docs() && ((rows.row(d)[bit / 64] >> (bit % 64)) & 1) != 0;
        const bool in_column = d / 64 < column.size() && ((column[d / 64] >> (d % 64)) & 1) != 0;
        if (in_row != in_column && differ++ < 5)
          ADD_FAILURE() << when << ": bit " << bit << ", document " << d << ", in the row "
                        << in_row;
        set += in_row ? 1 : 0;
      }
    }
    return set;
  };
  for (int i = 0; i < 300; ++i) put(i, 6);
  index.commit(1);
  EXPECT_GT(check("puts"), 300u);
  for (int i = 0; i < 300; i += 3) put(i, 6);  // new values
  for (int i = 1; i < 300; i += 7) index.remove("d" + std::to_string(i));
  index.commit(2);
  EXPECT_GT(check("changes and removals"), 200u);
  for (int i = 0; i < 300; i += 5) put(i, 40);  // theme passes its slot of 8: laid out anew
  index.commit(3);
  EXPECT_GT(check("a new layout"), 200u);
  index.clear();
  index.commit(4);
  EXPECT_EQ(check("a clear"), 0u);
}

}  // namespace
}  // namespace schakel::search
