#!/usr/bin/env bash
# The `schakel` command as an operator uses it: help, migrate, demo, user add,
# reindex, backup, restore, doctor, export-static, export and import, serve with an access
# log, and a graceful stop on SIGTERM.
set -euo pipefail
bin="$1"
tmp="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill -9 "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
db="sqlite:$tmp/schakel.db"

for sub in serve migrate demo "user add" reindex backup restore doctor export-static export import; do
  # shellcheck disable=SC2086
  "$bin" $sub --help >"$tmp/help.txt" || fail "$sub --help"
  grep -q -- "--" "$tmp/help.txt" || fail "$sub --help lists no options"
done

"$bin" migrate --database "$db" --data-dir "$tmp" >"$tmp/m1.txt"
grep -q "applied 0001_foundation.sql" "$tmp/m1.txt" || fail "first migrate did not apply 0001"
"$bin" migrate --database "$db" --data-dir "$tmp" >"$tmp/m2.txt"
grep -q "schema is up to date" "$tmp/m2.txt" || fail "second migrate was not a no-op"

"$bin" demo --database "$db" --data-dir "$tmp" | grep -q "demo content loaded" || fail "demo"
if "$bin" demo --database "$db" --data-dir "$tmp" 2>"$tmp/demo2.txt"; then fail "demo loaded twice"; fi
grep -q "force" "$tmp/demo2.txt" || fail "demo refusal does not mention --force"
"$bin" demo --force --database "$db" --data-dir "$tmp" | grep -q "demo content loaded" || fail "demo --force"

echo "een lang genoeg wachtwoord" | "$bin" user add --database "$db" --email beheer@voorbeeld.be --role admin \
  --password-stdin | grep -q "created" || fail "user add"
# A SPOC of a member municipality (Gent, in the demo network): the command
# connects the network's member filter itself, as it runs without an App.
echo "een lang genoeg wachtwoord" | "$bin" user add --database "$db" --email spoc@voorbeeld.be --role spoc \
  --municipality 44021 --password-stdin >"$tmp/spoc.txt" 2>&1 || fail "user add spoc: $(cat "$tmp/spoc.txt")"
grep -q "(spoc) created" "$tmp/spoc.txt" || fail "user add spoc: $(cat "$tmp/spoc.txt")"
if echo "kort" | "$bin" user add --database "$db" --email x@voorbeeld.be --password-stdin 2>"$tmp/u.txt"; then
  fail "user add accepted a short password"
fi
grep -q "12 tekens" "$tmp/u.txt" || fail "user add gave no clear message"

"$bin" reindex --database "$db" --data-dir "$tmp" >"$tmp/r.txt" 2>"$tmp/r.err" || fail "reindex"
grep -Eq "search index rebuilt: ([5-9]|[1-9][0-9]+) documents" "$tmp/r.txt" || fail "reindex summary: $(cat "$tmp/r.txt")"
grep -q "\[##############################\] 100%" "$tmp/r.err" || fail "reindex showed no progress bar"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$bin" serve --database "$db" --data-dir "$tmp" --listen "127.0.0.1:$port" --threads 2 \
  --access-log "$tmp/access.log" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/netwerk?geheim=token123" >/dev/null || fail "serve"

curl -fs "http://127.0.0.1:$port/zoeken?q=barst" | grep -q 'href="/kennisbank/barst"' || fail "search while serving"
if "$bin" reindex --database "$db" --data-dir "$tmp" >/dev/null 2>"$tmp/r2.err"; then
  fail "reindex ran while the server held the index"
fi
grep -q "in use" "$tmp/r2.err" || fail "reindex refusal is unclear: $(cat "$tmp/r2.err")"

"$bin" backup --database "$db" --to "$tmp/copy.db" | grep -q "backup written" || fail "backup while serving"
[ "$(sqlite3 "$tmp/copy.db" 'PRAGMA integrity_check')" = "ok" ] || fail "backup integrity"
[ "$(sqlite3 "$tmp/copy.db" 'SELECT COUNT(*) FROM users')" -ge 6 ] || fail "backup content"
# Restore refuses while the server runs, and changes nothing.
if "$bin" restore --database "$db" --data-dir "$tmp" "$tmp/copy.db" 2>"$tmp/restore1.txt"; then
  fail "restore while serving"
fi
grep -q "stop the server first" "$tmp/restore1.txt" || fail "restore gave no reason"
# So does an import, which would replace what the server holds in memory.
if "$bin" import --database "$db" --data-dir "$tmp" "$tmp/copy.db" >/dev/null 2>"$tmp/import0.txt"; then
  fail "import while serving"
fi
grep -q "stop the server first" "$tmp/import0.txt" || fail "import while serving gave no reason"
# An export of a database that does not exist says so, and makes none.
if "$bin" export --database "sqlite:$tmp/nowhere/schakel.db" --data-dir "$tmp/nowhere" \
  --to "$tmp/nowhere.tar" >/dev/null 2>"$tmp/export0.txt"; then
  fail "export of a missing database"
fi
grep -q "there is no database" "$tmp/export0.txt" || fail "missing database: $(cat "$tmp/export0.txt")"
[ ! -e "$tmp/nowhere/schakel.db" ] || fail "export made a database"

# The static archive while serving (docs/static-archive.md): a foreign folder is
# refused and left alone; otherwise the public pages are written as files.
mkdir "$tmp/vreemd" && echo "van iemand anders" >"$tmp/vreemd/brief.txt"
if "$bin" export-static --database "$db" --data-dir "$tmp" --to "$tmp/vreemd" >/dev/null 2>"$tmp/s1.err"; then
  fail "export-static wrote into a foreign folder"
fi
grep -q "Kies een lege map" "$tmp/s1.err" || fail "export-static refusal is unclear: $(cat "$tmp/s1.err")"
[ "$(ls "$tmp/vreemd")" = "brief.txt" ] || fail "export-static changed a foreign folder"
"$bin" export-static --database "$db" --data-dir "$tmp" --to "$tmp/archief" >"$tmp/s.txt" 2>"$tmp/s2.err" \
  || fail "export-static: $(cat "$tmp/s2.err")"
grep -q "static archive written" "$tmp/s.txt" || fail "export-static summary: $(cat "$tmp/s.txt")"
grep -q "\[##############################\] 100%" "$tmp/s2.err" || fail "export-static showed no progress bar"
grep -q 'href="../index.html"' "$tmp/archief/kennisbank/barst/index.html" || fail "archive page missing or not relative"

kill -TERM "$server"
wait "$server" || fail "serve did not exit cleanly on SIGTERM"
server=""
grep -q "stopped" "$tmp/serve.err" || fail "no shutdown message"
# With the server stopped, restore replaces the database and keeps the former one.
sqlite3 "$tmp/schakel.db" "UPDATE users SET display_name = 'Na de back-up' WHERE id = 1"
"$bin" restore --database "$db" --data-dir "$tmp" "$tmp/copy.db" >"$tmp/restore2.txt" || fail "restore"
grep -q "former database is kept" "$tmp/restore2.txt" || fail "restore kept no former database"
[ "$(sqlite3 "$tmp/schakel.db" "SELECT COUNT(*) FROM users WHERE display_name = 'Na de back-up'")" = 0 ] ||
  fail "restore did not replace the database"
ls "$tmp"/schakel.db.before-restore-* >/dev/null || fail "no dated former database"
# Doctor: the migrations are fine; there is no scheduled backup here, and no SMTP.
"$bin" doctor --database "$db" --data-dir "$tmp" >"$tmp/doctor.txt" || fail "doctor failed: $(cat "$tmp/doctor.txt")"
grep -q "^ok    migrations" "$tmp/doctor.txt" || fail "doctor: migrations"
grep -q "^warn  mail" "$tmp/doctor.txt" || fail "doctor: mail"
grep -q '"path":"/netwerk"' "$tmp/access.log" || fail "access log line missing"
if grep -q "token123" "$tmp/access.log"; then fail "access log holds a query string"; fi
python3 -c "import json,sys; [json.loads(l) for l in open('$tmp/access.log')]" || fail "access log is not JSON lines"
# Full export and import: export, import into a new folder, export again: the
# same bytes. A damaged archive and a database with content are refused.
"$bin" export --database "$db" --data-dir "$tmp" --to "$tmp/first.tar" --with-secrets \
  >"$tmp/e1.txt" 2>"$tmp/e1.err" || fail "export: $(cat "$tmp/e1.err")"
grep -q "exported .* rows of .* tables" "$tmp/e1.txt" || fail "export summary: $(cat "$tmp/e1.txt")"
grep -q "\[##############################\] 100%" "$tmp/e1.err" || fail "export showed no progress bar"
if "$bin" export --database "$db" --data-dir "$tmp" --to "$tmp/first.tar" 2>"$tmp/e2.err"; then
  fail "export overwrote a file"
fi
mkdir "$tmp/moved"
db2="sqlite:$tmp/moved/schakel.db"
"$bin" import --database "$db2" --data-dir "$tmp/moved" "$tmp/first.tar" >"$tmp/i1.txt" 2>"$tmp/i1.err" ||
  fail "import: $(cat "$tmp/i1.err")"
grep -q "imported .* rows" "$tmp/i1.txt" || fail "import summary: $(cat "$tmp/i1.txt")"
[ -d "$tmp/moved/search" ] || fail "import did not rebuild the search index"
"$bin" export --database "$db2" --data-dir "$tmp/moved" --to "$tmp/second.tar" --with-secrets >/dev/null 2>&1 ||
  fail "export of the imported database"
cmp "$tmp/first.tar" "$tmp/second.tar" || fail "export -> import -> export changed the archive"
if "$bin" import --database "$db2" --data-dir "$tmp/moved" "$tmp/first.tar" >/dev/null 2>"$tmp/i2.err"; then
  fail "import into a database with content"
fi
grep -q "the database is not empty" "$tmp/i2.err" || fail "non-empty refusal: $(cat "$tmp/i2.err")"
head -c 5000 "$tmp/first.tar" >"$tmp/broken.tar"
mkdir "$tmp/third"
if "$bin" import --database "sqlite:$tmp/third/schakel.db" --data-dir "$tmp/third" "$tmp/broken.tar" \
  >/dev/null 2>"$tmp/i3.err"; then
  fail "import of a truncated archive"
fi
grep -q "truncated" "$tmp/i3.err" || fail "truncated refusal: $(cat "$tmp/i3.err")"
[ "$(sqlite3 "$tmp/third/schakel.db" 'SELECT COUNT(*) FROM users')" = "0" ] || fail "refused import wrote rows"

echo "cli test: all checks passed"
