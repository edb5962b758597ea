#!/usr/bin/env python3
"""Regenerate core/data/languages.txt: names of human languages.

Why: "Fluency in Vietnamese" is a language requirement (the Languages section shows it, no
bullet does); "Fluency in Figma" is a tool. The rubric used to take any capitalised word
after "fluency"/"fluent" for a language, so a design tool was filed as a language and the
review asked the user to list the languages they speak. Which words name languages is
general knowledge, so it is read from the ISO 639 lists rather than listed by hand.

What is kept:
  1. Every ISO 639-1 language (the 184 with a two-letter code) by each of its names
     ("Panjabi; Punjabi" gives both), without parenthesised qualifiers; an inverted name
     ("Greek, Modern", "Ndebele, South") also by its first part.
  2. Every ISO 639-3 macrolanguage (scope M: "Arabic", "Chinese", "Hmong", "Persian").
  3. Every living ISO 639-3 language whose inverted name starts with a name of 1. or 2.,
     by its name ("Chinese, Mandarin" -> "Mandarin Chinese"; not "Mandarin" alone: the
     second parts are often ordinary words, "Arabic, Gulf", "German, Pennsylvania"), and
     every sign language ("American Sign Language", "British Sign Language").
  Names shorter than three letters are left out.

Output: one name per line, sorted.

Source: Debian's `iso-codes` package (LGPL-2.1+):
    python3 scripts/data/make_languages.py /usr/share/iso-codes/json > core/data/languages.txt
"""
import json
import re
import sys


def parts(name):
    out = []
    for n in name.split(";"):
        n = re.sub(r"\s*\(.*?\)", "", n).strip()
        if not n:
            continue
        if "," not in n:
            out.append(n)
        else:
            first, rest = [x.strip() for x in n.split(",", 1)]
            out.append(first)
            out.append(f"{rest} {first}")
    return out


def main():
    src = sys.argv[1]
    names = set()
    for x in json.load(open(f"{src}/iso_639-2.json", encoding="utf-8"))["639-2"]:
        if "alpha_2" in x:
            names.update(parts(x["name"]))
    iso3 = json.load(open(f"{src}/iso_639-3.json", encoding="utf-8"))["639-3"]
    for x in iso3:
        if x.get("scope") == "M":
            names.update(parts(x["name"]))
    base = set(names)
    for x in iso3:
        if x.get("type") != "L":
            continue
        inv = x.get("inverted_name", "")
        if "," in inv and inv.split(",")[0].strip() in base:
            names.add(re.sub(r"\s*\(.*?\)", "", x["name"]).strip())
        if "Sign Language" in x["name"]:
            names.add(x["name"])
    for n in sorted(n for n in names if len(n) >= 3 and "languages" not in n.lower()):
        print(n)


main()
