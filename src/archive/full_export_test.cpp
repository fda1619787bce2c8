// The full export and import on real databases with every feature installed:
// every table has a decision, the demo content round-trips SQLite -> PostgreSQL
// -> SQLite with identical archives and attachments, secrets stay out unless
// asked for, and a refused or interrupted import changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "accounts/service.hpp"
#include "archive/backups.hpp"
#include "archive/format.hpp"
#include "archive/full_export.hpp"
#include "archive/tar.hpp"
#include "files/blobs.hpp"
#include "store/settings.hpp"
#include "store/table_dump.hpp"
#include "test_support.hpp"

namespace schakel::archive {
namespace {

using schakel::testing::OnPostgres;
using schakel::testing::OnSqlite;
using schakel::testing::TestServer;

constexpr const char* demo_password = "schakel-demo-2026";

// Rows in the tables an import needs empty (data and secret tables).
std::int64_t data_rows(App& app) {
  return app.db().run([&](soci::session& sql) {
    std::int64_t n = 0;
    for (const auto& t : app.archive_tables())
      if (t.mode == ArchiveTable::Mode::data || t.mode == ArchiveTable::Mode::secret)
        n += store::count_rows(sql, store::describe_table(sql, t.table));
    return n;
  });
}

std::int64_t rows_of(App& app, const std::string& table) {
  return app.db().run([&](soci::session& sql) {
    return store::count_rows(sql, store::describe_table(sql, table));
  });
}

std::string archive_of(App& app, bool with_secrets) {
  auto made = export_archive(app, with_secrets);
  EXPECT_TRUE(made.ok()) << (made ? "" : made.error().fields.front().message);
  return made ? made.value().bytes : std::string();
}

std::string first_message(const Error& e) { return e.fields.front().message; }

bool can_sign_in(TestServer& server, const std::string& email) {
  accounts::AccountService service(server.db(), server.clock());
  return service.sign_in(email, demo_password, true, {"127.0.0.1"}).ok();
}

template <class B>
class FullExport : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
TYPED_TEST_SUITE(FullExport, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(FullExport, EveryTableOfTheMigratedSchemaHasOneDecision) {
  TestServer server(TypeParam::backend);
  EXPECT_EQ(undecided_tables(server.app()), std::vector<std::string>{});
  // A table no feature declared (as a future migration might add) is reported
  // and stops the export.
  server.db().execute("CREATE TABLE forgotten_table (id BIGINT PRIMARY KEY)");
  EXPECT_EQ(undecided_tables(server.app()), std::vector<std::string>{"forgotten_table"});
  auto made = export_archive(server.app(), false);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(first_message(made.error()), "tables without an archive decision: forgotten_table");
}

TYPED_TEST(FullExport, WithoutSecretsAnImportedAccountCannotSignInUntilReset) {
  auto source = schakel::testing::demo_server(TypeParam::backend);
  ASSERT_TRUE(can_sign_in(*source, "professional@demo.schakel.be"));
  const auto bytes = archive_of(source->app(), false);
  EXPECT_EQ(bytes.find("$argon2id"), std::string::npos);
  EXPECT_EQ(bytes.find("signing_key"), std::string::npos);

  TestServer target(TypeParam::backend, schakel::testing::demo_config());
  auto imported = import_archive(target.app(), bytes);
  ASSERT_TRUE(imported.ok()) << first_message(imported.error());
  EXPECT_FALSE(imported.value().with_secrets);
  EXPECT_FALSE(can_sign_in(target, "professional@demo.schakel.be"));
  EXPECT_FALSE(can_sign_in(target, "coordinator@demo.schakel.be"));
  EXPECT_EQ(rows_of(target.app(), "account_tokens"), 0);
  // The second factor is off (its secret is gone), and the users are all there.
  target.db().run([&](soci::session& sql) {
    long long enabled = -1, users = 0;
    std::string hash;
    sql << "SELECT COUNT(*) FROM users WHERE totp_enabled <> 0", soci::into(enabled);
    sql << "SELECT COUNT(*) FROM users", soci::into(users);
    sql << "SELECT password_hash FROM users WHERE email = 'professional@demo.schakel.be'",
        soci::into(hash);
    EXPECT_EQ(enabled, 0);
    EXPECT_EQ(users, rows_of(source->app(), "users"));
    EXPECT_EQ(hash, "!reset-required");
  });
}

TYPED_TEST(FullExport, LeavesOutTheLastBackupOfThisInstallationEvenWithSecrets) {
  TestServer server(TypeParam::backend);
  server.db().transact([](soci::session& sql) {
    store::write_setting(sql, backup_failure_setting, "schijf vol");
    store::write_setting(sql, backup_last_ok_setting, "1800000000");
  });
  for (const bool with_secrets : {false, true}) {
    const auto bytes = archive_of(server.app(), with_secrets);
    EXPECT_EQ(bytes.find(backup_failure_setting), std::string::npos) << with_secrets;
    EXPECT_EQ(bytes.find(backup_last_ok_setting), std::string::npos) << with_secrets;
    EXPECT_EQ(bytes.find("schijf vol"), std::string::npos) << with_secrets;
  }
}

TYPED_TEST(FullExport, WithSecretsAnImportedAccountSignsInAsBefore) {
  auto source = schakel::testing::demo_server(TypeParam::backend);
  const auto bytes = archive_of(source->app(), true);
  EXPECT_NE(bytes.find("$argon2id"), std::string::npos);
  TestServer target(TypeParam::backend, schakel::testing::demo_config());
  auto imported = import_archive(target.app(), bytes);
  ASSERT_TRUE(imported.ok()) << first_message(imported.error());
  // Compared before signing in, which writes the audit log.
  EXPECT_TRUE(archive_of(target.app(), true) == bytes);
  EXPECT_TRUE(can_sign_in(target, "professional@demo.schakel.be"));
}

TYPED_TEST(FullExport, RefusesADatabaseThatIsNotEmptyAndChangesNothing) {
  auto source = schakel::testing::demo_server(TypeParam::backend);
  const auto bytes = archive_of(source->app(), true);
  const auto before = data_rows(source->app());
  auto imported = import_archive(source->app(), bytes);
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().failure, Failure::conflict);
  EXPECT_NE(first_message(imported.error()).find("the database is not empty (table "),
            std::string::npos)
      << first_message(imported.error());
  EXPECT_EQ(data_rows(source->app()), before);
}

TYPED_TEST(FullExport, AnImportInterruptedAtRowNLeavesTheDatabaseAsItWas) {
  auto source = schakel::testing::demo_server(TypeParam::backend);
  const auto bytes = archive_of(source->app(), true);
  TestServer target(TypeParam::backend);
  const auto municipalities = rows_of(target.app(), "municipalities");
  ImportOptions options;
  std::int64_t seen = 0;
  options.after_row = [&](std::int64_t rows) {
    seen = rows;
    if (rows == 1500) throw std::runtime_error("interrupted");
  };
  EXPECT_THROW(import_archive(target.app(), bytes, options), std::runtime_error);
  EXPECT_EQ(seen, 1500);
  EXPECT_EQ(data_rows(target.app()), 0);
  EXPECT_EQ(rows_of(target.app(), "municipalities"), municipalities);
  // And the same archive imports in full afterwards.
  auto imported = import_archive(target.app(), bytes);
  ASSERT_TRUE(imported.ok()) << first_message(imported.error());
  EXPECT_EQ(data_rows(target.app()), data_rows(source->app()));
}

TYPED_TEST(FullExport, ADamagedArchiveIsRefusedAndChangesNothing) {
  auto source = schakel::testing::demo_server(TypeParam::backend);
  auto bytes = archive_of(source->app(), false);
  TestServer target(TypeParam::backend);
  const auto municipalities = rows_of(target.app(), "municipalities");

  auto flipped = bytes;
  flipped[flipped.find("Gent", 4096)] ^= 0x20;
  auto imported = import_archive(target.app(), flipped);
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(first_message(imported.error()).find("checksum does not match"), std::string::npos);

  imported = import_archive(target.app(), std::string_view(bytes).substr(0, bytes.size() / 2));
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(first_message(imported.error()).find("truncated"), std::string::npos);

  auto entries = read_tar(bytes, max_entries).value();
  entries.push_back({"../../etc/passwd", "root:x:0:0"});
  imported = import_archive(target.app(), write_tar(entries));
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(first_message(imported.error()).find("'../../etc/passwd'"), std::string::npos);

  EXPECT_EQ(data_rows(target.app()), 0);
  EXPECT_EQ(rows_of(target.app(), "municipalities"), municipalities);
}

TYPED_TEST(FullExport, RefusesAnUnknownTableAndAnotherSchemaVersion) {
  TestServer source(TypeParam::backend);
  auto content = parse_archive(archive_of(source.app(), false)).value();
  TestServer target(TypeParam::backend);

  auto unknown = content;
  unknown.tables.push_back({"secret_plans", "nobody", {"id"}, {{{"id", 1}}}});
  auto imported = import_archive(target.app(), write_archive(unknown));
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(first_message(imported.error()),
            "tables/secret_plans.jsonl: 'secret_plans' is not a table this Schakel imports "
            "(unknown table)");

  auto older = content;
  older.migrations.pop_back();
  older.schema_version = older.migrations.back();
  imported = import_archive(target.app(), write_archive(older));
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().failure, Failure::conflict);
  EXPECT_NE(first_message(imported.error()).find("import it with the Schakel release that made it"),
            std::string::npos);
  EXPECT_EQ(data_rows(target.app()), 0);
}

// The demo content holds every feature's rows, revisions and attachments.
TEST(FullExportRoundTrip, SqliteToPostgresToSqliteGivesIdenticalArchivesAndAttachments) {
  SCHAKEL_REQUIRE_BACKEND(store::Backend::postgresql);
  auto source = schakel::testing::demo_server(store::Backend::sqlite);
  // An action made part of a newer one refers to a later row of its own table,
  // which PostgreSQL checks per statement.
  source->db().transact([](soci::session& sql) {
    sql << "UPDATE actions SET parent_id = (SELECT MAX(id) FROM actions) "
           "WHERE id = (SELECT MIN(id) FROM actions)";
  });
  const auto first = archive_of(source->app(), true);
  const auto content = parse_archive(first).value();
  ASSERT_FALSE(content.files.empty());
  // Every feature's tables carry rows.
  for (const std::string table :
       {"users", "memberships", "resources", "resource_attachments", "revisions", "blobs",
        "training_series", "training_registrations", "help_pages", "help_services", "postcards",
        "signals", "actions", "meetings", "newsletters", "notification_preferences"}) {
    auto t = std::find_if(content.tables.begin(), content.tables.end(),
                          [&](const TableRows& r) { return r.name == table; });
    ASSERT_NE(t, content.tables.end()) << table;
    EXPECT_GT(t->rows.size(), 0u) << table;
  }

  TestServer postgres(store::Backend::postgresql);
  auto imported = import_archive(postgres.app(), first);
  ASSERT_TRUE(imported.ok()) << first_message(imported.error());
  const auto second = archive_of(postgres.app(), true);
  EXPECT_TRUE(second == first);

  TestServer sqlite(store::Backend::sqlite);
  imported = import_archive(sqlite.app(), second);
  ASSERT_TRUE(imported.ok()) << first_message(imported.error());
  EXPECT_TRUE(archive_of(sqlite.app(), true) == first);

  // The attachments' bytes are the same in all three databases.
  for (const auto& [sha, bytes] : content.files) {
    for (TestServer* server : {&postgres, &sqlite}) {
      auto stored =
          server->db().run([&](soci::session& sql) { return files::BlobStore::data(sql, sha); });
      ASSERT_TRUE(stored.has_value()) << sha;
      EXPECT_EQ(*stored, bytes) << sha;
    }
    auto original =
        source->db().run([&](soci::session& sql) { return files::BlobStore::data(sql, sha); });
    ASSERT_TRUE(original.has_value());
    EXPECT_EQ(*original, bytes);
  }

  // New rows after an import on PostgreSQL get fresh ids (the sequences moved on).
  postgres.db().transact(
      [](soci::session& sql) { sql << "INSERT INTO audit_log (at, action) VALUES (1, 'test')"; });
}

}  // namespace
}  // namespace schakel::archive
