#pragma once
// The yearly report of the four goals as an A4 PDF (cairo/pango, DejaVu Sans):
// per goal its title and each figure with a bar relative to the goal's largest
// figure, the same figures the dashboard page shows.
#include <string>

#include "dashboard/service.hpp"

namespace schakel::dashboard {

// "12" or "45%": a figure as the page, the PDF and the charts write it.
std::string figure_text(const Figure& f);

// The PDF of `report`, dated `date_text` ("5 december 2026"). The report has
// four goals of at most a handful of figures, so it fits one page. Throws
// std::runtime_error when cairo fails.
std::string render_year_report_pdf(const YearReport& report, const std::string& date_text);

}  // namespace schakel::dashboard
