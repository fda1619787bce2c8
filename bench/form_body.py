#!/usr/bin/env python3
"""Prints the url-encoded body a browser would send for one form of a page.

    form_body.py ACTION FIELD=SUFFIX... < page.html

Reads the HTML page on stdin, finds the <form method="post"> whose action is
ACTION, and prints the fields as they stand (hidden and text inputs, checked
boxes and radios, selected options, text areas), with SUFFIX appended to each
named FIELD. Used by scripts/bench to save a kennisbank resource repeatedly
(bench/post_form.lua replaces the marker BENCHN in the body by a counter).
Exits 1 when the form is not on the page.
"""
import html.parser
import sys
import urllib.parse


class FormReader(html.parser.HTMLParser):
    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.found = False
        self.fields = []  # (name, value) in document order
        self.textarea = None
        self.select = None
        self.select_first = None
        self.select_chosen = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("method", "get").lower() == "post"
                           and a.get("action") == self.action and not self.found)
            self.found = self.found or self.inside
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = name, None, False
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in a and not self.select_chosen:
                self.fields.append((self.select, value))
                self.select_chosen = True

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select:
            if not self.select_chosen and self.select_first is not None:
                self.fields.append((self.select, self.select_first))
            self.select = None


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    suffixes = dict(arg.split("=", 1) for arg in sys.argv[2:])
    reader = FormReader(sys.argv[1])
    reader.feed(sys.stdin.read())
    if not reader.found:
        print(f"form_body: no post form with action {sys.argv[1]}", file=sys.stderr)
        return 1
    fields = [(n, v + suffixes.get(n, "")) for n, v in reader.fields]
    sys.stdout.write(urllib.parse.urlencode(fields))
    return 0


if __name__ == "__main__":
    sys.exit(main())
