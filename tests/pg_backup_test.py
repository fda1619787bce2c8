#!/usr/bin/env python3
"""A PostgreSQL database of Schakel survives pg_dump and pg_restore (docs/backups.md).

Loads the demo content into a fresh database, dumps it with `pg_dump -Fc`,
restores the dump with `pg_restore` into a second fresh database, and checks that
every table holds the same number of rows in both, that `schakel doctor` finds no
pending migration on the copy, and that `schakel serve` on the copy serves the
kennisbank with a published resource of the original.

Needs SCHAKEL_TEST_POSTGRES_URL (a server where the user may create databases);
exits 1 on failure.
"""
import argparse
import http.client
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse


def psql(url, sql):
    out = subprocess.run(["psql", url, "-At", "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def row_counts(url):
    tables = psql(url, "SELECT table_name FROM information_schema.tables "
                       "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
    return {t: int(psql(url, f'SELECT COUNT(*) FROM "{t}"')) for t in tables.split("\n") if t}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"User-Agent": "pg-backup-test"})
    resp = conn.getresponse()
    body = resp.read().decode("utf-8", "replace")
    conn.close()
    return resp.status, body


def wait_until_serving(port, process):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError("schakel serve stopped early")
        try:
            return get(port, "/")
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("schakel serve did not answer")


def check(binary, source, copy, tmp, failures):
    subprocess.run([binary, "demo", "--database", source, "--data-dir", os.path.join(tmp, "a")],
                   check=True, capture_output=True)
    dump = os.path.join(tmp, "schakel.dump")
    subprocess.run(["pg_dump", "-Fc", "-d", source, "-f", dump], check=True)
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "-d", copy, dump], check=True)

    before, after = row_counts(source), row_counts(copy)
    if len(before) < 20:
        failures.append(f"only {len(before)} tables in the source: did the demo load?")
    if before != after:
        differ = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
        failures.append(f"row counts differ in {differ}")
    if sum(before.values()) == 0:
        failures.append("the demo wrote no rows")

    doctor = subprocess.run([binary, "doctor", "--database", copy, "--data-dir",
                             os.path.join(tmp, "b")], capture_output=True, text=True)
    if "ok    migrations" not in doctor.stdout:
        failures.append("doctor on the copy: " + doctor.stdout)

    title = psql(source, "SELECT title FROM resources WHERE status = 'published' "
                         "ORDER BY id LIMIT 1")
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--database", copy, "--data-dir",
                               os.path.join(tmp, "b"), "--listen", f"127.0.0.1:{port}",
                               "--threads", "2", "--access-log", "", "--no-jobs"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_serving(port, server)
        status, body = get(port, "/kennisbank")
        if status != 200 or not title or title.replace("'", "&#39;") not in body and title not in body:
            failures.append(f"/kennisbank on the copy answered {status} without '{title}'")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    base = os.environ.get("SCHAKEL_TEST_POSTGRES_URL")
    if not base:
        print("SCHAKEL_TEST_POSTGRES_URL is not set: run through scripts/test-all", file=sys.stderr)
        return 1
    suffix = "%08x" % random.getrandbits(32)
    names = [f"schakel_pgb_source_{suffix}", f"schakel_pgb_copy_{suffix}"]
    for name in names:
        psql(base, f"CREATE DATABASE {name}")
    tmp = tempfile.mkdtemp(prefix="schakel-pg-backup-")
    failures = []
    try:
        check(args.binary, with_database(base, names[0]), with_database(base, names[1]), tmp,
              failures)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        for name in names:
            psql(base, f"DROP DATABASE IF EXISTS {name}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    if not failures:
        print("pg_dump and pg_restore keep every row; the copy serves the kennisbank")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
