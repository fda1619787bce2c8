#pragma once
// Mustache templates (view/mustache.hpp), compiled once at start (in dev mode: on
// each use). Views receive a JSON view model; every {{value}} is HTML-escaped,
// {{{value}}} only for HTML the code itself produced (the rendered page body).
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace schakel::view {

// A template file as embedded: repository-relative path and text.
struct TemplateFile {
  std::string path;  // e.g. "src/site/templates/home.mustache"
  std::string text;
};

// Thread-safe. Templates may include the shared partials of
// src/view/templates/partials/ ({{> name}}, see view/partials.hpp); partials are
// expanded before parsing, so rendering never parses or copies a partial.
class Renderer {
 public:
  // Parses every embedded template (or, with `source_root`, reads them and their
  // partials from disk on each use). Throws std::runtime_error naming the template
  // that does not parse or that names an unknown partial.
  explicit Renderer(std::string source_root = {});
  // The same from the given files instead of the embedded ones (for tests).
  static Renderer from_files(const std::vector<TemplateFile>& files);
  ~Renderer();
  Renderer(Renderer&&) noexcept = default;

  // Renders template `name` ("site/home" is src/site/templates/home.mustache,
  // "layout" and other shared ones live in src/view/templates/). Throws
  // std::runtime_error for an unknown template.
  std::string render(const std::string& name, const nlohmann::json& model) const;
  bool has(const std::string& name) const;

 private:
  struct Loaded {};
  explicit Renderer(Loaded) {}
  void load(const std::vector<TemplateFile>& files);

  struct Templates;
  std::string source_root_;
  std::shared_ptr<Templates> templates_;
};

// The embedded path of template `name`: "site/home" -> "src/site/templates/home.mustache".
std::string template_path(const std::string& name);

}  // namespace schakel::view
