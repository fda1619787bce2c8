// The `schakel` command: serve, migrate, demo, user, reindex, backup, restore, doctor,
// export-static.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <termios.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "accounts/accounts.hpp"
#include "accounts/service.hpp"
#include "accounts/totp.hpp"
#include "app/app.hpp"
#include "archive/commands.hpp"
#include "archive/doctor.hpp"
#include "archive/restore.hpp"
#include "archive/static_export.hpp"
#include "catalog/generate.hpp"
#include "core/config.hpp"
#include "core/log.hpp"
#include "core/progress.hpp"
#include "network/members.hpp"
#include "root/demo.hpp"
#include "root/features.hpp"
#include "search/engine.hpp"
#include "store/migrations.hpp"
#include "trainings/generate.hpp"
#include "web/server.hpp"

#ifdef SCHAKEL_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

using namespace schakel;

// Creates the data dir and the folder of an SQLite file.
void prepare_folders(const Config& config) {
  std::filesystem::create_directories(config.data_dir);
  if (config.database.rfind("sqlite:", 0) == 0) {
    auto parent = std::filesystem::path(config.database.substr(7)).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
}

std::unique_ptr<store::Database> open_and_migrate(const Config& config, std::size_t pool,
                                                  bool verbose) {
  prepare_folders(config);
  auto db = store::Database::open(config.database, pool);
  auto applied = store::migrate(*db, store::embedded_migrations(), [&](const std::string& name) {
    if (verbose) std::cout << "applied " << name << "\n";
  });
  if (verbose && applied.empty()) std::cout << "schema is up to date\n";
  return db;
}

std::string read_password(bool from_stdin) {
  std::string password;
  if (from_stdin || !isatty(STDIN_FILENO)) {
    std::getline(std::cin, password);
    return password;
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  std::cerr << "Wachtwoord: " << std::flush;
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::getline(std::cin, password);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return password;
}

// The allocator this process's malloc is: "mimalloc" and its version when a
// block from malloc() lies in mimalloc's heap (release builds link it, see
// CMakeLists.txt), "glibc malloc" otherwise. For the start line, so a bench
// or an operator sees which one ran.
std::string allocator_in_use() {
#ifdef SCHAKEL_MIMALLOC
  void* probe = std::malloc(64);
  const bool ours = mi_is_in_heap_region(probe);
  std::free(probe);
  const int v = mi_version();
  if (ours) return fmt::format("mimalloc {}.{}.{}", v / 100, v / 10 % 10, v % 10);
  return "glibc malloc (mimalloc linked but not in use)";
#else
  return "glibc malloc";
#endif
}

int serve(Config& config) {
  const unsigned threads = config.effective_threads();
  prepare_folders(config);
  const auto lock = archive::hold_server_lock(config);  // restore refuses while held
  // A connection for each event loop, each thread of the server's pool for long
  // handlers (web::BodyPlan::off_loop), and two for the jobs.
  auto db = open_and_migrate(config, 2 * threads + 2, false);
  SystemClock clock;
  App app(config, *db, clock);
  install_features(app);
  app.start_background();
  web::Server server(config.limits, threads, config.trust_proxy, app.server_hooks());
  auto [host, port] = config.listen_endpoint();
  const auto bound = server.listen(host, port);
  log::app()->info("Schakel serves http://{}:{} with {} threads on {}; memory from {}", host, bound,
                   threads, db->backend() == store::Backend::sqlite ? "SQLite" : "PostgreSQL",
                   allocator_in_use());
  if (config.trust_proxy && config.limits.max_connections_per_ip == 0)
    log::app()->info(
        "behind --trust-proxy: no cap on connections per peer; limit them per client in the "
        "proxy (nginx limit_conn)");
  server.run_until_signal();
  app.stop_background();
  log::app()->info("stopped; connections closed");
  log::flush();
  return 0;
}

// What the command line asked for: the chosen subcommand and its options.
struct Command {
  CLI::App* serve = nullptr;
  CLI::App* demo = nullptr;
  CLI::App* user_add = nullptr;
  CLI::App* demo_code = nullptr;
  CLI::App* reindex = nullptr;
  CLI::App* generate = nullptr;
  CLI::App* backup = nullptr;
  CLI::App* restore = nullptr;
  CLI::App* doctor = nullptr;
  std::string restore_from;
  bool force = false;
  std::string email, name, role = "professional", nis_code;
  bool password_stdin = false;
  std::int64_t generate_count = 0, query_count = 0, series_count = 0;
  std::uint64_t generate_seed = 1;
  std::string backup_to;
  CLI::App* export_static = nullptr;  // issue 15, part B
  std::string export_static_to;
  // Full export and import (issue 15, archive/).
  CLI::App* export_cmd = nullptr;
  CLI::App* import_cmd = nullptr;
  std::string export_to, import_file;
  bool with_secrets = false;
};

// Declares the subcommands of `cli` and their options, bound to `config` and `c`.
void declare_commands(CLI::App& cli, Config& config, Command& c) {
  c.serve = cli.add_subcommand("serve", "Migrate, then serve the platform over HTTP");
  add_serve_options(*c.serve, config);
  cli.add_subcommand("migrate", "Apply pending schema migrations and say which");

  c.demo = cli.add_subcommand("demo", "Load demo content into an empty database");
  c.demo->add_flag("--force", c.force,
                   "Load even when the database has content (replaces earlier demo content)");

  auto* user_cmd = cli.add_subcommand("user", "Manage accounts");
  user_cmd->require_subcommand(1);
  c.user_add = user_cmd->add_subcommand("add", "Create an account");
  c.user_add->add_option("--email", c.email, "E-mail address")->required();
  c.user_add->add_option("--name", c.name, "Display name (default: the e-mail address)");
  c.user_add->add_option("--role", c.role, "professional, spoc, coordinator or admin")
      ->capture_default_str();
  c.user_add->add_option("--municipality", c.nis_code, "NIS code of a SPOC's municipality");
  c.user_add->add_flag("--password-stdin", c.password_stdin,
                       "Read the password from standard input");

  c.demo_code = cli.add_subcommand(
      "demo-code", "Print the current two-step code of the demo coordinator and admin (demo only)");
  c.reindex = cli.add_subcommand(
      "reindex",
      "Rebuild the search index from the database (stop the server of this data folder first)");

  c.generate = cli.add_subcommand(
      "generate", "Benchmark data: add generated kennisbank resources, or print search queries");
  c.generate->add_option("--resources", c.generate_count, "Number of resources to add");
  c.generate->add_option("--queries", c.query_count, "Print this many search queries and stop");
  c.generate->add_option("--series", c.series_count,
                         "Number of training series (open for registration) to add");
  c.generate->add_option("--seed", c.generate_seed, "Seed of the generator")->capture_default_str();

  c.backup = cli.add_subcommand("backup", "Write a consistent copy of the database while it runs");
  c.backup->add_option("--to", c.backup_to, "Target file (must not exist)")->required();

  c.export_static = cli.add_subcommand(
      "export-static", "Write the public pages as a static archive that any web host can serve");
  c.export_static
      ->add_option("--to", c.export_static_to,
                   "Target folder (absent, empty, or an earlier static archive)")
      ->required();
  c.export_static
      ->add_option("--quick-exit-url", config.quick_exit_url,
                   "Neutral site of the quick-exit button in the archive")
      ->envname("SCHAKEL_QUICK_EXIT_URL");
  c.restore = cli.add_subcommand(
      "restore", "Replace the SQLite database with a backup (stop the server first)");
  c.restore->add_option("file", c.restore_from, "The backup file")->required();
  c.doctor = cli.add_subcommand("doctor", "Check the installation and say how to fix problems");
  add_backup_options(*c.doctor, config);
  c.export_cmd = cli.add_subcommand(
      "export", "Write everything (all features, revisions, attachments) into one archive file");
  c.export_cmd->add_option("--to", c.export_to, "Target file (must not exist)")->required();
  c.export_cmd->add_flag("--with-secrets", c.with_secrets,
                         "Include password hashes, TOTP secrets, tokens and the signing key");
  c.import_cmd = cli.add_subcommand(
      "import", "Restore an archive of `schakel export` into a new, empty database");
  c.import_cmd->add_option("file", c.import_file, "The archive")->required();
}

int run_demo(const Config& config, bool force) {
  auto db = open_and_migrate(config, 1, false);
  SystemClock clock;
  App app(config, *db, clock);
  install_features(app);
  auto status = load_demo(app, force);
  if (!status) {
    std::cerr << status.error().fields.front().message << "\n";
    return 1;
  }
  std::cout << "demo content loaded\n";
  return 0;
}

int run_user_add(const Config& config, const Command& c) {
  const auto role = parse_role(c.role);
  if (!role) {
    std::cerr << "role: kies professional, spoc, coordinator of admin\n";
    return 1;
  }
  auto db = open_and_migrate(config, 1, false);
  SystemClock clock;
  // No App here: the network's seam that a SPOC's municipalities need.
  network::provide_member_filter();
  accounts::AccountService service(*db, clock);
  accounts::NewUser user;
  user.email = c.email;
  user.display_name = c.name.empty() ? c.email : c.name;
  user.password = read_password(c.password_stdin);
  user.role = *role;
  user.nis_code = c.nis_code;
  auto created = service.create_user(user);
  if (!created) {
    for (const auto& e : created.error().fields) std::cerr << e.field << ": " << e.message << "\n";
    return 1;
  }
  std::cout << "account " << created.value().email << " (" << role_name(created.value().role)
            << ") created\n";
  return 0;
}

int run_reindex(const Config& config) {
  auto db = open_and_migrate(config, 2, false);
  SystemClock clock;
  App app(config, *db, clock);
  install_features(app);
  ProgressBar bar(std::cerr, "reindex", isatty(STDERR_FILENO) != 0);
  app.search().open((std::filesystem::path(config.data_dir) / "search").string(),
                    [&](std::int64_t done, std::int64_t total) { bar.update(done, total); }, true);
  bar.finish();
  const auto* index = app.search().index();
  std::cout << "search index rebuilt: " << index->size() << " documents, "
            << index->disk_bytes() / 1024 << " KiB\n";
  return 0;
}

int run_generate(const Config& config, const Command& c) {
  if (c.query_count > 0) {
    std::mt19937_64 rng(c.generate_seed);
    for (const auto& q : catalog::generated_queries(rng, static_cast<std::size_t>(c.query_count)))
      std::cout << q << "\n";
    return 0;
  }
  auto db = open_and_migrate(config, 1, false);
  SystemClock clock;
  ProgressBar bar(std::cerr, "generate", isatty(STDERR_FILENO) != 0);
  auto n = catalog::generate_resources(
      *db, c.generate_count, c.generate_seed, clock.now(),
      [&](std::int64_t done, std::int64_t total) { bar.update(done, total); });
  bar.finish();
  std::cout << "generated " << n << " resources\n";
  if (c.series_count > 0) {
    ProgressBar series_bar(std::cerr, "series", isatty(STDERR_FILENO) != 0);
    auto m = trainings::generate_series(
        *db, c.series_count, c.generate_seed, clock.now(),
        [&](std::int64_t done, std::int64_t total) { series_bar.update(done, total); });
    series_bar.finish();
    std::cout << "generated " << m << " training series\n";
  }
  return 0;
}

// False, after saying so on stderr, when the SQLite file of `config` does not
// exist: a command that reads the platform's content (export, export-static)
// would otherwise make an empty one and report success. PostgreSQL databases
// are reached, not made.
bool database_exists(const Config& config) {
  const std::string prefix = "sqlite:";
  if (config.database.rfind(prefix, 0) != 0) return true;
  if (std::filesystem::exists(config.database.substr(prefix.size()))) return true;
  std::cerr << "error: there is no database at " << config.database
            << "; give --database (and --data-dir) as the server has them\n";
  return false;
}

int run_backup(const Config& config, const std::string& to) {
  prepare_folders(config);
  auto db = store::Database::open(config.database, 1);
  db->backup_to(to);
  std::cout << "backup written to " << to << "\n";
  return 0;
}

int run_export_static(const Config& config, const std::string& to) {
  if (!database_exists(config)) return 1;
  auto db = open_and_migrate(config, 2, false);
  SystemClock clock;
  App app(config, *db, clock);
  install_features(app);
  ProgressBar bar(std::cerr, "export-static", isatty(STDERR_FILENO) != 0);
  auto report = archive::export_static(
      app, to, [&](std::int64_t done, std::int64_t total) { bar.update(done, total); });
  if (!report) {
    std::cerr << report.error().fields.front().message << "\n";
    return 1;
  }
  bar.finish();
  const auto& r = report.value();
  std::cout << "static archive written to " << to << ": " << r.pages << " pages, " << r.files
            << " attachments, " << r.assets << " assets, " << r.bytes / 1024
            << " KiB; search index: " << r.index_pages << " pages, " << r.index_terms << " words, "
            << r.index_bytes / 1024 << " KiB\n";
  return 0;
}

int run_restore(const Config& config, const std::string& from) {
  ProgressBar bar(std::cerr, "restore", isatty(STDERR_FILENO) != 0);
  const auto known = store::embedded_migrations();
  auto restored = archive::restore_database(
      config, from, known.empty() ? 0 : known.back().version, SystemClock().now(),
      [&](std::int64_t done, std::int64_t total) { bar.update(done, total); });
  bar.finish();
  if (!restored) {
    std::cerr << "error: " << restored.error().fields.front().message << "\n";
    return 1;
  }
  std::cout << "restored " << from << " to " << restored.value().database << "\n";
  if (!restored.value().previous.empty())
    std::cout << "the former database is kept as " << restored.value().previous << "\n";
  // The index describes the former database. Rebuilding it here would migrate
  // the restored database to this binary's schema, which a rollback to an older
  // binary must not meet: the next server start builds it instead.
  std::filesystem::remove_all(std::filesystem::path(config.data_dir) / "search");
  std::cout << "the search index is rebuilt when the server starts\n";
  return 0;
}

// `schakel export` and `schakel import`: an App with every feature, whose
// declarations say what goes into the archive.
int run_archive(const Config& config, const Command& c) {
  // An import replaces what a running server holds in memory (the signing key,
  // its search index): on SQLite it waits for no server to use the database.
  const auto alone =
      c.import_cmd->parsed() ? archive::ServerLock::try_take(config, true) : std::nullopt;
  if (c.import_cmd->parsed() && !alone) {
    std::cerr << "error: a server uses " << config.database << "; stop the server first\n";
    return 1;
  }
  if (!c.import_cmd->parsed() && !database_exists(config)) return 1;
  auto db = open_and_migrate(config, 2, false);
  SystemClock clock;
  App app(config, *db, clock);
  install_features(app);
  if (c.export_cmd->parsed())
    return archive::export_command(app, c.export_to, c.with_secrets, std::cout, std::cerr);
  return archive::import_command(app, c.import_file, std::cout, std::cerr);
}

// Runs the parsed subcommand; its exit status.
int run(CLI::App& cli, Config& config, const Command& c) {
  if (c.serve->parsed()) return serve(config);
  if (cli.got_subcommand("migrate")) {
    open_and_migrate(config, 1, true);
    return 0;
  }
  if (c.demo->parsed()) return run_demo(config, c.force);
  if (c.user_add->parsed()) return run_user_add(config, c);
  if (c.demo_code->parsed()) {
    // The demo accounts share one published secret; real accounts never do.
    std::cout << accounts::totp_code(accounts::demo_totp_secret, SystemClock().now()) << "\n";
    return 0;
  }
  if (c.reindex->parsed()) return run_reindex(config);
  if (c.generate->parsed()) return run_generate(config, c);
  if (c.backup->parsed()) return run_backup(config, c.backup_to);
  if (c.export_static->parsed()) return run_export_static(config, c.export_static_to);
  if (c.restore->parsed()) return run_restore(config, c.restore_from);
  if (c.doctor->parsed())
    return archive::print_checks(archive::run_doctor(config, SystemClock().now()), std::cout);
  if (c.export_cmd->parsed() || c.import_cmd->parsed()) return run_archive(config, c);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  Command command;
  CLI::App cli{
      "Schakel: the sharing platform of a network of Flemish municipalities on family violence"};
  cli.require_subcommand(1);
  add_common_options(cli, config);
  cli.fallthrough();
  declare_commands(cli, config, command);

  CLI11_PARSE(cli, argc, argv);
  log::init(config.log_level, command.serve->parsed() ? config.access_log : "");

  try {
    return run(cli, config, command);
  } catch (const search::IndexError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 3;
  } catch (const store::MigrationError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
