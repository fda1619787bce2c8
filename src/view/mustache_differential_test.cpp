// Every page template of the app, as the renderer loads it, rendered by our
// renderer and by the one it replaced (kainjow, the oracle) with many generated
// models: the bytes must be the same.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/embedded.hpp"
#include "view/mustache.hpp"
#include "view/mustache_test_oracle.hpp"
#include "view/template_files.hpp"

namespace schakel::view {
namespace {

using nlohmann::json;

// Deterministic random models that use the names a template mentions.
class ModelGenerator {
 public:
  ModelGenerator(const std::string& text, std::uint32_t seed) : rng_(seed) {
    static const std::regex tag(R"(\{\{\{?\s*[#^/&]?\s*([^{}!>=]*?)\s*\}?\}\})");
    std::set<std::string> keys;
    for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) {
      const std::string name = (*it)[1];
      if (name.empty() || name == ".") continue;
      std::vector<std::string> path;
      for (std::size_t from = 0;;) {
        const std::size_t dot = name.find('.', from);
        path.push_back(
            name.substr(from, dot == std::string::npos ? std::string::npos : dot - from));
        keys.insert(path.back());
        if (dot == std::string::npos) break;
        from = dot + 1;
      }
      if (path.size() > 1) paths_.push_back(path);
    }
    keys_.assign(keys.begin(), keys.end());
  }

  // A model in which each name is present with a chance that grows with `density`.
  json model(double density) {
    density_ = density;
    json root = object(0);
    for (const auto& path : paths_) {
      if (!chance(density_ * 0.7)) continue;
      json* at = &root;
      for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        if (!at->is_object()) break;
        json& next = (*at)[path[i]];
        if (!next.is_object()) next = chance(0.8) ? json::object() : scalar();
        at = &next;
      }
      if (at->is_object()) (*at)[path.back()] = value(1);
    }
    return root;
  }

  std::size_t key_count() const { return keys_.size(); }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  json object(int depth) {
    json o = json::object();
    const double p = depth == 0 ? density_ : density_ / (2.0 * depth);
    for (const auto& key : keys_)
      if (chance(p)) o[key] = value(depth);
    return o;
  }

  json value(int depth) {
    const std::size_t kind = pick(depth >= 2 ? 6 : 10);
    if (kind < 6) return scalar();
    if (kind < 8) {  // an array of objects, or of scalars
      json a = json::array();
      const bool objects = chance(0.75);
      for (std::size_t n = pick(4); n > 0; --n) a.push_back(objects ? object(depth + 1) : scalar());
      return a;
    }
    if (kind < 9) return object(depth + 1);
    return json::array({json::array({scalar(), scalar()}), json::array()});
  }

  json scalar() {
    static const std::vector<json> pool = {
        "",
        "gewoon",
        "<script>alert('x')</script> & \"quotes\"",
        "é ü ø — € 😀 中文",
        "  ",
        "\t",
        "line\nbreak\r\n",
        "{{not a tag}}",
        "0",
        nullptr,
        true,
        false,
        0,
        -1,
        42,
        1234567890123,
        std::numeric_limits<std::uint64_t>::max(),
        1.5,
        -0.25,
        1e21,
        json::object(),
        json::array(),
    };
    return pool[pick(pool.size())];
  }

  std::mt19937 rng_;
  std::vector<std::string> keys_;
  std::vector<std::vector<std::string>> paths_;
  double density_ = 0.5;
};

std::vector<TemplateFile> embedded_templates() {
  std::vector<TemplateFile> files;
  for (const auto& f : embedded::all()) files.push_back({std::string(f.path), std::string(f.data)});
  return expand_templates(files);
}

TEST(MustacheDifferential, EveryTemplateGivesKainjowsBytesForGeneratedModels) {
  const auto templates = embedded_templates();
  ASSERT_GT(templates.size(), 100u);
  constexpr int models_per_template = 24;
  std::size_t renders = 0, bytes = 0, failures = 0;
  for (const auto& [name, text] : templates) {
    const CompiledTemplate ours(text);
    kainjow::mustache::mustache theirs{text};
    ASSERT_TRUE(theirs.is_valid()) << name << ": " << theirs.error_message();
    ModelGenerator generator(text, static_cast<std::uint32_t>(std::hash<std::string>{}(name)));
    for (int i = 0; i < models_per_template && failures < 10; ++i) {
      const json model = generator.model(0.2 + 0.7 * i / models_per_template);
      const std::string expected = theirs.render(oracle::to_data(model));
      const std::string got = ours.render(model);
      ++renders;
      bytes += got.size();
      if (got != expected) {
        ++failures;
        ADD_FAILURE() << name << " model " << i << " differs\nmodel: " << model.dump()
                      << "\nkainjow:\n"
                      << expected << "\nours:\n"
                      << got;
      }
    }
  }
  EXPECT_EQ(renders, templates.size() * models_per_template);
  // The models reach into the templates: the pages are not all empty.
  EXPECT_GT(bytes, renders * 200);
}

// The names each template uses are found: a model with every name true renders
// the sections, and both renderers still agree.
TEST(MustacheDifferential, DenseModelsReachNestedSections) {
  std::size_t longer = 0;
  const auto templates = embedded_templates();
  for (const auto& [name, text] : templates) {
    const CompiledTemplate ours(text);
    ModelGenerator generator(text, 7);
    const json sparse = json::object();
    const json dense = generator.model(1.0);
    EXPECT_EQ(ours.render(dense), oracle::render(text, dense).value_or("<refused>")) << name;
    if (ours.render(dense).size() > ours.render(sparse).size()) ++longer;
  }
  EXPECT_GT(longer, templates.size() / 2);
}

}  // namespace
}  // namespace schakel::view
