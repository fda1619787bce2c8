#include "signals/search.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "catalog/terms.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/action_store.hpp"
#include "signals/need_store.hpp"
#include "signals/progress.hpp"
#include "signals/search_store.hpp"
#include "signals/signal_store.hpp"

namespace schakel::signals {

namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts)
    if (!p.empty()) out += (out.empty() ? "" : " ") + p;
  return out;
}

search::IndexDocument signal_document(const Signal& s) {
  search::IndexDocument doc;
  doc.key = "signal:" + std::to_string(s.id);
  doc.fields.push_back({s.description, 3});
  doc.fields.push_back({join({s.target_group, s.sector, s.source}), 1});
  doc.facets.emplace_back("signal_kind", "signal");
  for (const auto& t : s.themes) doc.facets.emplace_back("theme", t);
  doc.facets.emplace_back("municipality", s.nis_code);
  doc.visibility = s.own_municipality_only ? municipality_level(s.nis_code) : network_level;
  doc.date = s.updated_at;
  doc.snippet_source = s.description;
  doc.data = nlohmann::json{{"kind", "signal"},
                            {"id", s.id},
                            {"title", shorten_at_word(s.description, 90)},
                            {"href", "/signalen/" + std::to_string(s.id)},
                            {"nis_code", s.nis_code},
                            {"closed", s.closed_at.has_value()},
                            {"own_municipality_only", s.own_municipality_only}}
                 .dump();
  return doc;
}

search::IndexDocument need_document(const Need& n) {
  search::IndexDocument doc;
  doc.key = "need:" + std::to_string(n.id);
  doc.fields.push_back({n.title, 5});
  doc.fields.push_back({n.description, 2});
  doc.fields.push_back({n.status_reason, 1});
  doc.facets.emplace_back("signal_kind", "need");
  for (const auto& t : n.themes) doc.facets.emplace_back("theme", t);
  doc.facets.emplace_back("municipality", n.nis_code.value_or("bovenlokaal"));
  doc.visibility = network_level;
  doc.date = n.updated_at;
  doc.snippet_source = n.title + ". " + n.description;
  doc.data = nlohmann::json{
      {"kind", "need"},
      {"id", n.id},
      {"title", n.title},
      {"href", "/noden/" + std::to_string(n.id)},
      {"nis_code", n.nis_code.value_or("")},
      {"status",
       n.status}}.dump();
  return doc;
}

search::IndexDocument action_document(soci::session& sql, const Action& a) {
  std::vector<Need> needs;
  for (const std::int64_t id : a.need_ids)
    if (auto n = NeedStore::find(sql, id)) needs.push_back(std::move(*n));
  search::IndexDocument doc;
  doc.key = "action:" + std::to_string(a.id);
  doc.fields.push_back({a.title, 5});
  doc.fields.push_back({a.description, 2});
  doc.fields.push_back({a.owner_partner, 1});
  doc.facets.emplace_back("signal_kind", "action");
  // The same municipalities and themes as the lists' filters (signals/progress.hpp).
  for (const auto& t : action_themes(a, needs)) doc.facets.emplace_back("theme", t);
  for (const auto& m : action_municipalities(a, needs)) doc.facets.emplace_back("municipality", m);
  doc.visibility = network_level;
  doc.date = a.updated_at;
  doc.snippet_source = a.title + ". " + a.description;
  doc.data = nlohmann::json{{"kind", "action"},
                            {"id", a.id},
                            {"title", a.title},
                            {"href", "/acties/" + std::to_string(a.id)},
                            {"public", a.is_public}}
                 .dump();
  return doc;
}

template <class Find, class Ids, class Make>
search::DocumentSource source_of(const std::string& entity, Find find, Ids ids, Make make) {
  search::DocumentSource source;
  source.entity = entity;
  source.count = [ids](soci::session& sql) { return static_cast<std::int64_t>(ids(sql).size()); };
  source.all = [find, ids, make](soci::session& sql,
                                 const std::function<void(const search::IndexDocument&)>& emit) {
    for (const std::int64_t id : ids(sql))
      if (auto row = find(sql, id)) emit(make(sql, *row));
  };
  source.one = [find, make](soci::session& sql,
                            const std::string& id) -> std::optional<search::IndexDocument> {
    const auto key = parse_id(id);
    if (!key) return std::nullopt;
    auto row = find(sql, *key);
    if (!row) return std::nullopt;
    return make(sql, *row);
  };
  source.key = [entity](const std::string& id) { return entity + ":" + id; };
  return source;
}

}  // namespace

std::string municipality_level(const std::string& nis_code) {
  return "signals_municipality:" + nis_code;
}

search::DocumentSource signal_source() {
  // The index holds every signal; who may find one is its visibility level.
  const auto find = [](soci::session& sql, std::int64_t id) {
    return SignalStore::find(sql, id, SignalViewer{true, {}});
  };
  return source_of("signal", find, &SearchStore::signal_ids,
                   [](soci::session&, const Signal& s) { return signal_document(s); });
}

search::DocumentSource need_source() {
  const auto find = [](soci::session& sql, std::int64_t id) { return NeedStore::find(sql, id); };
  return source_of("need", find, &SearchStore::need_ids,
                   [](soci::session&, const Need& n) { return need_document(n); });
}

search::DocumentSource action_source() {
  const auto find = [](soci::session& sql, std::int64_t id) { return ActionStore::find(sql, id); };
  return source_of("action", find, &SearchStore::action_ids,
                   [](soci::session& sql, const Action& a) { return action_document(sql, a); });
}

std::vector<std::string> visible_levels(store::Database& db,
                                        const std::optional<web::Principal>& user) {
  std::vector<std::string> out;
  if (!user) return out;
  switch (user->role) {
    case Role::professional:
      return out;
    case Role::spoc:
      out.push_back(network_level);
      for (const auto& nis : user->spoc_of) out.push_back(municipality_level(nis));
      return out;
    case Role::coordinator:
    case Role::admin:
      out.push_back(network_level);
      for (const auto& [nis, name] : reference::municipality_names(db))
        out.push_back(municipality_level(nis));
      return out;
  }
  return out;
}

Result<search::SearchQuery> parse_signals_search(store::Database& db, const web::Form& params,
                                                 const std::optional<web::Principal>& user,
                                                 int page_size) {
  search::SearchQuery q;
  q.text = trim(params.get("q"));
  if (q.text.size() > 500)
    return Error::invalid("q", "De zoekvraag is te lang (hoogstens 500 tekens).");
  const std::string kind = params.get("soort");
  if (kind == "signaal")
    q.filters["signal_kind"] = {"signal"};
  else if (kind == "nood")
    q.filters["signal_kind"] = {"need"};
  else if (kind == "actie")
    q.filters["signal_kind"] = {"action"};
  else if (!kind.empty() && kind != "alle")
    return Error::invalid("soort", "Kies als soort signaal, nood of actie.");
  const std::string theme = params.get("thema");
  if (!theme.empty() && theme != "alle") {
    const auto themes = catalog::terms(db, "theme");
    if (std::none_of(themes.begin(), themes.end(), [&](const auto& t) { return t.slug == theme; }))
      return Error::invalid("thema", "Dit thema kennen we niet. Kies een thema uit de lijst.");
    q.filters["theme"] = {theme};
  }
  const std::string municipality = params.get("gemeente");
  if (!municipality.empty() && municipality != "alle") {
    if (municipality != "bovenlokaal" && !reference::is_municipality(db, municipality))
      return Error::invalid("gemeente",
                            "Deze gemeente kennen we niet. Kies een gemeente uit de lijst.");
    q.filters["municipality"] = {municipality};
  }
  int page = 1;
  const std::string page_text = params.get("pagina");
  if (!page_text.empty()) {
    const auto n = parse_id(page_text);
    if (!n || *n < 1 || *n > 1000)
      return Error::invalid("pagina", "Het paginanummer moet een getal van 1 tot 1000 zijn.");
    page = static_cast<int>(*n);
  }
  q.facet_names = {"signal_kind"};
  q.newest_first = q.text.empty();
  q.limit = page_size;
  q.offset = (page - 1) * page_size;
  q.visibilities = visible_levels(db, user);
  return q;
}

}  // namespace schakel::signals
