#pragma once
// Tables for export: one header row and rows of cells, written as RFC 4180 CSV
// or as an XLSX workbook (libxlsxwriter). Used by the exports of registrations,
// attendance and evaluations.
#include <string>
#include <variant>
#include <vector>

namespace schakel::view {

// A cell: text, or a number that a spreadsheet can compute with.
using Cell = std::variant<std::string, double>;

struct Table {
  std::string name;  // the sheet name (at most 31 characters are used)
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

// CSV with CRLF line ends and a UTF-8 byte order mark (so spreadsheet programs
// read accents right). Text cells that start with = + - @ (or a tab or CR) get a
// leading ' so that spreadsheets do not run them as formulas.
std::string to_csv(const Table& table);

// An XLSX workbook with one sheet per table (bold header row, frozen). Text is
// written as text, never as a formula. Throws std::runtime_error when the
// library fails (no temporary space).
std::string to_xlsx(const std::vector<Table>& tables);

}  // namespace schakel::view
