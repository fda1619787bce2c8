#include "archive/static_export.hpp"

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "archive/link_rewriter.hpp"
#include "archive/search_index.hpp"
#include "core/log.hpp"
#include "reference/municipalities.hpp"
#include "reference/place_code.hpp"
#include "web/form.hpp"

namespace schakel::archive {

namespace fs = std::filesystem;

namespace {

// The archive's search script, an asset of the platform (assets/js/).
constexpr const char* search_script_asset = "js/archive-search.js";
constexpr const char* search_index_path = "/zoeken/zoekindex.js";
constexpr const char* search_script_path = "/zoeken/zoeken.js";
// The help-service pages of one place: many, nearly alike, and found through
// the list of places; they stay out of the search index.
constexpr std::string_view place_prefix = "/hulp/dichtbij/";

// One answer of the app to an anonymous GET.
struct Fetched {
  int status = 0;
  std::string content_type;
  std::string body;
};

web::Request anonymous_get(const std::string& target, const std::string& path) {
  web::Request req;
  req.method = "GET";
  req.target = target;
  req.path = path;
  req.remote_ip = "127.0.0.1";
  req.request_id = "export-static";
  return req;
}

Fetched fetch(App& app, const std::string& path) {
  auto req = anonymous_get(path, path);
  auto res = app.handle(req);
  return {res.status, std::string(res.headers.get("Content-Type")), std::move(res.body)};
}

bool is_html(const std::string& content_type) { return content_type.rfind("text/html", 0) == 0; }

// Feeds and data for programs (Atom, iCalendar, JSON) are live subscriptions
// with absolute links: they stay on the platform.
bool is_kept_file(const std::string& content_type) {
  for (std::string_view live : {"xml", "calendar", "json"})
    if (content_type.find(live) != std::string::npos) return false;
  return true;
}

// True when `html` is a form page: a form on it posts back to `path` itself
// (a registration, the live lookup of local help). Without the server such a
// page has nothing left to show.
bool posts_to_itself(const std::string& html, const std::string& path) {
  for (const auto& tag : url_tags(html)) {
    if (tag.name != "form") continue;
    std::string method = tag.attribute("method").value_or("get");
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (method == "post" && split_url(tag.url).path == path) return true;
  }
  return false;
}

bool in_sections(const std::string& path) {
  for (const auto& s : static_sections())
    if (path == s || path.rfind(s + "/", 0) == 0) return true;
  return false;
}

// What the archive holds: site path -> content, and its file.
struct Item {
  std::string file;
  std::string body;
  bool html = false;
  bool own = false;  // one of the archive's own pages or scripts
};

// One export: crawls the public pages, adds the archive's own pages and search
// index, and writes every file with its links rewritten. Single-threaded; the
// app must outlive it.
class Exporter {
 public:
  Exporter(App& app, const StaticProgress& progress) : app_(app), progress_(progress) {}

  StaticExportReport run(const fs::path& dir) {
    crawl();
    add_own_pages();
    StaticExportReport report;
    build_search_index(report);
    write(dir, report);
    return report;
  }

 private:
  void tick() {
    ++done_;
    if (progress_) progress_(done_, total_);
  }

  // Adds `path` with its `file` unless it would clash with a file already kept
  // (the same file, or a file where another needs a folder).
  bool keep(const std::string& path, Item item) {
    for (const auto& [other_path, other] : items_) {
      const auto& a = other.file;
      const auto& b = item.file;
      if (a == b || b.rfind(a + "/", 0) == 0 || a.rfind(b + "/", 0) == 0) {
        log::app()->warn("export-static: {} left out, its file clashes with {}", path, other_path);
        return false;
      }
    }
    items_.emplace(path, std::move(item));
    return true;
  }

  void enqueue(const std::string& path) {
    if (seen_.insert(path).second) {
      queue_.push_back(path);
      ++total_;
    }
  }

  // Notes the site paths that a page links to: assets to copy, pages to visit.
  void follow_links(const std::string& html) {
    for (const auto& url : html_links(html)) {
      if (!is_site_path(url)) continue;
      const auto parts = split_url(url);
      if (!parts.query.empty()) continue;  // filters and searches need the server
      auto path = web::percent_decode(parts.path, false);
      if (!path) continue;
      if (path->rfind("/static/", 0) == 0 || in_sections(*path)) enqueue(*path);
    }
  }

  void crawl() {
    // The live lookup form is a POST form: the archive lists the places instead.
    seen_.insert(static_places_path);
    for (const auto& p : static_entry_points()) enqueue(p);
    for (const auto& m : places())
      enqueue(std::string(place_prefix) + reference::place_code(m.nis_code));
    while (!queue_.empty()) {
      const std::string path = queue_.front();
      queue_.pop_front();
      visit(path);
      tick();
    }
  }

  void visit(const std::string& path) {
    auto got = fetch(app_, path);
    if (got.status != 200) return;  // not for anonymous visitors (or gone): not archived
    const bool html = is_html(got.content_type);
    const bool asset = path.rfind("/static/", 0) == 0;
    if (!html && !asset && !is_kept_file(got.content_type)) return;
    if (html && posts_to_itself(got.body, path)) return;
    auto file = archive_file(path, html);
    if (!file) return;
    if (html) follow_links(got.body);
    keep(path, Item{*file, std::move(got.body), html, false});
  }

  std::vector<reference::Municipality> places() {
    auto list = reference::municipalities_in_region(app_.db(), "Vlaanderen");
    auto brussels = reference::municipalities_in_region(app_.db(), "Brussel");
    list.insert(list.end(), brussels.begin(), brussels.end());
    return list;
  }

  std::string render_own(const std::string& path, const std::string& name, const std::string& title,
                         nlohmann::json model) {
    auto req = anonymous_get(path, path);
    return app_.render_page(req, name, title, std::move(model)).body;
  }

  void add_own_pages() {
    const auto* script = app_.assets().find(search_script_asset).get();
    if (!script) throw std::logic_error("asset missing: " + std::string(search_script_asset));
    keep(search_script_path,
         Item{*archive_file(search_script_path, false), script->identity, false, true});
    keep(static_search_path,
         Item{*archive_file(static_search_path, true),
              render_own(
                  static_search_path, "archive/static_search", "Zoeken in het archief",
                  {{"search_index", search_index_path}, {"search_script", search_script_path}}),
              true, true});
    keep(static_elsewhere_path,
         Item{*archive_file(static_elsewhere_path, true),
              render_own(static_elsewhere_path, "archive/static_elsewhere", "Niet in dit archief",
                         {{"platform", app_.config().platform_name}}),
              true, true});
    // The places by province, each linking to its page when the archive holds it.
    std::map<std::string, nlohmann::json> by_province;
    for (const auto& m : places()) {
      const std::string path = std::string(place_prefix) + reference::place_code(m.nis_code);
      if (!items_.count(path)) continue;
      const std::string group = m.province.empty() ? "Brussels Hoofdstedelijk Gewest" : m.province;
      by_province[group].push_back({{"name", m.name_nl}, {"href", path}});
    }
    nlohmann::json provinces = nlohmann::json::array();
    for (auto& [name, list] : by_province)
      provinces.push_back({{"name", name},
                           {"id", "provincie-" + std::to_string(provinces.size() + 1)},
                           {"places", list}});
    keep(static_places_path,
         Item{*archive_file(static_places_path, true),
              render_own(static_places_path, "archive/static_places", "Hulp in de buurt",
                         {{"provinces", provinces}, {"has_places", !provinces.empty()}}),
              true, true});
  }

  void build_search_index(StaticExportReport& report) {
    const std::string from = *archive_file(static_search_path, true);
    StaticSearchIndex index;
    for (const auto& [path, item] : items_) {
      if (!item.html || path.rfind(place_prefix, 0) == 0) continue;
      if (path == static_search_path || path == static_elsewhere_path) continue;
      auto text = page_text(item.body);
      const std::string suffix = " – " + app_.config().platform_name;
      if (text.title.size() > suffix.size() &&
          text.title.compare(text.title.size() - suffix.size(), suffix.size(), suffix) == 0)
        text.title.resize(text.title.size() - suffix.size());
      index.add(relative_url(from, item.file), text);
    }
    report.index_pages = index.page_count();
    report.index_terms = index.term_count();
    std::string script = index.to_script();
    report.index_bytes = script.size();
    keep(search_index_path,
         Item{*archive_file(search_index_path, false), std::move(script), false, true});
  }

  LinkAction map_link(const std::string& from, const HtmlTag& tag, const std::string& url) const {
    if (!is_site_path(url)) return {};
    const auto parts = split_url(url);
    const auto path = web::percent_decode(parts.path, false);
    const auto relative = [&](const std::string& to) {
      return LinkAction{LinkAction::Kind::replace, relative_url(from, items_.at(to).file)};
    };
    if (tag.name == "form") {
      std::string method = tag.attribute("method").value_or("get");
      std::transform(method.begin(), method.end(), method.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (method == "get" && path && *path == static_search_path)
        return relative(static_search_path);
      return {LinkAction::Kind::drop, {}};
    }
    if (path && parts.query.empty() && items_.count(*path)) {
      auto action = relative(*path);
      if (!parts.fragment.empty()) action.url += "#" + parts.fragment;
      return action;
    }
    if (tag.name == "a" || tag.name == "area") return relative(static_elsewhere_path);
    return {LinkAction::Kind::drop, {}};
  }

  void write(const fs::path& dir, StaticExportReport& report) {
    total_ += static_cast<std::int64_t>(items_.size());
    for (const auto& [path, item] : items_) {
      const fs::path target = dir / item.file;
      fs::create_directories(target.parent_path());
      std::ofstream out(target, std::ios::binary | std::ios::trunc);
      if (item.html) {
        const auto body = rewrite_links(item.body, [&](const HtmlTag& tag, const std::string& url) {
          return map_link(item.file, tag, url);
        });
        out << body;
        report.bytes += body.size();
        ++report.pages;
      } else {
        out << item.body;
        report.bytes += item.body.size();
        if (path.rfind("/static/", 0) == 0 || item.own)
          ++report.assets;
        else
          ++report.files;
      }
      if (!out) throw std::runtime_error("could not write " + target.string());
      report.sources.push_back(path);
      tick();
    }
    std::ofstream marker(dir / static_marker_file);
    marker << "Statisch archief van " << app_.config().platform_name
           << " (schakel export-static). Een nieuwe export vervangt deze map.\n";
  }

  App& app_;
  const StaticProgress& progress_;
  std::map<std::string, Item> items_;  // by site path
  std::set<std::string> seen_;
  std::deque<std::string> queue_;
  std::int64_t done_ = 0;
  std::int64_t total_ = 0;
};

// True when `dir` may receive an archive: absent, empty, or an earlier archive.
bool may_write_into(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  return fs::is_empty(dir, ec) || fs::exists(dir / static_marker_file, ec);
}

}  // namespace

const std::vector<std::string>& static_entry_points() {
  static const std::vector<std::string> paths = {
      "/", "/hulp", "/kennisbank", "/initiatieven", "/vorming", "/veilig-surfen"};
  return paths;
}

const std::vector<std::string>& static_sections() {
  static const std::vector<std::string> sections = {"/hulp", "/kennisbank", "/initiatieven",
                                                    "/vorming"};
  return sections;
}

Result<StaticExportReport> export_static(App& app, const fs::path& to,
                                         const StaticProgress& progress) {
  if (to.empty()) return Error::invalid("to", "Geef een map op waarin het archief komt.");
  fs::path dir = fs::absolute(to).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  if (!may_write_into(dir))
    return Error::invalid("to",
                          "De map " + dir.string() +
                              " bestaat al en is geen leeg statisch archief. Kies een lege map.");
  // Written next to the target, then put in its place: a failed export leaves
  // the earlier archive as it was.
  const fs::path fresh = dir.parent_path() / (dir.filename().string() + ".nieuw");
  // A leftover of an interrupted export may go; a folder of someone else's may not.
  if (!may_write_into(fresh))
    return Error::invalid("to", "De map " + fresh.string() +
                                    " bestaat al en is geen statisch archief. Verplaats ze eerst.");
  fs::remove_all(fresh);
  fs::create_directories(fresh);
  Exporter exporter(app, progress);
  StaticExportReport report;
  try {
    report = exporter.run(fresh);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(fresh, ec);
    throw;
  }
  fs::remove_all(dir);
  fs::rename(fresh, dir);
  std::sort(report.sources.begin(), report.sources.end());
  return report;
}

}  // namespace schakel::archive
