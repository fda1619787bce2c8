#!/usr/bin/env python3
"""Two `schakel serve` processes on one PostgreSQL database behave as one site.

- a session created on node A is valid on node B;
- failed sign-ins counted on node A block the account on node B;
- a scheduled job (mail.send, every 2 s) runs once per interval, not once per node.

Needs SCHAKEL_TEST_POSTGRES_URL (scripts/test-all sets it); exits 1 on failure.
"""
import argparse
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, cookie=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"User-Agent": "two-nodes-test"}
    if cookie:
        headers["Cookie"] = "__Host-schakel=" + cookie
    if body is not None:
        body = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
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


def psql(url, sql):
    out = subprocess.run(["psql", url, "-At", "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def binary_and_schema(prefix):
    """The --binary argument and a new schema `prefix_<random>` on SCHAKEL_TEST_POSTGRES_URL:
    (binary, base URL, schema, URL of the schema), or None when the variable is not set.
    Also used by behind_nginx_test.py."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    base = os.environ.get("SCHAKEL_TEST_POSTGRES_URL")
    if not base:
        print("SCHAKEL_TEST_POSTGRES_URL is not set: run through scripts/test-all", file=sys.stderr)
        return None
    schema = "%s_%08x" % (prefix, random.getrandbits(32))
    psql(base, f"CREATE SCHEMA {schema}")
    url = base + ("&" if "?" in base else "?") + "options=-csearch_path%3D" + schema
    return args.binary, base, schema, url


def stop_and_drop(processes, base, schema):
    """Stops the processes still running (SIGTERM, SIGKILL after 15 s), then drops the schema."""
    for p in processes:
        if p.poll() is None:
            p.terminate()
    for p in processes:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
    try:
        psql(base, f"DROP SCHEMA {schema} CASCADE")
    except subprocess.CalledProcessError:
        pass


def main() -> int:
    setup = binary_and_schema("two_nodes")
    if not setup:
        return 1
    binary, base, schema, url = setup
    tmp = tempfile.mkdtemp(prefix="schakel-two-nodes-")
    nodes = []
    failures = []
    try:
        subprocess.run([binary, "demo", "--database", url, "--data-dir", tmp], check=True,
                       capture_output=True)
        ports = [free_port(), free_port()]
        for i, port in enumerate(ports):
            nodes.append(subprocess.Popen(
                [binary, "serve", "--database", url, "--data-dir", os.path.join(tmp, f"node{i}"),
                 "--listen", f"127.0.0.1:{port}", "--threads", "2", "--access-log", "",
                 "--allow-demo-accounts"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for port in ports:
            for _ in range(200):
                try:
                    if request(port, "GET", "/readyz")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.1)
            else:
                failures.append(f"node on {port} did not become ready")
                return 1
        a, b = ports

        # 1. A session made on node A is valid on node B.
        _, page, anon = request(a, "GET", "/aanmelden")
        status, _, session = request(a, "POST", "/aanmelden", {
            "_csrf": csrf_of(page), "email": "professional@demo.schakel.be",
            "password": "schakel-demo-2026", "next": "/"}, cookie=anon)
        if status != 303 or not session:
            failures.append(f"sign-in on node A gave {status}")
        else:
            _, home_b, _ = request(b, "GET", "/profiel", cookie=session)
            if "Demo Professional" not in home_b:
                failures.append("the session of node A is not valid on node B")
            else:
                print("ok: a session created on node A is valid on node B")

        # 2. Failed sign-ins counted on node A hold on node B.
        _, page_a, anon_a = request(a, "GET", "/aanmelden")
        for i in range(10):
            request(a, "POST", "/aanmelden", {"_csrf": csrf_of(page_a), "email": "spoc.gent@demo.schakel.be",
                                              "password": f"fout-{i}"}, cookie=anon_a)
        _, page_b, anon_b = request(b, "GET", "/aanmelden")
        status, body, _ = request(b, "POST", "/aanmelden", {
            "_csrf": csrf_of(page_b), "email": "spoc.gent@demo.schakel.be",
            "password": "schakel-demo-2026"}, cookie=anon_b)
        if status != 429 or "Probeer opnieuw" not in body:
            failures.append(f"node B did not see node A's failed sign-ins (status {status})")
        else:
            print("ok: a rate limit counted on node A holds on node B")

        # 3. A resource published on node A is found by the search of node B within
        #    a few seconds (each node keeps its own index, following the change feed).
        _, page, anon = request(a, "GET", "/aanmelden")
        status, _, spoc = request(a, "POST", "/aanmelden", {
            "_csrf": csrf_of(page), "email": "spoc.aalst@demo.schakel.be",
            "password": "schakel-demo-2026", "next": "/"}, cookie=anon)
        _, form, _ = request(a, "GET", "/kennisbank/nieuw?soort=tool", cookie=spoc)
        status, _, _ = request(a, "POST", "/kennisbank/nieuw", {
            "_csrf": csrf_of(form), "title": "Tweeknopenfiche over onthaal",
            "summary": "Een fiche die op node A gemaakt is.", "body": "Tekst.", "kind": "tool",
            "scope": "local", "owner_nis_code": "41002", "visibility": "public",
            "status": "published", "evidence_level": "none_stated"}, cookie=spoc)
        if status != 303:
            failures.append(f"publishing a resource on node A gave {status}")
        else:
            started = time.monotonic()
            found = False
            while time.monotonic() - started < 5:
                _, results, _ = request(b, "GET", "/zoeken?q=tweeknopenfiche")
                if "/kennisbank/tweeknopenfiche-over-onthaal" in results:
                    found = True
                    break
                time.sleep(0.1)
            if not found:
                failures.append("node B's search did not find node A's new resource within 5 s")
            else:
                print(f"ok: node B's search found node A's new resource after {time.monotonic() - started:.1f} s")

        # 4. The mail job (every 2 s) runs once per interval across both nodes.
        start = int(psql(url, "SELECT runs FROM job_leases WHERE name = 'mail.send'") or 0)
        time.sleep(8)
        runs = int(psql(url, "SELECT runs FROM job_leases WHERE name = 'mail.send'")) - start
        if not 2 <= runs <= 5:
            failures.append(f"mail.send ran {runs} times in 8 s on two nodes (expected about 4, once per 2 s)")
        else:
            print(f"ok: the scheduled job ran {runs} times in 8 s on two nodes (once per interval)")
    finally:
        stop_and_drop(nodes, base, schema)
        subprocess.run(["rm", "-rf", tmp])
        for f in failures:
            print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
