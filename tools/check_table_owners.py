#!/usr/bin/env python3
"""Each table has one owner: only the owner's code writes it (issue 11).

The owners come from the migrations: each file says, in its header, which
feature or shared layer owns each table it creates, as lines of the form

    -- Owner: accounts: users, account_tokens

where the owner is a folder under src/ ("accounts", "web", "store", ...) or
"reference" (data that only a migration writes). Every table a migration
creates must be named in such a line.

The writes come from the SQL in src/: the string literals of each production
.cpp file (tests excluded), with adjacent literals joined as the compiler joins
them. An INSERT INTO, UPDATE or DELETE FROM of a table by code in a folder that
does not own it is a breach; so is a write of a table no migration names.

Exit status 0 when there is no breach, 1 otherwise (each breach printed as
file:line: message). Run by ctest as TableOwners.OnlyTheOwnerWrites.
"""
from __future__ import annotations

import argparse
import pathlib
import re
import sys

OWNER_LINE = re.compile(r"^--\s*Owner:\s*([a-z_]+)\s*:\s*(.+)$", re.IGNORECASE)
CREATE_TABLE = re.compile(r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)",
                          re.IGNORECASE)
WRITE = re.compile(r"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)
# A C++ string literal (no raw strings in our SQL); group 1 is its content.
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# Between two literals the compiler joins: only blanks and comments.
JOIN_GAP = re.compile(r"^(?:\s|//[^\n]*\n|/\*.*?\*/)*$", re.DOTALL)
# SQL words that follow UPDATE but are no table ("ON CONFLICT ... DO UPDATE SET").
NOT_TABLES = {"set"}
# Tables no migration creates: the migration runner's own bookkeeping.
BUILT_IN = {"schema_migrations": "store"}


def table_owners(migrations: pathlib.Path) -> tuple[dict[str, str], list[str]]:
    owners: dict[str, str] = dict(BUILT_IN)
    problems: list[str] = []
    for path in sorted(migrations.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        declared: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), 1):
            m = OWNER_LINE.match(line.strip())
            if not m:
                continue
            for table in re.split(r"[,\s]+", m.group(2).strip()):
                if table:
                    declared[table.lower()] = m.group(1).lower()
        for m in CREATE_TABLE.finditer(text):
            table = m.group(1).lower()
            line = text.count("\n", 0, m.start()) + 1
            if table not in declared:
                problems.append(f"{path}:{line}: table {table} has no '-- Owner: FEATURE: "
                                f"{table}' line in the header of its migration")
        owners.update(declared)
    return owners, problems


def sql_strings(source: str):
    """Yields (line, text) for each run of adjacent string literals."""
    run_text, run_line, last_end = None, 0, 0
    for m in LITERAL.finditer(source):
        # Skip #include "..." lines and character literals that look like strings.
        line_start = source.rfind("\n", 0, m.start()) + 1
        if source[line_start:m.start()].lstrip().startswith("#"):
            continue
        if run_text is not None and JOIN_GAP.match(source[last_end:m.start()]):
            run_text += m.group(1)
        else:
            if run_text is not None:
                yield run_line, run_text
            run_text, run_line = m.group(1), source.count("\n", 0, m.start()) + 1
        last_end = m.end()
    if run_text is not None:
        yield run_line, run_text


def breaches(root: pathlib.Path, owners: dict[str, str]) -> list[str]:
    found: list[str] = []
    for path in sorted((root / "src").rglob("*.cpp")):
        if path.name.endswith("_test.cpp"):
            continue
        relative = path.relative_to(root)
        if len(relative.parts) < 3:  # src/main.cpp: the command line, no SQL
            continue
        folder = relative.parts[1]
        for line, text in sql_strings(path.read_text(encoding="utf-8")):
            for m in WRITE.finditer(text):
                table = m.group(2).lower()
                if table in NOT_TABLES:
                    continue
                owner = owners.get(table)
                verb = " ".join(m.group(1).upper().split())
                if owner is None:
                    found.append(f"{relative}:{line}: {verb} {table}: no migration names an owner "
                                 f"of this table")
                elif owner != folder:
                    found.append(f"{relative}:{line}: {verb} {table}: {table} belongs to "
                                 f"{owner}, not {folder}; write it through a function in src/{owner}/")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=pathlib.Path(__file__).resolve().parent.parent,
                        type=pathlib.Path, help="the checkout (default: this script's)")
    args = parser.parse_args()
    owners, problems = table_owners(args.root / "migrations")
    problems += breaches(args.root, owners)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} breach(es) of 'each table has one owner' (issue 11)")
        return 1
    print(f"every write goes through the owner of its table ({len(owners)} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
