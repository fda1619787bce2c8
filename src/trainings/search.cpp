#include "trainings/search.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "search/text.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

namespace {

std::string summary_of(const Series& s, const std::vector<Session>& sessions) {
  std::string out = "Vormingsreeks van " + s.organiser;
  if (!sessions.empty()) out += ", vanaf " + format_date_nl(sessions.front().starts_at);
  if (!s.audience.empty()) out += ". Voor " + s.audience;
  return out + ".";
}

std::optional<search::IndexDocument> document_of(soci::session& sql, const Series& s) {
  if (s.status != "published") return std::nullopt;
  const auto sessions = TrainingStore::sessions_of(sql, s.id);
  search::IndexDocument doc;
  doc.key = "training:" + std::to_string(s.id);
  const std::string summary = summary_of(s, sessions);
  doc.fields.push_back({s.title, 5});
  doc.fields.push_back({summary, 2});
  doc.fields.push_back({s.description, 1});
  std::string session_text;
  for (const auto& x : sessions)
    session_text += label_of(modules(), x.module) + " " + label_of(formats(), x.format) + " " +
                    x.title + " " + x.trainers + " ";
  doc.fields.push_back({session_text + s.region, 1});
  doc.facets.emplace_back("kind", "training_offer");
  for (const auto& t : s.themes) doc.facets.emplace_back("theme", t);
  if (!s.owner_nis_code.empty()) doc.facets.emplace_back("municipality", s.owner_nis_code);
  doc.visibility = s.visibility;
  doc.date = s.created_at;
  // Plain text: the description is Markdown ("*Voorbeeldreeks (demo).*").
  doc.snippet_source = summary + " " + search::markdown_to_plain(s.description, 600);
  doc.data = nlohmann::json{
      {"id", s.id},
      {"slug", s.slug},
      {"href", "/vorming/" + s.slug},
      {"title", s.title},
      {"summary", summary},
      {"kind", "training_offer"},
      {"visibility", s.visibility},
      {"published_at",
       doc.date}}.dump();
  return doc;
}

}  // namespace

search::DocumentSource series_source() {
  search::DocumentSource source;
  source.entity = "training_series";
  source.count = [](soci::session& sql) { return TrainingStore::count_published(sql); };
  source.all = [](soci::session& sql,
                  const std::function<void(const search::IndexDocument&)>& emit) {
    for (const auto& s : TrainingStore::all_series(sql))
      if (auto doc = document_of(sql, s)) emit(*doc);
  };
  source.one = [](soci::session& sql,
                  const std::string& id) -> std::optional<search::IndexDocument> {
    const auto key = parse_id(id);
    if (!key) return std::nullopt;
    auto s = TrainingStore::find_series(sql, *key);
    if (!s) return std::nullopt;
    return document_of(sql, *s);
  };
  source.key = [](const std::string& id) { return "training:" + id; };
  return source;
}

}  // namespace schakel::trainings
