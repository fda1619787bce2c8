#include "view/table_export.hpp"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/random.hpp"

namespace schakel::view {

namespace {

std::string csv_text(const std::string& s) {
  std::string v = s;
  if (!v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number_text(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
    return std::to_string(static_cast<long long>(d));
  std::ostringstream out;
  out.precision(6);
  out << d;
  return out.str();
}

// Sheet names may not hold []:*?/\ and are at most 31 characters.
std::string sheet_name(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name)
    if (std::string("[]:*?/\\").find(c) == std::string::npos) out += c;
  if (out.size() > 31) {
    out.resize(31);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
  }
  if (out.empty()) out = "Blad" + std::to_string(index + 1);
  return out;
}

}  // namespace

std::string to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < table.header.size(); ++i)
    out.append(i ? "," : "").append(csv_text(table.header[i]));
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      if (const auto* d = std::get_if<double>(&row[i]))
        out += number_text(*d);
      else
        out += csv_text(std::get<std::string>(row[i]));
    }
    out += "\r\n";
  }
  return out;
}

std::string to_xlsx(const std::vector<Table>& tables) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string path = (dir / ("schakel-export-" + random_hex(8) + ".xlsx")).string();
  const std::string tmpdir = dir.string();
  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) throw std::runtime_error("xlsx: cannot create workbook");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const auto& table = tables[t];
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name(table.name, t).c_str());
    if (!sheet) sheet = workbook_add_worksheet(book, nullptr);  // a duplicate name
    for (std::size_t c = 0; c < table.header.size(); ++c)
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(), bold);
    worksheet_freeze_panes(sheet, 1, 0);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        if (const auto* d = std::get_if<double>(&table.rows[r][c]))
          worksheet_write_number(sheet, row, col, *d, nullptr);
        else
          worksheet_write_string(sheet, row, col, std::get<std::string>(table.rows[r][c]).c_str(),
                                 nullptr);
      }
    }
  }
  const lxw_error status = workbook_close(book);
  std::string bytes;
  if (status == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (status != LXW_NO_ERROR || bytes.empty())
    throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(status));
  return bytes;
}

}  // namespace schakel::view
