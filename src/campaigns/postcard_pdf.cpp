#include "campaigns/postcard_pdf.hpp"

#include <memory>

#include "view/pdf.hpp"

namespace schakel::campaigns {

namespace {

constexpr double card_w = 297.64, card_h = 419.53;    // A6 in points
constexpr double sheet_w = 595.28, sheet_h = 841.89;  // A4
constexpr double bleed = 28.35;                       // 10 mm around a card with crop marks
constexpr double margin = 18;
constexpr double text_w = card_w - 2 * margin;
// The boxes the coordinator's texts must fit in (see overflowing_field).
constexpr double band_h = 118, title_max_h = band_h - 2 * margin + 6;
constexpr double call_y = band_h + 14, call_max_h = 78;
constexpr double tips_y = 52, tips_max_h = card_h - tips_y - 84;
constexpr const char* title_font = "DejaVu Sans Bold 19";
constexpr const char* call_font = "DejaVu Sans 10.5";
constexpr const char* tip_font = "DejaVu Sans 9.5";

using Layout = view::PangoLayoutPtr;
using view::draw_qr;
using view::draw_text;
using view::layout_height;
using view::text_layout;

// The tips as one text: a bullet before each, a blank half line between them.
std::string tips_text(const Postcard& p) {
  std::string out;
  for (const auto& tip : tip_lines(p.tips)) {
    if (!out.empty()) out += "\n";
    out += "• " + tip;
  }
  return out;
}

void theme_colour(cairo_t* cr, const std::string& theme) {
  if (theme == "partner_violence")
    cairo_set_source_rgb(cr, 0.0, 0.36, 0.40);
  else if (theme == "child_abuse")
    cairo_set_source_rgb(cr, 0.47, 0.17, 0.38);
  else
    cairo_set_source_rgb(cr, 0.16, 0.29, 0.52);
}

// The front of the card with its top-left corner at the current origin.
void draw_front(cairo_t* cr, const CardContent& card) {
  theme_colour(cr, card.postcard.theme);
  cairo_rectangle(cr, 0, 0, card_w, band_h);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  draw_text(cr, card.postcard.title, title_font, margin, margin, text_w);

  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  double y = call_y;
  draw_text(cr, card.postcard.call_to_action, call_font, margin, y, text_w);
  y += call_max_h + 4;
  theme_colour(cr, card.postcard.theme);
  y += draw_text(cr, "Bel 1712", "DejaVu Sans Bold 22", margin, y, text_w);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  y += draw_text(cr, "Gratis en anoniem. Ook chat en mail op 1712.be.", "DejaVu Sans 8.5", margin,
                 y, text_w);
  y += draw_text(cr, "1712 is geen noodnummer. Gevaar nu? Bel 101 (politie) of 112.",
                 "DejaVu Sans Bold 8.5", margin, y + 2, text_w);

  // The municipality's own help next to the QR code at the bottom.
  const double qr_side = 82, qr_x = card_w - margin - qr_side,
               qr_y = card_h - margin - qr_side - 10;
  draw_qr(cr, card.url, qr_x, qr_y, qr_side);
  draw_text(cr, "Scan voor hulp dichtbij", "DejaVu Sans 6.5", qr_x - 6, qr_y + qr_side + 2,
            qr_side + 12, PANGO_ALIGN_CENTER);
  const double left_w = qr_x - margin - 10;
  double ly = qr_y;
  ly += draw_text(cr, "Hulp in " + card.municipality, "DejaVu Sans Bold 9", margin, ly, left_w) + 2;
  for (const auto& line : card.help_lines) {
    ly += draw_text(cr, line.label, "DejaVu Sans 8", margin, ly, left_w);
    ly += draw_text(cr, line.phone, "DejaVu Sans Bold 9", margin, ly, left_w) + 3;
  }
}

// The back of the card: the tips.
void draw_back(cairo_t* cr, const CardContent& card) {
  theme_colour(cr, card.postcard.theme);
  cairo_rectangle(cr, 0, 0, card_w, 8);
  cairo_fill(cr);
  draw_text(cr, "Wat kan je doen?", "DejaVu Sans Bold 13", margin, 24, text_w);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  Layout tips = text_layout(cr, tips_text(card.postcard), tip_font, text_w);
  pango_layout_set_spacing(tips.get(), static_cast<int>(3 * PANGO_SCALE));
  cairo_move_to(cr, margin, tips_y);
  pango_cairo_show_layout(cr, tips.get());
  const double foot = card_h - 70;
  theme_colour(cr, card.postcard.theme);
  cairo_rectangle(cr, margin, foot, text_w, 0.8);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  double y = foot + 8;
  y += draw_text(cr, "Twijfel je? Praat erover met 1712.", "DejaVu Sans Bold 9.5", margin, y,
                 text_w);
  draw_text(cr,
            "Gratis en anoniem. Gevaar nu? Bel 101 of 112. Hulp in " + card.municipality +
                ": scan de QR-code op de voorkant.",
            "DejaVu Sans 8", margin, y + 2, text_w);
}

void crop_marks_around(cairo_t* cr, double x, double y, double w, double h) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.3);
  const double gap = 6, len = bleed - gap - 4;
  for (double cx : {x, x + w})
    for (double cy : {y, y + h}) {
      const double sx = cx == x ? -1 : 1, sy = cy == y ? -1 : 1;
      cairo_move_to(cr, cx + sx * gap, cy);
      cairo_line_to(cr, cx + sx * (gap + len), cy);
      cairo_move_to(cr, cx, cy + sy * gap);
      cairo_line_to(cr, cx, cy + sy * (gap + len));
    }
  cairo_stroke(cr);
  cairo_restore(cr);
}

// Runs `draw_pages(cr)` on a PDF surface of w x h points and returns the PDF.
template <class F>
std::string make_pdf(double w, double h, const CardContent& card, F draw_pages) {
  return view::render_pdf(
      w, h, {"Postkaart " + card.postcard.title + " – " + card.municipality, "", "Schakel", ""},
      draw_pages);
}

}  // namespace

std::string render_card_pdf(const CardContent& card, bool crop_marks) {
  const double offset = crop_marks ? bleed : 0;
  return make_pdf(card_w + 2 * offset, card_h + 2 * offset, card, [&](cairo_t* cr) {
    for (auto side : {draw_front, draw_back}) {
      cairo_save(cr);
      cairo_translate(cr, offset, offset);
      side(cr, card);
      cairo_restore(cr);
      if (crop_marks) crop_marks_around(cr, offset, offset, card_w, card_h);
      cairo_show_page(cr);
    }
  });
}

std::string render_sheet_pdf(const CardContent& card, bool crop_marks) {
  return make_pdf(sheet_w, sheet_h, card, [&](cairo_t* cr) {
    for (auto side : {draw_front, draw_back}) {
      for (int cell = 0; cell < 4; ++cell) {
        cairo_save(cr);
        cairo_translate(cr, (cell % 2) * card_w, (cell / 2) * card_h);
        cairo_rectangle(cr, 0, 0, card_w, card_h);
        cairo_clip(cr);
        side(cr, card);
        cairo_restore(cr);
      }
      if (crop_marks) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.3);
        for (double y : {0.0, sheet_h - 14}) {
          cairo_move_to(cr, card_w, y);
          cairo_line_to(cr, card_w, y + 14);
        }
        for (double x : {0.0, sheet_w - 14}) {
          cairo_move_to(cr, x, card_h);
          cairo_line_to(cr, x + 14, card_h);
        }
        cairo_stroke(cr);
      }
      cairo_show_page(cr);
    }
  });
}

std::optional<std::string> overflowing_field(const Postcard& postcard) {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                             cairo_destroy);
  cairo_t* cr = context.get();
  if (layout_height(text_layout(cr, postcard.title, title_font, text_w).get()) > title_max_h)
    return "title";
  if (layout_height(text_layout(cr, postcard.call_to_action, call_font, text_w).get()) > call_max_h)
    return "call_to_action";
  Layout tips = text_layout(cr, tips_text(postcard), tip_font, text_w);
  pango_layout_set_spacing(tips.get(), static_cast<int>(3 * PANGO_SCALE));
  if (layout_height(tips.get()) > tips_max_h) return "tips";
  return std::nullopt;
}

}  // namespace schakel::campaigns
