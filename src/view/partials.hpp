#pragma once
// Mustache partials, expanded into the text of a template before it is parsed, so a
// page parses once and renders without reading or parsing partials per request
// (view/mustache.hpp refuses a partial tag left in the text).
//
// A template includes a shared partial (src/view/templates/partials/NAME.mustache)
// in one of two ways:
//   {{> name}}                              the partial as is, in the caller's context
//   {{<name}}{{$title}}Text{{/title}}{{/name}}
//                                           the partial with blocks (Mustache's
//                                           inheritance syntax): only blocks and
//                                           whitespace may stand between the two tags
// In the partial's own text the blocks are parameters, replaced before parsing:
//   {{$title}}               the caller's block `title` (empty when not given); also
//                            inside another tag: {{#errors.{{$name}}}}
//   {{#$hint}}…{{/$hint}}    kept only when the caller gave a non-empty block `hint`
//   {{^$hint}}…{{/$hint}}    kept only when it did not
// A partial may start with a comment that documents its blocks; that comment and
// the file's final newline are not included. A partial that includes another with
// {{> other}} passes its blocks on. Blocks are
// text: dynamic values stay Mustache tags ({{values.email}}) rendered in the page's
// context. Tags that partials use are written without inner spaces ({{$name}}),
// except {{> name}}.
#include <functional>
#include <optional>
#include <string>

namespace schakel::view {

// The text of partial `name`, or nullopt when there is no such partial.
using PartialSource = std::function<std::optional<std::string>(const std::string& name)>;

// `text` with every partial included and its blocks filled in. Throws
// std::runtime_error naming `template_name` for an unknown partial, a block the
// partial does not use, an unclosed tag, or partials nested more than 8 deep.
std::string expand_partials(const std::string& text, const PartialSource& partials,
                            const std::string& template_name);

}  // namespace schakel::view
