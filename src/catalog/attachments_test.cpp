#include "catalog/attachments.hpp"

#include <gtest/gtest.h>

#include "catalog/podcast.hpp"
#include "catalog/service.hpp"
#include "files/sample_files.hpp"
#include "store/binary.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::HttpReply;
using schakel::testing::TestServer;

// --- Store, on both databases ---------------------------------------------------

template <class B>
class AttachmentStoreTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().transact([&](soci::session& sql) {
      for (const char* slug : {"een", "twee"}) {
        Resource r;
        r.slug = slug;
        r.kind = "document";
        r.title = slug;
        r.summary = "Samenvatting";
        ids_.push_back(CatalogStore::insert(sql, r, 100));
      }
    });
  }
  std::vector<std::int64_t> ids_;
};
TYPED_TEST_SUITE(AttachmentStoreTest, Backends, BackendNames);

TYPED_TEST(AttachmentStoreTest, StoresTheSameBytesOnce) {
  const std::string pdf = files::samples::pdf();
  const files::SniffedType type = *files::sniff(pdf);
  this->db().transact([&](soci::session& sql) {
    AttachmentStore::add(sql, this->ids_[0], pdf, type, "a.pdf", "", std::nullopt, 200);
    AttachmentStore::add(sql, this->ids_[0], pdf, type, "b.pdf", "Tweede", std::nullopt, 201);
    AttachmentStore::add(sql, this->ids_[1], pdf, type, "c.pdf", "", std::nullopt, 202);
  });
  this->db().run([&](soci::session& sql) {
    EXPECT_EQ(files::BlobStore::count(sql), 1);
    auto list = AttachmentStore::of_resource(sql, this->ids_[0]);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].file_name, "a.pdf");
    EXPECT_EQ(list[1].file_name, "b.pdf");
    EXPECT_EQ(list[1].title, "Tweede");
    EXPECT_EQ(list[0].position, 0);
    EXPECT_EQ(list[1].position, 1);
    EXPECT_EQ(list[0].sha256, list[1].sha256);
    EXPECT_EQ(list[0].size, static_cast<std::int64_t>(pdf.size()));
    EXPECT_EQ(list[0].content_type, "application/pdf");
    EXPECT_EQ(files::BlobStore::data(sql, list[0].sha256), pdf);
  });
}

TYPED_TEST(AttachmentStoreTest, KeepsEveryByteValue) {
  std::string bytes = files::samples::png();
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(3, '\0');
  const files::SniffedType type = *files::sniff(bytes);
  std::string sha;
  this->db().transact([&](soci::session& sql) {
    auto id = AttachmentStore::add(sql, this->ids_[0], bytes, type, "x.png", "", std::nullopt, 1);
    sha = AttachmentStore::find(sql, id)->sha256;
  });
  this->db().run([&](soci::session& sql) { EXPECT_EQ(files::BlobStore::data(sql, sha), bytes); });
}

TYPED_TEST(AttachmentStoreTest, RemovesBytesWhenNothingRefersToThem) {
  const std::string pdf = files::samples::pdf();
  const files::SniffedType type = *files::sniff(pdf);
  std::int64_t first = 0, second = 0;
  this->db().transact([&](soci::session& sql) {
    first = AttachmentStore::add(sql, this->ids_[0], pdf, type, "a.pdf", "", std::nullopt, 1);
    second = AttachmentStore::add(sql, this->ids_[1], pdf, type, "b.pdf", "", std::nullopt, 1);
  });
  this->db().transact([&](soci::session& sql) {
    EXPECT_TRUE(AttachmentStore::remove(sql, first));
    EXPECT_FALSE(AttachmentStore::remove(sql, first));
    EXPECT_EQ(files::BlobStore::count(sql), 1);
    EXPECT_TRUE(AttachmentStore::remove(sql, second));
    EXPECT_EQ(files::BlobStore::count(sql), 0);
  });
}

TYPED_TEST(AttachmentStoreTest, LinksAndPodcastFieldsRoundTrip) {
  this->db().transact([&](soci::session& sql) {
    auto r = *CatalogStore::find(sql, this->ids_[0]);
    r.links = {{"Vlaanderen", "https://www.vlaanderen.be/"}, {"Twee", "http://example.org/x?y=1"}};
    r.duration = "1:02:03";
    r.guests_care = "Een hulpverlener";
    r.audio_url = "https://example.org/a.mp3";
    CatalogStore::update(sql, r, 300);
  });
  auto r =
      this->db().run([&](soci::session& sql) { return *CatalogStore::find(sql, this->ids_[0]); });
  ASSERT_EQ(r.links.size(), 2u);
  EXPECT_EQ(r.links[1].url, "http://example.org/x?y=1");
  EXPECT_EQ(r.duration, "1:02:03");
  EXPECT_EQ(r.guests_care, "Een hulpverlener");
  EXPECT_EQ(r.audio_url, "https://example.org/a.mp3");
}

TEST(Validation, AcceptsDurationsAndWebAddresses) {
  for (const char* ok : {"42:05", "00:59", "1:02:30", "12:00:00", "5:09"})
    EXPECT_TRUE(valid_duration(ok)) << ok;
  for (const char* bad : {"", "42", "4:5", "42:60", "1:60:00", "a:bc", "1:2:3:4", ":30", "12:3x"})
    EXPECT_FALSE(valid_duration(bad)) << bad;
  for (const char* ok : {"https://www.vlaanderen.be", "http://example.org/a?b=c#d", "HTTPS://X.BE"})
    EXPECT_TRUE(valid_web_url(ok)) << ok;
  for (const char* bad : {"javascript:alert(1)", "ftp://x.be", "https://", "https:// x.be",
                          "//x.be", "https://user@x.be/", "data:text/html,x", "x.be"})
    EXPECT_FALSE(valid_web_url(bad)) << bad;
}

// --- Over HTTP --------------------------------------------------------------------

const std::string boundary = "----schakeltestgrens";

std::string multipart(const std::string& csrf, const std::string& file_name,
                      const std::string& data, const std::string& declared = "application/pdf") {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf +
         "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\r\n--" +
         boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
         "\"\r\nContent-Type: " + declared + "\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
}

class AttachmentRoutes : public ::testing::Test {
 protected:
  AttachmentRoutes() : server_(store::Backend::sqlite, config(), true) {
    spoc_ = server_.app().sessions().create(
        schakel::testing::user_id(server_.db(), "spoc.gent@demo.schakel.be"), "test");
    // A resource only professionals may see.
    server_.db().transact([&](soci::session& sql) {
      Resource r;
      r.slug = "alleen-professionals";
      r.kind = "document";
      r.title = "Alleen voor professionals";
      r.summary = "Intern";
      r.owner_nis_code = "44021";
      r.scope = "local";
      r.visibility = "professionals";
      r.status = "published";
      r.published_at = 1;
      CatalogStore::insert(sql, r, 1);
    });
  }
  static Config config() {
    Config c;
    c.allow_demo_accounts = true;
    c.limits.attachment_bytes = 4096;
    return c;
  }
  std::string cookie() const { return "Cookie: __Host-schakel=" + spoc_->token + "\r\n"; }
  HttpReply upload(const std::string& slug, const std::string& name, const std::string& data) {
    return http_post(server_.port(), "/kennisbank/" + slug + "/bijlagen",
                     multipart(spoc_->csrf_token, name, data),
                     "multipart/form-data; boundary=" + boundary,
                     cookie() + "X-CSRF-Token: " + spoc_->csrf_token + "\r\n");
  }
  std::vector<Attachment> attachments(const std::string& slug) {
    return server_.db().run([&](soci::session& sql) {
      long long id = 0;
      sql << "SELECT id FROM resources WHERE slug = :s", soci::use(slug), soci::into(id);
      return AttachmentStore::of_resource(sql, id);
    });
  }
  // Rows in the tables an upload writes to.
  std::string counts() {
    return server_.db().run([&](soci::session& sql) {
      long long blobs = 0, rows = 0, changes = 0;
      sql << "SELECT COUNT(*) FROM blobs", soci::into(blobs);
      sql << "SELECT COUNT(*) FROM resource_attachments", soci::into(rows);
      sql << "SELECT COUNT(*) FROM changes", soci::into(changes);
      return std::to_string(blobs) + "/" + std::to_string(rows) + "/" + std::to_string(changes);
    });
  }
  TestServer server_;
  std::shared_ptr<web::Session> spoc_;
};

TEST_F(AttachmentRoutes, SpocUploadsAPdfAndDownloadsItWithSafeHeaders) {
  const std::string pdf = files::samples::pdf();
  auto reply = upload("demo-gent-buurtaanpak", "Verslag één.pdf", pdf);
  ASSERT_EQ(reply.status, 303) << reply.body;
  auto list = attachments("demo-gent-buurtaanpak");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].file_name, "Verslag één.pdf");

  const std::string path = attachment_path("demo-gent-buurtaanpak", list[0]);
  auto download = http_get(server_.port(), path);  // a public resource: anyone
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, pdf);
  EXPECT_EQ(download.header("Content-Type"), "application/pdf");
  EXPECT_EQ(download.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(download.header("Content-Disposition"),
            "attachment; filename=\"Verslag __n.pdf\"; "
            "filename*=UTF-8''Verslag%20%C3%A9%C3%A9n.pdf");
  EXPECT_EQ(download.header("ETag"), "\"" + list[0].sha256 + "\"");
  auto again = http_get(server_.port(), path, "If-None-Match: \"" + list[0].sha256 + "\"\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  // The resource page lists it with its size and type in Dutch.
  auto page = http_get(server_.port(), "/kennisbank/demo-gent-buurtaanpak");
  EXPECT_NE(page.body.find("PDF-document"), std::string::npos);
  EXPECT_NE(page.body.find(files::size_label_nl(static_cast<std::int64_t>(pdf.size()))),
            std::string::npos);
}

TEST_F(AttachmentRoutes, RefusesBadUploadsWithAMessageAndStoresNothing) {
  const std::string before = counts();
  struct Case {
    std::string name, data, message;
  };
  const Case cases[] = {
      {"groot.pdf", files::samples::pdf() + std::string(5000, ' '), "te groot"},
      {"programma.pdf", "MZ\x90" + std::string(200, 'x'), "Dit soort bestand"},
      {"pagina.png", "<!DOCTYPE html><html><script>alert(1)</script></html>", "Dit soort bestand"},
      {"leeg.pdf", "", "leeg"},
      {"", "", "Kies een bestand"},
  };
  for (const auto& c : cases) {
    auto reply = upload("demo-gent-buurtaanpak", c.name, c.data);
    EXPECT_EQ(reply.status, 422) << c.name;
    EXPECT_NE(reply.body.find(c.message), std::string::npos) << c.name;
  }
  EXPECT_EQ(counts(), before);
}

TEST_F(AttachmentRoutes, OddFileNamesAreStoredAndServedSafely) {
  std::string long_name(300, 'n');
  const std::string names[] = {"../../etc/passwd.pdf", "a/b\\\\c.pdf", "ßpaß 😀.pdf",
                               long_name + ".pdf"};
  for (const auto& name : names) {
    ASSERT_EQ(upload("demo-gent-buurtaanpak", name, files::samples::pdf() + name).status, 303)
        << name;
  }
  auto list = attachments("demo-gent-buurtaanpak");
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].file_name, "passwd.pdf");
  EXPECT_EQ(list[2].file_name, "ßpaß 😀.pdf");
  for (const auto& a : list) {
    EXPECT_EQ(a.file_name.find_first_of("/\\"), std::string::npos) << a.file_name;
    EXPECT_LE(a.file_name.size(), 100u);
    auto download = http_get(server_.port(), attachment_path("demo-gent-buurtaanpak", a));
    EXPECT_EQ(download.status, 200) << a.file_name;
    EXPECT_EQ(download.header("Content-Disposition"), files::content_disposition(a.file_name));
  }
}

TEST_F(AttachmentRoutes, OnlyThoseWhoMayOpenTheResourceDownload) {
  ASSERT_EQ(upload("alleen-professionals", "intern.pdf", files::samples::pdf()).status, 303);
  auto list = attachments("alleen-professionals");
  ASSERT_EQ(list.size(), 1u);
  const std::string path = attachment_path("alleen-professionals", list[0]);
  EXPECT_EQ(http_get(server_.port(), path).status, 404);
  EXPECT_EQ(http_get(server_.port(), path, cookie()).status, 200);
  // Another resource's path does not lead to this file either.
  EXPECT_EQ(http_get(server_.port(),
                     "/kennisbank/barst/bijlagen/" + std::to_string(list[0].id) + "/intern.pdf")
                .status,
            404);
}

TEST_F(AttachmentRoutes, RemovalDeletesTheAttachment) {
  ASSERT_EQ(upload("demo-gent-buurtaanpak", "weg.pdf", files::samples::pdf()).status, 303);
  auto list = attachments("demo-gent-buurtaanpak");
  ASSERT_EQ(list.size(), 1u);
  auto reply = http_post(
      server_.port(),
      "/kennisbank/demo-gent-buurtaanpak/bijlagen/" + std::to_string(list[0].id) + "/verwijderen",
      "_csrf=" + spoc_->csrf_token, "application/x-www-form-urlencoded", cookie());
  EXPECT_EQ(reply.status, 303);
  EXPECT_TRUE(attachments("demo-gent-buurtaanpak").empty());
  EXPECT_EQ(http_get(server_.port(), attachment_path("demo-gent-buurtaanpak", list[0])).status,
            404);
}

TEST_F(AttachmentRoutes, PodcastFeedListsPublicEpisodesWithTheirAudio) {
  const std::string audio = files::samples::mp3(true);
  web::Principal coordinator;
  server_.db().run([&](soci::session& sql) {
    long long id = 0;
    sql << "SELECT id FROM users WHERE email = 'coordinator@demo.schakel.be'", soci::into(id);
    coordinator.id = id;
  });
  // The episode belongs to no municipality: the coordinator edits it.
  auto session = server_.app().sessions().create(coordinator.id, "test");
  ASSERT_EQ(http_post(server_.port(), "/kennisbank/podcast-drie-sporen/bijlagen",
                      multipart(session->csrf_token, "aflevering 1.mp3", audio),
                      "multipart/form-data; boundary=" + boundary,
                      "Cookie: __Host-schakel=" + session->token +
                          "\r\nX-CSRF-Token: " + session->csrf_token + "\r\n")
                .status,
            303);
  auto list = attachments("podcast-drie-sporen");
  ASSERT_EQ(list.size(), 1u);
  // Choose it as the episode's audio through the service.
  coordinator.role = Role::coordinator;
  coordinator.name = "Coördinator";
  auto r = *CatalogStore(server_.db()).find_by_slug("podcast-drie-sporen");
  r.audio_attachment_id = list[0].id;
  r.title = "Podcast: drie sporen & één <aanpak>";
  ASSERT_TRUE(CatalogService(server_.db(), server_.clock()).update(coordinator, r.id, r).ok());

  auto feed = http_get(server_.port(), "/kennisbank/podcast.xml");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.header("Content-Type"), "application/rss+xml; charset=utf-8");
  const std::string& x = feed.body;
  EXPECT_EQ(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  EXPECT_NE(x.find("xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""),
            std::string::npos);
  EXPECT_NE(x.find("<language>nl-be</language>"), std::string::npos);
  EXPECT_NE(x.find("<itunes:explicit>false</itunes:explicit>"), std::string::npos);
  EXPECT_NE(x.find("<title>Podcast: drie sporen &amp; één &lt;aanpak&gt;</title>"),
            std::string::npos);
  EXPECT_NE(x.find("<itunes:duration>"), std::string::npos);
  EXPECT_NE(x.find("<guid isPermaLink=\"false\">"), std::string::npos);
  EXPECT_NE(x.find(" +0000</pubDate>"), std::string::npos);
  EXPECT_EQ(x.find("alleen-professionals"), std::string::npos);
  // Exactly one item: the only public episode with audio.
  EXPECT_EQ(x.find("<item>"), x.rfind("<item>"));
  EXPECT_NE(x.find("</channel>\n</rss>"), std::string::npos);

  // The enclosure is absolute, has the length and type, and serves the audio.
  const std::string marker = "<enclosure url=\"";
  const auto at = x.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string url =
      x.substr(at + marker.size(), x.find('"', at + marker.size()) - at - marker.size());
  EXPECT_EQ(url.rfind(server_.app().base_url(), 0), 0u) << url;
  EXPECT_NE(x.find("length=\"" + std::to_string(audio.size()) + "\" type=\"audio/mpeg\""),
            std::string::npos);
  auto served = http_get(server_.port(), schakel::testing::path_of(url));
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.body, audio);
  EXPECT_EQ(served.header("Content-Type"), "audio/mpeg");
}

TEST(PodcastFeed, EscapesTextAndSkipsEpisodesWithoutAudio) {
  Resource with, without;
  with.id = 1;
  with.slug = "een";
  with.title = "A & B";
  with.summary = "\"x\" <y>\x01";
  with.audio_url = "https://example.org/a.m4a?x=1&y=2";
  with.published_at = 0;
  without.id = 2;
  without.slug = "twee";
  without.title = "Zonder audio";
  const std::string x =
      podcast_feed({"T", "D", "A", "https://schakel.test"},
                   {{with, std::nullopt, std::nullopt}, {without, std::nullopt, std::nullopt}});
  EXPECT_NE(x.find("<title>A &amp; B</title>"), std::string::npos);
  EXPECT_NE(x.find("<description>&quot;x&quot; &lt;y&gt;</description>"), std::string::npos);
  EXPECT_NE(x.find("url=\"https://example.org/a.m4a?x=1&amp;y=2\" length=\"0\" type=\"audio/mp4\""),
            std::string::npos);
  EXPECT_NE(x.find("<pubDate>Thu, 01 Jan 1970 00:00:00 +0000</pubDate>"), std::string::npos);
  EXPECT_EQ(x.find("Zonder audio"), std::string::npos);
}

}  // namespace
}  // namespace schakel::catalog
