#pragma once
// The page templates as the renderer compiles them: partials expanded.
#include <vector>

#include "view/renderer.hpp"

namespace schakel::view {

// The pages among `files` (every *.mustache outside src/view/templates/partials/),
// each with its partials expanded and, in `path`, its name as Renderer::render
// takes it ("site/home"): the texts the renderer compiles. Throws
// std::runtime_error as expand_partials does.
std::vector<TemplateFile> expand_templates(const std::vector<TemplateFile>& files);

}  // namespace schakel::view
