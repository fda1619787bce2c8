#!/usr/bin/env python3
"""Two `schakel serve` nodes on one PostgreSQL database behind nginx, run with the
shipped configuration deploy/nginx/schakel.conf (issue 15, "Several nodes").

The test writes nginx's main file and the four site files that schakel.conf
includes (deploy/nginx/schakel/*.conf: cache path, the nodes, the TLS listener
with a self-signed certificate made here with openssl, the http redirect); the
shipped file itself is copied unchanged. Everything runs on loopback; nginx runs
as a non-root process (as `nobody` when the test runs as root) with its own
prefix and temporary folders.

Checks:
  1. HTTPS and HTTP/2 through nginx; HSTS and a `Secure` session cookie come
     through (the nodes run with --trust-proxy and see X-Forwarded-Proto https),
     while a node asked directly over plain http sends no HSTS; nginx keeps
     /metrics in (404) while a node answers it on loopback, and to an outside
     address only with SCHAKEL_METRICS_TOKEN; nginx caches the static files.
  2. A session made on node A works on node B, and through nginx.
  3. A resource published through node A is found by the search of node B
     within 5 seconds.
  4. A scheduled job (mail.send, every 2 s) runs once per interval across both.
  5. kill -9 of node A during a stream of writes (sign-ins, each a new session
     row) through nginx: every acknowledged write is in the database and works
     through nginx afterwards, and node B keeps serving through nginx.

Needs SCHAKEL_TEST_POSTGRES_URL (scripts/test-all sets it), nginx and openssl;
exits 1 on failure.
"""
import hashlib
import http.client
import os
import pathlib
import random
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

# The way two_nodes_test.py sets up: its helpers, from the same folder.
from two_nodes_test import binary_and_schema, csrf_of, free_port, psql, stop_and_drop

REPO = pathlib.Path(__file__).resolve().parent.parent
SHIPPED_CONF = REPO / "deploy" / "nginx" / "schakel.conf"
COOKIE = "__Host-schakel"
EMAIL = "professional@demo.schakel.be"
PASSWORD = "schakel-demo-2026"
METRICS_TOKEN = "token-van-de-test-%08x" % random.getrandbits(32)


class Failures(list):
    def check(self, ok, good, bad):
        if ok:
            print("ok:", good)
        else:
            self.append(bad)
        return ok


class Client:
    """HTTP/1.1 to a node (plain) or to nginx (TLS, verified against the test's CA)."""

    def __init__(self, port, tls_context=None):
        self.port = port
        self.tls = tls_context

    def request(self, method, path, form=None, cookie=None, headers=None, timeout=30):
        if self.tls:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout,
                                               context=self.tls)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {"User-Agent": "behind-nginx-test"}
        sent.update(headers or {})
        body = None
        if cookie:
            sent["Cookie"] = f"{COOKIE}={cookie}"
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            resp = conn.getresponse()
            data = resp.read().decode("utf-8", "replace")
            return resp.status, resp.getheaders(), data
        finally:
            conn.close()


def header(headers, name):
    return [v for k, v in headers if k.lower() == name.lower()]


def session_cookie(headers):
    for value in header(headers, "Set-Cookie"):
        if value.startswith(COOKIE + "="):
            return value.split(";")[0].split("=", 1)[1], value
    return None, None


def sign_in(client, email=EMAIL):
    """Signs in; returns (token, Set-Cookie line) once the whole answer arrived, or (None, status)."""
    status, headers, page = client.request("GET", "/aanmelden")
    anon, _ = session_cookie(headers)
    status, headers, _ = client.request("POST", "/aanmelden", {
        "_csrf": csrf_of(page), "email": email, "password": PASSWORD, "next": "/"}, cookie=anon)
    token, line = session_cookie(headers)
    if status != 303 or not token:
        return None, status
    return token, line


# --- the set-up: certificate, nginx, nodes --------------------------------------------

def make_certificate(folder):
    key, cert = folder / "tls.key", folder / "tls.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return key, cert


def write_nginx_prefix(prefix, node_ports, https_port, http_port, key, cert):
    """The main nginx.conf and the four site files; schakel.conf is the shipped file."""
    site = prefix / "schakel"
    site.mkdir(parents=True)
    (site / "paths.conf").write_text(
        f"proxy_cache_path {prefix}/cache levels=1:2 keys_zone=schakel_static:1m max_size=16m "
        "inactive=1h use_temp_path=off;\n")
    (site / "upstream.conf").write_text("".join(
        f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in node_ports))
    (site / "tls.conf").write_text(
        f"listen 127.0.0.1:{https_port} ssl http2;\nserver_name localhost;\n"
        f"ssl_certificate {cert};\nssl_certificate_key {key};\n")
    (site / "redirect.conf").write_text(f"listen 127.0.0.1:{http_port};\nserver_name localhost;\n")
    shutil.copyfile(SHIPPED_CONF, prefix / "schakel.conf")
    temp = prefix / "temp"
    temp.mkdir()
    (prefix / "nginx.conf").write_text(f"""
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
lock_file {prefix}/nginx.lock;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {prefix}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include schakel.conf;
}}
""")


def start_nginx(prefix):
    command = ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e",
               str(prefix / "error.log")]
    preexec = None
    if os.geteuid() == 0:
        # Not as root: as nobody, who must own the prefix (and read the key).
        nobody = 65534
        for root, dirs, files in os.walk(prefix):
            for name in dirs + files + [""]:
                os.chown(os.path.join(root, name), nobody, nobody)
        os.chmod(prefix.parent, 0o755)

        def preexec():
            os.setgroups([])
            os.setgid(nobody)
            os.setuid(nobody)
    check = subprocess.run(command + ["-t"], capture_output=True, text=True, preexec_fn=preexec)
    if check.returncode != 0:
        raise RuntimeError("nginx -t refused the configuration:\n" + check.stderr)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=preexec)


def start_node(binary, url, data_dir, port):
    return subprocess.Popen(
        [binary, "serve", "--database", url, "--data-dir", data_dir, "--listen", f"127.0.0.1:{port}",
         "--threads", "4", "--access-log", "", "--allow-demo-accounts", "--trust-proxy"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=dict(os.environ, SCHAKEL_METRICS_TOKEN=METRICS_TOKEN))


def wait_ready(client, path="/readyz", seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if client.request("GET", path, timeout=5)[0] == 200:
                return True
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    return False


# --- the checks ------------------------------------------------------------------------

def check_tls_and_headers(f, proxy, node_a, https_port, cert):
    out = subprocess.run(["curl", "-sS", "--http2", "--cacert", str(cert), "-o", "/dev/null",
                          "-w", "%{http_version} %{http_code}",
                          f"https://127.0.0.1:{https_port}/"], capture_output=True, text=True)
    f.check(out.stdout.strip() == "2 200", "nginx answers over HTTPS with HTTP/2",
            f"curl --http2 through nginx gave '{out.stdout.strip()}' {out.stderr.strip()}")
    status, headers, page = proxy.request("GET", "/aanmelden")
    hsts = header(headers, "Strict-Transport-Security")
    f.check(status == 200 and hsts and "max-age=" in hsts[0],
            "HSTS comes through nginx (the node saw X-Forwarded-Proto https)",
            f"no HSTS through nginx (status {status}, {hsts})")
    token, line = sign_in(proxy)
    f.check(token is not None and "; Secure" in line and "HttpOnly" in line,
            "the session cookie set through nginx is Secure and HttpOnly",
            f"sign-in through nginx gave no Secure session cookie ({line})")
    _, direct_headers, _ = node_a.request("GET", "/aanmelden")
    f.check(not header(direct_headers, "Strict-Transport-Security"),
            "a node asked over plain http without the proxy's headers sends no HSTS",
            "a node sent HSTS over plain http")
    status, headers, _ = proxy.request("GET", "/metrics")
    metrics_status, _, metrics = node_a.request("GET", "/metrics")
    f.check(status == 404 and metrics_status == 200 and "schakel_http_requests_total" in metrics,
            "nginx keeps /metrics in (404) while a node answers it on loopback",
            f"/metrics: {status} through nginx, {metrics_status} on the node")
    outside = {"X-Forwarded-For": "203.0.113.9"}  # a client elsewhere, as nginx would say
    without = node_a.request("GET", "/metrics", headers=outside)[0]
    bearer = dict(outside, Authorization="Bearer " + METRICS_TOKEN)
    with_token = node_a.request("GET", "/metrics", headers=bearer)[0]
    f.check(without == 404 and with_token == 200,
            "from an outside address /metrics is 404 without SCHAKEL_METRICS_TOKEN, 200 with it",
            f"/metrics from an outside address: {without} without the token, {with_token} with it")
    first = proxy.request("GET", static_css_path(proxy))
    second = proxy.request("GET", static_css_path(proxy))
    f.check(first[0] == 200 and header(second[1], "X-Cache-Status") == ["HIT"],
            "nginx caches the fingerprinted static files",
            f"static file through nginx: {first[0]}, cache {header(second[1], 'X-Cache-Status')}")
    return token


def static_css_path(proxy):
    _, _, page = proxy.request("GET", "/privacy")
    m = re.search(r'href="(/static/[^"]+\.css)"', page)
    return m.group(1) if m else "/static/missing.css"


def check_sessions(f, node_a, node_b, proxy):
    token, _ = sign_in(node_a)
    if not f.check(token is not None, "signed in on node A", "sign-in on node A failed"):
        return None
    _, _, on_b = node_b.request("GET", "/profiel", cookie=token)
    _, _, via_proxy = proxy.request("GET", "/profiel", cookie=token)
    f.check("Demo Professional" in on_b and "Demo Professional" in via_proxy,
            "a session made on node A works on node B and through nginx",
            "the session of node A did not work on node B or through nginx")
    return token


def check_search(f, node_a, node_b):
    token, _ = sign_in(node_a, "spoc.aalst@demo.schakel.be")
    _, _, form = node_a.request("GET", "/kennisbank/nieuw?soort=tool", cookie=token)
    title = "Proxyfiche %06d over onthaal" % random.randrange(10**6)
    status, headers, _ = node_a.request("POST", "/kennisbank/nieuw", {
        "_csrf": csrf_of(form), "title": title, "summary": "Een fiche die via node A kwam.",
        "body": "Tekst.", "kind": "tool", "scope": "local", "owner_nis_code": "41002",
        "visibility": "public", "status": "published", "evidence_level": "none_stated"},
        cookie=token)
    if not f.check(status == 303, "published a resource through node A",
                   f"publishing through node A gave {status}"):
        return
    location = header(headers, "Location")[0]
    word = title.split()[0].lower()
    started = time.monotonic()
    while time.monotonic() - started < 5:
        _, _, results = node_b.request("GET", "/zoeken?q=" + urllib.parse.quote(word))
        if location in results:
            print(f"ok: node B's search found it after {time.monotonic() - started:.1f} s")
            return
        time.sleep(0.1)
    f.append("node B's search did not find node A's new resource within 5 s")


def check_jobs(f, url):
    start = int(psql(url, "SELECT runs FROM job_leases WHERE name = 'mail.send'") or 0)
    time.sleep(8)
    runs = int(psql(url, "SELECT runs FROM job_leases WHERE name = 'mail.send'")) - start
    f.check(2 <= runs <= 5, f"mail.send ran {runs} times in 8 s on two nodes (once per 2 s)",
            f"mail.send ran {runs} times in 8 s on two nodes (expected about 4)")


class WriteStream:
    """Sign-ins through nginx from a few threads; a token counts once its answer is complete."""

    def __init__(self, proxy, threads=3):
        self.proxy = proxy
        self.acknowledged = []  # (token, monotonic time)
        self.refused = []  # statuses and errors, with their time
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run) for _ in range(threads)]

    def run(self):
        while not self.stop.is_set():
            try:
                token, status = sign_in(self.proxy)
            except (OSError, http.client.HTTPException) as e:
                token, status = None, repr(e)
            with self.lock:
                if token:
                    self.acknowledged.append((token, time.monotonic()))
                else:
                    self.refused.append((status, time.monotonic()))
            # Three threads at two requests per sign-in stay under nginx's 30 requests a
            # second per address; faster, the proxy would answer 429 for the rest of the run.
            time.sleep(0.3)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def sign_ins_served(node):
    """Sign-ins node answered with a redirect, per its own /metrics."""
    _, _, text = node.request("GET", "/metrics")
    m = re.search(r'^schakel_http_requests_total\{method="POST",route="/aanmelden",status="3xx"\} '
                  r'(\d+)$', text, re.M)
    return int(m.group(1)) if m else 0


def get_past_rate_limit(client, path, cookie, seconds=15):
    """GETs path; while nginx answers 429 (its per-address burst is spent) waits and asks again."""
    deadline = time.monotonic() + seconds
    while True:
        status, _, body = client.request("GET", path, cookie=cookie)
        if status != 429 or time.monotonic() > deadline:
            return body
        time.sleep(0.5)


def check_kill(f, url, nodes, proxy, node_a):
    served_before = sign_ins_served(node_a)
    with WriteStream(proxy) as stream:
        time.sleep(3)
        served_by_a = sign_ins_served(node_a) - served_before
        killed_at = time.monotonic()
        nodes[0].send_signal(signal.SIGKILL)
        nodes[0].wait()
        time.sleep(5)
    before = [t for t, at in stream.acknowledged if at < killed_at]
    after = [t for t, at in stream.acknowledged if at > killed_at + 0.5]
    print(f"   {len(stream.acknowledged)} writes acknowledged ({len(before)} before the kill, "
          f"{len(after)} after), {len(stream.refused)} not: {stream.refused[:5]}")
    f.check(served_by_a >= 3, f"node A took its share of the stream ({served_by_a} sign-ins) "
            "before it was killed", f"node A served only {served_by_a} sign-ins before the kill")
    f.check(len(before) >= 5 and len(after) >= 5,
            "writes went on through nginx after node A was killed",
            f"too few acknowledged writes around the kill ({len(before)} before, {len(after)} after)")
    hashes = {hashlib.sha256(t.encode()).hexdigest() for t, _ in stream.acknowledged}
    stored = set(psql(url, "SELECT token_hash FROM sessions").split())
    lost = hashes - stored
    f.check(not lost, f"every one of {len(hashes)} acknowledged writes is in the database",
            f"{len(lost)} of {len(hashes)} acknowledged writes are lost")
    sample = [t for t, _ in stream.acknowledged][:: max(1, len(stream.acknowledged) // 10)]
    working = sum("Demo Professional" in get_past_rate_limit(proxy, "/profiel", t)
                  for t in sample)
    f.check(working == len(sample), "node B serves the sessions through nginx after the kill",
            f"only {working} of {len(sample)} sessions worked through nginx after the kill")


def main():
    setup = binary_and_schema("behind_nginx")
    if not setup:
        return 1
    binary, base, schema, url = setup
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="schakel-behind-nginx-"))
    processes = []
    f = Failures()
    try:
        subprocess.run([binary, "demo", "--database", url, "--data-dir", str(tmp / "demo")],
                       check=True, capture_output=True)
        node_ports = [free_port(), free_port()]
        nodes = [start_node(binary, url, str(tmp / f"node{i}"), p)
                 for i, p in enumerate(node_ports)]
        processes += nodes
        https_port, http_port = free_port(), free_port()
        prefix = tmp / "nginx"
        prefix.mkdir()
        key, cert = make_certificate(prefix)
        write_nginx_prefix(prefix, node_ports, https_port, http_port, key, cert)
        processes.append(start_nginx(prefix))
        node_a, node_b = Client(node_ports[0]), Client(node_ports[1])
        proxy = Client(https_port, ssl.create_default_context(cafile=str(cert)))
        if not all(wait_ready(c) for c in (node_a, node_b, proxy)):
            f.append("a node or nginx did not become ready")
            return 1
        check_tls_and_headers(f, proxy, node_a, https_port, cert)
        check_sessions(f, node_a, node_b, proxy)
        check_search(f, node_a, node_b)
        check_jobs(f, url)
        check_kill(f, url, nodes, proxy, node_a)
    except Exception as e:  # a broken set-up is a failure with its reason, not a traceback only
        f.append(f"{type(e).__name__}: {e}")
    finally:
        stop_and_drop(processes, base, schema)
        if f and (tmp / "nginx" / "error.log").exists():
            print((tmp / "nginx" / "error.log").read_text()[-3000:], file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        for failure in f:
            print("FAIL:", failure, file=sys.stderr)
    return 1 if f else 0


if __name__ == "__main__":
    sys.exit(main())
