#pragma once
// Accessible SVG charts for reports: role="img" with a <title> and a <desc> that
// holds every number, each bar labelled with its value (readable without colour
// and in greyscale), sized by viewBox so they scale with their container.
// Callers always show a table with the same numbers next to a chart.
#include <optional>
#include <string>
#include <vector>

namespace schakel::view {

struct Bar {
  std::string label;        // e.g. "4" or "Signalen herkennen"
  double value = 0;         // the length of the bar, 0..max
  std::string value_label;  // what is written at the bar's end, e.g. "12 (40%)"
};

// `text` broken into lines of at most `max_chars` characters (UTF-8 characters,
// not bytes), at spaces; a word longer than a line is broken inside. Nothing is
// dropped: joining the lines with spaces gives back the words of `text`.
std::vector<std::string> wrap_label(const std::string& text, std::size_t max_chars);

// A horizontal bar chart: one row per bar, bars scaled to `max` (values above it
// are drawn at full length). Short labels stand left of their bar, long ones are
// wrapped over lines above it, never cut. `title` is the accessible name; text
// is escaped here. Requires: max > 0.
std::string bar_chart_svg(const std::string& title, const std::vector<Bar>& bars, double max);

struct BeforeAfter {
  std::string label;  // the question
  std::optional<double> before;
  std::optional<double> after;
  std::string before_label;  // formatted numbers written beside the bars
  std::string after_label;
};

// Per question two bars, "Vooraf" (hatched) and "Achteraf" (solid), on a scale
// 0..max, each bar labelled with its word and value so colour is not needed.
// The question is written in full, wrapped over lines above its bars.
// A missing value is written as "geen gegevens". Requires: max > 0.
std::string before_after_svg(const std::string& title, const std::vector<BeforeAfter>& rows,
                             double max);

}  // namespace schakel::view
