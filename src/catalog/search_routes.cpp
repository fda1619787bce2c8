// The search results page: GET /zoeken. Works without JavaScript (filters and
// pages are links); schakel.js updates the results while one types.
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "catalog/catalog.hpp"
#include "catalog/hit_fields.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"
#include "reference/municipalities.hpp"
#include "search/engine.hpp"
#include "web/form.hpp"

namespace schakel::catalog {

namespace {

constexpr int page_size = 10;
constexpr int max_facet_values = 10;

// Labels of facet values: vocabularies from the database, the rest from types;
// with each known value percent-encoded as links carry it. Rebuilt at most
// every ten seconds (facet_labels) and read by every results page, which
// looks up some fifty values: a lookup builds no key and copies nothing.
class FacetLabels {
 public:
  // How a known value shows.
  struct Shown {
    std::string label;
    std::string encoded;  // the value percent-encoded
  };

  FacetLabels(store::Database& db, const std::vector<Term>& themes,
              const std::vector<Term>& audiences, const std::vector<Term>& ages,
              const std::vector<Term>& domains) {
    const std::pair<const char*, const std::vector<Choice>*> typed[] = {
        {"kind", &kinds()},
        {"evidence", &evidence_levels()},
        {"scope", &scopes()},
        {"track", &tracks()},
        {"policy_level", &policy_levels()}};
    for (const auto& [facet, list] : typed)
      for (const auto& c : *list) add(facet, c.value, c.label);
    for (const auto* list : {&themes, &audiences, &ages, &domains})
      for (const auto& t : *list) add(t.vocabulary, t.slug, t.label);
    for (const auto& [nis, name] : reference::municipality_names(db))
      add("municipality", nis, name);
  }

  // How `value` of `facet` shows, or null when it is not known.
  const Shown* find(const std::string& facet, const std::string& value) const {
    const auto f = facets_.find(facet);
    if (f == facets_.end()) return nullptr;
    const auto v = f->second.find(value);
    return v == f->second.end() ? nullptr : &v->second;
  }

  // The label of `value` of `facet`; an unknown value is its own label.
  std::string label(const std::string& facet, const std::string& value) const {
    if (facet == "current") return "Loopt nu of staat open";
    const Shown* shown = find(facet, value);
    return shown ? shown->label : value;
  }

 private:
  void add(const std::string& facet, const std::string& value, const std::string& label) {
    facets_[facet].insert_or_assign(value, Shown{label, web::percent_encode(value)});
  }

  std::unordered_map<std::string, std::unordered_map<std::string, Shown>> facets_;
};

// The links of the results page: the query's parameters, each encoded once,
// with one change. Every link drops the page number unless it sets one.
class Links {
 public:
  // Keeps pointers into `params`, which must outlive this.
  explicit Links(const web::Form& params) {
    fields_.reserve(params.fields().size());
    for (const auto& [k, v] : params.fields()) {
      if (k == "pagina") continue;  // in no link
      // An empty value is never written, but may still be toggled off.
      fields_.push_back({&k, &v, v.empty() ? std::string() : encoded_pair(k, v)});
    }
  }

  // The parameters with filter `key`=`value` added, or removed (every time it
  // occurs) when present; `encoded` is that pair percent-encoded ("k=v").
  std::string toggle(const std::string& key, const std::string& value,
                     const std::string& encoded) const {
    std::string out = start(encoded.size());
    bool toggled_off = false;
    for (const auto& f : fields_) {
      if (*f.key == key && *f.value == value) {
        toggled_off = true;
        continue;
      }
      if (!f.value->empty()) add(out, f.encoded);
    }
    if (!toggled_off) add(out, encoded);
    return out;
  }

  // The parameters with single parameter `key` replaced by `value` ("" removes it).
  std::string with(const std::string& key, const std::string& value) const {
    std::string out = start(key.size() + 3 * value.size() + 1);
    for (const auto& f : fields_)
      if (*f.key != key && !f.value->empty()) add(out, f.encoded);
    if (!value.empty()) add(out, encoded_pair(key, value));
    return out;
  }

  // "k=v", percent-encoded.
  static std::string encoded_pair(const std::string& key, const std::string& value) {
    std::string out = web::percent_encode(key);
    out += '=';
    out += web::percent_encode(value);
    return out;
  }

 private:
  struct Field {
    const std::string* key;
    const std::string* value;
    std::string encoded;
  };

  std::string start(std::size_t extra) const {
    std::size_t size = 8 + extra;
    for (const auto& f : fields_) size += f.encoded.size() + 1;
    std::string out;
    out.reserve(size);
    out = "/zoeken";
    return out;
  }
  static void add(std::string& out, const std::string& encoded) {
    out += out.size() == 7 ? '?' : '&';
    out += encoded;
  }

  std::vector<Field> fields_;
};

// The labels, read again at most every ten seconds: every results page needs
// them and vocabularies change rarely. Once read, one request reads them again,
// outside the lock, while the others go on with the labels they had; before the
// first read, each request that finds none reads them, and a read that started
// earlier than the kept one never replaces it.
std::shared_ptr<const FacetLabels> facet_labels(App& app) {
  struct Entry {
    std::int64_t read_at = 0;
    std::shared_ptr<const FacetLabels> labels;
    bool reading = false;  // a request is reading them again
  };
  static std::mutex mutex;
  static std::map<store::Database*, Entry> cache;  // guarded by mutex
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                       .count();
  {
    std::lock_guard lock(mutex);
    auto& entry = cache[&app.db()];
    if (entry.labels && (now - entry.read_at < 10 || entry.reading)) return entry.labels;
    entry.reading = true;
  }
  std::shared_ptr<const FacetLabels> fresh;
  try {
    CatalogStore store(app.db());
    fresh =
        std::make_shared<const FacetLabels>(app.db(), store.terms("theme"), store.terms("audience"),
                                            store.terms("age_group"), store.terms("policy_domain"));
  } catch (...) {
    std::lock_guard lock(mutex);
    cache[&app.db()].reading = false;
    throw;
  }
  std::lock_guard lock(mutex);
  auto& entry = cache[&app.db()];
  entry.reading = false;
  if (!entry.labels || now >= entry.read_at) {
    entry.read_at = now;
    entry.labels = fresh;
  }
  return fresh;
}

using Object = nlohmann::json::object_t;
using Array = nlohmann::json::array_t;

// What the results list shows of one hit. Documents of other features
// (training series, help pages) carry their own address, and may name their kind.
nlohmann::json hit_model(const FacetLabels& labels, search::Hit& hit) {
  auto fields = remembered_hit_fields(hit.data);
  if (!fields) {
    // Data the quick reader does not take: read it whole, as a document.
    auto data = nlohmann::json::parse(hit.data, nullptr, false);
    if (data.is_discarded()) return nullptr;
    HitFields f;
    f.kind_label = data.value("kind_label", labels.label("kind", data.value("kind", "")));
    f.href = data.value("href", "/kennisbank/" + data.value("slug", ""));
    f.title = data.value("title", "");
    f.published_at = data.value("published_at", std::int64_t{0});
    f.has_href = f.has_kind_label = true;
    fields = std::move(f);
  }
  Object o;
  o.emplace("href", fields->has_href ? std::move(fields->href) : "/kennisbank/" + fields->slug);
  o.emplace("title", std::move(fields->title));
  o.emplace("kind", fields->has_kind_label ? std::move(fields->kind_label)
                                           : labels.label("kind", fields->kind));
  o.emplace("date", format_date_nl(fields->published_at));
  o.emplace("snippet", std::move(hit.snippet_html));
  return nlohmann::json(std::move(o));
}

// The facet lists of a results page into `facets`, and a chip for each chosen
// value into `chosen`.
void facets_model(const FacetLabels& labels, const Links& links,
                  const search::SearchOutcome& outcome, Array& facets, Array& chosen) {
  for (const auto& spec : facet_specs()) {
    auto it = outcome.facets.find(spec.name);
    if (it == outcome.facets.end() || it->second.empty()) continue;
    Array values;
    values.reserve(std::min<std::size_t>(it->second.size(), max_facet_values + 2));
    // The most frequent values and every chosen one: a list of 300 municipalities
    // helps nobody (the API gives them all).
    int shown = 0;
    const std::string param = spec.page_param;
    const std::string name = spec.name;
    const std::string encoded_param = web::percent_encode(param) + '=';
    for (const auto& c : it->second) {
      if (!c.selected && shown >= max_facet_values) continue;
      if (!c.selected) ++shown;
      const auto* known = labels.find(name, c.value);
      std::string label = known ? known->label : labels.label(name, c.value);
      auto href = links.toggle(
          param, c.value, encoded_param + (known ? known->encoded : web::percent_encode(c.value)));
      if (c.selected) {
        Object chip;
        chip.emplace("label", label);
        chip.emplace("facet", spec.label);
        chip.emplace("href", href);
        chosen.emplace_back(std::move(chip));
      }
      Object value;
      value.emplace("label", std::move(label));
      value.emplace("count", c.count);
      value.emplace("selected", c.selected);
      value.emplace("href", std::move(href));
      values.emplace_back(std::move(value));
    }
    Object facet;
    facet.emplace("label", spec.label);
    facet.emplace("param", param);
    facet.emplace("values", std::move(values));
    facets.emplace_back(std::move(facet));
  }
}

nlohmann::json results_model(App& app, const web::Request& req, const search::SearchQuery& query,
                             search::SearchOutcome outcome) {
  const auto labels_ptr = facet_labels(app);
  const FacetLabels& labels = *labels_ptr;
  const auto& params = req.query_params;
  const Links links(params);
  Array results;
  results.reserve(outcome.hits.size());
  for (auto& hit : outcome.hits)
    if (auto item = hit_model(labels, hit); !item.is_null()) results.push_back(std::move(item));
  Array facets;
  Array chosen;
  facets_model(labels, links, outcome, facets, chosen);
  const int pages = (outcome.total + page_size - 1) / page_size;
  const int page = query.offset / page_size + 1;
  Array pagination;
  for (int p = std::max(1, page - 3); p <= std::min(pages, page + 3); ++p) {
    Object item;
    item.emplace("number", p);
    item.emplace("current", p == page);
    item.emplace("href", links.with("pagina", p == 1 ? "" : std::to_string(p)));
    pagination.emplace_back(std::move(item));
  }
  Array hidden;
  for (const auto& [k, v] : params.fields())
    if (k != "q" && k != "pagina" && !v.empty()) {
      Object field;
      field.emplace("name", k);
      field.emplace("value", v);
      hidden.emplace_back(std::move(field));
    }
  std::string count_text =
      outcome.total == 1 ? "1 resultaat" : std::to_string(outcome.total) + " resultaten";
  const bool has_chosen = !chosen.empty();
  Object model;
  model.emplace("q", query.text);
  model.emplace("has_query", !query.text.empty());
  model.emplace("total", outcome.total);
  model.emplace("count_text", std::move(count_text));
  model.emplace("results", std::move(results));
  model.emplace("facets", std::move(facets));
  model.emplace("chosen", std::move(chosen));
  model.emplace("has_chosen", has_chosen);
  model.emplace("clear_href", query.text.empty() ? std::string("/zoeken")
                                                 : "/zoeken?q=" + web::percent_encode(query.text));
  model.emplace("hidden", std::move(hidden));
  model.emplace("by_date", query.newest_first);
  model.emplace("relevance_href", links.with("sorteer", ""));
  model.emplace("date_href", links.with("sorteer", "datum"));
  model.emplace("pagination", std::move(pagination));
  model.emplace("has_pages", pages > 1);
  model.emplace("prev_href",
                page > 1 ? links.with("pagina", page == 2 ? "" : std::to_string(page - 1)) : "");
  model.emplace("next_href",
                page < pages ? links.with("pagina", std::to_string(page + 1)) : std::string());
  model.emplace("suggestion", outcome.suggestion);
  model.emplace("used_suggestion", outcome.used_suggestion);
  model.emplace("suggestion_href",
                outcome.suggestion.empty() ? std::string() : links.with("q", outcome.suggestion));
  return nlohmann::json(std::move(model));
}

}  // namespace

web::Response synonyms_page(App& app, const web::Request& req, const std::string& text,
                            const Error* error, int status) {
  nlohmann::json model = {{"text", text}};
  if (error) model.update(App::form_errors(*error));
  return app.render_page(req, "catalog/synonyms", "Synoniemen voor het zoeken", model, status);
}

void install_search_page(App& app) {
  app.page(
      "/zoeken",
      [&app](web::Request& req) {
        auto query = parse_search_request(req.query_params, req.user, ParamStyle::page, page_size);
        if (!query) {
          return app.render_page(req, "catalog/search", "Zoeken",
                                 {{"q", req.query_params.get("q")},
                                  {"invalid", query.error().fields.front().message},
                                  {"results", nlohmann::json::array()}},
                                 400);
        }
        search::SearchQuery q = std::move(query).value();
        // The page shows the most frequent values of each facet (facets_model):
        // the search need not order the others.
        q.facet_limit = max_facet_values;
        auto outcome = app.search().search(q);
        auto title = q.text.empty() ? std::string("Zoeken") : "Zoeken naar " + q.text;
        return app.render_page(req, "catalog/search", title,
                               results_model(app, req, q, std::move(outcome)));
      },
      // The same answer for every anonymous visitor: cached until the change feed
      // moves (at most 2,000 pages; see App::page). Signed-in searches are not.
      PageOptions{.cache_for_anonymous = true});

  // The synonym list: coordinators keep it, everyone's search uses it.
  const web::RouteOptions coordinator{.access = web::Access::only({Role::coordinator})};
  app.router().get(
      "/kennisbank/synoniemen",
      [&app](web::Request& req) {
        return synonyms_page(app, req, app.search().synonyms_text(), nullptr, 200);
      },
      coordinator);
  app.router().post(
      "/kennisbank/synoniemen",
      [&app](web::Request& req) {
        const std::string text = req.form.get("synonyms");
        auto saved = app.search().save_synonyms(text, req.user->id, app.clock().now());
        if (!saved)
          return app.failure_page(req, saved.error(), [&](int status) {
            return synonyms_page(app, req, text, &saved.error(), status);
          });
        audit::record(app.db(),
                      audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                   "synonyms_changed", "search:synonyms", "", req.remote_ip});
        app.ensure_session(req).add_flash(
            "success", "De synoniemen zijn bewaard. Het zoeken gebruikt ze meteen.");
        return web::Response::redirect("/kennisbank/synoniemen");
      },
      coordinator);
}

}  // namespace schakel::catalog
