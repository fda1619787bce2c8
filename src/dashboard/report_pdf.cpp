#include "dashboard/report_pdf.hpp"

#include <algorithm>

#include "view/pdf.hpp"

namespace schakel::dashboard {

namespace {

constexpr double page_width = 595.28, page_height = 841.89;  // A4 in points
constexpr double margin = 56, bar_width = 160, bar_height = 9;

// Draws text at the cursor and moves it down.
struct Cursor {
  cairo_t* cr;
  double y = margin;
  void text(const std::string& s, const char* font, double gap, double x = margin,
            double width = page_width - 2 * margin) {
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    y += view::draw_text(cr, s, font, x, y, width) + gap;
  }
};

void draw_goal(Cursor& c, const GoalFigures& g) {
  c.text("Doelstelling " + std::to_string(g.number) + ": " + g.title, "DejaVu Sans Bold 13", 2);
  c.text("Bron: " + g.source, "DejaVu Sans 9", 6);
  std::int64_t largest = 1;
  for (const Figure& f : g.figures)
    if (f.unit.empty()) largest = std::max(largest, f.value);
  for (const Figure& f : g.figures) {
    const double top = c.y;
    const double max = f.unit == "%" ? 100.0 : static_cast<double>(largest);
    const double share = std::clamp(static_cast<double>(f.value) / max, 0.0, 1.0);
    cairo_set_source_rgb(c.cr, 0.85, 0.88, 0.9);
    cairo_rectangle(c.cr, margin, top + 3, bar_width, bar_height);
    cairo_fill(c.cr);
    cairo_set_source_rgb(c.cr, 0.16, 0.32, 0.45);
    cairo_rectangle(c.cr, margin, top + 3, bar_width * share, bar_height);
    cairo_fill(c.cr);
    c.text(f.label + ": " + figure_text(f), "DejaVu Sans 10", 4, margin + bar_width + 10,
           page_width - 2 * margin - bar_width - 10);
  }
  c.y += 10;
}

}  // namespace

std::string figure_text(const Figure& f) { return std::to_string(f.value) + f.unit; }

std::string render_year_report_pdf(const YearReport& report, const std::string& date_text) {
  const std::string title = "Jaarverslag " + std::to_string(report.year);
  return view::render_pdf(
      page_width, page_height,
      {"Schakel – " + title, "", "Schakel", "De doelstellingen van het netwerk"}, [&](cairo_t* cr) {
        Cursor c{cr, margin};
        c.text("Schakel – " + title, "DejaVu Sans Bold 20", 4);
        c.text("Opgemaakt op " + date_text, "DejaVu Sans 10", 14);
        for (const GoalFigures& g : report.goals) draw_goal(c, g);
        cairo_show_page(cr);
      });
}

}  // namespace schakel::dashboard
