#!/usr/bin/env python3
"""Keeps the production code of src/ in small pieces (issue 11).

  - no file over 600 lines, unless a comment among its first 5 lines starts with
    "Long because:" and says why;
  - no function or lambda over 80 lines (from its opening to its closing brace),
    unless a comment on the line(s) directly above it starts with "Long because:".

Production code is every .cpp and .hpp below src/ except tests (*_test.cpp and
their *_test_*.hpp helpers); templates are not C++ and are not read.

Functions are found by matching braces over the code with comments, string and
character literals (raw strings too, and digit separators like 1'000) blanked
out: a brace block is a function when what comes before it, back to the previous
statement, ends in a parameter list (with qualifiers, a trailing return type or a
constructor's initialiser list after it) that does not belong to if, for, while,
switch or catch. A heuristic, exact for the code of this repository.

Usage: check_sizes.py --src src [--max-file-lines 600] [--max-function-lines 80]
Exit status 0 when everything fits, 1 otherwise (one line per finding).
"""
import argparse
import pathlib
import re
import sys

EXCUSE = re.compile(r"^\s*(//+|/\*+|\*)\s*Long because:")
CONTROL = {"if", "for", "while", "switch", "catch", "return", "sizeof", "decltype", "alignof",
           "noexcept", "requires", "static_assert", "co_return", "co_await", "throw"}
KEYWORDS_BEFORE_BLOCK = {"namespace", "struct", "class", "union", "enum", "else", "do", "try",
                         "return"}
QUALIFIERS = re.compile(r"(\s*(const|noexcept|override|final|mutable|constexpr|volatile|try|&&|&)"
                        r"|\s*noexcept\s*\([^()]*\))*\s*$")
TRAILING_RETURN = re.compile(r"->\s*([\w:<>,\s*&\[\]]+|decltype\s*\((?:[^()]|\([^()]*\))*\))$")


def blank(text):
    """`text` with comments and literals replaced by spaces (newlines kept)."""
    out = list(text)
    i, n = 0, len(text)

    def wipe(a, b):
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if c == "/" and text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
        elif c == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            wipe(i, j)
            i = j
        elif c == '"':
            # A raw string: R"delim( ... )delim", maybe with an encoding prefix.
            prefix = re.search(r"(?<![\w])(u8|u|U|L)?R$", text[max(0, i - 3):i])
            if prefix:
                m = re.match(r'"([^()\\\s]{0,16})\(', text[i:])
                if m:
                    end = text.find(")" + m.group(1) + '"', i + m.end())
                    end = n if end < 0 else end + len(m.group(1)) + 2
                    wipe(i, end)
                    i = end
                    continue
            j = i + 1
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            wipe(i, j + 1)
            i = j + 1
        elif c == "'":
            # A digit separator (1'780'000) or a character literal ('{', '\'').
            k = i
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_.'"):
                k -= 1
            if k < i and text[k].isdigit():
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != "'" and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            wipe(i, j + 1)
            i = j + 1
        else:
            i += 1
    return "".join(out)


def matching_open(code, close, open_char, close_char):
    """The index of the bracket that `code[close]` closes, or -1."""
    depth = 0
    for k in range(close, -1, -1):
        if code[k] == close_char:
            depth += 1
        elif code[k] == open_char:
            depth -= 1
            if depth == 0:
                return k
    return -1


def head_before(code, brace, closes):
    """The text before the `{` at `brace`, back to the previous statement; brace
    initialisers of a constructor's initialiser list (`b_{x}`) are skipped."""
    k = brace - 1
    while k >= 0:
        c = code[k]
        if c == ";" or c == "{":
            break
        if c == "}":
            o = closes.get(k, -1)
            before = code[:o].rstrip() if o >= 0 else ""
            word = re.search(r"(\w+)$", before)
            if (o >= 0 and "\n" not in code[o:k] and before and (before[-1] in "_>" or word)
                    and not (word and word.group(1) in KEYWORDS_BEFORE_BLOCK)):
                k = o - 1  # `member{...}` in an initialiser list, or `T{...}` in an argument
                continue
            break
        if c == ")":
            o = matching_open(code, k, "(", ")")
            if o < 0:
                break
            k = o - 1
            continue
        k -= 1
    return k + 1


def function_name(head):
    """The name of the function whose body follows `head`, "lambda", or None."""
    h = head.rstrip()
    # A constructor's initialiser list: `X::X(args) : a_(b), c_{d}`.
    h = re.sub(r"\)\s*:\s*[\w:]+\s*[({].*$", ")", h, flags=re.S) if re.search(r"\)\s*:[^:]", h) else h
    h = TRAILING_RETURN.sub("", h).rstrip()
    h = QUALIFIERS.sub("", h).rstrip()
    if h.endswith("]"):  # a lambda without a parameter list: [&] { ... }
        return "lambda"
    if not h.endswith(")"):
        return None
    o = matching_open(h, len(h) - 1, "(", ")")
    if o < 0:
        return None
    before = h[:o].rstrip()
    if before.endswith("]"):
        return "lambda"
    m = re.search(r"(~?[\w:]+(?:<[^<>]*>)?|operator\s*\S+)\s*$", before)
    if not m:
        return None
    name = m.group(1)
    if name.split("::")[-1] in CONTROL:
        return None
    return name


def excused(lines, index):
    """True when the comment lines directly above line `index` (0-based) hold
    one that starts with "Long because:"."""
    k = index - 1
    while k >= 0 and re.match(r"^\s*(//|/\*|\*)", lines[k]):
        if EXCUSE.match(lines[k]):
            return True
        k -= 1
    return False


def check_file(path, rel, max_file, max_function):
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    findings = []
    count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if count > max_file and not any(EXCUSE.match(line) for line in lines[:5]):
        findings.append(f"src/{rel}: {count} lines (at most {max_file}; or say why in a "
                        "'Long because:' comment among the first 5 lines)")

    code = blank(text)
    line_of = [0] * (len(code) + 1)
    line = 0
    for i, c in enumerate(code):
        line_of[i] = line
        if c == "\n":
            line += 1
    opens, closes = [], {}
    pairs = []
    for i, c in enumerate(code):
        if c == "{":
            opens.append(i)
        elif c == "}" and opens:
            o = opens.pop()
            closes[i] = o
            pairs.append((o, i))
    for o, c in sorted(pairs):
        start = head_before(code, o, closes)
        head = code[start:o]
        name = function_name(head)
        if name is None:
            continue
        length = line_of[c] - line_of[o] + 1
        if length <= max_function:
            continue
        first = line_of[start + len(head) - len(head.lstrip())]
        if excused(lines, first) or excused(lines, line_of[o]):
            continue
        findings.append(f"src/{rel}:{line_of[o] + 1}: {name} is {length} lines (at most "
                        f"{max_function}; or say why in a 'Long because:' comment above it)")
    return findings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", required=True)
    parser.add_argument("--max-file-lines", type=int, default=600)
    parser.add_argument("--max-function-lines", type=int, default=80)
    parser.add_argument("--only", nargs="*", default=None,
                        help="check only these folders of src/ (e.g. web store)")
    args = parser.parse_args()
    src = pathlib.Path(args.src)
    findings = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".cpp", ".hpp") or not path.is_file():
            continue
        rel = path.relative_to(src).as_posix()
        stem = path.stem
        if stem.endswith("_test") or "_test_" in stem:
            continue
        if args.only is not None and rel.split("/")[0] not in args.only:
            continue
        findings += check_file(path, rel, args.max_file_lines, args.max_function_lines)
    if findings:
        print("Too large (tools/check_sizes.py):")
        for f in findings:
            print("  " + f)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
