#include "archive/commands.hpp"

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/app.hpp"
#include "archive/full_export.hpp"
#include "core/progress.hpp"
#include "search/engine.hpp"

namespace schakel::archive {

namespace {

// The largest archive `schakel import` reads (it holds the archive in memory).
constexpr std::uintmax_t max_archive_bytes = 8ULL << 30;

bool is_terminal(const std::ostream& err) { return &err == &std::cerr && isatty(STDERR_FILENO); }

void print_error(std::ostream& err, const Error& error) {
  for (const auto& f : error.fields) err << "error: " << f.message << "\n";
}

}  // namespace

int export_command(App& app, const std::string& to, bool with_secrets, std::ostream& out,
                   std::ostream& err) {
  namespace fs = std::filesystem;
  if (fs::exists(to)) {
    err << "error: " << to << " exists; give a new file name\n";
    return 1;
  }
  ProgressBar bar(err, "export", is_terminal(err));
  auto made = export_archive(
      app, with_secrets, [&](std::int64_t done, std::int64_t total) { bar.update(done, total); });
  bar.finish();
  if (!made) {
    print_error(err, made.error());
    return 1;
  }
  const std::string partial = to + ".partial";
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    file.write(made.value().bytes.data(), static_cast<std::streamsize>(made.value().bytes.size()));
    file.close();
    if (!file) {
      std::error_code ignored;
      fs::remove(partial, ignored);
      err << "error: cannot write " << partial << "\n";
      return 1;
    }
  }
  fs::rename(partial, to);
  out << "exported " << made.value().rows << " rows of " << made.value().tables << " tables and "
      << made.value().files << " files to " << to << " (" << made.value().bytes.size() / 1024
      << " KiB" << (with_secrets ? ", with secrets" : ", without secrets") << ")\n";
  return 0;
}

int import_command(App& app, const std::string& file, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) {
    err << "error: cannot read " << file << ": " << ec.message() << "\n";
    return 1;
  }
  if (size > max_archive_bytes) {
    err << "error: " << file << " is larger than " << (max_archive_bytes >> 30)
        << " GiB, the most an import reads\n";
    return 1;
  }
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    err << "error: cannot read " << file << "\n";
    return 1;
  }
  ImportOptions options;
  ProgressBar bar(err, "import", is_terminal(err));
  options.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
  auto imported = import_archive(app, bytes, options);
  if (!imported) {
    err << "refused " << file << "; the database is unchanged\n";
    print_error(err, imported.error());
    return 1;
  }
  bar.finish();
  ProgressBar index_bar(err, "reindex", is_terminal(err));
  app.search().open((fs::path(app.config().data_dir) / "search").string(),
                    [&](std::int64_t done, std::int64_t total) { index_bar.update(done, total); },
                    true);
  index_bar.finish();
  out << "imported " << imported.value().rows << " rows of " << imported.value().tables
      << " tables from " << file
      << (imported.value().with_secrets
              ? "\n"
              : " (without secrets: every account needs a password reset)\n");
  return 0;
}

}  // namespace schakel::archive
