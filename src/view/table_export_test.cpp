#include "view/table_export.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "test_support.hpp"

namespace schakel::view {
namespace {

Table sample() {
  return Table{"Inschrijvingen — reeks",
               {"Naam", "Aantal", "Opmerking"},
               {{std::string("Anaïs"), 3.0, std::string("=HYPERLINK(\"x\")")},
                {std::string("Bart, \"B\""), 2.5, std::string("-")}}};
}

TEST(TableExport, CsvQuotesAndDisarmsFormulas) {
  const std::string csv = to_csv(sample());
  EXPECT_EQ(csv,
            "\xEF\xBB\xBFNaam,Aantal,Opmerking\r\n"
            "Anaïs,3,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
            "\"Bart, \"\"B\"\"\",2.5,'-\r\n");
}

TEST(TableExport, XlsxOpensWithOpenpyxlAndHoldsTheValues) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "export.xlsx").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << to_xlsx({sample(), Table{"Tweede", {"A"}, {{1.0}}}});
  }
  const std::string script = (dir.path() / "read.py").string();
  {
    std::ofstream out(script);
    out << "import openpyxl, sys\n"
           "wb = openpyxl.load_workbook(sys.argv[1])\n"
           "for ws in wb.worksheets:\n"
           "    print('#' + ws.title)\n"
           "    for row in ws.iter_rows(values_only=True):\n"
           "        print('|'.join(repr(v) for v in row))\n";
  }
  const std::string output = testing::run_command("/usr/bin/python3 " + script + " " + path);
  EXPECT_EQ(output,
            "#Inschrijvingen — reeks\n"
            "'Naam'|'Aantal'|'Opmerking'\n"
            "'Anaïs'|3|'=HYPERLINK(\"x\")'\n"
            "'Bart, \"B\"'|2.5|'-'\n"
            "#Tweede\n"
            "'A'\n"
            "1\n");
}

}  // namespace
}  // namespace schakel::view
