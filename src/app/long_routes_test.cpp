// Handlers that may take long (writes, PDFs, exports, uploads) run off the
// server's event loops (web::BodyPlan::off_loop); reads of pages run on their
// connection's loop. Checked on the app's real routes.
#include <gtest/gtest.h>

#include <string>

#include "app/app.hpp"
#include "test_support.hpp"

namespace schakel {
namespace {

using schakel::testing::http_get;
using schakel::testing::TestServer;

web::BodyPlan plan_of(App& app, const std::string& method, const std::string& path) {
  web::Request head;
  head.method = method;
  head.path = path;
  head.target = path;
  return app.body_plan(head);
}

TEST(LongRoutes, WritesPdfsExportsAndUploadsRunOffTheLoop) {
  TestServer server;
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/doelen/3/rapport.pdf"},
           {"GET", "/campagnes/postkaarten/thuis/44021/kaart.pdf"},
           {"GET", "/campagnes/postkaarten/thuis/44021/vel.pdf"},
           {"GET", "/campagnes/rondes/2/totalen.xlsx"},
           {"GET", "/signalen/overzicht.xlsx"},
           {"GET", "/acties/export.csv"},
           {"GET", "/netwerk/hulpaanbod/hsds.csv"},
           {"GET", "/netwerk/hulpaanbod/hsds.json"},
           {"GET", "/beheer/audit.csv"},
           {"POST", "/beheer/backups"},
           {"POST", "/aanmelden"},
           {"POST", "/vorming/een-reeks/inschrijven"},
           {"GET", "/vorming/attest"},
           {"GET", "/vorming/een-reeks/attest"},
           {"GET", "/vorming/een-reeks/evaluatie.xlsx"},
           {"GET", "/vorming/impact.csv"},
           {"POST", "/acties/import"},
           {"POST", "/netwerk/hulpaanbod/importeren"}})
    EXPECT_TRUE(plan_of(server.app(), method, path).off_loop) << method << " " << path;
}

TEST(LongRoutes, PagesAndFormsAreReadOnTheirLoop) {
  TestServer server;
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/"},
                                                        {"GET", "/kennisbank"},
                                                        {"HEAD", "/kennisbank"},
                                                        {"GET", "/vorming"},
                                                        {"GET", "/vorming/mijn"},
                                                        {"GET", "/beheer/backups"},
                                                        {"GET", "/acties/import"},
                                                        {"GET", "/aanmelden"},
                                                        {"GET", "/bestaat-niet"}})
    EXPECT_FALSE(plan_of(server.app(), method, path).off_loop) << method << " " << path;
}

TEST(LongRoutes, AnOffLoopRouteStillAnswersThroughTheWholePipeline) {
  // Anonymous: the access check runs off the loop too and sends the visitor to
  // sign in, with the security headers of every answer.
  TestServer server;
  const auto reply = http_get(server.port(), "/doelen/3/rapport.pdf");
  EXPECT_EQ(reply.status, 303);
  EXPECT_NE(reply.header("Location").find("/aanmelden"), std::string::npos);
  EXPECT_FALSE(reply.header("Content-Security-Policy").empty());
}

}  // namespace
}  // namespace schakel
