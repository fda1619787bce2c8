#!/usr/bin/env python3
"""Builds the word list of the decompounder from Debian's Dutch dictionary (wdutch).

Keeps lower-case words (no names) of 4 to 40 letters, folded to ASCII the way
src/search/text.cpp folds text, sorted and without duplicates, one per line.
"""
import argparse
import pathlib
import unicodedata


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default="/usr/share/dict/dutch")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    words = set()
    with open(args.source, encoding="utf-8") as f:
        for line in f:
            word = line.strip()
            if not word or not word[0].islower():
                continue
            folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
            if 4 <= len(folded) <= 40 and folded.isalpha():
                words.add(folded)
    text = "\n".join(sorted(words)) + "\n"
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists() or out.read_text() != text:
        out.write_text(text)


if __name__ == "__main__":
    main()
