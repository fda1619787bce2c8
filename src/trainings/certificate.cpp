#include "trainings/certificate.hpp"

#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <stdexcept>

#include "core/clock.hpp"
#include "view/pdf.hpp"

namespace schakel::trainings {

namespace {

// No 0/O and 1/I: nothing that reads alike over the phone.
constexpr std::string_view code_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr std::string_view code_prefix = "SCH";
constexpr std::size_t code_groups = 3, group_length = 4;

const char* const months[] = {"januari",   "februari", "maart",    "april",
                              "mei",       "juni",     "juli",     "augustus",
                              "september", "oktober",  "november", "december"};

struct Day {
  int year = 0, month = 0, day = 0;  // month 0-11
  bool operator==(const Day&) const = default;
};

Day brussels_day(std::int64_t t) {
  std::time_t local = static_cast<std::time_t>(t + brussels_offset(t));
  std::tm tm{};
  gmtime_r(&local, &tm);
  return Day{tm.tm_year + 1900, tm.tm_mon, tm.tm_mday};
}

}  // namespace

std::string new_certificate_code() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string code(code_prefix);
  for (std::size_t g = 0; g < code_groups; ++g) {
    code += '-';
    for (std::size_t i = 0; i < group_length; ++i)
      code += code_alphabet[randombytes_uniform(static_cast<std::uint32_t>(code_alphabet.size()))];
  }
  return code;
}

std::optional<std::string> normalise_certificate_code(std::string_view input) {
  if (input.size() > 64) return std::nullopt;
  std::string bare;
  for (char c : input) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    bare += c;
  }
  const std::size_t body = code_groups * group_length;
  if (bare.size() == code_prefix.size() + body && bare.starts_with(code_prefix))
    bare.erase(0, code_prefix.size());
  if (bare.size() != body) return std::nullopt;
  for (char c : bare)
    if (code_alphabet.find(c) == std::string_view::npos) return std::nullopt;
  std::string code(code_prefix);
  for (std::size_t g = 0; g < code_groups; ++g) code += '-' + bare.substr(g * group_length, 4);
  return code;
}

std::string dutch_dates(std::vector<std::int64_t> starts) {
  std::sort(starts.begin(), starts.end());
  std::vector<Day> days;
  for (auto t : starts) {
    const Day d = brussels_day(t);
    if (days.empty() || !(days.back() == d)) days.push_back(d);
  }
  // Each day is an item; the month follows the last day of a month, the year
  // the last day of a year: "24 februari, 3 en 10 maart 2026".
  std::vector<std::string> items;
  for (std::size_t i = 0; i < days.size(); ++i) {
    std::string item = std::to_string(days[i].day);
    const bool last = i + 1 == days.size();
    if (last || days[i + 1].month != days[i].month || days[i + 1].year != days[i].year)
      item += std::string(" ") + months[days[i].month];
    if (last || days[i + 1].year != days[i].year)
      item.append(" ").append(std::to_string(days[i].year));
    items.push_back(item);
  }
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " en " : ", ";
    out += items[i];
  }
  return out;
}

std::string duration_text(int minutes) {
  const int hours = minutes / 60, rest = minutes % 60;
  if (rest == 0) return std::to_string(hours) + " uur";
  if (hours == 0) return std::to_string(rest) + (rest == 1 ? " minuut" : " minuten");
  if (rest == 15 || rest == 30 || rest == 45)
    return std::to_string(hours) + "," + (rest == 15 ? "25" : rest == 30 ? "5" : "75") + " uur";
  return std::to_string(hours) + " uur en " + std::to_string(rest) +
         (rest == 1 ? " minuut" : " minuten");
}

namespace {

constexpr double page_width = 595.28, page_height = 841.89;  // A4 in points
constexpr double margin = 70;
constexpr const char* network_name = "Schakel";

// Draws `text` (UTF-8, never markup) in a box of `width` at (x, y), centred
// unless told otherwise (most lines of a certificate are); returns its height.
double draw_text(cairo_t* cr, const std::string& text, const char* font, double x, double y,
                 double width, PangoAlignment align = PANGO_ALIGN_CENTER) {
  return view::draw_text(cr, text, font, x, y, width, align);
}

using view::draw_qr;

}  // namespace

std::string render_certificate_pdf(const Certificate& c, const std::string& verify_url) {
  const view::PdfMetadata metadata{"Attest van deelname – " + c.series_title, network_name,
                                   "Schakel (netwerk vorming)", c.code};
  return view::render_pdf(page_width, page_height, metadata, [&](cairo_t* cr) {
    const double width = page_width - 2 * margin;

    // A quiet frame and the network's name at the top.
    cairo_set_source_rgb(cr, 0.16, 0.32, 0.45);
    cairo_set_line_width(cr, 2);
    cairo_rectangle(cr, 30, 30, page_width - 60, page_height - 60);
    cairo_stroke(cr);
    double y = 62;
    y += draw_text(cr, network_name, "DejaVu Sans Bold 14", margin, y, width);
    y += draw_text(cr, "Intergemeentelijk netwerk rond intrafamiliaal geweld", "DejaVu Sans 10",
                   margin, y, width);

    y += 40;
    y += draw_text(cr, "Attest van deelname", "DejaVu Sans Bold 30", margin, y, width) + 36;

    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    y += draw_text(cr, "We bevestigen dat", "DejaVu Sans 13", margin, y, width) + 10;
    y += draw_text(cr, c.name, "DejaVu Sans Bold 24", margin, y, width) + 10;
    y += draw_text(cr, "deelnam aan de vorming", "DejaVu Sans 13", margin, y, width) + 10;
    y += draw_text(cr, c.series_title, "DejaVu Sans Bold 18", margin, y, width) + 34;

    // The facts, one line each.
    const double label_width = 140;
    for (const auto& [label, value] : {std::pair<std::string, std::string>{"Data", c.dates},
                                       {"Duur", duration_text(c.minutes)},
                                       {"Organisator", c.organiser},
                                       {"Uitgereikt op", format_date_nl(c.issued_at)}}) {
      draw_text(cr, label, "DejaVu Sans Bold 12", margin + 20, y, label_width, PANGO_ALIGN_LEFT);
      y += draw_text(cr, value, "DejaVu Sans 12", margin + 20 + label_width, y,
                     width - 40 - label_width, PANGO_ALIGN_LEFT) +
           8;
    }

    // The verification block at the bottom: QR code with the URL under it, the code beside it.
    const double qr_side = 120, qr_y = page_height - 90 - qr_side - 40;
    draw_qr(cr, verify_url, margin, qr_y, qr_side);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    draw_text(cr, verify_url, "DejaVu Sans 9", margin, qr_y + qr_side + 8, width, PANGO_ALIGN_LEFT);
    const double text_x = margin + qr_side + 24, text_width = width - qr_side - 24;
    double ty = qr_y + 6;
    ty += draw_text(cr, "Echtheid nagaan", "DejaVu Sans Bold 12", text_x, ty, text_width,
                    PANGO_ALIGN_LEFT) +
          6;
    ty += draw_text(cr, "Verificatiecode", "DejaVu Sans 10", text_x, ty, text_width,
                    PANGO_ALIGN_LEFT);
    ty += draw_text(cr, c.code, "DejaVu Sans Mono Bold 16", text_x, ty, text_width,
                    PANGO_ALIGN_LEFT) +
          6;
    draw_text(cr,
              "Scan de QR-code of typ de code op de verificatiepagina van " +
                  std::string(network_name) + ". Zo zie je of dit attest echt en nog geldig is.",
              "DejaVu Sans 10", text_x, ty, text_width, PANGO_ALIGN_LEFT);

    cairo_show_page(cr);
  });
}

}  // namespace schakel::trainings
