// Session materials on SQLite and PostgreSQL: the organiser uploads and
// removes; bad uploads leave nothing behind; participants with a place
// download (signed in by account or address, or a guest with the manage link);
// everyone else gets 404; the bytes are shared with the kennisbank's blobs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/attachments.hpp"
#include "catalog/store.hpp"
#include "core/signed_token.hpp"
#include "files/blobs.hpp"
#include "files/names.hpp"
#include "files/sample_files.hpp"
#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "trainings/attendance_test_fixture.hpp"
#include "trainings/materials_service.hpp"
#include "trainings/routes.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::HttpReply;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

TEST(MaterialAccess, OnlyAPlaceForTheSessionOrTheWholeSeriesCounts) {
  Session session;
  session.id = 7;
  session.series_id = 3;
  Registration r;
  r.unit = Unit{3, std::nullopt};
  r.state = "registered";
  EXPECT_TRUE(gives_access(r, session));
  r.unit.session_id = 7;
  EXPECT_TRUE(gives_access(r, session));
  r.unit.session_id = 8;
  EXPECT_FALSE(gives_access(r, session));
  r.unit = Unit{4, std::nullopt};
  EXPECT_FALSE(gives_access(r, session));
  r.unit = Unit{3, std::nullopt};
  for (const char* state : {"waitlisted", "offered", "cancelled", "expired"}) {
    r.state = state;
    EXPECT_FALSE(gives_access(r, session)) << state;
  }
}

const std::string boundary = "----materiaalgrens";

// A multipart body with `_csrf`, `title` and (when `with_file`) a file part.
std::string upload_body(const std::string& csrf, const std::string& title, bool with_file,
                        const std::string& file_name = {}, const std::string& data = {}) {
  std::string body;
  auto part = [&](const std::string& disposition, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n";
    body += (with_file && disposition.find("filename") != std::string::npos
                 ? "Content-Type: application/pdf\r\n"
                 : "");
    body += "\r\n" + value + "\r\n";
  };
  part("name=\"_csrf\"", csrf);
  part("name=\"title\"", title);
  if (with_file) part("name=\"file\"; filename=\"" + file_name + "\"", data);
  return body + "--" + boundary + "--\r\n";
}

template <class B>
class Materials : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    Config config;
    config.allow_demo_accounts = true;
    config.limits.attachment_bytes = 4096;
    server = std::make_unique<TestServer>(B::backend, config, true);
    // The demo professional is Bert, who holds a place for the whole series.
    f = make_attendance_fixture(
        server->db(), server->clock().now(),
        schakel::testing::user_id(server->db(), "professional@demo.schakel.be"));
    organiser = session_cookie(*server, "spoc.gent@demo.schakel.be", &organiser_csrf);
  }
  std::string page_path(std::int64_t session, const std::string& slug = "aanwezig") const {
    return "/vorming/" + slug + "/sessies/" + std::to_string(session) + "/materiaal";
  }
  HttpReply upload(std::int64_t session, const std::string& name, const std::string& data,
                   const std::string& cookie = {}, const std::string& csrf = {},
                   const std::string& slug = "aanwezig") {
    return http_post(server->port(), page_path(session, slug),
                     upload_body(csrf.empty() ? organiser_csrf : csrf, "", true, name, data),
                     "multipart/form-data; boundary=" + boundary,
                     (cookie.empty() ? organiser : cookie) +
                         "X-CSRF-Token: " + (csrf.empty() ? organiser_csrf : csrf) + "\r\n");
  }
  std::vector<Material> materials(std::int64_t session) {
    return server->db().run(
        [&](soci::session& sql) { return MaterialStore::of_session(sql, session); });
  }
  // Rows in the tables an upload writes to: "blobs/materials".
  std::string counts() {
    return server->db().run([&](soci::session& sql) {
      long long blobs = 0, rows = 0;
      sql << "SELECT COUNT(*) FROM blobs", soci::into(blobs);
      sql << "SELECT COUNT(*) FROM training_materials", soci::into(rows);
      return std::to_string(blobs) + "/" + std::to_string(rows);
    });
  }
  // A signed-in session of a new account with `email`.
  std::string account(const std::string& email) {
    server->db().transact([&](soci::session& sql) {
      long long at = server->clock().now();
      sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
             "(:e, 'Test', 'x', 'professional', :at)",
          soci::use(email), soci::use(at);
    });
    return session_cookie(*server, email);
  }
  std::string manage_token(std::int64_t registration) {
    return sign_token(store::signing_key(server->db()), "manage", std::to_string(registration),
                      server->clock().now() + 86400);
  }
  // The material of `session` uploaded by the organiser, checked to be stored.
  Material uploaded(std::int64_t session, const std::string& name = "slides.pdf",
                    const std::string& slug = "aanwezig") {
    auto reply = upload(session, name, files::samples::pdf() + name, {}, {}, slug);
    EXPECT_EQ(reply.status, 303) << reply.body;
    auto list = materials(session);
    EXPECT_FALSE(list.empty());
    return list.empty() ? Material{} : list.back();
  }
  std::unique_ptr<TestServer> server;
  AttendanceFixture f;
  std::string organiser, organiser_csrf;
};
TYPED_TEST_SUITE(Materials, Backends, BackendNames);

TYPED_TEST(Materials, OrganiserUploadsAndAParticipantDownloadsWithSafeHeaders) {
  auto& s = *this->server;
  const std::string pdf = files::samples::pdf();
  auto reply = this->upload(this->f.first, "Slides één.pdf", pdf);
  ASSERT_EQ(reply.status, 303) << reply.body;
  EXPECT_EQ(reply.header("Location"), this->page_path(this->f.first));
  auto list = this->materials(this->f.first);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].file_name, "Slides één.pdf");
  EXPECT_EQ(list[0].content_type, "application/pdf");
  EXPECT_EQ(list[0].size, static_cast<std::int64_t>(pdf.size()));

  // The organiser's page lists it with a remove button.
  auto page = http_get(s.port(), this->page_path(this->f.first), this->organiser);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Slides één.pdf"), std::string::npos);
  EXPECT_NE(page.body.find("PDF-document"), std::string::npos);
  EXPECT_NE(page.body.find("/" + std::to_string(list[0].id) + "/verwijderen"), std::string::npos);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  // The session form links to it.
  auto form =
      http_get(s.port(), "/vorming/aanwezig/sessies/" + std::to_string(this->f.first) + "/bewerken",
               this->organiser);
  EXPECT_NE(form.body.find("href=\"materiaal\""), std::string::npos);

  const std::string path = material_path("aanwezig", list[0]);
  auto download = http_get(s.port(), path, session_cookie(s, "professional@demo.schakel.be"));
  ASSERT_EQ(download.status, 200);
  // The kennisbank's download headers (files::file_download).
  EXPECT_EQ(download.body, pdf);
  EXPECT_EQ(download.header("ETag"), "\"" + list[0].sha256 + "\"");
  EXPECT_EQ(download.header("Content-Disposition"), files::content_disposition(list[0].file_name));
  EXPECT_EQ(download.header("Content-Type") + " " + download.header("X-Content-Type-Options"),
            "application/pdf nosniff");
  // The organiser and the coordinator download it too.
  EXPECT_EQ(http_get(s.port(), path, this->organiser).status, 200);
  EXPECT_EQ(http_get(s.port(), path, session_cookie(s, "coordinator@demo.schakel.be")).status, 200);
}

TYPED_TEST(Materials, OnlyTheOrganiserAddsFiles) {
  auto& s = *this->server;
  const std::string before = this->counts();
  for (const char* email : {"spoc.aalst@demo.schakel.be", "professional@demo.schakel.be"}) {
    std::string csrf;
    const std::string cookie = session_cookie(s, email, &csrf);
    EXPECT_EQ(this->upload(this->f.first, "x.pdf", files::samples::pdf(), cookie, csrf).status, 403)
        << email;
    EXPECT_EQ(http_get(s.port(), this->page_path(this->f.first), cookie).status, 403) << email;
  }
  // Without an account: sign in first.
  EXPECT_EQ(http_get(s.port(), this->page_path(this->f.first)).status, 303);
  EXPECT_EQ(this->counts(), before);
  // A session of another series, or none, under this series' path: 404.
  EXPECT_EQ(this->upload(this->f.other_first, "x.pdf", files::samples::pdf()).status, 404);
  EXPECT_EQ(http_get(s.port(), "/vorming/aanwezig/sessies/abc/materiaal", this->organiser).status,
            404);
  EXPECT_EQ(this->counts(), before);
}

TYPED_TEST(Materials, BadUploadsGetADutchMessageAndStoreNothing) {
  auto& s = *this->server;
  const std::string before = this->counts();
  auto refused = [&](const std::string& name, const std::string& data, const char* message) {
    auto reply = this->upload(this->f.first, name, data);
    EXPECT_EQ(reply.status, 422) << name;
    EXPECT_NE(reply.body.find(message), std::string::npos) << name;
    EXPECT_NE(reply.body.find("aria-invalid=\"true\""), std::string::npos) << name;
  };
  refused("groot.pdf", files::samples::pdf() + std::string(5000, ' '), "te groot");
  refused("programma.pdf", "MZ\x90" + std::string(200, 'x'), "Dit soort bestand");
  refused("pagina.pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>",
          "Dit soort bestand");
  refused("leeg.pdf", "", "leeg");
  refused("", "", "Kies een bestand");
  // No file part at all.
  auto none = http_post(s.port(), this->page_path(this->f.first),
                        upload_body(this->organiser_csrf, "Slides", false),
                        "multipart/form-data; boundary=" + boundary,
                        this->organiser + "X-CSRF-Token: " + this->organiser_csrf + "\r\n");
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("Kies een bestand"), std::string::npos);
  // A title that is too long.
  auto titled = http_post(s.port(), this->page_path(this->f.first),
                          upload_body(this->organiser_csrf, std::string(201, 't'), true, "a.pdf",
                                      files::samples::pdf()),
                          "multipart/form-data; boundary=" + boundary,
                          this->organiser + "X-CSRF-Token: " + this->organiser_csrf + "\r\n");
  EXPECT_EQ(titled.status, 422);
  EXPECT_NE(titled.body.find("hoogstens 200 tekens"), std::string::npos);
  EXPECT_EQ(this->counts(), before);
}

TYPED_TEST(Materials, OddFileNamesAreStoredAndServedSafely) {
  auto& s = *this->server;
  const std::string names[] = {"../../etc/passwd.pdf", "a/b\\\\c.pdf", "ßpaß 😀.pdf",
                               std::string(300, 'n') + ".pdf", "gnp\xE2\x80\xAE.exe"};
  for (const auto& name : names) this->uploaded(this->f.first, name);
  auto list = this->materials(this->f.first);
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0].file_name, "passwd.pdf");
  EXPECT_EQ(list[2].file_name, "ßpaß 😀.pdf");
  EXPECT_EQ(list[4].file_name, "gnp.pdf");
  for (const auto& m : list) {
    EXPECT_EQ(m.file_name.find_first_of("/\\"), std::string::npos) << m.file_name;
    EXPECT_LE(m.file_name.size(), 100u);
    auto download = http_get(s.port(), material_path("aanwezig", m), this->organiser);
    EXPECT_EQ(download.status, 200) << m.file_name;
    EXPECT_EQ(download.header("Content-Disposition"), files::content_disposition(m.file_name));
  }
}

TYPED_TEST(Materials, NobodyWithoutAPlaceSeesThem) {
  auto& s = *this->server;
  const Material m = this->uploaded(this->f.first);
  const std::string path = material_path("aanwezig", m);
  EXPECT_EQ(http_get(s.port(), path).status, 404);  // anonymous
  EXPECT_EQ(http_get(s.port(), path, session_cookie(s, "spoc.aalst@demo.schakel.be")).status, 404);
  EXPECT_EQ(http_get(s.port(), path, this->account("eva@voorbeeld.be")).status, 404);   // waitlist
  EXPECT_EQ(http_get(s.port(), path, this->account("dirk@voorbeeld.be")).status, 404);  // cancelled
  // A place, matched by address: Ann has no account yet.
  EXPECT_EQ(http_get(s.port(), path, this->account("ann@voorbeeld.be")).status, 200);
  // Another series' path, or an unknown id, does not lead to it either.
  EXPECT_EQ(http_get(s.port(), "/vorming/losse-sessies/materiaal/" + std::to_string(m.id) + "/x",
                     this->organiser)
                .status,
            404);
  EXPECT_EQ(http_get(s.port(), "/vorming/aanwezig/materiaal/999999/x", this->organiser).status,
            404);
}

TYPED_TEST(Materials, AGuestDownloadsWithTheManageLinkOfAPlace) {
  auto& s = *this->server;
  const Material m = this->uploaded(this->f.second);
  const std::string path = material_path("aanwezig", m);
  EXPECT_EQ(http_get(s.port(), path + "?token=" + this->manage_token(this->f.ann)).status, 200);
  EXPECT_EQ(
      http_get(s.port(), path + "?token=" + this->manage_token(this->f.eva_waitlisted)).status,
      404);
  std::string tampered = this->manage_token(this->f.ann);
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  EXPECT_EQ(http_get(s.port(), path + "?token=" + tampered).status, 404);
  // A token of another purpose does not open it.
  const std::string other = sign_token(store::signing_key(s.db()), "certificate",
                                       std::to_string(this->f.ann), s.clock().now() + 86400);
  EXPECT_EQ(http_get(s.port(), path + "?token=" + other).status, 404);

  // Registration per session: Fay's place is for the first session only.
  const Material first = this->uploaded(this->f.other_first, "a.pdf", "losse-sessies");
  const Material second = this->uploaded(this->f.other_second, "b.pdf", "losse-sessies");
  const std::string fay = "?token=" + this->manage_token(this->f.fay);
  EXPECT_EQ(http_get(s.port(), material_path("losse-sessies", first) + fay).status, 200);
  EXPECT_EQ(http_get(s.port(), material_path("losse-sessies", second) + fay).status, 404);

  // The guest's manage page gets exactly those links.
  auto items = materials_of_registration_model(s.app(), this->f.fay, "t.k");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["url"], material_path("losse-sessies", first) + "?token=t.k");
  EXPECT_TRUE(materials_of_registration_model(s.app(), this->f.eva_waitlisted, "t").empty());

  // An expired link opens nothing (last: the organiser's session expires too).
  const std::string old = this->manage_token(this->f.ann);
  s.clock().advance(2 * 86400);
  EXPECT_EQ(http_get(s.port(), path + "?token=" + old).status, 404);
}

TYPED_TEST(Materials, TheSeriesPageModelListsThemOnlyForThoseWithAccess) {
  auto& s = *this->server;
  this->uploaded(this->f.first, "een.pdf");
  this->uploaded(this->f.first, "twee.pdf");
  auto series = s.db().run(
      [&](soci::session& sql) { return TrainingStore::find_series(sql, this->f.series); });
  ASSERT_TRUE(series);
  auto user = [&](const std::string& email) {
    web::Principal p;
    p.id = schakel::testing::user_id(s.db(), email);
    p.email = email;
    p.role = email.rfind("spoc", 0) == 0 ? Role::spoc : Role::professional;
    if (email == "spoc.gent@demo.schakel.be") p.spoc_of = {"44021"};
    return std::optional<web::Principal>(p);
  };
  auto bert = materials_of_session_model(s.app(), *series, this->f.first,
                                         user("professional@demo.schakel.be"));
  ASSERT_EQ(bert.size(), 2u);
  EXPECT_EQ(bert[0]["file_name"], "een.pdf");
  EXPECT_EQ(bert[1]["type"], "PDF-document");
  EXPECT_EQ(
      materials_of_session_model(s.app(), *series, this->f.first, user("spoc.gent@demo.schakel.be"))
          .size(),
      2u);
  EXPECT_TRUE(materials_of_session_model(s.app(), *series, this->f.first, std::nullopt).empty());
  EXPECT_TRUE(materials_of_session_model(s.app(), *series, this->f.first,
                                         user("spoc.aalst@demo.schakel.be"))
                  .empty());
  EXPECT_TRUE(materials_of_session_model(s.app(), *series, this->f.other_first,
                                         user("spoc.gent@demo.schakel.be"))
                  .empty());
}

TYPED_TEST(Materials, RemovalDeletesTheFileAndItsBytes) {
  auto& s = *this->server;
  const std::string before = this->counts();
  const Material m = this->uploaded(this->f.first);
  const std::string remove =
      this->page_path(this->f.first) + "/" + std::to_string(m.id) + "/verwijderen";
  // Not by someone else, nor under another session's path.
  std::string csrf;
  const std::string aalst = session_cookie(s, "spoc.aalst@demo.schakel.be", &csrf);
  EXPECT_EQ(http_post(s.port(), remove, "_csrf=" + csrf, "application/x-www-form-urlencoded", aalst)
                .status,
            403);
  EXPECT_EQ(http_post(s.port(),
                      this->page_path(this->f.second) + "/" + std::to_string(m.id) + "/verwijderen",
                      "_csrf=" + this->organiser_csrf, "application/x-www-form-urlencoded",
                      this->organiser)
                .status,
            404);
  ASSERT_EQ(this->materials(this->f.first).size(), 1u);

  auto reply = http_post(s.port(), remove, "_csrf=" + this->organiser_csrf,
                         "application/x-www-form-urlencoded", this->organiser);
  EXPECT_EQ(reply.status, 303);
  EXPECT_TRUE(this->materials(this->f.first).empty());
  EXPECT_EQ(this->counts(), before);
  EXPECT_EQ(http_get(s.port(), material_path("aanwezig", m), this->organiser).status, 404);
  // Once more: it is gone.
  EXPECT_EQ(http_post(s.port(), remove, "_csrf=" + this->organiser_csrf,
                      "application/x-www-form-urlencoded", this->organiser)
                .status,
            404);
}

// The bytes are shared with kennisbank attachments: removing one side keeps
// them for the other.
template <class B>
class MaterialBlobs : public schakel::testing::BackendTest<B> {};
TYPED_TEST_SUITE(MaterialBlobs, Backends, BackendNames);

TYPED_TEST(MaterialBlobs, SharedBytesStayUntilTheLastReferenceGoes) {
  const std::string pdf = files::samples::pdf();
  const files::SniffedType type = *files::sniff(pdf);
  const AttendanceFixture f = make_attendance_fixture(this->db(), 1'780'000'000);
  std::int64_t material = 0, attachment = 0;
  auto blobs = [&] {
    return this->db().run([&](soci::session& sql) { return files::BlobStore::count(sql); });
  };
  this->db().transact([&](soci::session& sql) {
    catalog::Resource r;
    r.slug = "gedeelde-bytes";
    r.kind = "document";
    r.title = "Gedeelde bytes";
    r.summary = "Test";
    r.owner_nis_code = "44021";
    r.scope = "local";
    const std::int64_t resource = catalog::CatalogStore::insert(sql, r, 1);
    material = MaterialStore::add(sql, f.first, pdf, type, "a.pdf", "", 1);
    attachment = catalog::AttachmentStore::add(sql, resource, pdf, type, "a.pdf", "", {}, 1);
  });
  EXPECT_EQ(blobs(), 1);
  this->db().transact(
      [&](soci::session& sql) { catalog::AttachmentStore::remove(sql, attachment); });
  EXPECT_EQ(blobs(), 1);
  auto data = this->db().run([&](soci::session& sql) {
    return files::BlobStore::data(sql, MaterialStore::find(sql, material)->sha256);
  });
  ASSERT_TRUE(data);
  EXPECT_EQ(*data, pdf);
  this->db().transact([&](soci::session& sql) { MaterialStore::remove(sql, material); });
  EXPECT_EQ(blobs(), 0);
}

}  // namespace
}  // namespace schakel::trainings
