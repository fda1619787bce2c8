#include "view/renderer.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/embedded.hpp"
#include "view/partials.hpp"

namespace schakel::view {

namespace mustache = kainjow::mustache;

namespace {

mustache::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& item : j) d.push_back(to_data(item));
      return d;
    }
    case nlohmann::json::value_t::string:
      // An empty string is false, as in JavaScript Mustache: {{#error}} hides
      // the section when there is no error.
      if (j.get_ref<const std::string&>().empty())
        return mustache::data{mustache::data::type::bool_false};
      return mustache::data{j.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                           : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data{mustache::data::type::bool_false};
    default:
      return mustache::data{j.dump()};  // numbers
  }
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("template not found: " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::atomic<unsigned> next_generation{1};

// Shared partials live in src/view/templates/partials/ (see view/partials.hpp).
constexpr const char* partials_folder = "partials/";

}  // namespace

std::string template_path(const std::string& name) {
  const auto slash = name.find('/');
  if (slash == std::string::npos) return "src/view/templates/" + name + ".mustache";
  return "src/" + name.substr(0, slash) + "/templates/" + name.substr(slash + 1) + ".mustache";
}

// The parsed templates. Immutable after construction; each thread renders from
// its own copy (kainjow's render is not const).
struct Renderer::Templates {
  unsigned generation = next_generation++;
  std::unordered_map<std::string, mustache::mustache> parsed;
};

namespace {
mustache::mustache parse_or_throw(const std::string& name, const std::string& text) {
  mustache::mustache m{text};
  if (!m.is_valid())
    throw std::runtime_error("template " + name + " does not parse: " + m.error_message());
  return m;
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

void Renderer::load(const std::vector<TemplateFile>& files) {
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
  auto t = std::make_shared<Templates>();
  for (const auto& [name, text] : pages)
    t->parsed.emplace(name, parse_or_throw(name, expand_partials(*text, source, name)));
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
    auto m =
        parse_or_throw(name, expand_partials(read_file(root / template_path(name)), source, name));
    return m.render(to_data(model));
  }
  thread_local unsigned cached_generation = 0;
  thread_local std::unordered_map<std::string, mustache::mustache> local;
  if (cached_generation != templates_->generation) {
    local.clear();
    cached_generation = templates_->generation;
  }
  auto it = local.find(name);
  if (it == local.end()) {
    auto master = templates_->parsed.find(name);
    if (master == templates_->parsed.end()) throw std::runtime_error("unknown template: " + name);
    it = local.emplace(name, master->second).first;
  }
  return it->second.render(to_data(model));
}

}  // namespace schakel::view
