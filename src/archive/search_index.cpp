#include "archive/search_index.hpp"

#include <nlohmann/json.hpp>

#include "archive/link_rewriter.hpp"
#include "core/text.hpp"
#include "search/text.hpp"

namespace schakel::archive {

namespace {

constexpr std::size_t snippet_bytes = 200;
constexpr std::size_t max_word_bytes = 40;

// The text of `html` without tags (and without script and style content), whitespace collapsed.
std::string strip_tags(std::string_view html) {
  std::string raw;
  std::size_t i = 0;
  while (i < html.size()) {
    const auto lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      raw += decode_character_references(html.substr(i));
      break;
    }
    raw += decode_character_references(html.substr(i, lt - i));
    raw.push_back(' ');
    for (std::string_view skip : {"<script", "<style"}) {
      if (html.substr(lt, skip.size()) == skip) {
        const auto close = html.find("</" + std::string(skip.substr(1)), lt);
        i = close == std::string_view::npos ? html.size() : close;
        break;
      }
    }
    const auto gt = html.find('>', std::max(i, lt));
    i = gt == std::string_view::npos ? html.size() : gt + 1;
  }
  std::string out;
  bool space = true;
  for (char c : raw) {
    const bool is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (is_space) {
      if (!space) out.push_back(' ');
      space = true;
    } else {
      out.push_back(c);
      space = false;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The bytes between the end of the start tag `open` and `close`, or "".
std::string_view element_content(std::string_view html, std::string_view open,
                                 std::string_view close) {
  const auto start = html.find(open);
  if (start == std::string_view::npos) return {};
  const auto gt = html.find('>', start);
  if (gt == std::string_view::npos) return {};
  const auto end = html.find(close, gt);
  if (end == std::string_view::npos) return {};
  return html.substr(gt + 1, end - gt - 1);
}

}  // namespace

PageText page_text(std::string_view html) {
  PageText out;
  out.title = strip_tags(element_content(html, "<title", "</title>"));
  out.text = strip_tags(element_content(html, "<main", "</main>"));
  return out;
}

std::vector<std::string> index_words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& token : search::tokenize(text, max_word_bytes)) {
    if (token.word.size() < 2 || search::is_stop_word(token.word)) continue;
    out.push_back(std::move(token.word));
  }
  for (auto& word : search::bracket_words(text)) {
    out.push_back(std::move(word.without));
    out.push_back(std::move(word.with));
  }
  return out;
}

std::size_t StaticSearchIndex::add(const std::string& url, const PageText& page) {
  const std::size_t id = pages_.size();
  // The title often repeats the first heading: the snippet starts after it.
  std::string body = page.text;
  pages_.push_back({url, page.title, shorten_at_word(body, snippet_bytes)});
  for (const auto* part : {&page.title, &page.text}) {
    for (auto& word : index_words(*part)) {
      auto& ids = terms_[word];
      if (ids.empty() || ids.back() != id) ids.push_back(id);
    }
  }
  return id;
}

std::vector<std::size_t> StaticSearchIndex::pages_with(const std::string& folded_word) const {
  auto it = terms_.find(folded_word);
  return it == terms_.end() ? std::vector<std::size_t>{} : it->second;
}

std::string StaticSearchIndex::to_script() const {
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& p : pages_) pages.push_back({p.url, p.title, p.snippet});
  nlohmann::json terms = nlohmann::json::object();
  for (const auto& [word, ids] : terms_) terms[word] = ids;
  const nlohmann::json index = {{"pages", std::move(pages)}, {"terms", std::move(terms)}};
  // "</" would end a script element if someone inlined the file: escape it.
  std::string text = index.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      safe += "<\\/";
      ++i;
    } else {
      safe.push_back(text[i]);
    }
  }
  return "/* Zoekindex van het statische archief van Schakel. */\nwindow.SCHAKEL_ZOEKINDEX = " +
         safe + ";\n";
}

}  // namespace schakel::archive
