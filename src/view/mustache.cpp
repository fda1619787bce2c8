#include "view/mustache.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

#include "view/escape.hpp"

namespace schakel::view {

namespace {

using json = nlohmann::json;
constexpr auto npos = std::string_view::npos;

// std::isspace in the C locale, without its undefined behaviour for bytes >= 0x80.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Delimiters may hold neither whitespace nor '='.
bool valid_delimiter(std::string_view d) {
  return std::none_of(d.begin(), d.end(), [](char c) { return c == '=' || is_space(c); });
}

std::uint32_t narrow(std::size_t n) {
  if (n > std::numeric_limits<std::uint32_t>::max())
    throw TemplateError(TemplateError::Kind::syntax, "template too large");
  return static_cast<std::uint32_t>(n);
}

}  // namespace

// One pass over the text, as kainjow's parser goes: at each position a tag start,
// else a newline ("\r\n", "\n" or "\r"), else a byte of literal text.
class CompiledTemplate::Parser {
 public:
  Parser(CompiledTemplate& t, std::string_view text) : t_(t), text_(text) {}

  void run() {
    t_.literals_.reserve(text_.size());
    for (std::size_t pos = 0; pos < text_.size();) {
      if (text_.compare(pos, begin_.size(), begin_) == 0) {
        pos = tag(pos);
      } else if (text_[pos] == '\r' || text_[pos] == '\n') {
        const std::size_t len = text_.compare(pos, 2, "\r\n") == 0 ? 2 : 1;
        t_.nodes_.push_back({Kind::newline, narrow(t_.literals_.size()), narrow(len)});
        in_text_ = false;
        t_.literals_.append(text_, pos, len);
        pos += len;
      } else {
        literal(text_[pos++]);
      }
    }
    // kainjow reports a section that is not closed, or closed by another name,
    // after the whole text parsed: the first such section in the text.
    for (const Open& s : sections_)
      if (!s.closed || s.closed_by != s.name)
        fail("Unclosed section \"" + s.name + "\" at " + std::to_string(s.position));
    if (!first_partial_.empty())
      throw TemplateError(TemplateError::Kind::partial, "unknown partial " + first_partial_);
    t_.literals_.shrink_to_fit();
  }

 private:
  struct Open {
    std::size_t node;      // index of the section node
    std::size_t position;  // of its tag in the text
    std::string name;
    bool closed = false;
    std::string closed_by;
  };

  [[noreturn]] static void fail(const std::string& what) {
    throw TemplateError(TemplateError::Kind::syntax, what);
  }

  // Adds a byte of text to the text node being written, or starts one. Text on
  // both sides of a section end is never merged (the node before is in the body).
  void literal(char c) {
    if (!in_text_) t_.nodes_.push_back({Kind::text, narrow(t_.literals_.size()), 0});
    in_text_ = true;
    t_.literals_.push_back(c);
    ++t_.nodes_.back().b;
  }

  // Parses the tag at `start`; returns the position after it.
  std::size_t tag(std::size_t start) {
    in_text_ = false;
    const bool braces = begin_ == "{{" && end_ == "}}";
    std::size_t contents = start + begin_.size();
    const bool triple = braces && start != text_.size() - 2 && text_[contents] == '{';
    const std::string_view closer = triple ? std::string_view("}}}") : std::string_view(end_);
    if (triple) ++contents;
    const std::size_t close = text_.find(closer, contents);
    if (close == npos) fail("Unclosed tag at " + std::to_string(start));
    const std::string_view body = trim(text_.substr(contents, close - contents));
    const std::size_t after = close + closer.size();
    if (!body.empty() && body.front() == '=') {
      set_delimiters(body, start);
      return after;
    }
    if (triple) {
      add_variable(Kind::raw, body);
      return after;
    }
    const char sigil = body.empty() ? '\0' : body.front();
    const std::string_view name = trim(body.empty() ? body : body.substr(1));
    switch (sigil) {
      case '#':
      case '^':
        open_section(sigil == '#' ? Kind::section : Kind::inverted, name, start);
        break;
      case '/':
        close_section(name, start);
        break;
      case '>':
        if (first_partial_.empty()) first_partial_ = name.empty() ? "(empty)" : std::string(name);
        break;
      case '&':
        add_variable(Kind::raw, name);
        break;
      case '!':
        break;  // a comment prints nothing and leaves its line alone
      default:
        add_variable(Kind::escaped, body);
        break;
    }
    return after;
  }

  // {{=<% %>=}}: at least "=X X=", the two delimiters split at the first space.
  void set_delimiters(std::string_view body, std::size_t start) {
    const auto bad = [start] { fail("Invalid set delimiter tag at " + std::to_string(start)); };
    if (body.size() < 5 || body.back() != '=') bad();
    const std::string_view inner = trim(body.substr(1, body.size() - 2));
    const std::size_t space = inner.find(' ');
    if (space == npos) bad();
    const std::size_t next = inner.find_first_not_of(' ', space + 1);
    if (next == npos) bad();
    const std::string_view begin = inner.substr(0, space), end = inner.substr(next);
    if (!valid_delimiter(begin) || !valid_delimiter(end)) bad();
    begin_ = begin;
    end_ = end;
  }

  std::uint32_t add_name(std::string_view name) {
    Name n;
    n.dot = name == ".";
    if (!n.dot) {
      // As std::getline splits: every piece between dots, but no empty piece
      // after a final dot.
      std::size_t from = 0;
      while (true) {
        const std::size_t dot = name.find('.', from);
        if (dot == npos) {
          if (from < name.size() || n.parts.empty()) n.parts.emplace_back(name.substr(from));
          break;
        }
        n.parts.emplace_back(name.substr(from, dot - from));
        from = dot + 1;
      }
    }
    t_.names_.push_back(std::move(n));
    return narrow(t_.names_.size() - 1);
  }

  void add_variable(Kind kind, std::string_view name) {
    t_.nodes_.push_back({kind, add_name(name), 0});
  }

  void open_section(Kind kind, std::string_view name, std::size_t start) {
    const std::size_t node = t_.nodes_.size();
    t_.nodes_.push_back({kind, add_name(name), 0});
    sections_.push_back({node, start, std::string(name), false, {}});
    stack_.push_back(sections_.size() - 1);
    t_.max_depth_ = std::max(t_.max_depth_, stack_.size());
  }

  void close_section(std::string_view name, std::size_t start) {
    if (stack_.empty())
      fail("Unopened section \"" + std::string(name) + "\" at " + std::to_string(start));
    Open& s = sections_[stack_.back()];
    stack_.pop_back();
    s.closed = true;
    s.closed_by = name;
    t_.nodes_[s.node].b = narrow(t_.nodes_.size());
  }

  CompiledTemplate& t_;
  std::string_view text_;
  std::string begin_ = "{{", end_ = "}}";
  std::vector<Open> sections_;      // every section, in the order of the text
  std::vector<std::size_t> stack_;  // indexes in sections_ of the open ones
  std::string first_partial_;
  bool in_text_ = false;  // the last node is text that the next byte may extend
};

CompiledTemplate::CompiledTemplate(std::string_view text) {
  Parser(*this, text).run();
  size_hint_.store(text.size(), std::memory_order_relaxed);
}

CompiledTemplate::CompiledTemplate(CompiledTemplate&& other) noexcept
    : literals_(std::move(other.literals_)),
      nodes_(std::move(other.nodes_)),
      names_(std::move(other.names_)),
      max_depth_(other.max_depth_),
      size_hint_(other.size_hint_.load(std::memory_order_relaxed)) {}

// The state of one rendering: the output, the context stack and the line that is
// being written (kainjow's line buffer, kept as the tail of the output).
class CompiledTemplate::Render {
 public:
  Render(const CompiledTemplate& t, std::string& out, std::size_t depth) : t_(t), out_(out) {
    stack_.reserve(depth + 1);
    line_start_ = out_.size();
  }

  void run(const json& model) {
    stack_.push_back(&model);
    nodes(0, t_.nodes_.size());
    drop_line();
  }

 private:
  // Ends the line being written. A line on which a section opened or closed and
  // that holds nothing but spaces and tabs is left out; returns whether it was.
  bool drop_line() {
    if (!section_on_line_ || !std::all_of(out_.begin() + static_cast<std::ptrdiff_t>(line_start_),
                                          out_.end(), [](char c) { return c == ' ' || c == '\t'; }))
      return false;
    out_.resize(line_start_);
    return true;
  }

  void nodes(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to;) {
      const Node& n = t_.nodes_[i];
      switch (n.kind) {
        case Kind::text:
          out_.append(t_.literals_, n.a, n.b);
          ++i;
          break;
        case Kind::newline:
          if (!drop_line()) out_.append(t_.literals_, n.a, n.b);
          line_start_ = out_.size();
          section_on_line_ = false;
          ++i;
          break;
        case Kind::escaped:
        case Kind::raw:
          if (const json* v = lookup(t_.names_[n.a])) print(*v, n.kind == Kind::escaped);
          ++i;
          break;
        case Kind::section:
          if (const json* v = lookup(t_.names_[n.a]); v && truthy(*v)) {
            if (v->is_array()) {
              for (const json& item : *v) body(&item, i + 1, n.b);
            } else {
              body(v, i + 1, n.b);
            }
          }
          i = n.b;
          break;
        case Kind::inverted:
          if (const json* v = lookup(t_.names_[n.a]); !v || !truthy(*v)) body(v, i + 1, n.b);
          i = n.b;
          break;
      }
    }
  }

  // A section's body once, with `top` pushed when it is not null.
  void body(const json* top, std::size_t from, std::size_t to) {
    section_on_line_ = true;
    if (top) stack_.push_back(top);
    nodes(from, to);
    if (top) stack_.pop_back();
    section_on_line_ = true;
  }

  static bool truthy(const json& v) {
    switch (v.type()) {
      case json::value_t::null:
      case json::value_t::discarded:
        return false;
      case json::value_t::boolean:
        return v.get<bool>();
      case json::value_t::string:
        return !v.get_ref<const std::string&>().empty();
      case json::value_t::array:
        return !v.empty();
      default:
        return true;
    }
  }

  static const json* member(const json* v, const std::string& key) {
    if (!v->is_object()) return nullptr;
    const auto& object = v->get_ref<const json::object_t&>();
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &it->second;
  }

  const json* lookup(const Name& name) const {
    if (name.dot) return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const json* v = *it;
      for (const std::string& part : name.parts)
        if (!(v = member(v, part))) break;
      if (v) return v;
    }
    return nullptr;
  }

  void print(const json& v, bool escaped) {
    switch (v.type()) {
      case json::value_t::string: {
        const auto& s = v.get_ref<const std::string&>();
        if (escaped)
          append_html_escaped(out_, s);
        else
          out_.append(s);
        return;
      }
      case json::value_t::number_integer:
        return integer(v.get<json::number_integer_t>());
      case json::value_t::number_unsigned:
        return integer(v.get<json::number_unsigned_t>());
      case json::value_t::number_float:
      case json::value_t::binary: {
        const std::string s = v.dump();
        if (escaped)
          append_html_escaped(out_, s);
        else
          out_.append(s);
        return;
      }
      default:
        return;  // null, booleans, objects and arrays print nothing
    }
  }

  template <typename Int>
  void integer(Int n) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
    out_.append(buffer, result.ptr);
  }

  const CompiledTemplate& t_;
  std::string& out_;
  std::vector<const json*> stack_;
  std::size_t line_start_ = 0;
  bool section_on_line_ = false;
};

std::string CompiledTemplate::render(const nlohmann::json& model) const {
  std::string out;
  const std::size_t hint = size_hint_.load(std::memory_order_relaxed);
  out.reserve(hint + hint / 16);
  Render(*this, out, max_depth_).run(model);
  if (out.size() != hint) size_hint_.store(out.size(), std::memory_order_relaxed);
  return out;
}

}  // namespace schakel::view
