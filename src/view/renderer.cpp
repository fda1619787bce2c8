#include "view/renderer.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/embedded.hpp"
#include "view/mustache.hpp"
#include "view/partials.hpp"
#include "view/template_files.hpp"

namespace schakel::view {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("template not found: " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Shared partials live in src/view/templates/partials/ (see view/partials.hpp).
constexpr const char* partials_folder = "partials/";

}  // namespace

std::string template_path(const std::string& name) {
  const auto slash = name.find('/');
  if (slash == std::string::npos) return "src/view/templates/" + name + ".mustache";
  return "src/" + name.substr(0, slash) + "/templates/" + name.substr(slash + 1) + ".mustache";
}

// The compiled templates. Immutable after construction (a template's size hint
// aside, which is atomic), so every thread renders from the same ones.
struct Renderer::Templates {
  std::unordered_map<std::string, CompiledTemplate> parsed;
};

namespace {
CompiledTemplate parse_or_throw(const std::string& name, const std::string& text) {
  try {
    return CompiledTemplate(text);
  } catch (const TemplateError& e) {
    if (e.kind() == TemplateError::Kind::partial)
      throw std::runtime_error("template " + name + ": " + e.what());
    throw std::runtime_error("template " + name + " does not parse: " + e.what());
  }
}
}  // namespace

Renderer::Renderer(std::string source_root) : source_root_(std::move(source_root)) {
  if (!source_root_.empty()) return;
  // The embedded templates are part of the binary and never change: they are
  // parsed once per process and shared by every renderer (an App per test, or
  // the several Apps of one command), which only ever read the parsed masters.
  static const std::shared_ptr<Templates> embedded_templates = [] {
    std::vector<TemplateFile> files;
    for (const auto& f : embedded::all())
      files.push_back({std::string(f.path), std::string(f.data)});
    Renderer parsed{Loaded{}};
    parsed.load(files);
    return parsed.templates_;
  }();
  templates_ = embedded_templates;
}

Renderer Renderer::from_files(const std::vector<TemplateFile>& files) {
  Renderer r{Loaded{}};
  r.load(files);
  return r;
}

std::vector<TemplateFile> expand_templates(const std::vector<TemplateFile>& files) {
  const std::string shared = "src/view/templates/";
  const std::string partial_dir = shared + partials_folder;
  std::unordered_map<std::string, std::string> partials;
  std::vector<std::pair<std::string, const std::string*>> pages;
  for (const auto& f : files) {
    const std::string& path = f.path;
    if (path.size() < 9 || path.compare(path.size() - 9, 9, ".mustache") != 0) continue;
    if (path.rfind(partial_dir, 0) == 0) {
      partials[path.substr(partial_dir.size(), path.size() - partial_dir.size() - 9)] = f.text;
      continue;
    }
    // Back from "src/<feature>/templates/<name>.mustache" to the template name.
    std::string name;
    if (path.rfind(shared, 0) == 0) {
      name = path.substr(shared.size(), path.size() - shared.size() - 9);
    } else {
      auto feature_end = path.find('/', 4);
      auto file_start = path.rfind('/') + 1;
      name = path.substr(4, feature_end - 4) + "/" +
             path.substr(file_start, path.size() - file_start - 9);
    }
    pages.emplace_back(name, &f.text);
  }
  const PartialSource source = [&partials](const std::string& name) -> std::optional<std::string> {
    auto it = partials.find(name);
    if (it == partials.end()) return std::nullopt;
    return it->second;
  };
  std::vector<TemplateFile> expanded;
  expanded.reserve(pages.size());
  for (const auto& [name, text] : pages)
    expanded.push_back({name, expand_partials(*text, source, name)});
  return expanded;
}

void Renderer::load(const std::vector<TemplateFile>& files) {
  auto t = std::make_shared<Templates>();
  for (auto& [name, text] : expand_templates(files))
    t->parsed.emplace(name, parse_or_throw(name, text));
  templates_ = std::move(t);
}

Renderer::~Renderer() = default;

bool Renderer::has(const std::string& name) const {
  if (!source_root_.empty())
    return std::filesystem::exists(std::filesystem::path(source_root_) / template_path(name));
  return templates_->parsed.count(name) > 0;
}

std::string Renderer::render(const std::string& name, const nlohmann::json& model) const {
  if (!source_root_.empty()) {
    const std::filesystem::path root(source_root_);
    const PartialSource source = [&root](const std::string& partial) -> std::optional<std::string> {
      const auto path = root / "src/view/templates" / partials_folder / (partial + ".mustache");
      if (!std::filesystem::exists(path)) return std::nullopt;
      return read_file(path);
    };
    return parse_or_throw(name,
                          expand_partials(read_file(root / template_path(name)), source, name))
        .render(model);
  }
  const auto it = templates_->parsed.find(name);
  if (it == templates_->parsed.end()) throw std::runtime_error("unknown template: " + name);
  return it->second.render(model);
}

}  // namespace schakel::view
