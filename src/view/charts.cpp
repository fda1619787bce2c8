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

// Chart geometry in viewBox units: labels on the left, bars, value text after.
constexpr double width = 640;
constexpr double label_width = 220;
constexpr double bar_space = 320;
constexpr double row_height = 28;

double bar_length(double value, double max) {
  return std::clamp(value / max, 0.0, 1.0) * bar_space;
}

// A long label is cut for the drawing; the full text is in <desc> and the table.
std::string short_label(const std::string& label, std::size_t limit = 34) {
  if (label.size() <= limit) return label;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
  return label.substr(0, cut) + "…";
}

std::string open_svg(const std::string& id_hint, double height, const std::string& title,
                     const std::string& desc) {
  const std::string id = "grafiek-" + id_hint;
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + num(width) +
         " " + num(height) + "\" font-size=\"13\" role=\"img\" aria-labelledby=\"" + id +
         "-titel " + id + "-uitleg\"><title id=\"" + id + "-titel\">" + escape(title) +
         "</title><desc id=\"" + id + "-uitleg\">" + escape(desc) + "</desc>";
}

// A stable id from the title (ids must be unique on a page with several charts).
std::string id_of(const std::string& title) {
  unsigned long h = 5381;
  for (unsigned char c : title) h = h * 33 + c;
  return std::to_string(h % 1000000007UL);
}

}  // namespace

std::string bar_chart_svg(const std::string& title, const std::vector<Bar>& bars, double max) {
  if (max <= 0) max = 1;
  std::string desc;
  for (const auto& b : bars) {
    if (!desc.empty()) desc += "; ";
    desc += b.label + ": " + b.value_label;
  }
  const double height = std::max(1.0, static_cast<double>(bars.size())) * row_height + 8;
  std::string svg = open_svg(id_of(title), height, title, desc);
  double y = 4;
  for (const auto& b : bars) {
    const double len = bar_length(b.value, max);
    svg += "<text x=\"" + num(label_width - 8) + "\" y=\"" + num(y + 18) +
           "\" text-anchor=\"end\" class=\"chart-label\">" + escape(short_label(b.label)) +
           "</text>";
    svg += "<rect x=\"" + num(label_width) + "\" y=\"" + num(y + 4) + "\" width=\"" + num(len) +
           "\" height=\"" + num(row_height - 8) + "\" class=\"chart-bar\" fill=\"#0a5e63\"/>";
    svg += "<text x=\"" + num(label_width + len + 6) + "\" y=\"" + num(y + 18) +
           "\" class=\"chart-value\">" + escape(b.value_label) + "</text>";
    y += row_height;
  }
  svg += "</svg>";
  return svg;
}

std::string before_after_svg(const std::string& title, const std::vector<BeforeAfter>& rows,
                             double max) {
  if (max <= 0) max = 1;
  const std::string none = "geen gegevens";
  std::string desc;
  for (const auto& r : rows) {
    if (!desc.empty()) desc += "; ";
    desc += r.label + ": vooraf " + (r.before ? r.before_label : none) + ", achteraf " +
            (r.after ? r.after_label : none);
  }
  const std::string id = id_of(title);
  const double group = 3 * row_height;  // question, before, after
  const double height = std::max(1.0, static_cast<double>(rows.size())) * group + 8;
  std::string svg = open_svg(id, height, title, desc);
  // The "before" bars are hatched, so the two differ in shape as well as colour.
  svg += "<defs><pattern id=\"arcering-" + id +
         "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#555555\" stroke-width=\"3\"/>"
         "</pattern></defs>";
  double y = 4;
  for (const auto& r : rows) {
    svg += "<text x=\"0\" y=\"" + num(y + 18) + "\" class=\"chart-question\">" +
           escape(short_label(r.label, 86)) + "</text>";
    y += row_height;
    for (int phase = 0; phase < 2; ++phase) {
      const auto& value = phase == 0 ? r.before : r.after;
      const std::string word = phase == 0 ? "Vooraf" : "Achteraf";
      const double len = value ? bar_length(*value, max) : 0;
      svg += "<text x=\"" + num(label_width - 8) + "\" y=\"" + num(y + 18) +
             "\" text-anchor=\"end\" class=\"chart-label\">" + word + "</text>";
      if (value)
        svg += "<rect x=\"" + num(label_width) + "\" y=\"" + num(y + 4) + "\" width=\"" + num(len) +
               "\" height=\"" + num(row_height - 8) + "\" stroke=\"#333333\" fill=\"" +
               (phase == 0 ? "url(#arcering-" + id + ")" : std::string("#0a5e63")) + "\"/>";
      svg += "<text x=\"" + num(label_width + len + 6) + "\" y=\"" + num(y + 18) +
             "\" class=\"chart-value\">" +
             escape(value ? (phase == 0 ? r.before_label : r.after_label) : none) + "</text>";
      y += row_height;
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace schakel::view
