#include "view/charts.hpp"

#include <algorithm>
#include <cstdio>

#include "view/escape.hpp"

namespace schakel::view {

namespace {

// Text in the SVG is XML: the platform's one XML escaping (also of feeds).
std::string escape(const std::string& s) { return xml_escape(s); }

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

// Chart geometry in viewBox units. The drawing is narrow (340 units) so that on
// a 320 px phone it shrinks little and its 16-unit text stays readable (about
// 13 px); labels
// never get cut: short ones stand left of their bar, long ones are wrapped into
// lines above it.
constexpr double width = 340;
constexpr double font = 16;
constexpr double line = 20;  // height of one line of text
constexpr double bar_height = 18;
constexpr double gap = 10;  // space below each row
constexpr double char_width =
    10;  // generous average width of a character at 16 units (DejaVu Sans is wide)
constexpr std::size_t wrap_chars = 30;        // a line of label text above a bar
constexpr std::size_t left_label_chars = 12;  // longer labels go above the bar

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// Room for the value text after a bar: its longest label, plus a margin.
double value_room(const std::vector<std::string>& labels) {
  std::size_t longest = 0;
  for (const auto& l : labels) longest = std::max(longest, characters(l));
  return std::min(width / 2, static_cast<double>(longest) * char_width + 8);
}

double bar_length(double value, double max, double space) {
  return std::clamp(value / max, 0.0, 1.0) * space;
}

// A <text> of several lines (one <tspan> per line), the first baseline at y.
std::string text_lines(double x, double y, const std::vector<std::string>& lines,
                       const std::string& css_class) {
  std::string out = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" class=\"" + css_class + "\">";
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += "<tspan x=\"" + num(x) + "\"" + (i ? " dy=\"" + num(line) + "\"" : std::string()) + ">" +
           escape(lines[i]) + "</tspan>";
  return out + "</text>";
}

std::string open_svg(const std::string& id_hint, double height, const std::string& title,
                     const std::string& desc) {
  const std::string id = "grafiek-" + id_hint;
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + num(width) +
         " " + num(height) + "\" font-size=\"" + num(font) + "\" role=\"img\" aria-labelledby=\"" +
         id + "-titel " + id + "-uitleg\"><title id=\"" + id + "-titel\">" + escape(title) +
         "</title><desc id=\"" + id + "-uitleg\">" + escape(desc) + "</desc>";
}

// A stable id from the title (ids must be unique on a page with several charts).
std::string id_of(const std::string& title) {
  unsigned long h = 5381;
  for (unsigned char c : title) h = h * 33 + c;
  return std::to_string(h % 1000000007UL);
}

}  // namespace

std::vector<std::string> wrap_label(const std::string& text, std::size_t max_chars) {
  if (max_chars == 0) max_chars = 1;
  // Words, split on spaces; a word longer than a line is broken between characters.
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else {
      if (characters(word) == max_chars) flush();
      word += text.substr(i, len);
    }
    i += len;
  }
  flush();
  std::vector<std::string> lines;
  std::string current;
  for (const auto& w : words) {
    if (current.empty()) {
      current = w;
    } else if (characters(current) + 1 + characters(w) <= max_chars) {
      current += " " + w;
    } else {
      lines.push_back(current);
      current = w;
    }
  }
  if (!current.empty()) lines.push_back(current);
  return lines;
}

std::string bar_chart_svg(const std::string& title, const std::vector<Bar>& bars, double max) {
  if (max <= 0) max = 1;
  std::string desc;
  std::vector<std::string> values;
  std::size_t longest_label = 0;
  for (const auto& b : bars) {
    if (!desc.empty()) desc += "; ";
    desc += b.label + ": " + b.value_label;
    values.push_back(b.value_label);
    longest_label = std::max(longest_label, characters(b.label));
  }
  // Short labels (scores, years) stand left of the bars; long ones above them.
  const bool labels_left = longest_label <= left_label_chars;
  const double label_column = labels_left ? static_cast<double>(longest_label) * char_width + 8 : 0;
  const double space = std::max(60.0, width - label_column - value_room(values));
  std::string body;
  double y = 4;
  for (const auto& b : bars) {
    const double len = bar_length(b.value, max, space);
    if (labels_left) {
      body += "<text x=\"" + num(label_column - 8) + "\" y=\"" + num(y + 14) +
              "\" text-anchor=\"end\" class=\"chart-label\">" + escape(b.label) + "</text>";
    } else {
      const auto lines = wrap_label(b.label, wrap_chars);
      body += text_lines(0, y + 14, lines, "chart-label");
      y += static_cast<double>(lines.size()) * line;
    }
    body += "<rect x=\"" + num(label_column) + "\" y=\"" + num(y + 1) + "\" width=\"" + num(len) +
            "\" height=\"" + num(bar_height) + "\" class=\"chart-bar\" fill=\"#0a5e63\"/>";
    body += "<text x=\"" + num(label_column + len + 6) + "\" y=\"" + num(y + 15) +
            "\" class=\"chart-value\">" + escape(b.value_label) + "</text>";
    y += bar_height + gap;
  }
  const double height = std::max(y + 4, 2 * line);
  return open_svg(id_of(title), height, title, desc) + body + "</svg>";
}

std::string before_after_svg(const std::string& title, const std::vector<BeforeAfter>& rows,
                             double max) {
  if (max <= 0) max = 1;
  const std::string none = "geen gegevens";
  std::string desc;
  std::vector<std::string> values = {none};
  for (const auto& r : rows) {
    if (!desc.empty()) desc += "; ";
    desc += r.label + ": vooraf " + (r.before ? r.before_label : none) + ", achteraf " +
            (r.after ? r.after_label : none);
    values.push_back(r.before_label);
    values.push_back(r.after_label);
  }
  const std::string id = id_of(title);
  const double label_column = 8 * char_width + 8;  // "Achteraf"
  const double space = std::max(60.0, width - label_column - value_room(values));
  std::string body;
  // The "before" bars are hatched, so the two differ in shape as well as colour.
  body += "<defs><pattern id=\"arcering-" + id +
          "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#555555\" stroke-width=\"3\"/>"
          "</pattern></defs>";
  double y = 4;
  for (const auto& r : rows) {
    // The question in full, wrapped over as many lines as it needs.
    const auto lines = wrap_label(r.label, wrap_chars);
    body += text_lines(0, y + 14, lines, "chart-question");
    y += static_cast<double>(lines.size()) * line + 2;
    for (int phase = 0; phase < 2; ++phase) {
      const auto& value = phase == 0 ? r.before : r.after;
      const std::string word = phase == 0 ? "Vooraf" : "Achteraf";
      const double len = value ? bar_length(*value, max, space) : 0;
      body += "<text x=\"" + num(label_column - 8) + "\" y=\"" + num(y + 15) +
              "\" text-anchor=\"end\" class=\"chart-label\">" + word + "</text>";
      if (value)
        body += "<rect x=\"" + num(label_column) + "\" y=\"" + num(y + 1) + "\" width=\"" +
                num(len) + "\" height=\"" + num(bar_height) + "\" stroke=\"#333333\" fill=\"" +
                (phase == 0 ? "url(#arcering-" + id + ")" : std::string("#0a5e63")) + "\"/>";
      body += "<text x=\"" + num(label_column + len + 6) + "\" y=\"" + num(y + 15) +
              "\" class=\"chart-value\">" +
              escape(value ? (phase == 0 ? r.before_label : r.after_label) : none) + "</text>";
      y += bar_height + 6;
    }
    y += gap;
  }
  const double height = std::max(y + 4, 2 * line);
  return open_svg(id, height, title, desc) + body + "</svg>";
}

}  // namespace schakel::view
