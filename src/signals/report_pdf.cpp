#include "signals/report_pdf.hpp"

#include "signals/public_model.hpp"
#include "view/pdf.hpp"

namespace schakel::signals {

namespace {

constexpr double page_width = 595.28, page_height = 841.89;  // A4 in points
constexpr double margin = 56, footer_space = 40;

using view::layout_height;
using view::text_layout;

// Writes blocks of text down the pages, starting a new page when a block does
// not fit, and puts the date and the page number at the foot of each page.
class Pages {
 public:
  Pages(cairo_t* cr, std::string date, int total)
      : cr_(cr), date_(std::move(date)), total_(total) {}

  void text(const std::string& text, const char* font, double gap_after = 4, double indent = 0) {
    view::PangoLayoutPtr layout = text_layout(cr_, text, font, page_width - 2 * margin - indent);
    const double h = layout_height(layout.get());
    room_for(h);
    cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
    cairo_move_to(cr_, margin + indent, y_);
    pango_cairo_show_layout(cr_, layout.get());
    y_ += h + gap_after;
  }
  // A bar of `percent` (0..100) with the figure written after it.
  void bar(int percent, double indent = 0) {
    const double width = 200, height = 10;
    room_for(height + 6);
    cairo_set_source_rgb(cr_, 0.85, 0.88, 0.9);
    cairo_rectangle(cr_, margin + indent, y_ + 2, width, height);
    cairo_fill(cr_);
    cairo_set_source_rgb(cr_, 0.16, 0.32, 0.45);
    cairo_rectangle(cr_, margin + indent, y_ + 2, width * percent / 100.0, height);
    cairo_fill(cr_);
    y_ += height + 8;
  }
  void space(double points) { y_ += points; }
  // Finishes the last page; returns the number of pages.
  int finish() {
    footer();
    cairo_show_page(cr_);
    return page_;
  }

 private:
  void room_for(double h) {
    if (y_ + h <= page_height - margin - footer_space || y_ == margin) return;
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = margin;
  }
  void footer() {
    const double y = page_height - margin;
    const double width = page_width - 2 * margin;
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    view::PangoLayoutPtr left = text_layout(cr_, "Schakel · " + date_, "DejaVu Sans 9", width);
    cairo_move_to(cr_, margin, y);
    pango_cairo_show_layout(cr_, left.get());
    const std::string number = "Pagina " + std::to_string(page_) +
                               (total_ > 0 ? " van " + std::to_string(total_) : std::string());
    view::PangoLayoutPtr right =
        text_layout(cr_, number, "DejaVu Sans 9", width, PANGO_ALIGN_RIGHT);
    cairo_move_to(cr_, margin, y);
    pango_cairo_show_layout(cr_, right.get());
  }

  cairo_t* cr_;
  std::string date_;
  int total_ = 0;
  int page_ = 1;
  double y_ = margin;
};

std::string yes_no(bool b) { return b ? "ja" : "nee"; }

// One action: title, figures, needs, milestones, outputs, indicators.
void write_action(Pages& pages, const GoalView& view, const Action& a, double indent) {
  const nlohmann::json m = action_model(a, view.progress, view.data, view.today);
  pages.text(m["title"].get<std::string>(),
             indent > 0 ? "DejaVu Sans Bold 11" : "DejaVu Sans Bold 13", 2, indent);
  std::string facts = "Voortgang: " + std::to_string(m["progress"].get<int>()) +
                      "% · Stand: " + m["standing_label"].get<std::string>() +
                      " · Status: " + m["status_label"].get<std::string>();
  pages.text(facts, "DejaVu Sans 10", 2, indent);
  pages.bar(m["progress"].get<int>(), indent);
  std::string dates = "Van " + m["starts_on"].get<std::string>();
  if (!m["ends_on"].get<std::string>().empty()) dates += " tot " + m["ends_on"].get<std::string>();
  pages.text(dates + " · Publiek: " + yes_no(a.is_public), "DejaVu Sans 10", 2, indent);
  if (!a.description.empty()) pages.text(a.description, "DejaVu Sans 10", 2, indent);
  const auto needs = needs_of(view.data, a);
  if (!needs.empty()) {
    std::string line = "Beantwoordt: ";
    for (std::size_t i = 0; i < needs.size(); ++i) line += (i ? "; " : "") + needs[i].title;
    pages.text(line, "DejaVu Sans 10", 2, indent);
  }
  for (const auto& ms : m["milestones"])
    pages.text("Mijlpaal: " + ms["title"].get<std::string>() + " (tegen " +
                   ms["due_on"].get<std::string>() +
                   (ms["done"].get<bool>() ? ", bereikt op " + ms["done_on"].get<std::string>()
                                           : std::string(", nog niet bereikt")) +
                   ")",
               "DejaVu Sans 10", 2, indent);
  for (const auto& o : m["outputs"])
    pages.text("Resultaat: " + o["label"].get<std::string>() +
                   (o.contains("href") ? " (" + o["href"].get<std::string>() + ")" : std::string()),
               "DejaVu Sans 10", 2, indent);
  for (const auto& i : m["indicators"])
    pages.text("Indicator: " + i["name"].get<std::string>() + ": " + i["value"].get<std::string>(),
               "DejaVu Sans 10", 2, indent);
  pages.space(8);
}

// Writes the whole report; returns the number of pages.
int write_report(cairo_t* cr, const GoalView& view, const std::string& date, int total) {
  Pages pages(cr, date, total);
  pages.text("Schakel – rapport per doelstelling", "DejaVu Sans 10", 6);
  pages.text("Doelstelling " + std::to_string(view.goal.number) + ": " + view.goal.title,
             "DejaVu Sans Bold 20", 6);
  pages.text("Opgemaakt op " + date, "DejaVu Sans 10", 10);
  if (!view.goal.description.empty()) pages.text(view.goal.description, "DejaVu Sans 11", 12);
  pages.text("Voortgang", "DejaVu Sans Bold 15", 4);
  const RollUp& r = view.actions.roll_up;
  pages.text("Gemiddelde voortgang: " + std::to_string(r.progress) + "% over " +
                 std::to_string(r.actions) + (r.actions == 1 ? " actie" : " acties") +
                 " (een deelactie telt mee in haar actie).",
             "DejaVu Sans 11", 2);
  pages.bar(r.progress);
  pages.space(8);
  pages.text("Acties", "DejaVu Sans Bold 15", 6);
  if (view.actions.top.empty())
    pages.text("Er zijn nog geen acties voor deze doelstelling.", "DejaVu Sans 11");
  for (const Action& a : view.actions.top) {
    write_action(pages, view, a, 0);
    if (const auto parts = view.actions.parts.find(a.id); parts != view.actions.parts.end()) {
      pages.text("Deelacties van " + a.title + ":", "DejaVu Sans Oblique 10", 4, 18);
      for (const Action& part : parts->second) write_action(pages, view, part, 18);
    }
  }
  return pages.finish();
}

int render(std::string* out, const GoalView& goal, const std::string& date, int total) {
  const std::string title =
      "Rapport doelstelling " + std::to_string(goal.goal.number) + " – " + goal.goal.title;
  int pages = 0;
  *out = view::render_pdf(page_width, page_height,
                          {title, "Schakel", "Schakel (signalen en acties)", ""},
                          [&](cairo_t* cr) { pages = write_report(cr, goal, date, total); });
  return pages;
}

}  // namespace

std::string render_goal_report_pdf(const GoalView& view, const std::string& date_text) {
  // Once to count the pages, once to write "Pagina X van N".
  std::string scratch, pdf;
  const int total = render(&scratch, view, date_text, 0);
  render(&pdf, view, date_text, total);
  return pdf;
}

}  // namespace schakel::signals
