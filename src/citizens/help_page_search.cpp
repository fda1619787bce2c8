#include "citizens/help_page_search.hpp"

#include <nlohmann/json.hpp>

#include "citizens/help_page_store.hpp"
#include "core/text.hpp"
#include "search/text.hpp"

namespace schakel::citizens {

search::IndexDocument help_page_document(const HelpPage& page) {
  search::IndexDocument doc;
  doc.key = "help_page:" + std::to_string(page.id);
  // Weighed as the kennisbank's resources (title 5, summary 2, body 1): written in
  // a citizen's words, a help page comes first for a citizen's question anyway
  // (HelpPageSearch tests), while a heavier weight would push it above the
  // kennisbank's results for professionals' queries too (search-quality MRR 0.87
  // instead of 0.90).
  doc.fields.push_back({page.title, 5});
  doc.fields.push_back({page.summary, 2});
  std::string body;
  for (const auto& s : help_sections())
    body += std::string(s.heading) + "\n" + page.*(s.text) + "\n\n";
  doc.fields.push_back({body, 1});
  if (!page.theme.empty()) doc.facets.emplace_back("theme", page.theme);
  doc.visibility = "public";
  doc.date = page.updated_at;
  doc.snippet_source = search::markdown_to_plain(page.summary + "\n\n" + body, 800);
  doc.data = nlohmann::json{
      {"id", page.id},
      {"slug", page.slug},
      {"href", "/hulp/" + page.slug},
      {"title", page.title},
      {"summary", page.summary},
      {"kind", "help_page"},
      {"kind_label", "Hulppagina"},
      {"visibility", "public"},
      {"published_at",
       doc.date}}.dump();
  return doc;
}

search::DocumentSource help_page_source() {
  search::DocumentSource source;
  source.entity = "help_page";
  source.count = [](soci::session& sql) { return HelpPageStore::count(sql); };
  source.all = [](soci::session& sql,
                  const std::function<void(const search::IndexDocument&)>& emit) {
    for (const auto& page : HelpPageStore::all(sql)) emit(help_page_document(page));
  };
  source.one = [](soci::session& sql,
                  const std::string& id) -> std::optional<search::IndexDocument> {
    const auto key = parse_id(id);
    if (!key) return std::nullopt;
    auto page = HelpPageStore::find(sql, *key);
    if (!page) return std::nullopt;
    return help_page_document(*page);
  };
  source.key = [](const std::string& id) { return "help_page:" + id; };
  return source;
}

}  // namespace schakel::citizens
