#pragma once
// The search index of the static archive: built once at export from the text
// of the archived pages, written as a JavaScript file (a browser opening the
// archive from disk may not fetch() JSON) that the archive's own search script
// reads. Words are folded as the platform's search folds them (search/text.hpp:
// lower case, accents off), function words left out, and bracketed Dutch forms
// ("ouderenmis(be)handeling") indexed in both full forms.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace schakel::archive {

// The readable parts of a rendered page: its <title> and the text of its <main>
// element (tags left out, character references decoded, whitespace collapsed).
struct PageText {
  std::string title;
  std::string text;
};
PageText page_text(std::string_view html);

// An index of pages by the words in their titles and texts. Not thread-safe.
class StaticSearchIndex {
 public:
  // Adds a page at `url` (relative to the search page) and returns its id
  // (0, 1, ... in order of adding). The snippet is the start of `text`.
  std::size_t add(const std::string& url, const PageText& page);
  // The ids of the pages that hold `folded_word` exactly (empty when none).
  std::vector<std::size_t> pages_with(const std::string& folded_word) const;
  std::size_t page_count() const { return pages_.size(); }
  std::size_t term_count() const { return terms_.size(); }
  // The index as a script that sets window.SCHAKEL_ZOEKINDEX to
  // {"pages": [[url, title, snippet], ...], "terms": {word: [id, ...]}}.
  std::string to_script() const;

 private:
  struct Entry {
    std::string url;
    std::string title;
    std::string snippet;
  };
  std::vector<Entry> pages_;
  std::map<std::string, std::vector<std::size_t>> terms_;  // ids ascending, unique
};

// The folded words of `text` that the index keeps (no function words, no
// one-letter words), with both forms of bracketed words; in order, repeated.
std::vector<std::string> index_words(std::string_view text);

}  // namespace schakel::archive
