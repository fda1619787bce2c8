#include "web/router.hpp"

#include <gtest/gtest.h>

namespace schakel::web {
namespace {

Handler named(std::string name) {
  return [name](Request&) { return Response::text(name); };
}

std::string call(const Router& router, const std::string& method, const std::string& path) {
  auto found = router.find(method, path);
  auto* match = std::get_if<RouteMatch>(&found);
  if (!match) return "";
  Request req;
  req.params = match->params;
  return match->route->handler(req).body;
}

TEST(Router, MatchesLiteralPaths) {
  Router r;
  r.get("/", named("home"));
  r.get("/netwerk", named("network"));
  EXPECT_EQ(call(r, "GET", "/"), "home");
  EXPECT_EQ(call(r, "GET", "/netwerk"), "network");
}

TEST(Router, ExtractsPathParameters) {
  Router r;
  r.get("/kennisbank/{slug}/versies/{version}", named("revision"));
  auto found = r.find("GET", "/kennisbank/barst/versies/3");
  auto* match = std::get_if<RouteMatch>(&found);
  ASSERT_NE(match, nullptr);
  EXPECT_EQ(match->params.at("slug"), "barst");
  EXPECT_EQ(match->params.at("version"), "3");
}

TEST(Router, LiteralSegmentWinsOverParameter) {
  Router r;
  r.get("/kennisbank/{slug}", named("resource"));
  r.get("/kennisbank/nieuw", named("new"));
  EXPECT_EQ(call(r, "GET", "/kennisbank/nieuw"), "new");
  EXPECT_EQ(call(r, "GET", "/kennisbank/babobox"), "resource");
}

TEST(Router, UnknownPathIsNoRoute) {
  Router r;
  r.get("/netwerk", named("network"));
  EXPECT_TRUE(std::holds_alternative<NoRoute>(r.find("GET", "/bestaat-niet")));
  EXPECT_TRUE(std::holds_alternative<NoRoute>(r.find("GET", "/netwerk/extra")));
}

TEST(Router, EmptyParameterDoesNotMatch) {
  Router r;
  r.get("/kennisbank/{slug}", named("resource"));
  EXPECT_TRUE(std::holds_alternative<NoRoute>(r.find("GET", "/kennisbank/")));
}

TEST(Router, WrongMethodListsAllowedMethodsWithHead) {
  Router r;
  r.get("/aanmelden", named("form"));
  r.post("/aanmelden", named("submit"));
  auto found = r.find("DELETE", "/aanmelden");
  auto* wrong = std::get_if<WrongMethod>(&found);
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->allow, "GET, HEAD, POST");
}

TEST(Router, HeadIsServedByGet) {
  Router r;
  r.get("/", named("home"));
  EXPECT_EQ(call(r, "HEAD", "/"), "home");
}

TEST(Router, RejectsMalformedAndDuplicatePatterns) {
  Router r;
  EXPECT_THROW(r.get("geen-slash", named("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{open", named("x")), std::invalid_argument);
  r.get("/a", named("x"));
  EXPECT_THROW(r.get("/a", named("y")), std::invalid_argument);
}

}  // namespace
}  // namespace schakel::web
