#!/usr/bin/env python3
"""tools/check_table_owners.py fails on the breaches it exists for (a feature
writing another feature's table, a table without an owner) and passes on
owners writing their own tables."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECK = pathlib.Path(__file__).resolve().parent.parent / "tools" / "check_table_owners.py"

MIGRATION = """-- Users and the network.
-- Owner: accounts: users, spoc_municipalities
-- Owner: network: memberships

CREATE TABLE users (id INTEGER PRIMARY KEY, role TEXT);
CREATE TABLE spoc_municipalities (user_id INTEGER, nis_code TEXT);
CREATE TABLE memberships (id INTEGER PRIMARY KEY, nis_code TEXT);
"""


def run(files: dict[str, str]) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as root:
        for name, text in files.items():
            path = pathlib.Path(root) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return subprocess.run([sys.executable, str(CHECK), "--root", root], capture_output=True,
                              text=True)


class TableOwners(unittest.TestCase):
    def test_owners_writing_their_own_tables_pass(self):
        out = run({"migrations/0001_a.sql": MIGRATION,
                   "src/accounts/store.cpp": 'sql << "UPDATE users SET role = :r WHERE id = :i";',
                   "src/network/store.cpp": 'sql << "DELETE FROM memberships WHERE id = :i";',
                   # Reads of another feature's table are allowed, and so are tests.
                   "src/network/service.cpp": 'sql << "SELECT role FROM users";',
                   "src/network/service_test.cpp": 'sql << "UPDATE users SET role = 1";'})
        self.assertEqual(out.returncode, 0, out.stdout)

    def test_network_writing_users_fails(self):
        out = run({"migrations/0001_a.sql": MIGRATION,
                   "src/network/service.cpp": 'sql << "UPDATE users SET role = \'spoc\' "\n'
                                              '       "WHERE id = :u";\n'
                                              'sql << "INSERT INTO "\n'
                                              '       "spoc_municipalities (user_id) VALUES (1)";'})
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("src/network/service.cpp:1: UPDATE users: users belongs to accounts, "
                      "not network", out.stdout)
        self.assertIn("src/network/service.cpp:3: INSERT INTO spoc_municipalities", out.stdout)

    def test_a_table_without_an_owner_fails(self):
        out = run({"migrations/0001_a.sql": MIGRATION + "CREATE TABLE notes (id INTEGER);\n"})
        self.assertEqual(out.returncode, 1, out.stdout)
        self.assertIn("table notes has no '-- Owner:", out.stdout)


if __name__ == "__main__":
    unittest.main()
