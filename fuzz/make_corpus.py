#!/usr/bin/env python3
"""Writes the fuzz seed corpora and the corpora of bad inputs under fuzz/corpus.

    python3 fuzz/make_corpus.py [DIR]     (DIR defaults to fuzz/corpus)

The files are committed; this script documents how they were made (several hold
bytes that are not UTF-8 or CRLF line endings, which are hard to review in a diff).

Layout:
  urlencoded/, multipart/, cookies/   good inputs: seeds for the fuzz harnesses
  bad/urlencoded/*.txt                bodies parse_urlencoded must reject
  bad/multipart/*.txt                 first line: the Content-Type header value, then
                                      '\n', then the raw body (CRLF line endings);
                                      multipart_boundary or parse_multipart_views must reject
No file ends with an extra newline: every byte is part of the input.
"""
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

def write(rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)

CRLF = "\r\n"
def mp(content_type, body):
    """A multipart corpus file: Content-Type line, '\n', then the raw body."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return content_type.encode("utf-8") + b"\n" + body

def part(name, value, extra_headers=(), filename=None):
    cd = 'Content-Disposition: form-data; name="%s"' % name
    if filename is not None:
        cd += '; filename="%s"' % filename
    lines = [cd] + list(extra_headers)
    return CRLF.join(lines) + CRLF + CRLF + value

def body(boundary, parts, close=True):
    out = ""
    for p in parts:
        out += "--" + boundary + CRLF + p + CRLF
    if close:
        out += "--" + boundary + "--" + CRLF
    return out

B = "----schakel7MA4YWxkTrZu0gW"
CT = "multipart/form-data; boundary=" + B

# ---------------------------------------------------------------- good: urlencoded
write("urlencoded/simple.txt", "naam=Jan&gemeente=Gent")
write("urlencoded/plus_and_escapes.txt", "q=huiselijk+geweld%2C+hulp&page=2")
write("urlencoded/utf8.txt", "titel=Caf%C3%A9+%E2%82%AC5&beschrijving=%F0%9F%98%80+blij")
write("urlencoded/repeated_and_empty.txt", "tag=a&tag=b&&leeg=&zonder&=x")
write("urlencoded/sign_in.txt",
      "csrf=Zm9vYmFyYmF6cXV4&email=spoc%40gent.be&password=geheim%21%40%23&next=%2Fsignalen")
write("urlencoded/raw_utf8.txt", "stad=Br\u00fcgge&opmerking=na\u00efef")

# ---------------------------------------------------------------- good: multipart
write("multipart/one_field.txt", mp(CT, body(B, [part("titel", "Vorming voor huisartsen")])))
write("multipart/fields_and_file.txt", mp(CT, body(B, [
    part("csrf", "Zm9vYmFyYmF6cXV4"),
    part("titel", "Brochure \u2013 Nederlands"),
    part("bestand", "%PDF-1.4\n\xff\xfe binary \x00 data\n", ["Content-Type: application/pdf"],
         filename="brochure.pdf").encode("utf-8", "surrogateescape").decode("utf-8"),
])))
# A file part with real (non-UTF-8) bytes.
file_body = ("--" + B + CRLF + 'Content-Disposition: form-data; name="bestand"; filename="logo.png"'
             + CRLF + "Content-Type: image/png" + CRLF + CRLF).encode() + \
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8" + (CRLF + "--" + B + "--" + CRLF).encode()
write("multipart/binary_file.txt", mp(CT, file_body))
write("multipart/quoted_boundary.txt",
      mp('multipart/form-data; boundary="simple boundary"',
         body("simple boundary", [part("a", "1"), part("b", "twee\r\nregels")])))
write("multipart/preamble_epilogue.txt",
      mp("Multipart/Form-Data; charset=utf-8; boundary=XyZ",
         "preamble text" + CRLF + body("XyZ", [part("veld", "waarde")]) + "epilogue"))
write("multipart/empty_form.txt", mp(CT, "--" + B + "--" + CRLF))
write("multipart/fixed_boundary.txt",
      mp("multipart/form-data; boundary=schakelfuzz",
         body("schakelfuzz", [part("naam", "Jan"), part("x", "", filename="a\\\"b.txt")])))

# ---------------------------------------------------------------- good: cookies
write("cookies/session.txt", "__Host-schakel=M1jkIqNGjhn7IogejWk-JjdTdyEzAA8T3fLFYGIb_zY")
write("cookies/several.txt", "theme=dark; __Host-schakel=abc123; _ga=GA1.2.3.4")
write("cookies/quoted_and_repeated.txt", 'a="quoted"; a=second; b=; =noname; bad value=x; c=ok')
write("cookies/messy.txt", " ; ;x=1;;y=2 ;\tz = 3; \xe9=4; w=\x7f")

# ---------------------------------------------------------------- bad: urlencoded
bad_u = {
    "bad_hex_digit": "a=%G1",
    "short_escape": "a=%4",
    "lone_percent": "%",
    "percent_at_end_of_name": "naam%=1",
    "bad_escape_in_name": "%ZZ=1",
    "iis_unicode_escape": "a=%u00e9",
    "double_percent": "a=%%41",
    "truncated_utf8": "a=%E2%82",
    "truncated_utf8_before_next_field": "a=%E2%82&b=1",
    "overlong_slash": "a=%C0%AF",
    "overlong_three_bytes": "a=%E0%80%AF",
    "encoded_surrogate": "a=%ED%A0%80",
    "above_max_code_point": "a=%F4%90%80%80",
    "invalid_lead_byte_f5": "a=%F5%80%80%80",
    "lone_continuation_byte": "a=%80",
    "latin1_e_acute": "stad=Li%E8ge",
    "bad_continuation": "a=1&b=2&c=%E2%28%A1",
    "escape_cut_by_ampersand": "a=%4&1=2",
}
for name, text in bad_u.items():
    write("bad/urlencoded/%s.txt" % name, text)
write("bad/urlencoded/raw_ff_bytes.txt", b"a=\xff\xfe")
write("bad/urlencoded/raw_overlong_bytes.txt", b"pad=\xc0\xaf")
write("bad/urlencoded/raw_surrogate_bytes.txt", b"x=\xed\xa0\x80")
write("bad/urlencoded/raw_invalid_in_name.txt", b"n\xe9=1")
write("bad/urlencoded/too_many_fields.txt", "&".join("f%d=1" % i for i in range(1001)))
write("bad/urlencoded/too_many_fields_without_values.txt", "&".join(["a"] * 1001))

# ---------------------------------------------------------------- bad: multipart
good_part = part("titel", "waarde")
bad_m = {
    "missing_closing_delimiter": mp(CT, "--" + B + CRLF + good_part + CRLF),
    "closing_delimiter_without_dashes": mp(CT, "--" + B + CRLF + good_part + CRLF + "--" + B),
    "no_delimiter_at_all": mp(CT, "titel=waarde"),
    "junk_after_delimiter": mp(CT, "--" + B + "junk" + CRLF + good_part + CRLF + "--" + B + "--" + CRLF),
    "part_without_content_disposition": mp(CT, body(B, [
        "Content-Type: text/plain" + CRLF + CRLF + "waarde"])),
    "disposition_without_name": mp(CT, body(B, [
        'Content-Disposition: form-data; filename="a.txt"' + CRLF + CRLF + "waarde"])),
    "disposition_with_empty_name": mp(CT, body(B, [
        'Content-Disposition: form-data; name=""' + CRLF + CRLF + "waarde"])),
    "disposition_not_form_data": mp(CT, body(B, [
        'Content-Disposition: attachment; name="a"' + CRLF + CRLF + "waarde"])),
    "unterminated_quoted_name": mp(CT, body(B, [
        'Content-Disposition: form-data; name="titel' + CRLF + CRLF + "waarde"])),
    "junk_after_quoted_name": mp(CT, body(B, [
        'Content-Disposition: form-data; name="titel"x' + CRLF + CRLF + "waarde"])),
    "header_line_without_colon": mp(CT, body(B, [
        'Content-Disposition: form-data; name="titel"' + CRLF + "Geen-dubbelepunt" + CRLF + CRLF + "waarde"])),
    "second_part_without_name": mp(CT, body(B, [
        good_part, "Content-Disposition: form-data" + CRLF + CRLF + "waarde"])),
    "header_block_without_blank_line": mp(CT,
        "--" + B + CRLF + 'Content-Disposition: form-data; name="titel"' + CRLF + "waarde" + CRLF
        + "--" + B + "--" + CRLF),
    "missing_boundary_parameter": mp("multipart/form-data", body(B, [good_part])),
    "empty_boundary": mp("multipart/form-data; boundary=", body(B, [good_part])),
    "empty_quoted_boundary": mp('multipart/form-data; boundary=""', body(B, [good_part])),
    "unterminated_quoted_boundary": mp('multipart/form-data; boundary="abc', body("abc", [good_part])),
    "boundary_longer_than_70": mp("multipart/form-data; boundary=" + "b" * 71, body("b" * 71, [good_part])),
    "not_multipart_text_plain": mp("text/plain", body(B, [good_part])),
    "urlencoded_content_type": mp("application/x-www-form-urlencoded", "titel=waarde"),
    "multipart_mixed": mp("multipart/mixed; boundary=" + B, body(B, [good_part])),
    "empty_content_type": mp("", body(B, [good_part])),
    "too_many_parts": mp(CT, body(B, [part("f%d" % i, "x") for i in range(201)])),
    "part_header_over_8_kib": mp(CT, body(B, [
        'Content-Disposition: form-data; name="titel"' + CRLF + "X-Opvulling: " + "a" * 8300
        + CRLF + CRLF + "waarde"])),
}
for name, data in bad_m.items():
    write("bad/multipart/%s.txt" % name, data)
# Non-UTF-8 bytes (written as bytes).
inv_value = ("--" + B + CRLF + 'Content-Disposition: form-data; name="titel"' + CRLF + CRLF).encode() \
    + b"caf\xe9 \xff" + (CRLF + "--" + B + "--" + CRLF).encode()
write("bad/multipart/invalid_utf8_value.txt", mp(CT, inv_value))
inv_name = ("--" + B + CRLF).encode() + b'Content-Disposition: form-data; name="t\xc3\x28"' \
    + (CRLF + CRLF + "waarde" + CRLF + "--" + B + "--" + CRLF).encode()
write("bad/multipart/invalid_utf8_name.txt", mp(CT, inv_name))
inv_file = ("--" + B + CRLF).encode() + b'Content-Disposition: form-data; name="f"; filename="\xff.txt"' \
    + (CRLF + CRLF + "data" + CRLF + "--" + B + "--" + CRLF).encode()
write("bad/multipart/invalid_utf8_filename.txt", mp(CT, inv_file))
write("bad/multipart/non_ascii_boundary.txt",
      "multipart/form-data; boundary=sch\u00e4kel".encode() + b"\n"
      + body("sch\u00e4kel", [good_part]).encode())

# Line endings must be CRLF; bare LF is not multipart/form-data.
write("bad/multipart/lf_line_endings.txt",
      mp(CT, ("--" + B + "\n" + 'Content-Disposition: form-data; name="titel"' + "\n\nwaarde\n--" + B + "--\n")))
# A part with no header lines at all (the blank line right after the delimiter).
write("bad/multipart/part_without_headers.txt",
      mp(CT, "--" + B + CRLF + CRLF + "waarde" + CRLF + "--" + B + CRLF + good_part + CRLF + "--" + B + "--" + CRLF))
# The same, with a boundary holding ':' (allowed by RFC 2046): the headerless part's
# data then reads as header lines of the next part, so the nameless part vanishes.
write("bad/multipart/part_without_headers_colon_boundary.txt",
      mp("multipart/form-data; boundary=a:b",
         "--a:b" + CRLF + CRLF + "X-Data: 1" + CRLF + "--a:b" + CRLF + good_part + CRLF + "--a:b--" + CRLF))
# Two Content-Disposition headers in one part: which name holds is ambiguous.
write("bad/multipart/duplicate_content_disposition.txt", mp(CT, body(B, [
    'Content-Disposition: form-data; name="a"; filename="f.txt"' + CRLF
    + 'Content-Disposition: form-data; name="b"' + CRLF + CRLF + "waarde"])))

# The year of the coordinator's yearly report (dashboard::parse_year).
write("year_report/this_year.txt", "2026")
write("year_report/first.txt", "2000")
write("year_report/too_early.txt", "1999")
write("year_report/letters.txt", "20x6")

# Names in the backup folder (archive::backup_time).
write("backup_name/good.txt", "schakel-20261206-020000.db")
write("backup_name/partial.txt", ".schakel-20261206-020000.db.partial")
write("backup_name/month13.txt", "schakel-20261306-020000.db")
write("backup_name/february30.txt", "schakel-20260230-000000.db")

# The mail choices form and unsubscribe tokens (digest::parse_settings): the first
# byte picks the role (0 professional, 1 SPOC, 2 coordinator, 3 admin).
write("mail_choices/professional.txt", b"\x00kind_resources=daily&kind_trainings=weekly&kind_initiatives=none&newsletter=yes")
write("mail_choices/spoc_theme.txt", b"\x01kind_resources=weekly&theme_resources_child_abuse=none&kind_meetings=daily&newsletter=no")
write("mail_choices/meetings_refused.txt", b"\x00kind_meetings=daily")
write("mail_choices/unknown_theme.txt", b"\x02theme_resources_nothing=daily")
write("mail_choices/token.txt", b"\x0042-newsletter.1863072000.AAAA")

# Rendered pages for the static archive's link scanner (archive/link_rewriter.hpp).
write("static_links/page.txt", '<!doctype html><html><head><link rel="stylesheet" href="/static/css/schakel.1.css">'
      '<title>Babobox &amp; meer</title></head><body><a href="/kennisbank?thema=a&amp;b=c#x">K</a>'
      '<form method="post" action="/afmelden"><button>Afmelden</button></form>'
      '<main><h1>Babobox</h1><img src=/static/img/logo.svg alt=""><script>var a = "<a href=/x>";</script></main></body></html>')
write("static_links/malformed.txt", '<a href="/open <!-- <a href=\'/c\'> <script src=/x>')
write("static_links/path.txt", "/kennisbank/../../etc/passwd")
# Full-export archives (archive::parse_archive): ustar files with manifest.json,
# tables/<table>.jsonl and files/<sha256>, written as `schakel export` writes them.
import hashlib
import io
import json
import tarfile

def ustar(entries):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data, kind in entries:
            info = tarfile.TarInfo(name)
            info.size = len(data) if kind == tarfile.REGTYPE else 0
            info.type = kind
            info.mtime = 0
            if kind == tarfile.SYMTYPE:
                info.linkname = "/etc/passwd"
            tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    return out.getvalue()

def schakel_archive(tables, files, extra=(), version=1):
    entries = {}
    listed = []
    for name, columns, rows in tables:
        entries["tables/%s.jsonl" % name] = "".join(
            json.dumps(dict(zip(columns, r)), separators=(",", ":"), ensure_ascii=False) + "\n"
            for r in rows).encode("utf-8")
    for data in files:
        entries["files/" + hashlib.sha256(data).hexdigest()] = data
    for name in sorted(entries):
        data = entries[name]
        listed.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    manifest = {"format": "schakel-archive", "format_version": version, "schema_version": 28,
                "migrations": [1, 2, 28], "with_secrets": False,
                "tables": [{"name": n, "owner": "catalog", "columns": c, "rows": len(r)} for n, c, r in tables],
                "entries": listed}
    tar_entries = [("manifest.json", json.dumps(manifest, indent=2).encode() + b"\n", tarfile.REGTYPE)]
    tar_entries += [(n, entries[n], tarfile.REGTYPE) for n in sorted(entries)]
    tar_entries += list(extra)
    return ustar(tar_entries)

pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
pdf_sha = hashlib.sha256(pdf).hexdigest()
good_tables = [
    ("blobs", ["sha256", "size", "data"], [[pdf_sha, len(pdf), {"$file": pdf_sha}]]),
    ("resources", ["id", "title", "score", "note"],
     [[1, "Kindermishandeling herkennen", 2.5, None], [2, "Partnergeweld", 0.1, "é"]]),
]
write("archive_reader/good.tar", schakel_archive(good_tables, [pdf]))
write("archive_reader/empty.tar", schakel_archive([], []))
write("bad/archive_reader/version_2.tar", schakel_archive(good_tables, [pdf], version=2))
write("bad/archive_reader/passwd.tar",
      schakel_archive(good_tables, [pdf], extra=[("../../etc/passwd", b"root:x:0:0\n", tarfile.REGTYPE)]))
write("bad/archive_reader/absolute.tar",
      schakel_archive(good_tables, [pdf], extra=[("/etc/passwd", b"root:x:0:0\n", tarfile.REGTYPE)]))
write("bad/archive_reader/symlink.tar",
      schakel_archive(good_tables, [pdf], extra=[("tables/link.jsonl", b"", tarfile.SYMTYPE)]))
write("bad/archive_reader/truncated.tar", schakel_archive(good_tables, [pdf])[:1500])
flipped = bytearray(schakel_archive(good_tables, [pdf]))
flipped[flipped.index(b"Partnergeweld")] ^= 0x20
write("bad/archive_reader/flipped.tar", bytes(flipped))

# mustache: template text, optionally a NUL byte and a JSON model (see fuzz_mustache.cpp).
write("mustache/sections.txt",
      "a {{a}} {{{a}}}\n{{#b}}\n  [{{a}}{{#c}}{{.}}{{/c}}]\n{{/b}}\n{{^e}}leeg{{/e}}\n")
write("mustache/dots_and_delimiters.txt", "{{#l}}{{.}},{{/l}}{{c.d}}{{=<% %>=}}<%a%>")
write("mustache/own_model.txt",
      '{{#items}}<li>{{name}}</li>{{/items}}\0'
      '{"items":[{"name":"<x>"},{"name":""},{}],"name":"root"}')
write("mustache/lines.txt", "{{#t}}" + CRLF + "  {{s}}" + CRLF + "{{/t}}" + CRLF + "{{! note }}\n")
# Templates both renderers must refuse with the same message, and one whose partial
# tag we refuse while kainjow would look the partial up in the model.
write("bad/mustache/unclosed_section.txt", "<ul>{{#items}}<li>{{name}}</li>\n")
write("bad/mustache/unopened_section.txt", "{{a}}{{/items}}")
write("bad/mustache/unclosed_tag.txt", "tekst {{naam")
write("bad/mustache/bad_delimiters.txt", "{{=<% =}}")
write("bad/mustache/partial_left.txt", '{{>a}}\0{"a":"{{>a}}"}')
