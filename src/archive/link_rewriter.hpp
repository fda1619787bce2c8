#pragma once
// The links of rendered pages, for the static archive: a small scanner of the
// HTML that Schakel's own templates write (not a general HTML parser), which
// finds the URL attributes of tags and rewrites or drops them, and the mapping
// between site paths and files of the archive.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace schakel::archive {

// One start tag as the scanner saw it: its lower-case name and its attributes
// (lower-case names, values with character references decoded).
struct HtmlTag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  // The URL the scanner read (its first URL attribute with a value, see
  // url_attribute); set by url_tags.
  std::string url;
  // The value of attribute `name`, or nullopt when the tag has none.
  std::optional<std::string> attribute(std::string_view name) const;
};

// `s` with the character references that the templates write (&amp; &quot;
// &#39; &#x27; &lt; &gt; &#x2F; &#47;, and &nbsp; as a space) decoded; any
// other '&' is kept as it is.
std::string decode_character_references(std::string_view s);

// The names of the attributes that hold a URL in `tag` ("href" of a, link and
// area; "src" of script, img, source, iframe, audio and video; "action" of form),
// or "" for a tag whose attributes hold none.
std::string_view url_attribute(std::string_view tag);

// Every tag of `html` whose URL attribute (see url_attribute) has a value, in
// document order. Comments are skipped; the content of script and style elements is not read.
std::vector<HtmlTag> url_tags(std::string_view html);

// Every URL (decoded) in the URL attributes of `html`, in document order.
// Comments are skipped; the content of script and style elements is not read.
std::vector<std::string> html_links(std::string_view html);

// What to do with a tag's URL.
struct LinkAction {
  enum class Kind {
    keep,     // leave the tag as it is
    replace,  // write `url` (escaped here) in place of the URL
    drop      // leave the element out: the tag, and for form, script, a, iframe,
              // audio and video also everything up to its end tag
  };
  Kind kind = Kind::keep;
  std::string url;
};

// Decides, for a tag with a URL attribute, what becomes of it.
using LinkMapper = std::function<LinkAction(const HtmlTag& tag, const std::string& url)>;

// `html` with every URL attribute passed through `map`. Bytes outside the
// changed attributes and dropped elements are copied unchanged. Malformed input
// (an unclosed tag or quote) is copied as it is from there on.
std::string rewrite_links(std::string_view html, const LinkMapper& map);

// A URL split into its path, query (without '?') and fragment (without '#').
struct UrlParts {
  std::string path;
  std::string query;
  std::string fragment;
};
UrlParts split_url(std::string_view url);

// True when `url` names a place on this site by an absolute path ("/kennisbank"):
// not a scheme (https:, mailto:, tel:), not "//host", not a bare "#fragment".
bool is_site_path(std::string_view url);

// The archive file of site path `path` (percent-decoded): an HTML page
// "/a/b" is "a/b/index.html" and "/" is "index.html"; any other file keeps its
// path ("/a/b.pdf" is "a/b.pdf"). nullopt when the path cannot be a file safely:
// empty, relative, with "." or ".." or empty segments, a backslash or a NUL.
std::optional<std::string> archive_file(std::string_view path, bool html);

// The relative URL from archive file `from` to archive file `to` (both as
// archive_file gives them), percent-encoded: from "a/b/index.html" to
// "c/index.html" is "../../c/index.html".
std::string relative_url(std::string_view from, std::string_view to);

}  // namespace schakel::archive
