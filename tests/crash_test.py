#!/usr/bin/env python3
"""Crash test: a write that was acknowledged survives `kill -9` (DESIGN.md section 6).

    python3 tests/crash_test.py --binary build/debug/schakel

Each cycle starts `schakel serve` on one SQLite database, creates sessions from
four threads (GET /aanmelden, then a sign-in: a real database write, since an
anonymous visit writes nothing) and records a session token only once the whole
response has been received. Half-way, a
timer sends SIGKILL to the server. The server is then started again on the same
database (it must come up and answer /readyz) and stopped, and the database
must hold the SHA-256 of every acknowledged token and pass
`PRAGMA integrity_check`. Three cycles; exits non-zero on any failure.

Only the Python standard library is used.
"""

import argparse
import hashlib
import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

COOKIE_NAME = "__Host-schakel"
CYCLES = 3
LOAD_SECONDS = 4.0  # per cycle; SIGKILL arrives half-way
CLIENT_THREADS = 4
READY_TIMEOUT = 30.0  # the ASan debug binary starts slowly
REQUEST_TIMEOUT = 10.0
EMAIL = "crash@voorbeeld.be"
PASSWORD = "paarse olifant op de fiets"


class Failure(Exception):
    pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `schakel serve` process on a free loopback port."""

    def __init__(self, binary, db_path, data_dir, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.proc = subprocess.Popen(
            [
                binary,
                "serve",
                "--database", "sqlite:" + db_path,
                "--data-dir", data_dir,
                "--listen", "127.0.0.1:%d" % self.port,
                "--access-log", "",
            ],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise Failure("server exited with status %d during start-up" % self.proc.returncode)
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/readyz")
                resp = conn.getresponse()
                resp.read()
                conn.close()
                if resp.status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise Failure("server did not answer /readyz within %.0f s" % READY_TIMEOUT)

    def kill9(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.log.close()

    def stop(self):
        """Graceful stop (SIGTERM); fails when the server does not exit cleanly."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            status = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self.log.close()
            raise Failure("server did not stop within 20 s of SIGTERM")
        self.log.close()
        if status != 0:
            raise Failure("server exited with status %d after SIGTERM" % status)

    def ensure_dead(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if not self.log.closed:
            self.log.close()


def session_token(resp):
    for header in resp.msg.get_all("Set-Cookie") or []:
        first = header.split(";", 1)[0].strip()
        name, sep, value = first.partition("=")
        if sep and name == COOKIE_NAME and value:
            return value
    return None


class Load:
    """Clients creating sessions until the server goes away."""

    def __init__(self, port):
        self.port = port
        self.lock = threading.Lock()
        self.tokens = []
        self.killed = threading.Event()
        self.errors_before_kill = []
        self.stop_at = time.monotonic() + LOAD_SECONDS

    def client(self):
        while True:
            # The loop ends at the first connection error after the kill; the
            # deadline only guards against a kill that never lands.
            if time.monotonic() > self.stop_at + 10:
                return
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
            try:
                conn.request("GET", "/aanmelden", headers={"Connection": "close"})
                resp = conn.getresponse()
                page = resp.read().decode("utf-8", "replace")
                anonymous = session_token(resp)
                conn.close()
                m = re.search(r'name="_csrf" value="([A-Za-z0-9_-]+)"', page)
                conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                  timeout=REQUEST_TIMEOUT)
                conn.request("POST", "/aanmelden",
                             body=urllib.parse.urlencode({
                                 "_csrf": m.group(1) if m else "", "email": EMAIL,
                                 "password": PASSWORD}),
                             headers={"Connection": "close",
                                      "Content-Type": "application/x-www-form-urlencoded",
                                      "Cookie": "%s=%s" % (COOKIE_NAME, anonymous)})
                resp = conn.getresponse()
                resp.read()  # raises IncompleteRead when the body is cut short
                token = session_token(resp)
            except (OSError, http.client.HTTPException) as e:
                if not self.killed.is_set():
                    with self.lock:
                        self.errors_before_kill.append(repr(e))
                return
            finally:
                conn.close()
            if resp.status != 303 or token is None:
                if not self.killed.is_set():
                    with self.lock:
                        self.errors_before_kill.append(
                            "status %d, session cookie %s" % (resp.status, "set" if token else "missing"))
                    return
                continue
            # The whole response arrived: this write was acknowledged.
            with self.lock:
                self.tokens.append(token)

    def run(self, server):
        threads = [threading.Thread(target=self.client, daemon=True) for _ in range(CLIENT_THREADS)]
        for t in threads:
            t.start()
        time.sleep(LOAD_SECONDS / 2)
        self.killed.set()
        server.kill9()
        for t in threads:
            t.join(timeout=REQUEST_TIMEOUT + 15)
            if t.is_alive():
                raise Failure("a client thread did not stop after the server was killed")
        if self.errors_before_kill:
            raise Failure("requests failed before the kill: %s" % "; ".join(self.errors_before_kill[:5]))


def check_database(db_path, tokens):
    conn = sqlite3.connect(db_path)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            raise Failure("PRAGMA integrity_check: %s" % "; ".join(integrity[:10]))
        stored = {row[0] for row in conn.execute("SELECT token_hash FROM sessions")}
    finally:
        conn.close()
    missing = [t for t in tokens if hashlib.sha256(t.encode("ascii")).hexdigest() not in stored]
    if missing:
        raise Failure("%d of %d acknowledged writes are missing (first token: %s)"
                      % (len(missing), len(tokens), missing[0]))
    return len(stored)


def run(binary, workdir):
    db_path = os.path.join(workdir, "schakel.db")
    data_dir = os.path.join(workdir, "data")
    log_path = os.path.join(workdir, "server.log")
    subprocess.run(
        [binary, "migrate", "--database", "sqlite:" + db_path, "--data-dir", data_dir],
        check=True, stdout=subprocess.DEVNULL, timeout=60)
    subprocess.run(
        [binary, "user", "add", "--database", "sqlite:" + db_path, "--data-dir", data_dir,
         "--email", EMAIL, "--role", "professional", "--name", "Crash Test", "--password-stdin"],
        input=PASSWORD.encode(), check=True, stdout=subprocess.DEVNULL, timeout=60)

    acknowledged = []
    for cycle in range(1, CYCLES + 1):
        server = Server(binary, db_path, data_dir, log_path)
        try:
            server.wait_ready()
            load = Load(server.port)
            load.run(server)
        finally:
            server.ensure_dead()
        if not load.tokens:
            raise Failure("cycle %d: no write was acknowledged before the kill" % cycle)
        acknowledged.extend(load.tokens)

        restarted = Server(binary, db_path, data_dir, log_path)
        try:
            restarted.wait_ready()
            restarted.stop()
        finally:
            restarted.ensure_dead()

        rows = check_database(db_path, acknowledged)
        print("cycle %d: acknowledged %d writes before SIGKILL; %d sessions stored; "
              "restart ok; integrity ok" % (cycle, len(load.tokens), rows), flush=True)

    if len(set(acknowledged)) != len(acknowledged):
        raise Failure("the server handed out a session token twice")
    print("acknowledged %d writes, all present" % len(acknowledged), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="path to the schakel binary")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)

    workdir = tempfile.mkdtemp(prefix="schakel-crash-")
    started = time.monotonic()
    try:
        run(binary, workdir)
    except (Failure, subprocess.SubprocessError, OSError) as e:
        print("FAIL: %s" % e, file=sys.stderr)
        log_path = os.path.join(workdir, "server.log")
        if os.path.exists(log_path):
            with open(log_path, "rb") as f:
                tail = f.read()[-4000:].decode("utf-8", "replace")
            print("--- server log (tail) ---\n%s" % tail, file=sys.stderr)
        print("(files kept in %s)" % workdir, file=sys.stderr)
        return 1
    print("crash test passed in %.1f s" % (time.monotonic() - started))
    if args.keep:
        print("files kept in %s" % workdir)
    else:
        import shutil
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
