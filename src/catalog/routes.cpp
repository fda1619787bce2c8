// HTTP handlers of the kennisbank's reading side: the list, a resource's page,
// its attachments and the podcast feed; install() lists every route of the
// feature. The form pages are in form_routes.cpp, the history in
// history_routes.cpp. Thin: authorise, parse, call the store or service.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <variant>
#include "catalog/attention.hpp"
#include "catalog/news.hpp"

#include "app/app.hpp"
#include "catalog/attachments.hpp"
#include "catalog/catalog.hpp"
#include "catalog/initiative.hpp"
#include "catalog/pages.hpp"
#include "catalog/podcast.hpp"
#include "catalog/search.hpp"
#include "catalog/service.hpp"
#include "reference/municipalities.hpp"
#include "view/markdown.hpp"
#include "web/access.hpp"
#include "web/visibility.hpp"

namespace schakel::catalog {

int number_param(const web::Request& req, const std::string& name) {
  const std::string text = req.param(name);
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoi(text);
}

// The resource of the {slug} parameter, when the signed-in user may do `action`
// on it; otherwise the answer to send (404, or an audited 403). Requires: the
// route declares Access::signed_in(). The rule is per resource (whose
// municipality), and an unknown slug answers 404 to everyone signed in, so it
// stays here rather than in a role declaration.
std::variant<Resource, web::Response> resource_for(App& app, web::Request& req, Action action,
                                                   const char* action_name) {
  auto res = CatalogStore(app.db()).find_by_slug(req.param("slug"));
  if (!res) return app.error_page(&req, 404);
  if (!may(req.user, action, &*res)) return app.deny(req, action_name, "resource:" + res->slug);
  return std::move(*res);
}

namespace {

nlohmann::json card(const Resource& r) {
  return {{"slug", r.slug},
          {"title", r.title},
          {"summary", r.summary},
          {"kind", label_of(kinds(), r.kind)},
          {"status", label_of(statuses(), r.status)},
          {"updated", format_date_nl(r.updated_at)}};
}

// The themes, audiences, age groups, tracks and municipality of a resource,
// each a link to the search filtered on it (the page parameters of facet_specs()).
nlohmann::json topics_model(App& app, CatalogStore& store, const Resource& r) {
  nlohmann::json groups = nlohmann::json::array();
  auto group = [&](const char* label, const char* param, nlohmann::json items) {
    if (!items.empty()) groups.push_back({{"label", label}, {"param", param}, {"items", items}});
  };
  auto terms = [&](const std::string& vocabulary, const std::vector<std::string>& chosen,
                   const char* param) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : store.terms(vocabulary))
      if (std::find(chosen.begin(), chosen.end(), t.slug) != chosen.end())
        items.push_back(
            {{"label", t.label}, {"href", std::string("/zoeken?") + param + "=" + t.slug}});
    return items;
  };
  group("Thema's", "thema", terms("theme", r.themes, "thema"));
  group("Voor wie", "doelgroep", terms("audience", r.audiences, "doelgroep"));
  group("Leeftijd", "leeftijd", terms("age_group", r.age_groups, "leeftijd"));
  nlohmann::json tracks = nlohmann::json::array();
  for (const auto& t : catalog::tracks())
    if (std::find(r.tracks.begin(), r.tracks.end(), t.value) != r.tracks.end())
      tracks.push_back({{"label", t.label}, {"href", std::string("/zoeken?spoor=") + t.value}});
  group("Sporen", "spoor", tracks);
  if (!r.policy_level.empty())
    group("Beleidsniveau", "niveau",
          nlohmann::json::array({{{"label", label_of(policy_levels(), r.policy_level)},
                                  {"href", "/zoeken?niveau=" + r.policy_level}}}));
  group("Beleidsdomeinen", "domein", terms("policy_domain", r.policy_domains, "domein"));
  if (!r.owner_nis_code.empty()) {
    const auto& names = reference::municipality_names(app.db());
    auto it = names.find(r.owner_nis_code);
    group("Gemeente", "gemeente",
          nlohmann::json::array({{{"label", it == names.end() ? r.owner_nis_code : it->second},
                                  {"href", "/zoeken?gemeente=" + r.owner_nis_code}}}));
  }
  return groups;
}

// The attachments, links, image and podcast fields of the resource page.
void add_media(App& app, const Resource& r, nlohmann::json& model) {
  const auto attachments =
      app.db().run([&](soci::session& sql) { return AttachmentStore::of_resource(sql, r.id); });
  nlohmann::json files = nlohmann::json::array();
  for (const auto& a : attachments) {
    const std::string url = attachment_path(r.slug, a);
    if (r.image_attachment_id == a.id) model["image"] = {{"url", url}, {"alt", r.image_alt}};
    if (r.audio_attachment_id == a.id) model["audio"] = {{"url", url}, {"type", a.content_type}};
    files.push_back({{"name", a.title.empty() ? a.file_name : a.title},
                     {"file_name", a.file_name},
                     {"type", files::type_label_nl(a.content_type)},
                     {"size", files::size_label_nl(a.size)},
                     {"url", url}});
  }
  if (!r.audio_url.empty()) model["audio"] = {{"url", r.audio_url}, {"external", true}};
  model["attachments"] = files;
  model["has_attachments"] = !files.empty();
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : r.links) links.push_back({{"label", l.label}, {"url", l.url}});
  model["links"] = links;
  model["has_links"] = !links.empty();
  nlohmann::json guests = nlohmann::json::array();
  for (const auto& [value, label] : catalog::tracks()) {
    const std::string names = text_field(r, std::string("guests_") + value);
    if (!names.empty()) guests.push_back({{"track", label}, {"names", names}});
  }
  model["guests"] = guests;
  model["has_guests"] = !guests.empty();
  model["duration"] = r.duration;
  model["is_podcast"] = r.kind == "podcast_episode";
}

std::vector<Episode> public_episodes(App& app) {
  std::vector<Episode> out;
  for (auto& r : CatalogStore(app.db()).public_episodes(100)) {
    Episode e{std::move(r), std::nullopt, std::nullopt};
    app.db().run([&](soci::session& sql) {
      if (e.resource.audio_attachment_id)
        e.audio = AttachmentStore::find(sql, *e.resource.audio_attachment_id);
      if (e.resource.image_attachment_id)
        e.image = AttachmentStore::find(sql, *e.resource.image_attachment_id);
    });
    out.push_back(std::move(e));
  }
  return out;
}

// GET /kennisbank: the published resources, and what waits for this person's review.
web::Response list_page(App& app, web::Request& req) {
  CatalogStore store(app.db());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& res : store.published(visible_levels(req.user), 200)) list.push_back(card(res));
  nlohmann::json review = nlohmann::json::array();
  if (req.user)
    for (const auto& res : store.in_review(100))
      if (may(req.user, Action::publish, &res)) review.push_back(card(res));
  return app.render_page(req, "catalog/list", "Kennisbank",
                         {{"resources", list},
                          {"feeds", nlohmann::json::array({{{"href", "/kennisbank/feed.xml"},
                                                            {"title", "Nieuw in de kennisbank"}}})},
                          {"in_review", review},
                          {"has_review", !review.empty()},
                          {"can_propose", may(req.user, Action::propose, nullptr) ||
                                              web::has_role(req.user, Role::coordinator)},
                          {"can_manage", web::has_role(req.user, Role::coordinator)}});
}

// GET /kennisbank/podcast.xml.
web::Response podcast_xml(App& app, web::Request&) {
  const std::string name = app.config().platform_name;
  Channel channel{name + " podcast",
                  "Gesprekken met professionals over de aanpak van intrafamiliaal geweld, uit de "
                  "kennisbank van " +
                      name + ".",
                  name, app.base_url()};
  web::Response res;
  res.headers.set("Content-Type", "application/rss+xml; charset=utf-8");
  res.body = podcast_feed(channel, public_episodes(app));
  return res;
}

// GET /kennisbank/{slug}: 404 for a resource this person may not open.
web::Response resource_page(App& app, web::Request& req) {
  CatalogStore store(app.db());
  auto res = store.find_by_slug(req.param("slug"));
  if (!res || !may_open(req.user, *res)) return app.error_page(&req, 404);
  auto model = card(*res);
  model["body_html"] = view::render_markdown(res->body);
  nlohmann::json details = nlohmann::json::array();
  for (const auto& f : text_fields()) {
    const std::string key = f.value;
    if (key == "title" || key == "summary" || key == "body") continue;
    const std::string value = text_field(*res, key);
    if (!value.empty()) details.push_back({{"label", f.label}, {"value", value}});
  }
  model["details"] = details;
  model["topics"] = topics_model(app, store, *res);
  model["has_topics"] = !model["topics"].empty();
  model["is_training_offer"] = res->kind == "training_offer";
  model["evidence_level"] = label_of(evidence_levels(), res->evidence_level);
  model["scope"] = label_of(scopes(), res->scope);
  model["policy_facts"] = policy_facts(*res, date_of(app.clock().now()));
  model["can_edit"] = may(req.user, Action::edit, &*res);
  model["is_published"] = res->status == "published";
  add_media(app, *res, model);
  auto page = app.render_page(req, "catalog/show", res->title, model);
  // "nog 12 dagen" changes at midnight without any change in the feed.
  if (!model["policy_facts"].empty()) page.cache_until = next_midnight(app.clock().now());
  // The author may open it for being the author: not a page for their audience.
  if (req.user && res->created_by == req.user->id) page.headers.set("Cache-Control", "no-store");
  return page;
}

// GET /kennisbank/{slug}/bijlagen/{id}/{name}: for whoever may open the resource.
web::Response download_attachment(App& app, web::Request& req) {
  auto res = CatalogStore(app.db()).find_by_slug(req.param("slug"));
  if (!res || !may_open(req.user, *res)) return app.error_page(&req, 404);
  const int id = number_param(req, "id");
  auto found =
      app.db().run([&](soci::session& sql) -> std::optional<std::pair<Attachment, std::string>> {
        auto a = AttachmentStore::find(sql, id);
        if (!a || a->resource_id != res->id) return std::nullopt;
        auto data = files::BlobStore::data(sql, a->sha256);
        if (!data) return std::nullopt;
        return std::pair{std::move(*a), std::move(*data)};
      });
  if (!found) return app.error_page(&req, 404);
  auto& [attachment, data] = *found;
  return files::file_download(req, attachment.sha256, attachment.content_type, attachment.file_name,
                              std::move(data));
}

}  // namespace

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(
      archive_tables_of("catalog", {"resources", "resource_terms", "resource_tracks",
                                    "resource_attachments", "resource_links"}));
  app.add_archive_tables(
      archive_tables_of("catalog", {"vocabulary_terms"}, ArchiveTable::Mode::seeded));
  auto& r = app.router();
  register_blob_referrer();
  app.add_demo_loader(DemoLoader{"catalog", 50, load_demo, &CatalogStore::delete_demo});
  app.search().add_source(resource_source(app.clock()));
  install_search_page(app);
  install_vocabulary_pages(app);
  install_feeds(app);
  install_api(app);
  // The dashboard line (issue 14).
  install_attention(app);
  // New resources for digests and newsletters (initiatives and funding calls
  // come from catalog.initiatives).
  app.add_news_source(NewsSource{"catalog.resources", &new_resources});

  // The list and a resource's page are the same for everyone of one role and
  // municipality (what they may see and review); the author's own page is not
  // kept (resource_page marks it).
  app.page(
      "/kennisbank", [&app](web::Request& req) { return list_page(app, req); },
      PageOptions{.cache_for_anonymous = true, .signed_in = Audience::municipality});
  r.get("/kennisbank/podcast.xml", [&app](web::Request& req) { return podcast_xml(app, req); });
  // Anonymous visitors of a public resource all get the same page.
  app.page(
      "/kennisbank/{slug}", [&app](web::Request& req) { return resource_page(app, req); },
      PageOptions{.cache_for_anonymous = true, .signed_in = Audience::municipality});
  r.get("/kennisbank/{slug}/bijlagen/{id}/{name}",
        [&app](web::Request& req) { return download_attachment(app, req); });
  install_form_pages(app);
  install_history_pages(app);
  install_initiatives(app);
}

}  // namespace schakel::catalog
