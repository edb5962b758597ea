#!/usr/bin/env python3
"""Regenerate core/data/places.txt: names of countries and of the states and provinces of
English-speaking countries.

Why: a posting names places that are not skills — the state that issues a licence
("Current *Wisconsin* LMSW", "Admission to the *Illinois* bar", "*Washington State* NAC
certification"), a country of work. Written in capitals mid-sentence they read as names,
and names rank high as keywords, so a state took a keyword slot in every licensed
profession's posting. Which words are places is general knowledge, so it is read from the
ISO 3166 lists rather than listed by hand.

What is kept:
  1. Every country of ISO 3166-1: its `name`, and its `common_name` where it has one
     ("Bolivia" for "Bolivia, Plurinational State of"); a name with a comma is written
     without its qualifier too ("Korea, Republic of" -> "Korea").
  2. The first-level subdivisions of type State, Province, Territory, District, Country or
     Union territory of the countries whose job postings are mostly in English: US, CA,
     GB (England, Scotland, Wales, Northern Ireland), IE, AU, NZ, IN. Other countries'
     provinces are left out: many are ordinary words in English ("Central", "Delta",
     "Plateau", "Unity").
  A bracketed native name ("Wales [Cymru GB-CYM]") is dropped.

Output: one name per line, sorted, as written in the source.

Source: Debian's `iso-codes` package (LGPL-2.1+), installed on Debian by
`apt-get install iso-codes`:
    python3 scripts/data/make_places.py /usr/share/iso-codes/json > core/data/places.txt
"""
import json
import re
import sys

ENGLISH = {"US", "CA", "GB", "IE", "AU", "NZ", "IN"}
TYPES = {"State", "Province", "Territory", "District", "Country", "Union territory"}


def clean(name):
    return re.sub(r"\s*\[.*?\]", "", name).strip()


def main():
    src = sys.argv[1]
    names = set()
    for c in json.load(open(f"{src}/iso_3166-1.json", encoding="utf-8"))["3166-1"]:
        for key in ("name", "common_name"):
            if key in c:
                n = clean(c[key])
                names.add(n)
                if "," in n:
                    names.add(n.split(",")[0].strip())
    for s in json.load(open(f"{src}/iso_3166-2.json", encoding="utf-8"))["3166-2"]:
        if s["code"].split("-")[0] in ENGLISH and s["type"] in TYPES and "parent" not in s:
            names.add(clean(s["name"]))
    for n in sorted(names):
        print(n)


main()
