#!/usr/bin/env python3
"""Generates a C++ source that embeds the files a Schakel node needs at run time.

Embeds assets/, src/**/*.mustache, migrations/*.sql, reference/*.csv and *.txt and
docs/openapi.yaml under their repository-relative paths, and generates the reference-data
migration from the Statbel/bpost CSV files (see reference/README.md).
"""
import argparse
import csv
import io
import pathlib


def reference_migration(root: pathlib.Path) -> bytes:
    """SQL that loads municipalities and postcodes; a build-time constant, not user input."""

    def lit(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    out = io.StringIO()
    out.write("-- Generated at build time from reference/*.csv (Source: Statbel; bpost).\n")
    with open(root / "reference/be-municipalities.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for start in range(0, len(rows), 200):
        chunk = rows[start:start + 200]
        values = ",\n".join(
            "(%s, %s, %s, %s, %s)" % (lit(r["nis_code"]), lit(r["name_nl"]), lit(r["name_fr"]),
                                     lit(r["region"]), lit(r["province"]))
            for r in chunk)
        out.write("INSERT INTO municipalities (nis_code, name_nl, name_fr, region, province) VALUES\n")
        out.write(values + ";\n")
    with open(root / "reference/be-postcodes.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for start in range(0, len(rows), 400):
        chunk = rows[start:start + 400]
        values = ",\n".join(
            "(%s, %s, %s)" % (lit(r["postcode"]), lit(r["locality"]), lit(r["nis_code"]))
            for r in chunk)
        out.write("INSERT INTO postcodes (postcode, locality, nis_code) VALUES\n")
        out.write(values + ";\n")
    return out.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    root = pathlib.Path(args.root)

    files = {}
    for pattern in ("assets/**/*", "src/**/*.mustache", "src/**/*.txt", "migrations/*.sql",
                    "reference/*.csv", "reference/*.txt", "docs/openapi.yaml"):
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    files["migrations/0002_reference_data.sql"] = reference_migration(root)

    lines = ['#include "core/embedded.hpp"', "", "namespace schakel::embedded {", "namespace {"]
    for index, (name, data) in enumerate(sorted(files.items())):
        body = ",".join(str(b) for b in data)
        lines.append(f"const unsigned char file_{index}[] = {{{body}{',' if data else ''}0}};")
    lines.append("const File table[] = {")
    for index, (name, data) in enumerate(sorted(files.items())):
        lines.append(
            f'  {{"{name}", std::string_view(reinterpret_cast<const char*>(file_{index}), {len(data)})}},')
    lines.append("};")
    lines.append("}  // namespace")
    lines.append("std::span<const File> all() { return table; }")
    lines.append("}  // namespace schakel::embedded")
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n"
    if not out.exists() or out.read_text() != text:
        out.write_text(text)


if __name__ == "__main__":
    main()
