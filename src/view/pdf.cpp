#include "view/pdf.hpp"

#include <cairo-pdf.h>

#include <stdexcept>

#include "view/qr.hpp"

namespace schakel::view {

namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

PangoLayoutPtr text_layout(cairo_t* cr, const std::string& text, const char* font, double width,
                           PangoAlignment align) {
  PangoLayoutPtr layout(pango_cairo_create_layout(cr), g_object_unref);
  std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
      pango_font_description_from_string(font), pango_font_description_free);
  // Sizes in points: the page is in points (72 per inch), not pango's default 96 dpi.
  pango_cairo_context_set_resolution(pango_layout_get_context(layout.get()), 72);
  pango_layout_context_changed(layout.get());
  pango_layout_set_font_description(layout.get(), description.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

double layout_height(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double draw_text(cairo_t* cr, const std::string& text, const char* font, double x, double y,
                 double width, PangoAlignment align) {
  PangoLayoutPtr layout = text_layout(cr, text, font, width, align);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  return layout_height(layout.get());
}

void draw_qr(cairo_t* cr, const std::string& text, double x, double y, double side) {
  const QrMatrix m = qr_encode(text);
  const double module = side / m.size;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);  // no seams between modules
  for (int row = 0; row < m.size; ++row)
    for (int col = 0; col < m.size; ++col)
      if (m.at(col, row)) cairo_rectangle(cr, x + col * module, y + row * module, module, module);
  cairo_fill(cr);
  cairo_restore(cr);
}

std::string render_pdf(double width, double height, const PdfMetadata& metadata,
                       const std::function<void(cairo_t*)>& draw) {
  std::string pdf;
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, width, height),
      cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, metadata.title.c_str());
  if (!metadata.author.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                   metadata.author.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                 metadata.creator.c_str());
  if (!metadata.subject.empty())
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT,
                                   metadata.subject.c_str());
  {
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()),
                                                               cairo_destroy);
    draw(context.get());
    if (cairo_status(context.get()) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("cairo: ") +
                               cairo_status_to_string(cairo_status(context.get())));
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") +
                             cairo_status_to_string(cairo_surface_status(surface.get())));
  return pdf;
}

}  // namespace schakel::view
