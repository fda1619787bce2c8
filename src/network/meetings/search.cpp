#include "network/meetings/search.hpp"

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "network/meetings/store.hpp"
#include "web/access.hpp"

namespace schakel::meetings {

namespace {

search::IndexDocument document_of(soci::session& sql, const Meeting& m) {
  search::IndexDocument doc;
  doc.key = "meeting:" + std::to_string(m.id);
  doc.fields.push_back({m.title, 5});
  std::string agenda, minutes, decided;
  for (const auto& i : MeetingStore::items(sql, m.id)) {
    if (i.status != "accepted") continue;
    agenda += i.title + ". ";
    minutes += i.minutes_md + "\n";
  }
  for (const auto& d : MeetingStore::decisions(sql, m.id)) decided += d.text + ". ";
  for (const auto& p : MeetingStore::action_points(sql, m.id)) decided += p.text + ". ";
  doc.fields.push_back({agenda, 3});
  doc.fields.push_back({decided, 2});
  doc.fields.push_back({minutes, 1});
  doc.facets.emplace_back("kind", "meeting");
  doc.visibility = network_level;
  doc.date = m.starts_at;
  doc.snippet_source = m.title + ". " + agenda + decided + minutes;
  doc.data = nlohmann::json{{"id", m.id},
                            {"title", m.title},
                            {"when", format_date_nl(m.starts_at)},
                            {"href", "/overleg/" + std::to_string(m.id)}}
                 .dump();
  return doc;
}

}  // namespace

search::DocumentSource meeting_source() {
  search::DocumentSource source;
  source.entity = "meeting";
  source.count = [](soci::session& sql) {
    return static_cast<std::int64_t>(MeetingStore::ids(sql).size());
  };
  source.all = [](soci::session& sql,
                  const std::function<void(const search::IndexDocument&)>& emit) {
    for (const auto id : MeetingStore::ids(sql))
      if (auto m = MeetingStore::find(sql, id)) emit(document_of(sql, *m));
  };
  source.one = [](soci::session& sql,
                  const std::string& id) -> std::optional<search::IndexDocument> {
    const auto key = parse_id(id);
    if (!key) return std::nullopt;
    auto m = MeetingStore::find(sql, *key);
    if (!m) return std::nullopt;
    return document_of(sql, *m);
  };
  source.key = [](const std::string& id) { return "meeting:" + id; };
  return source;
}

Result<search::SearchQuery> meeting_query(const std::string& q,
                                          const std::optional<web::Principal>& user) {
  search::SearchQuery query;
  query.text = trim(q);
  if (query.text.size() > 500)
    return Error::invalid("q", "De zoekvraag is te lang (hoogstens 500 tekens).");
  query.limit = 50;
  if (web::in_network(user)) query.visibilities = {network_level};
  return query;
}

}  // namespace schakel::meetings
