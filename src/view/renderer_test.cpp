#include "view/renderer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/embedded.hpp"

namespace schakel::view {
namespace {

const std::string partials_dir = "src/view/templates/partials/";

// The embedded shared partials plus `extra` files.
std::vector<TemplateFile> with_real_partials(std::vector<TemplateFile> extra) {
  for (const auto& f : embedded::all())
    if (std::string(f.path).rfind(partials_dir, 0) == 0)
      extra.push_back({std::string(f.path), std::string(f.data)});
  return extra;
}

std::string construction_error(const std::vector<TemplateFile>& files) {
  try {
    Renderer::from_files(files);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(Renderer, EveryEmbeddedTemplateParsesWithItsPartials) {
  Renderer renderer;
  EXPECT_TRUE(renderer.has("layout"));
  EXPECT_TRUE(renderer.has("accounts/sign_up"));
  EXPECT_FALSE(renderer.has("partials/field")) << "a partial is not a page";
}

TEST(Renderer, PartialRendersInTheCallersContext) {
  auto r = Renderer::from_files({{partials_dir + "greeting.mustache", "Dag {{name}}!"},
                                 {"src/site/templates/page.mustache", "<p>{{> greeting}}</p>"}});
  EXPECT_EQ(r.render("site/page", {{"name", "Ann & Bo"}}), "<p>Dag Ann &amp; Bo!</p>");
}

TEST(Renderer, BlocksFillThePartialAlsoInsideTagsAndDecideItsConditionals) {
  auto r = Renderer::from_files(
      {{partials_dir + "box.mustache",
        "<b id=\"{{$name}}\">{{#errors.{{$name}}}}!{{/errors.{{$name}}}}{{$title}}</b>"
        "{{#$hint}}<i>{{$hint}}</i>{{/$hint}}{{^$hint}}-{{/$hint}}"},
       {"src/site/templates/page.mustache",
        "{{<box}}{{$name}}email{{/name}} {{$title}}Mail {{values.email}}{{/title}}{{/box}}|"
        "{{<box}}{{$name}}city{{/name}}{{$hint}}Waar?{{/hint}}{{/box}}"}});
  nlohmann::json model = {{"errors", {{"email", "Fout"}}}, {"values", {{"email", "a@b.be"}}}};
  EXPECT_EQ(r.render("site/page", model),
            "<b id=\"email\">!Mail a@b.be</b>-|<b id=\"city\"></b><i>Waar?</i>");
}

TEST(Renderer, FieldPartialLinksHintAndErrorToTheControl) {
  auto r = Renderer::from_files(with_real_partials(
      {{"src/site/templates/form.mustache",
        "{{<field}}{{$name}}email{{/name}}{{$label}}E-mail{{/label}}{{$hint}}Je werkadres{{/hint}}"
        "{{$input}}type=\"email\" value=\"{{values.email}}\"{{/input}}{{/field}}"
        "{{<field}}{{$name}}body{{/name}}{{$label}}Tekst{{/label}}{{$textarea}}rows=\"3\"{{/"
        "textarea}}"
        "{{/field}}"}}));
  const auto clean = r.render("site/form", {{"values", {{"email", "a@b.be"}, {"body", "x<y"}}}});
  EXPECT_NE(clean.find("<input id=\"email\" name=\"email\" type=\"email\" value=\"a@b.be\" "
                       "aria-describedby=\"email-uitleg\">"),
            std::string::npos)
      << clean;
  EXPECT_NE(clean.find("<textarea id=\"body\" name=\"body\" rows=\"3\">x&lt;y</textarea>"),
            std::string::npos)
      << clean;
  EXPECT_EQ(clean.find("field-error"), std::string::npos);
  EXPECT_EQ(clean.find("aria-invalid"), std::string::npos);

  const auto failed =
      r.render("site/form", {{"errors", {{"email", "Geen adres"}, {"body", "Leeg"}}}});
  EXPECT_NE(failed.find("<p class=\"field-error\" id=\"email-fout\"><span "
                        "class=\"visually-hidden\">Fout: </span>Geen adres</p>"),
            std::string::npos)
      << failed;
  EXPECT_NE(failed.find("aria-describedby=\"email-uitleg email-fout\" aria-invalid=\"true\""),
            std::string::npos)
      << failed;
  EXPECT_NE(failed.find("aria-describedby=\"body-fout\" aria-invalid=\"true\""), std::string::npos)
      << failed;
  EXPECT_NE(failed.find("<div class=\"field field-has-error\">"), std::string::npos) << failed;
}

TEST(Renderer, ErrorSummaryLinksEachMessageToItsField) {
  auto r = Renderer::from_files(with_real_partials(
      {{"src/site/templates/form.mustache",
        "{{<error_summary}}{{$title}}Niet bewaard{{/title}}{{/error_summary}}<form></form>"}}));
  const auto clean = r.render("site/form", nlohmann::json::object());
  EXPECT_EQ(clean.find("error-summary"), std::string::npos) << clean;
  const auto html =
      r.render("site/form",
               {{"has_errors", true},
                {"error_summary",
                 {{{"field", "email"}, {"message", "Geen adres"}, {"has_field", true}},
                  {{"field", "form"}, {"message", "Te veel pogingen"}, {"has_field", false}}}}});
  EXPECT_NE(html.find("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"fout-titel\" "
                      "tabindex=\"-1\">"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<h2 id=\"fout-titel\">Niet bewaard</h2>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li><a href=\"#email\">Geen adres</a></li>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>Te veel pogingen</li>"), std::string::npos) << html;
}

TEST(Renderer, UnknownPartialFailsAtStartNamingTheTemplate) {
  const auto error =
      construction_error({{"src/site/templates/home.mustache", "ok"},
                          {"src/site/templates/broken.mustache", "<p>{{> no_such_partial}}</p>"}});
  EXPECT_NE(error.find("site/broken"), std::string::npos) << error;
  EXPECT_NE(error.find("no_such_partial"), std::string::npos) << error;
}

TEST(Renderer, UnknownBlockAndUnclosedCallFailAtStart) {
  const TemplateFile box{partials_dir + "box.mustache", "{{$title}}"};
  auto error = construction_error(
      {box, {"src/site/templates/page.mustache", "{{<box}}{{$titel}}X{{/titel}}{{/box}}"}});
  EXPECT_NE(error.find("no block titel"), std::string::npos) << error;
  error = construction_error({box, {"src/site/templates/page.mustache", "{{<box}}{{$title}}X"}});
  EXPECT_NE(error.find("site/page"), std::string::npos) << error;
  error =
      construction_error({box, {"src/site/templates/page.mustache", "{{<box}}loose text{{/box}}"}});
  EXPECT_NE(error.find("only blocks"), std::string::npos) << error;
}

TEST(Renderer, PartialThatIncludesItselfFailsInsteadOfLooping) {
  const auto error = construction_error({{partials_dir + "loop.mustache", "a{{> loop}}"},
                                         {"src/site/templates/page.mustache", "{{> loop}}"}});
  EXPECT_NE(error.find("nest"), std::string::npos) << error;
}

TEST(Renderer, DevModeReadsPartialsFromTheSourceTree) {
  const auto root =
      std::filesystem::temp_directory_path() /
      ("schakel-renderer-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(root / "src/view/templates/partials");
  std::filesystem::create_directories(root / "src/site/templates");
  std::ofstream(root / "src/view/templates/partials/greeting.mustache") << "Dag {{name}}";
  std::ofstream(root / "src/site/templates/page.mustache") << "{{> greeting}}.";
  std::ofstream(root / "src/site/templates/broken.mustache") << "{{> nope}}";
  Renderer r(root.string());
  EXPECT_EQ(r.render("site/page", {{"name", "Ann"}}), "Dag Ann.");
  std::ofstream(root / "src/view/templates/partials/greeting.mustache") << "Hallo {{name}}";
  EXPECT_EQ(r.render("site/page", {{"name", "Ann"}}), "Hallo Ann.") << "edits show at once";
  EXPECT_THROW(r.render("site/broken", nlohmann::json::object()), std::runtime_error);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace schakel::view
