#pragma once
// Our own mustache: a template is compiled once into a flat list of nodes and
// rendered straight from the JSON view model, with no copy of the model and no
// allocation per value. The output is byte for byte what the platform has always
// produced (kainjow's mustache fed through a JSON conversion):
//   - false are: null, false, an empty string, an empty array; everything else is
//     true, numbers (printed as JSON prints them) and empty objects included;
//   - {{name}} escapes & < > " ' (see escape.hpp), {{{name}}} and {{&name}} do not;
//     a missing name, an object, an array, true or false print nothing;
//   - a name is looked up from the innermost context outwards; "a.b" is looked up
//     whole in each context in turn; "." is the innermost context itself;
//   - {{#name}} renders its body once per item of a non-empty array (the item on top
//     of the context stack) or once for any other true value (that value on top);
//     {{^name}} renders its body once when the value is missing (nothing pushed) or
//     false (the false value pushed);
//   - a line that holds only spaces or tabs once rendered, and on which a section
//     that rendered opened or closed, is left out with its newline (a section
//     that did not render leaves its line in place; comments never remove a line);
//   - {{! comments }} print nothing; {{=<% %>=}} changes the delimiters.
// Partials ({{> name}}) are expanded into the text before compiling (partials.hpp);
// a partial tag left in the text is refused.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace schakel::view {

// Why a template text was refused. For a syntax error what() is worded as kainjow
// worded it ("Unclosed section \"items\" at 120", "Unopened section \"x\" at 4",
// "Unclosed tag at 9", "Invalid set delimiter tag at 0"); positions are byte
// offsets of the tag in the text.
class TemplateError : public std::runtime_error {
 public:
  enum class Kind {
    syntax,   // the text does not parse (kainjow refuses it too)
    partial,  // the text parses but still holds a partial tag (kainjow would
              // look the partial up in the model at render time)
  };
  TemplateError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// A compiled template. Immutable after construction except for a relaxed size
// hint, so any number of threads may render the same template at once.
class CompiledTemplate {
 public:
  // Compiles `text`. Throws TemplateError when it does not parse (the first error
  // in the text, as kainjow would report it) or holds a partial tag.
  explicit CompiledTemplate(std::string_view text);
  CompiledTemplate(CompiledTemplate&& other) noexcept;
  CompiledTemplate& operator=(CompiledTemplate&&) = delete;
  CompiledTemplate(const CompiledTemplate&) = delete;
  CompiledTemplate& operator=(const CompiledTemplate&) = delete;

  // The template rendered with `model` as the outermost context. Never throws
  // for any model (allocation failure aside).
  std::string render(const nlohmann::json& model) const;

  // How many nodes the compiled form has (for tests).
  std::size_t node_count() const { return nodes_.size(); }

 private:
  enum class Kind : std::uint8_t { text, newline, escaped, raw, section, inverted };
  struct Node {
    Kind kind;
    std::uint32_t a;  // text, newline: offset in literals_; tags: index in names_
    std::uint32_t b;  // text, newline: length; sections: index past the body
  };
  struct Name {
    bool dot = false;                // exactly "."
    std::vector<std::string> parts;  // split on '.' as kainjow splits
  };
  class Parser;
  class Render;

  std::string literals_;  // the template's text without its tags
  std::vector<Node> nodes_;
  std::vector<Name> names_;
  std::size_t max_depth_ = 0;                      // deepest section nesting
  mutable std::atomic<std::size_t> size_hint_{0};  // the last output's size
};

}  // namespace schakel::view
