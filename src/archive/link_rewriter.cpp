#include "archive/link_rewriter.hpp"

#include <cctype>

#include "view/escape.hpp"
#include "web/form.hpp"

namespace schakel::archive {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == ':';
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One attribute of a scanned tag: where its value lies in the input.
struct ScannedAttribute {
  std::string name;
  std::string value;            // decoded
  std::size_t value_begin = 0;  // first byte of the raw value (inside quotes)
  std::size_t value_end = 0;    // one past its last byte
  bool has_value = false;
};

struct ScannedTag {
  HtmlTag tag;
  std::vector<ScannedAttribute> attributes;
  std::size_t begin = 0;  // the '<'
  std::size_t end = 0;    // one past the '>'
};

// Scans the start tag at html[at] == '<' followed by a letter; nullopt when it
// does not close.
std::optional<ScannedTag> scan_tag(std::string_view html, std::size_t at) {
  ScannedTag out;
  out.begin = at;
  std::size_t i = at + 1;
  const std::size_t name_begin = i;
  while (i < html.size() && is_name_char(html[i])) ++i;
  out.tag.name = lower(html.substr(name_begin, i - name_begin));
  while (i < html.size()) {
    while (i < html.size() && (is_space(html[i]) || html[i] == '/')) ++i;
    if (i >= html.size()) return std::nullopt;
    if (html[i] == '>') {
      out.end = i + 1;
      for (const auto& a : out.attributes) out.tag.attributes.emplace_back(a.name, a.value);
      return out;
    }
    ScannedAttribute attr;
    const std::size_t attr_begin = i;
    while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>' &&
           html[i] != '/')
      ++i;
    if (i == attr_begin) ++i;  // a stray character: step over it
    attr.name = lower(html.substr(attr_begin, i - attr_begin));
    while (i < html.size() && is_space(html[i])) ++i;
    if (i < html.size() && html[i] == '=') {
      ++i;
      while (i < html.size() && is_space(html[i])) ++i;
      if (i >= html.size()) return std::nullopt;
      attr.has_value = true;
      if (html[i] == '"' || html[i] == '\'') {
        const char quote = html[i++];
        const auto close = html.find(quote, i);
        if (close == std::string_view::npos) return std::nullopt;
        attr.value_begin = i;
        attr.value_end = close;
        i = close + 1;
      } else {
        attr.value_begin = i;
        while (i < html.size() && !is_space(html[i]) && html[i] != '>') ++i;
        attr.value_end = i;
      }
      attr.value = decode_character_references(
          html.substr(attr.value_begin, attr.value_end - attr.value_begin));
    }
    out.attributes.push_back(std::move(attr));
  }
  return std::nullopt;
}

// Elements whose content is dropped with their start tag.
bool drops_content(std::string_view tag) {
  return tag == "form" || tag == "script" || tag == "a" || tag == "iframe" || tag == "audio" ||
         tag == "video";
}

// Where the raw text of a script or style element that starts at `from` ends
// (the '<' of its end tag), or html.size().
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view tag) {
  const std::string close = "</" + std::string(tag);
  for (std::size_t i = from; i < html.size(); ++i) {
    if (html[i] == '<' && lower(html.substr(i, close.size())) == close) return i;
  }
  return html.size();
}

// One past the end tag of `tag` from `from` (elements of one kind do not nest in
// the templates that matter here), or html.size().
std::size_t element_end(std::string_view html, std::size_t from, std::string_view tag) {
  const std::size_t at = raw_text_end(html, from, tag);
  if (at >= html.size()) return html.size();
  const auto gt = html.find('>', at);
  return gt == std::string_view::npos ? html.size() : gt + 1;
}

// Walks `html`, calling `on_tag` for every start tag; `on_tag` returns where to
// go on. Text, comments and raw text go to `on_text`.
template <class OnText, class OnTag>
void walk(std::string_view html, OnText on_text, OnTag on_tag) {
  std::size_t i = 0;
  while (i < html.size()) {
    const auto lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    if (html.substr(lt, 4) == "<!--") {
      const auto close = html.find("-->", lt + 4);
      const std::size_t end = close == std::string_view::npos ? html.size() : close + 3;
      on_text(i, end);
      i = end;
      continue;
    }
    if (lt + 1 >= html.size() || std::isalpha(static_cast<unsigned char>(html[lt + 1])) == 0) {
      on_text(i, lt + 1);
      i = lt + 1;
      continue;
    }
    auto tag = scan_tag(html, lt);
    if (!tag) break;
    on_text(i, lt);
    i = on_tag(*tag);
    if ((tag->tag.name == "script" || tag->tag.name == "style") && i == tag->end) {
      const auto end = raw_text_end(html, i, tag->tag.name);
      on_text(i, end);
      i = end;
    }
  }
  on_text(i, html.size());
}

// The first URL attribute of `t` that has a value, or nullptr.
const ScannedAttribute* url_value(const ScannedTag& t) {
  const auto attr = url_attribute(t.tag.name);
  if (attr.empty()) return nullptr;
  for (const auto& a : t.attributes)
    if (a.name == attr) return a.has_value ? &a : nullptr;
  return nullptr;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const auto slash = path.find('/', i);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(i, end - i));
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  return out;
}

}  // namespace

std::string decode_character_references(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> references[] = {
      {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}, {"&lt;", "<"},
      {"&gt;", ">"},  {"&#x2F;", "/"},  {"&#47;", "/"}, {"&nbsp;", " "}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    if (s[i] == '&') {
      for (const auto& [reference, text] : references) {
        if (s.substr(i, reference.size()) == reference) {
          out += text;
          i += reference.size();
          done = true;
          break;
        }
      }
    }
    if (!done) out.push_back(s[i++]);
  }
  return out;
}

std::optional<std::string> HtmlTag::attribute(std::string_view name) const {
  for (const auto& [n, v] : attributes)
    if (n == name) return v;
  return std::nullopt;
}

std::string_view url_attribute(std::string_view tag) {
  if (tag == "a" || tag == "link" || tag == "area") return "href";
  if (tag == "script" || tag == "img" || tag == "source" || tag == "iframe" || tag == "audio" ||
      tag == "video")
    return "src";
  if (tag == "form") return "action";
  return "";
}

std::vector<HtmlTag> url_tags(std::string_view html) {
  std::vector<HtmlTag> out;
  walk(
      html, [](std::size_t, std::size_t) {},
      [&](const ScannedTag& t) {
        if (const auto* value = url_value(t)) {
          out.push_back(t.tag);
          out.back().url = value->value;
        }
        return t.end;
      });
  return out;
}

std::vector<std::string> html_links(std::string_view html) {
  std::vector<std::string> out;
  for (auto& tag : url_tags(html)) out.push_back(std::move(tag.url));
  return out;
}

std::string rewrite_links(std::string_view html, const LinkMapper& map) {
  std::string out;
  out.reserve(html.size());
  walk(
      html, [&](std::size_t from, std::size_t to) { out.append(html.substr(from, to - from)); },
      [&](const ScannedTag& t) -> std::size_t {
        const ScannedAttribute* found = url_value(t);
        if (!found) {
          out.append(html.substr(t.begin, t.end - t.begin));
          return t.end;
        }
        const LinkAction action = map(t.tag, found->value);
        switch (action.kind) {
          case LinkAction::Kind::keep:
            out.append(html.substr(t.begin, t.end - t.begin));
            return t.end;
          case LinkAction::Kind::replace:
            out.append(html.substr(t.begin, found->value_begin - t.begin));
            out += view::xml_escape(action.url);
            out.append(html.substr(found->value_end, t.end - found->value_end));
            return t.end;
          case LinkAction::Kind::drop:
            break;
        }
        if (drops_content(t.tag.name)) return element_end(html, t.end, t.tag.name);
        return t.end;
      });
  return out;
}

UrlParts split_url(std::string_view url) {
  UrlParts out;
  const auto hash = url.find('#');
  if (hash != std::string_view::npos) {
    out.fragment = std::string(url.substr(hash + 1));
    url = url.substr(0, hash);
  }
  const auto q = url.find('?');
  if (q != std::string_view::npos) {
    out.query = std::string(url.substr(q + 1));
    url = url.substr(0, q);
  }
  out.path = std::string(url);
  return out;
}

bool is_site_path(std::string_view url) {
  return url.size() >= 1 && url[0] == '/' && (url.size() == 1 || url[1] != '/');
}

std::optional<std::string> archive_file(std::string_view path, bool html) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  if (path == "/") return html ? std::optional<std::string>("index.html") : std::nullopt;
  std::string_view rest = path.substr(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string out;
  for (auto seg : segments(rest)) {
    if (seg.empty() || seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos ||
        seg.find('\0') != std::string_view::npos)
      return std::nullopt;
    if (!out.empty()) out.push_back('/');
    out.append(seg);
  }
  if (html) out += "/index.html";
  return out;
}

std::string relative_url(std::string_view from, std::string_view to) {
  auto a = segments(from);
  auto b = segments(to);
  a.pop_back();  // the folder of `from`
  std::size_t common = 0;
  while (common < a.size() && common + 1 < b.size() && a[common] == b[common]) ++common;
  std::string out;
  for (std::size_t i = common; i < a.size(); ++i) out += "../";
  for (std::size_t i = common; i < b.size(); ++i) {
    out += web::percent_encode(b[i]);
    if (i + 1 < b.size()) out.push_back('/');
  }
  return out;
}

}  // namespace schakel::archive
