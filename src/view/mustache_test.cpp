#include "view/mustache.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <thread>
#include <vector>

#include "view/mustache_test_oracle.hpp"

namespace schakel::view {
namespace {

using nlohmann::json;

std::string render(const std::string& text, const json& model) {
  return CompiledTemplate(text).render(model);
}

// Checks our output against the hand-computed `expected`, and that the renderer we
// replaced (kainjow) gives the same bytes.
void expect_render(const std::string& text, const json& model, const std::string& expected) {
  EXPECT_EQ(render(text, model), expected) << "template: " << text << "\nmodel: " << model.dump();
  EXPECT_EQ(oracle::render(text, model).value_or("<refused>"), expected)
      << "kainjow differs for template: " << text << "\nmodel: " << model.dump();
}

// The message of the TemplateError `text` raises, and checks it is a syntax error
// worded as kainjow words it.
std::string syntax_error(const std::string& text) {
  std::string kainjow;
  EXPECT_FALSE(oracle::render(text, json::object(), &kainjow)) << text;
  try {
    CompiledTemplate t(text);
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.kind(), TemplateError::Kind::syntax);
    EXPECT_EQ(e.what(), kainjow);
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << text;
  return "";
}

TEST(Mustache, FalseAreNullFalseEmptyStringEmptyArrayAndMissing) {
  const std::string t = "{{#v}}T{{/v}}{{^v}}F{{/v}}";
  for (const json& v : {json(nullptr), json(false), json(""), json::array()})
    expect_render(t, {{"v", v}}, "F");
  expect_render(t, json::object(), "F");
  for (const json& v : {json(true), json(0), json(0.0), json("x"), json::object(), json({1})})
    expect_render(t, {{"v", v}}, "T");
}

TEST(Mustache, NumbersPrintAsJsonPrintsThem) {
  expect_render("{{a}}|{{b}}|{{c}}|{{d}}|{{e}}",
                {{"a", 3}, {"b", -7}, {"c", 1.5}, {"d", 18446744073709551615ull}, {"e", 1e100}},
                "3|-7|1.5|18446744073709551615|1e+100");
}

TEST(Mustache, EscapesFiveCharactersUnlessTripleOrAmpersand) {
  const json model = {{"s", "<a href=\"x\">&'é—€"}};
  expect_render("{{s}}", model, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;é—€");
  expect_render("{{{s}}}|{{& s}}", model, "<a href=\"x\">&'é—€|<a href=\"x\">&'é—€");
  expect_render("{{s}}", {{"s", "{{s}}"}}, "{{s}}");  // a value is never a template
}

TEST(Mustache, SectionRendersOncePerItemWithTheItemOnTop) {
  expect_render("{{#items}}[{{name}}]{{/items}}",
                {{"items", {{{"name", "a"}}, {{"name", "b"}}, json::object()}}}, "[a][b][]");
  expect_render("{{#rows}}{{#.}}{{.}},{{/.}};{{/rows}}", {{"rows", {{1, 2}, {"a"}}}}, "1,2,;a,;");
}

TEST(Mustache, DotIsTheValueOnTopOfTheStack) {
  const std::string t = "{{#v}}<{{.}}>{{/v}}";
  expect_render(t, {{"v", true}}, "<>");
  expect_render(t, {{"v", "s&"}}, "<s&amp;>");
  expect_render(t, {{"v", 5}}, "<5>");
  expect_render(t, {{"v", {{"k", 1}}}}, "<>");
  // An inverted section pushes the false value it found, and nothing when the name
  // is missing.
  const std::string inverted = "{{#list}}{{^f}}<{{.}}>{{/f}}{{/list}}";
  expect_render(inverted, {{"list", {"x"}}}, "<x>");
  expect_render(inverted, {{"list", {"x"}}, {"f", false}}, "<>");
}

TEST(Mustache, NamesAreLookedUpFromTheTopOfTheStackDown) {
  const std::string t = "{{#a}}{{#b}}{{x}}{{/b}}{{/a}}";
  expect_render(t, {{"x", "root"}, {"a", {{"b", true}}}}, "root");
  expect_render(t, {{"x", "root"}, {"a", {{"x", "a"}, {"b", true}}}}, "a");
  expect_render(t, {{"x", "root"}, {"a", {{"x", "a"}, {"b", {{"x", "b"}}}}}}, "b");
  // A dotted name is looked up whole in each context in turn.
  expect_render("{{#inner}}{{a.b}}{{/inner}}", {{"a", {{"b", 2}}}, {"inner", {{"a", {{"c", 1}}}}}},
                "2");
  expect_render("{{a.b.c}}|{{a.b}}|{{missing}}|{{a.b.c.d}}", {{"a", {{"b", "s"}}}}, "|s||");
}

TEST(Mustache, ObjectsArraysAndBooleansPrintNothing) {
  expect_render(
      "[{{o}}{{l}}{{t}}{{f}}{{n}}{{e}}]",
      {{"o", {{"k", 1}}}, {"l", {1}}, {"t", true}, {"f", false}, {"n", nullptr}, {"e", ""}}, "[]");
}

TEST(Mustache, LinesThatOnlyHoldARenderedSectionTagAreLeftOut) {
  const std::string t = "a\n  {{#t}}\nb\n{{/t}}  \nc\n";
  expect_render(t, {{"t", true}}, "a\nb\nc\n");
  // A section that does not render leaves its lines, as kainjow always did.
  expect_render(t, {{"t", false}}, "a\n    \nc\n");
  expect_render("{{#t}}\r\nx\r\n{{/t}}\r\n", {{"t", true}}, "x\r\n");
  expect_render("x\n  {{#t}}{{/t}}", {{"t", true}}, "x\n");
  // Spaces a value prints count as blank; other text does not.
  expect_render("{{#t}}{{/t}}{{v}}\n", {{"t", true}, {"v", " \t"}}, "");
  expect_render("{{#t}}{{/t}}{{v}}\n", {{"t", true}, {"v", "."}}, ".\n");
  // Comments never take their line away.
  expect_render("a\n{{! note }}\nb", json::object(), "a\n\nb");
}

TEST(Mustache, DelimitersCanBeChanged) {
  expect_render("{{=<% %>=}}<%a%>{{a}}<%={{ }}=%>{{a}}", {{"a", 1}}, "1{{a}}1");
}

TEST(Mustache, RefusesTemplatesThatDoNotParseAsKainjowDid) {
  EXPECT_EQ(syntax_error("x{{#a}}y"), "Unclosed section \"a\" at 1");
  EXPECT_EQ(syntax_error("{{#a}}{{#b}}{{/a}}{{/b}}"), "Unclosed section \"a\" at 0");
  EXPECT_EQ(syntax_error("ab{{/a}}"), "Unopened section \"a\" at 2");
  EXPECT_EQ(syntax_error("{{a"), "Unclosed tag at 0");
  EXPECT_EQ(syntax_error("{{{a}}"), "Unclosed tag at 0");
  EXPECT_EQ(syntax_error("{{=<%=}}"), "Invalid set delimiter tag at 0");
}

TEST(Mustache, RefusesAPartialLeftInTheText) {
  try {
    CompiledTemplate t("{{ > card }}");
    ADD_FAILURE() << "accepted a partial tag";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.kind(), TemplateError::Kind::partial);
    EXPECT_STREQ(e.what(), "unknown partial card");
  }
}

TEST(Mustache, CompilesToAFlatListWithoutCommentsOrDelimiterTags) {
  // text, escaped, section, text, newline, text: the comment and the set
  // delimiter tag leave no node.
  EXPECT_EQ(CompiledTemplate("a {{b}}{{#c}}d{{/c}}{{! e }}\n{{=| |=}}f").node_count(), 6u);
}

TEST(Mustache, ManyThreadsRenderOneTemplate) {
  const CompiledTemplate t("{{#items}}<li>{{.}}</li>{{/items}}");
  const json model = {{"items", {"a", "b&", 3}}};
  std::vector<std::thread> threads;
  std::vector<std::string> outputs(4);
  for (std::size_t i = 0; i < outputs.size(); ++i)
    threads.emplace_back([&, i] {
      for (int n = 0; n < 200; ++n) outputs[i] = t.render(model);
    });
  for (auto& thread : threads) thread.join();
  for (const auto& out : outputs) EXPECT_EQ(out, "<li>a</li><li>b&amp;</li><li>3</li>");
}

}  // namespace
}  // namespace schakel::view
