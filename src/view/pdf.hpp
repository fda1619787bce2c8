#pragma once
// The cairo/pango helpers that every PDF of the platform shares (certificates,
// postcards, goal reports): a PDF surface written to memory, text laid out in
// points, and QR codes drawn as filled modules.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <memory>
#include <string>

namespace schakel::view {

using PangoLayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

// `text` (UTF-8, never markup) laid out in `font` (a pango description such as
// "DejaVu Sans Bold 12", sizes in points) over `width` points, wrapped at words
// (inside a word when it is longer than a line).
PangoLayoutPtr text_layout(cairo_t* cr, const std::string& text, const char* font, double width,
                           PangoAlignment align = PANGO_ALIGN_LEFT);
// The height of `layout` in points.
double layout_height(PangoLayout* layout);
// Draws `text` in a box of `width` at (x, y) in the current colour; returns its height.
double draw_text(cairo_t* cr, const std::string& text, const char* font, double x, double y,
                 double width, PangoAlignment align = PANGO_ALIGN_LEFT);
// Draws the QR code of `text` as a black square of `side` points at (x, y).
void draw_qr(cairo_t* cr, const std::string& text, double x, double y, double side);

struct PdfMetadata {
  std::string title;
  std::string author;  // "" for none
  std::string creator;
  std::string subject;  // "" for none
};
// A PDF of pages `width` x `height` points drawn by `draw` (which ends each page
// with cairo_show_page, or leaves the last one to be shown). Throws
// std::runtime_error naming cairo's error when drawing or writing fails.
std::string render_pdf(double width, double height, const PdfMetadata& metadata,
                       const std::function<void(cairo_t*)>& draw);

}  // namespace schakel::view
