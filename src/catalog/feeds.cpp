// Atom feeds (RFC 4287) of the kennisbank: GET /kennisbank/feed.xml with the
// newest public resources, and one feed per theme. Only published resources
// that anyone may see are in a feed: a feed reader has no session.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "catalog/catalog.hpp"
#include "catalog/store.hpp"
#include "core/clock.hpp"

namespace schakel::catalog {

namespace {

constexpr int feed_size = 50;

// The host part of an absolute URL, without user info or port ("" when none).
std::string host_of(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (!host.empty() && host.front() == '[') return {};  // IPv6 literal: not a tag authority
  if (auto colon = host.find(':'); colon != std::string::npos) host.erase(colon);
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

// A tag URI (RFC 4151) for `specific` that stays the same when slugs or titles
// change. The authority is the site's host name.
std::string tag_uri(const std::string& base_url, const std::string& specific) {
  std::string host = host_of(base_url);
  if (host.empty()) host = "localhost";
  return "tag:" + host + ",2025:" + specific;
}

// One entry of a feed: the resource and its themes with their labels.
struct Entry {
  const Resource* resource;
  std::vector<std::pair<std::string, std::string>> themes;  // slug, label
};

// The Atom document of `entries`.
std::string feed_xml(const std::string& base_url, const std::string& platform_name,
                     const std::string& feed_id, const std::string& title,
                     const std::string& self_path, const std::string& alternate_path,
                     const std::vector<Entry>& entries, std::int64_t fallback_updated) {
  std::int64_t updated = 0;
  for (const auto& e : entries) updated = std::max(updated, e.resource->updated_at);
  if (entries.empty()) updated = fallback_updated;

  std::string out;
  out.reserve(2048 + entries.size() * 1024);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">\n";
  out += "  <id>" + xml_escape(feed_id) + "</id>\n";
  out += "  <title>" + xml_escape(title) + "</title>\n";
  out += "  <updated>" + format_utc(updated) + "</updated>\n";
  out += "  <author><name>" + xml_escape(platform_name) + "</name></author>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_escape(base_url + self_path) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" +
         xml_escape(base_url + alternate_path) + "\"/>\n";
  out += "  <generator>" + xml_escape(platform_name) + "</generator>\n";
  for (const auto& e : entries) {
    const Resource& r = *e.resource;
    const std::int64_t published = r.published_at.value_or(r.updated_at);
    out += "  <entry>\n";
    out += "    <id>" + xml_escape(tag_uri(base_url, "kennisbank/" + std::to_string(r.id))) +
           "</id>\n";
    out += "    <title type=\"text\">" + xml_escape(r.title) + "</title>\n";
    out += "    <updated>" + format_utc(std::max(r.updated_at, published)) + "</updated>\n";
    out += "    <published>" + format_utc(published) + "</published>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" +
           xml_escape(base_url + "/kennisbank/" + r.slug) + "\"/>\n";
    out += "    <summary type=\"text\">" + xml_escape(r.summary) + "</summary>\n";
    for (const auto& [slug, label] : e.themes)
      out += "    <category scheme=\"" + xml_escape(base_url + "/api/v1/themes") + "\" term=\"" +
             xml_escape(slug) + "\" label=\"" + xml_escape(label) + "\"/>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

web::Response feed_response(App& app, const std::string& theme, const std::string& theme_label,
                            const std::vector<Term>& themes) {
  CatalogStore store(app.db());
  const auto resources = store.public_feed(theme, feed_size);
  std::map<std::string, std::string> labels;
  for (const auto& t : themes) labels[t.slug] = t.label;
  std::vector<Entry> entries;
  entries.reserve(resources.size());
  for (const auto& r : resources) {
    Entry e{&r, {}};
    for (const auto& slug : r.themes) {
      auto it = labels.find(slug);
      e.themes.emplace_back(slug, it == labels.end() ? slug : it->second);
    }
    entries.push_back(std::move(e));
  }
  const std::string base = app.base_url();
  const std::string& name = app.config().platform_name;
  std::string body =
      theme.empty() ? feed_xml(base, name, tag_uri(base, "kennisbank/feed"),
                               name + ": nieuw in de kennisbank", "/kennisbank/feed.xml",
                               "/kennisbank", entries, app.clock().now())
                    : feed_xml(base, name, tag_uri(base, "kennisbank/feed/theme/" + theme),
                               name + ": nieuw in de kennisbank over " + theme_label,
                               "/kennisbank/thema/" + theme + "/feed.xml",
                               "/zoeken?thema=" + web::percent_encode(theme) + "&sorteer=datum",
                               entries, app.clock().now());
  web::Response res;
  res.status = 200;
  res.body = std::move(body);
  res.headers.set("Content-Type", "application/atom+xml; charset=utf-8");
  // The same for everyone: shared caches may keep it a few minutes.
  res.headers.set("Cache-Control", "public, max-age=300");
  return res;
}

}  // namespace

void install_feeds(App& app) {
  app.page("/kennisbank/feed.xml",
           [&app](web::Request&) {
             return feed_response(app, "", "", CatalogStore(app.db()).terms("theme"));
           },
           {.cache_for_anonymous = true});
  app.page("/kennisbank/thema/{theme}/feed.xml",
           [&app](web::Request& req) {
             const auto themes = CatalogStore(app.db()).terms("theme");
             const std::string slug = req.param("theme");
             for (const auto& t : themes)
               if (t.slug == slug) return feed_response(app, t.slug, t.label, themes);
             return app.error_page(&req, 404, "Dit thema bestaat niet.");
           },
           {.cache_for_anonymous = true});
}

}  // namespace schakel::catalog
