#include "view/partials.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace schakel::view {

namespace {

using Blocks = std::map<std::string, std::string>;
constexpr auto npos = std::string::npos;
constexpr int max_depth = 8;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string trim(const std::string& s) {
  auto begin = std::find_if_not(s.begin(), s.end(), is_space);
  auto end = std::find_if_not(s.rbegin(), s.rend(), is_space).base();
  return begin < end ? std::string(begin, end) : std::string();
}

bool is_name(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class Expander {
 public:
  Expander(const PartialSource& partials, const std::string& template_name)
      : partials_(partials), template_name_(template_name) {}

  // `text` with its partial calls replaced; `inherited` are the blocks a {{> name}}
  // inside a partial passes on.
  std::string expand(const std::string& text, const Blocks& inherited, int depth) const {
    std::string out;
    std::size_t pos = 0;
    while (true) {
      const std::size_t at = std::min(text.find("{{>", pos), text.find("{{<", pos));
      if (at == npos) return out.append(text, pos);
      out.append(text, pos, at - pos);
      const std::size_t end = tag_end(text, at);
      const std::string name = trim(text.substr(at + 3, end - at - 3));
      if (depth >= max_depth) fail("partials nest more than 8 deep at " + name);
      if (text[at + 2] == '>') {
        out += expand(fill(source(name), inherited), inherited, depth + 1);
        pos = end + 2;
      } else {
        const std::size_t close = find_close(text, end + 2, name);
        const Blocks blocks = blocks_of(text.substr(end + 2, close - end - 2), name);
        std::set<std::string> uses;
        collect_uses(name, uses, depth);
        for (const auto& [block, value] : blocks)
          if (!uses.count(block)) fail("partial " + name + " has no block " + block);
        out += expand(fill(source(name), blocks), blocks, depth + 1);
        pos = close + name.size() + 5;  // past {{/name}}
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("template " + template_name_ + ": " + what);
  }

  std::string source(const std::string& name) const {
    auto text = partials_(name);
    if (!text) fail("unknown partial " + name);
    // The leading comment documents the partial; it and the final newline are not
    // part of what is included.
    if (text->rfind("{{!", 0) == 0) {
      const std::size_t end = tag_end(*text, 0);
      text->erase(0, text->size() > end + 2 && (*text)[end + 2] == '\n' ? end + 3 : end + 2);
    }
    if (!text->empty() && text->back() == '\n') text->pop_back();
    return *text;
  }

  // The position of the "}}" that ends the tag starting at `at`.
  std::size_t tag_end(const std::string& text, std::size_t at) const {
    const std::size_t end = text.find("}}", at);
    if (end == npos) fail("a tag is not closed: " + text.substr(at, 40));
    return end;
  }

  // The position of the {{/name}} that closes a tag opened before `from`, past
  // nested sections and blocks of the same name.
  std::size_t find_close(const std::string& text, std::size_t from, const std::string& name) const {
    const std::string close = "{{/" + name + "}}";
    int depth = 1;
    for (std::size_t pos = from;;) {
      const std::size_t c = text.find(close, pos);
      if (c == npos) fail("{{" + name + "}} is not closed");
      for (const char* sigil : {"#", "^", "$", "<"}) {
        const std::string open = "{{" + std::string(sigil) + name + "}}";
        for (std::size_t o = text.find(open, pos); o != npos && o < c; o = text.find(open, o + 1))
          ++depth;
      }
      if (--depth == 0) return c;
      pos = c + close.size();
    }
  }

  // The blocks between {{<partial}} and {{/partial}}, values trimmed.
  Blocks blocks_of(const std::string& body, const std::string& partial) const {
    Blocks blocks;
    for (std::size_t pos = 0;;) {
      const std::size_t at = body.find("{{$", pos);
      if (!trim(body.substr(pos, at == npos ? npos : at - pos)).empty())
        fail("only blocks may stand inside {{<" + partial + "}}");
      if (at == npos) return blocks;
      const std::size_t end = tag_end(body, at);
      const std::string name = body.substr(at + 3, end - at - 3);
      if (!is_name(name)) fail("bad block name in {{<" + partial + "}}: " + name);
      const std::size_t close = find_close(body, end + 2, name);
      blocks[name] = trim(body.substr(end + 2, close - end - 2));
      pos = close + name.size() + 5;
    }
  }

  // The block names partial `name` uses, with those of the partials it includes.
  void collect_uses(const std::string& name, std::set<std::string>& uses, int depth) const {
    if (depth >= max_depth) fail("partials nest more than 8 deep at " + name);
    const std::string text = source(name);
    for (const std::string open : {"{{$", "{{#$", "{{^$"})
      for (std::size_t at = text.find(open); at != npos; at = text.find(open, at + 1))
        uses.insert(text.substr(at + open.size(), tag_end(text, at) - at - open.size()));
    for (std::size_t at = text.find("{{>"); at != npos; at = text.find("{{>", at + 1))
      collect_uses(trim(text.substr(at + 3, tag_end(text, at) - at - 3)), uses, depth + 1);
  }

  // A partial's text with its conditionals decided and its block references filled.
  std::string fill(std::string text, const Blocks& blocks) const {
    const auto given = [&](const std::string& name) {
      auto it = blocks.find(name);
      return it != blocks.end() && !it->second.empty();
    };
    for (std::size_t pos = 0;;) {
      const std::size_t at = std::min(text.find("{{#$", pos), text.find("{{^$", pos));
      if (at == npos) break;
      const std::size_t end = tag_end(text, at);
      const std::string name = text.substr(at + 4, end - at - 4);
      if (!is_name(name)) fail("bad block name in a partial: " + name);
      const std::size_t close = find_close(text, end + 2, "$" + name);
      const bool keep = (text[at + 2] == '#') == given(name);
      const std::string inner = keep ? text.substr(end + 2, close - end - 2) : std::string();
      text.replace(at, close + name.size() + 6 - at, inner);
      pos = at;  // the kept text may hold more conditionals
    }
    for (std::size_t pos = 0;;) {
      const std::size_t at = text.find("{{$", pos);
      if (at == npos) break;
      const std::size_t end = tag_end(text, at);
      const std::string name = text.substr(at + 3, end - at - 3);
      if (!is_name(name)) fail("bad block name in a partial: " + name);
      auto it = blocks.find(name);
      const std::string value = it == blocks.end() ? std::string() : it->second;
      text.replace(at, end + 2 - at, value);
      pos = at + value.size();
    }
    return text;
  }

  const PartialSource& partials_;
  const std::string& template_name_;
};

}  // namespace

std::string expand_partials(const std::string& text, const PartialSource& partials,
                            const std::string& template_name) {
  return Expander(partials, template_name).expand(text, {}, 0);
}

}  // namespace schakel::view
