#pragma once
// The work of `schakel export` and `schakel import` (main.cpp only parses their
// options and builds the App with every feature installed).
#include <ostream>
#include <string>

namespace schakel {
class App;
}

namespace schakel::archive {

// Writes the archive of the app's database to `to`, which must not exist (it is
// written as `to`.partial and renamed, so that an interrupted export leaves no
// half file). Shows a progress bar on `err`; prints a summary on `out`. Returns
// the exit status: 0, or 1 with the reason on `err`.
int export_command(App& app, const std::string& to, bool with_secrets, std::ostream& out,
                   std::ostream& err);

// Imports the archive `file` into the app's database (see import_archive), then
// rebuilds the search index in the data folder. Returns the exit status: 0, or 1
// with what is wrong and where on `err`, the database unchanged.
int import_command(App& app, const std::string& file, std::ostream& out, std::ostream& err);

}  // namespace schakel::archive
