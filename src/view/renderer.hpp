#pragma once
// Mustache templates (kainjow), parsed once at start (in dev mode: again when the
// file changes). Views receive a JSON view model; every {{value}} is HTML-escaped,
// {{{value}}} only for HTML the code itself produced (the rendered page body).
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace schakel::view {

// Thread-safe.
class Renderer {
 public:
  // Parses every embedded template (or, with `source_root`, reads them from disk
  // on each use). Throws std::runtime_error naming the template that does not parse.
  explicit Renderer(std::string source_root = {});
  ~Renderer();

  // Renders template `name` ("site/home" is src/site/templates/home.mustache,
  // "layout" and other shared ones live in src/view/templates/). Throws
  // std::runtime_error for an unknown template.
  std::string render(const std::string& name, const nlohmann::json& model) const;
  bool has(const std::string& name) const;

 private:
  struct Templates;
  std::string source_root_;
  std::shared_ptr<Templates> templates_;
};

// The embedded path of template `name`: "site/home" -> "src/site/templates/home.mustache".
std::string template_path(const std::string& name);

}  // namespace schakel::view
