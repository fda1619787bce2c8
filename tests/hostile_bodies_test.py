#!/usr/bin/env python3
"""Hostile bodies: the server's memory stays bounded (issue 10).

    python3 tests/hostile_bodies_test.py --binary build/debug/schakel [--max-growth-mb 100]

Starts `schakel serve` on a fresh SQLite database with the demo data, then opens
100 connections that each trickle a 24 MiB chunked body to an upload route
(`/kennisbank/<slug>/bijlagen`) without a session, as an attacker would. The
server must refuse each from its head, before reading the body, and its
resident memory (VmRSS in /proc/PID/status, sampled throughout) must stay under
the bound. Afterwards a signed-in SPOC uploads a 24 MiB attachment through the
form's own action (CSRF token in the query), near the 25 MiB upload limit: it
must be accepted (spooled to a temporary file, not held in memory) and the
server must stay up.

The bound is on growth over the server's own baseline (measured after warm-up),
100 MB by default, so that it means the same for every build: the Release
binary starts near 76 MB, so it stays under 300 MB; the Debug build runs under
AddressSanitizer, whose shadow memory and quarantine put its baseline near
245 MB (measured on the development machine), and it must not grow by more than
the same 100 MB. Before the fix the same load grew the server by 2.4 GB.
--max-rss-mb adds an absolute bound (e.g. 300 for the Release binary). The
load is bounded in time (at most LOAD_SECONDS). Only the Python standard
library is used.
"""

import argparse
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

CONNECTIONS = 100
BODY_BYTES = 24 * 1024 * 1024
CHUNK = 64 * 1024
LOAD_SECONDS = 60.0
READY_TIMEOUT = 60.0
SLUG = "demo-gent-buurtaanpak"
PASSWORD = "schakel-demo-2026"
BOUNDARY = "----schakelvijandig"


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def request(port, method, path, body=None, cookie=None, content_type=None, timeout=60):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"User-Agent": "hostile-bodies-test"}
    if cookie:
        headers["Cookie"] = "__Host-schakel=" + cookie
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
        content_type = "application/x-www-form-urlencoded"
    if content_type:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read().decode("utf-8", "replace")
    new_cookie = None
    for name, value in resp.getheaders():
        if name.lower() == "set-cookie" and value.startswith("__Host-schakel="):
            new_cookie = value.split(";")[0].split("=", 1)[1]
    conn.close()
    return resp.status, data, new_cookie


def csrf_of(html):
    m = re.search(r'name="_csrf" value="([A-Za-z0-9_-]+)"', html)
    return m.group(1) if m else ""


class Sampler:
    """Samples the server's VmRSS every 50 ms and keeps the highest value."""

    def __init__(self, pid):
        self.pid = pid
        self.peak = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            try:
                self.peak = max(self.peak, rss_mb(self.pid))
            except OSError:
                return
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def hostile_client(port, deadline, outcome, index):
    """Sends a chunked 24 MiB body in 64 KiB chunks, a little slowly; records
    how many bytes went out and what the server answered."""
    sent = 0
    answer = b""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall((
            "POST /kennisbank/%s/bijlagen HTTP/1.1\r\nHost: x\r\n"
            "Content-Type: multipart/form-data; boundary=%s\r\n"
            "Transfer-Encoding: chunked\r\n\r\n" % (SLUG, BOUNDARY)).encode())
        piece = b"%x\r\n" % CHUNK + b"x" * CHUNK + b"\r\n"
        s.settimeout(0.5)
        while sent < BODY_BYTES and time.monotonic() < deadline:
            try:
                s.sendall(piece)
            except (BrokenPipeError, ConnectionResetError, socket.timeout):
                break
            sent += CHUNK
            time.sleep(0.002)
        try:
            s.settimeout(2)
            answer = s.recv(200)
        except OSError:
            pass
        s.close()
    except OSError:
        pass
    outcome[index] = (sent, answer)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--max-growth-mb", type=float, default=100.0)
    parser.add_argument("--max-rss-mb", type=float, default=0.0, help="0: no absolute bound")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="schakel-hostile-")
    db = "sqlite:" + os.path.join(tmp, "schakel.db")
    subprocess.run([args.binary, "demo", "--database", db, "--data-dir", tmp], check=True,
                   stdout=subprocess.DEVNULL)
    port = free_port()
    log = open(os.path.join(tmp, "server.log"), "wb")
    proc = subprocess.Popen(
        [args.binary, "serve", "--database", db, "--data-dir", tmp,
         "--listen", "127.0.0.1:%d" % port, "--access-log", "", "--allow-demo-accounts",
         "--max-attachment-bytes", str(25 * 1024 * 1024),
         # The 100 hostile connections come from one address.
         "--max-connections-per-ip", "200"],
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                if request(port, "GET", "/readyz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise Failure("server did not become ready")
            time.sleep(0.1)
        # Warm up: a few pages, so the baseline includes caches and the pool.
        for path in ("/", "/kennisbank", "/aanmelden", "/kennisbank/" + SLUG):
            request(port, "GET", path)
        baseline = rss_mb(proc.pid)
        print("baseline VmRSS: %.0f MB" % baseline)

        outcome = [None] * CONNECTIONS
        started = time.monotonic()
        with Sampler(proc.pid) as sampler:
            threads = [threading.Thread(target=hostile_client,
                                        args=(port, started + LOAD_SECONDS, outcome, i))
                       for i in range(CONNECTIONS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(LOAD_SECONDS + 30)
        elapsed = time.monotonic() - started
        answered = sum(1 for o in outcome if o and o[1].startswith(b"HTTP/1.1 403"))
        sent = sum(o[0] for o in outcome if o)
        print("hostile load: %d connections, %.1f MiB sent in %.1f s, %d answered 403, "
              "peak VmRSS %.0f MB" % (CONNECTIONS, sent / 1048576.0, elapsed, answered,
                                      sampler.peak))
        if sampler.peak - baseline > args.max_growth_mb:
            raise Failure("VmRSS grew by %.0f MB under hostile bodies (bound %.0f MB)"
                          % (sampler.peak - baseline, args.max_growth_mb))
        if args.max_rss_mb and sampler.peak > args.max_rss_mb:
            raise Failure("VmRSS peaked at %.0f MB under hostile bodies (bound %.0f MB)"
                          % (sampler.peak, args.max_rss_mb))
        if answered < CONNECTIONS * 9 // 10:
            raise Failure("only %d of %d hostile uploads were answered 403" % (answered, CONNECTIONS))
        if proc.poll() is not None:
            raise Failure("server died under hostile bodies")

        # A real upload near the limit still works.
        _, page, anon = request(port, "GET", "/aanmelden")
        status, _, session = request(port, "POST", "/aanmelden", {
            "_csrf": csrf_of(page), "email": "spoc.gent@demo.schakel.be",
            "password": PASSWORD, "next": "/"}, cookie=anon)
        if status != 303 or not session:
            raise Failure("sign-in failed: %d" % status)
        _, edit, _ = request(port, "GET", "/kennisbank/%s/bewerken" % SLUG, cookie=session)
        m = re.search(r'action="(/kennisbank/%s/bijlagen\?csrf=[A-Za-z0-9_-]+)"' % SLUG, edit)
        if not m:
            raise Failure("the upload form carries no CSRF token in its action")
        action = m.group(1)
        csrf = csrf_of(edit)
        pdf = (b"%PDF-1.4\n%" + b"x" * (BODY_BYTES - 200) + b"\n1 0 obj\n<< /Type /Catalog >>\n"
               b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
        body = (("--%s\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n"
                 "--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nGroot verslag\r\n"
                 "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groot.pdf\"\r\n"
                 "Content-Type: application/pdf\r\n\r\n" % (BOUNDARY, csrf, BOUNDARY, BOUNDARY))
                .encode() + pdf + ("\r\n--%s--\r\n" % BOUNDARY).encode())
        if len(body) > 25 * 1024 * 1024:
            raise Failure("test body over the limit")
        with Sampler(proc.pid) as sampler:
            status, reply, _ = request(port, "POST", action, body=body, cookie=session,
                                       content_type="multipart/form-data; boundary=" + BOUNDARY)
        print("upload of %.1f MiB: %d, peak VmRSS %.0f MB" % (len(body) / 1048576.0, status,
                                                                sampler.peak))
        if status != 303:
            raise Failure("a real upload of %d bytes got %d" % (len(body), status))
        _, edit, _ = request(port, "GET", "/kennisbank/%s/bewerken" % SLUG, cookie=session)
        if "groot.pdf" not in edit:
            raise Failure("the uploaded attachment is not listed")
        print("ok")
        return 0
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        print("FAIL: %s" % e)
        sys.exit(1)
