// The static archive of the demo: written into a temporary folder once for the
// suite (twice, the second time over the first, as a refresh does), then read
// back as a crawler and a censor would.
#include "archive/static_export.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "archive/link_rewriter.hpp"
#include "catalog/store.hpp"
#include "citizens/help_page_store.hpp"
#include "reference/municipalities.hpp"
#include "reference/place_code.hpp"
#include "test_support.hpp"
#include "trainings/store.hpp"
#include "web/form.hpp"

namespace schakel::archive {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::TestServer;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Titles of items that an anonymous visitor may not see, added to the demo.
const std::vector<std::string> hidden_titles = {
    "Conceptfiche over het geheime draaiboek", "Fiche in nazicht over de huisbezoeken",
    "Netwerkfiche met de lijst van contactpersonen", "Professionalsfiche over het intakegesprek",
    "Netwerkvorming voor de SPOCs van het arrondissement"};

void add_hidden_items(TestServer& server) {
  const std::int64_t now = server.clock().now();
  const std::vector<std::pair<std::string, std::string>> kinds = {{"draft", "public"},
                                                                  {"in_review", "public"},
                                                                  {"published", "network"},
                                                                  {"published", "professionals"}};
  server.db().transact([&](soci::session& sql) {
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      catalog::Resource r;
      r.slug = "verborgen-" + std::to_string(i);
      r.kind = "tool";
      r.title = hidden_titles[i];
      r.summary = "Niet voor iedereen: " + hidden_titles[i] + ".";
      r.status = kinds[i].first;
      r.visibility = kinds[i].second;
      if (r.status == "published") r.published_at = now;
      catalog::CatalogStore::insert(sql, r, now);
    }
    trainings::Series s;
    s.slug = "netwerkvorming-spocs";
    s.title = hidden_titles[4];
    s.description = "Alleen voor het netwerk.";
    s.visibility = "network";
    s.status = "published";
    const auto id = trainings::TrainingStore::insert_series(sql, s, now);
    trainings::Session session;
    session.series_id = id;
    session.starts_at = now + 10 * 86400;
    session.ends_at = session.starts_at + 3 * 3600;
    trainings::TrainingStore::insert_session(sql, session, now);
  });
}

class StaticExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = testing::demo_server(store::Backend::sqlite).release();
    add_hidden_items(*server_);
    rows_before_ = new std::vector<std::int64_t>(tracked_rows());
    const fs::path target = dir_->path() / "archief";
    auto first = export_static(server_->app(), target);
    ASSERT_TRUE(first) << first.error().fields.front().message;
    std::ofstream(target / "oud.html") << "een pagina van een vorige export";
    std::int64_t last_done = 0, last_total = 0;
    auto second = export_static(server_->app(), target, [&](std::int64_t done, std::int64_t total) {
      last_done = done;
      last_total = total;
    });
    ASSERT_TRUE(second) << second.error().fields.front().message;
    report_ = new StaticExportReport(second.value());
    progress_ = {last_done, last_total};
  }
  static void TearDownTestSuite() {
    delete rows_before_;
    delete report_;
    delete server_;
    delete dir_;
  }

  static fs::path root() { return dir_->path() / "archief"; }
  // Every file of the archive, relative to its root (the marker left out).
  static std::vector<std::string> files() {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root()))
      if (e.is_regular_file() && e.path().filename() != static_marker_file)
        out.push_back(fs::relative(e.path(), root()).generic_string());
    std::sort(out.begin(), out.end());
    return out;
  }

  // Rows of the tables a request could leave a trace in: the change feed,
  // sessions, the audit log, rate limits.
  static std::vector<std::int64_t> tracked_rows() {
    std::vector<std::int64_t> out;
    server_->db().run([&](soci::session& sql) {
      for (const char* table : {"changes", "sessions", "audit_log", "rate_events"}) {
        std::int64_t n = 0;
        sql << "SELECT COUNT(*) FROM " + std::string(table), soci::into(n);
        out.push_back(n);
      }
    });
    return out;
  }

  static TempDir* dir_;
  static TestServer* server_;
  static std::vector<std::int64_t>* rows_before_;
  static StaticExportReport* report_;
  static std::pair<std::int64_t, std::int64_t> progress_;
};
TempDir* StaticExportTest::dir_ = nullptr;
TestServer* StaticExportTest::server_ = nullptr;
std::vector<std::int64_t>* StaticExportTest::rows_before_ = nullptr;
StaticExportReport* StaticExportTest::report_ = nullptr;
std::pair<std::int64_t, std::int64_t> StaticExportTest::progress_;

bool is_external(const std::string& url) {
  for (const char* scheme : {"http://", "https://", "mailto:", "tel:"})
    if (url.rfind(scheme, 0) == 0) return true;
  return false;
}

TEST_F(StaticExportTest, EveryLinkResolvesToAFileOfTheArchive) {
  std::size_t checked = 0;
  for (const auto& file : files()) {
    if (file.size() < 5 || file.substr(file.size() - 5) != ".html") continue;
    const std::string html = read_file(root() / file);
    for (const auto& tag : url_tags(html)) {
      const std::string& url = tag.url;
      if (is_external(url)) continue;
      EXPECT_FALSE(url.rfind("/", 0) == 0) << file << ": absolute link " << url;
      if (url.rfind("/", 0) == 0) continue;
      const auto parts = split_url(url);
      fs::path target = root() / file;
      if (!parts.path.empty()) {
        const auto decoded = web::percent_decode(parts.path, false);
        ASSERT_TRUE(decoded) << file << ": " << url;
        target = (fs::path(root() / file).parent_path() / *decoded).lexically_normal();
        EXPECT_EQ(fs::relative(target, root()).string().rfind("..", 0), std::string::npos)
            << file << ": " << url << " leaves the archive";
        EXPECT_TRUE(fs::is_regular_file(target)) << file << ": " << url << " does not resolve";
        // Only the search form sends a query.
        if (!parts.query.empty()) ADD_FAILURE() << file << ": link with a query " << url;
      }
      if (!parts.fragment.empty() && fs::is_regular_file(target)) {
        EXPECT_NE(read_file(target).find("id=\"" + parts.fragment + "\""), std::string::npos)
            << file << ": " << url << " names no element";
      }
      ++checked;
    }
    EXPECT_EQ(html.find("method=\"post\""), std::string::npos) << file << " holds a form";
  }
  EXPECT_GT(checked, 1000u);  // the demo has hundreds of pages, each with its menu
}

// Each file maps back to the item it came from; that item is public.
TEST_F(StaticExportTest, HoldsOnlyWhatIsPublic) {
  auto& db = server_->db();
  const std::set<std::string> own = {static_search_path, static_elsewhere_path, static_places_path,
                                     "/zoeken/zoeken.js", "/zoeken/zoekindex.js"};
  const std::set<std::string> lists = {"/",        "/veilig-surfen", "/kennisbank", "/initiatieven",
                                       "/vorming", "/hulp",          "/hulp/1712"};
  std::set<std::string> kinds;
  for (const auto& source : report_->sources) {
    SCOPED_TRACE(source);
    if (own.count(source) || lists.count(source)) continue;
    const auto parts = [&] {
      std::vector<std::string> out;
      std::stringstream s(source.substr(1));
      for (std::string seg; std::getline(s, seg, '/');) out.push_back(seg);
      return out;
    }();
    if (parts[0] == "static") {
      kinds.insert("asset");
      EXPECT_TRUE(server_->app().assets().find(parts[1] + "/" + parts[2]) ||
                  source.find('.') != std::string::npos);
    } else if (parts[0] == "kennisbank") {
      auto r = catalog::CatalogStore(db).find_by_slug(parts[1]);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, "published");
      EXPECT_EQ(r->visibility, "public");
      if (parts.size() > 2) {
        ASSERT_EQ(parts.size(), 5u);
        EXPECT_EQ(parts[2], "bijlagen");
        const auto owner = db.run([&](soci::session& sql) {
          std::int64_t id = 0;
          sql << "SELECT resource_id FROM resource_attachments WHERE id = :id",
              soci::use(std::stoll(parts[3])), soci::into(id);
          return id;
        });
        EXPECT_EQ(owner, r->id);
        kinds.insert("attachment");
      } else {
        kinds.insert("resource");
      }
    } else if (parts[0] == "vorming") {
      ASSERT_EQ(parts.size(), 2u);
      auto s = db.run([&](soci::session& sql) {
        return trainings::TrainingStore::find_series_by_slug(sql, parts[1]);
      });
      ASSERT_TRUE(s);
      EXPECT_EQ(s->visibility, "public");
      EXPECT_TRUE(s->status == "published" || s->status == "cancelled") << s->status;
      kinds.insert("series");
    } else if (parts[0] == "hulp" && parts.size() == 3 && parts[1] == "dichtbij") {
      auto nis = reference::nis_for_place_code(parts[2]);
      ASSERT_TRUE(nis);
      EXPECT_TRUE(reference::is_municipality(db, *nis));
      kinds.insert("place");
    } else if (parts[0] == "hulp" && parts.size() == 2) {
      EXPECT_TRUE(citizens::HelpPageStore(db).find_by_slug(parts[1]));
      kinds.insert("help page");
    } else {
      ADD_FAILURE() << "a file of no known public source";
    }
  }
  const std::set<std::string> all = {"asset",  "attachment", "resource",
                                     "series", "place",      "help page"};
  EXPECT_EQ(kinds, all);
  // And nothing else was written: one file per source.
  EXPECT_EQ(files().size(), report_->sources.size());
}

TEST_F(StaticExportTest, NoTitleOfANonPublicItemAppearsInAnyFile) {
  std::vector<std::string> titles = hidden_titles;
  // The demo's own non-public items: resources and series not open to all,
  // platform meetings and the needs of the network.
  server_->db().run([&](soci::session& sql) {
    soci::rowset<std::string> rows = (sql.prepare << "SELECT title FROM resources WHERE NOT "
                                                     "(status = 'published' AND visibility = "
                                                     "'public') UNION SELECT title FROM meetings "
                                                     "UNION SELECT title FROM needs "
                                                     "UNION SELECT title FROM training_series "
                                                     "WHERE visibility <> 'public'");
    for (const auto& t : rows) titles.push_back(t);
  });
  EXPECT_GT(titles.size(), hidden_titles.size() + 3);
  for (const auto& file : files()) {
    const std::string text = read_file(root() / file);
    for (const auto& title : titles) {
      // Titles are HTML-escaped in pages: compare both forms.
      std::string escaped;
      for (char c : title) escaped += c == '&' ? std::string("&amp;") : std::string(1, c);
      EXPECT_EQ(text.find(title), std::string::npos) << file << " holds " << title;
      EXPECT_EQ(text.find(escaped), std::string::npos) << file << " holds " << title;
    }
  }
  // The public demo is there: the check above is not vacuous.
  EXPECT_NE(read_file(root() / "kennisbank/index.html").find("Babobox"), std::string::npos);
}

TEST_F(StaticExportTest, SearchIndexFindsKindermishandeling) {
  const std::string script = read_file(root() / "zoeken/zoekindex.js");
  const std::string prefix = "window.SCHAKEL_ZOEKINDEX = ";
  const auto at = script.find(prefix);
  ASSERT_NE(at, std::string::npos);
  const auto index = nlohmann::json::parse(
      script.substr(at + prefix.size(), script.rfind(';') - at - prefix.size()));
  std::set<std::string> found;
  for (const auto& id : index["terms"]["kindermishandeling"])
    found.insert(index["pages"][id.get<std::size_t>()][0].get<std::string>());
  EXPECT_TRUE(found.count("../kennisbank/demo-aalst-schoolprotocol/index.html"));
  EXPECT_TRUE(found.count("../hulp/kindermishandeling/index.html"));
  EXPECT_TRUE(found.count("../vorming/kindermishandeling-herkennen-demo/index.html"));
  // Every page of the index is a file of the archive, and every HTML page but
  // the per-place ones and the archive's own is in the index.
  std::size_t html_pages = 0;
  for (const auto& page : index["pages"]) {
    const auto url = page[0].get<std::string>();
    EXPECT_TRUE(fs::is_regular_file(root() / "zoeken" / url)) << url;
    EXPECT_FALSE(page[1].get<std::string>().empty()) << url;
  }
  for (const auto& source : report_->sources)
    if (source.rfind("/static/", 0) != 0 && source.rfind("/hulp/dichtbij/", 0) != 0 &&
        source.find('.') == std::string::npos && source != static_search_path &&
        source != static_elsewhere_path)
      ++html_pages;
  EXPECT_EQ(index["pages"].size(), report_->index_pages);
  EXPECT_EQ(index["pages"].size(), html_pages);
  EXPECT_EQ(script.size(), report_->index_bytes);
  EXPECT_LT(report_->index_bytes, 100u * 1024);  // small: a visitor loads it at once
  EXPECT_EQ(index["terms"].size(), report_->index_terms);
  // Nothing non-public in the index either.
  EXPECT_FALSE(index["terms"].contains("draaiboek"));
}

TEST_F(StaticExportTest, ReportCountsAgreeWithTheFilesAndProgressEnds) {
  std::size_t html = 0, assets = 0, other = 0;
  for (const auto& f : files()) {
    if (f.size() > 5 && f.substr(f.size() - 5) == ".html")
      ++html;
    else if (f.rfind("static/", 0) == 0 || f.rfind("zoeken/", 0) == 0)
      ++assets;
    else
      ++other;
  }
  EXPECT_EQ(report_->pages, html);
  EXPECT_EQ(report_->assets, assets);
  EXPECT_EQ(report_->files, other);
  EXPECT_EQ(report_->files, 2u);                  // the demo's two public attachments
  EXPECT_FALSE(fs::exists(root() / "oud.html"));  // the refresh replaced the folder
  EXPECT_TRUE(fs::exists(root() / static_marker_file));
  EXPECT_FALSE(fs::exists(dir_->path() / "archief.nieuw"));
  EXPECT_GT(progress_.second, 300);
  EXPECT_EQ(progress_.first, progress_.second);
}

TEST_F(StaticExportTest, WritesNothingInTheDatabase) {
  EXPECT_EQ(tracked_rows(), *rows_before_);
  EXPECT_GT(rows_before_->front(), 0);  // the demo and the hidden items are in the feed
}

TEST_F(StaticExportTest, RefusesAFolderThatIsNotAnArchiveAndChangesNothing) {
  const fs::path foreign = dir_->path() / "vreemd";
  fs::create_directories(foreign);
  std::ofstream(foreign / "brief.txt") << "van iemand anders";
  auto refused = export_static(server_->app(), foreign);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().failure, Failure::invalid);
  EXPECT_EQ(refused.error().fields.front().field, "to");
  EXPECT_NE(refused.error().fields.front().message.find("Kies een lege map"), std::string::npos);
  EXPECT_EQ(read_file(foreign / "brief.txt"), "van iemand anders");
  EXPECT_EQ(std::distance(fs::directory_iterator(foreign), fs::directory_iterator()), 1);

  const fs::path a_file = dir_->path() / "bestand";
  std::ofstream(a_file) << "x";
  EXPECT_FALSE(export_static(server_->app(), a_file));
  EXPECT_EQ(read_file(a_file), "x");
  EXPECT_FALSE(export_static(server_->app(), ""));
}

}  // namespace
}  // namespace schakel::archive

namespace schakel::archive {
namespace {

// The archive is the app's pages, whatever the database: the demo on PostgreSQL
// gives the same files as on SQLite.
TEST(StaticExportBackends, PostgresqlGivesTheSameArchiveAsSqlite) {
  SCHAKEL_REQUIRE_BACKEND(store::Backend::postgresql);
  TempDir dir;
  std::map<std::string, std::string> contents[2];
  int i = 0;
  for (auto backend : {store::Backend::sqlite, store::Backend::postgresql}) {
    auto server = testing::demo_server(backend);
    const auto target = dir.path() / std::to_string(i);
    auto report = export_static(server->app(), target);
    ASSERT_TRUE(report);
    for (const auto& e : fs::recursive_directory_iterator(target))
      if (e.is_regular_file())
        contents[i][fs::relative(e.path(), target).generic_string()] = read_file(e.path());
    ++i;
  }
  ASSERT_GT(contents[0].size(), 300u);
  std::vector<std::string> names[2];
  for (int b = 0; b < 2; ++b)
    for (const auto& [name, bytes] : contents[b]) names[b].push_back(name);
  ASSERT_EQ(names[0], names[1]);
  for (const auto& [name, bytes] : contents[0]) EXPECT_EQ(bytes, contents[1][name]) << name;
}

}  // namespace
}  // namespace schakel::archive
