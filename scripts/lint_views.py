#!/usr/bin/env python3
"""Finds a comparison inside an unbraced closure attribute of a Leptos `view!`.

In `<button disabled=move || i + 1 >= len() on:click=…>`, the `>` of `>=` ends the tag: the
rest of the attribute list becomes text on the page (the résumé editor once printed
`= len() on : click = move | _| doc.update(…)` on every bullet row). Braced values,
`disabled={move || i + 1 >= len()}`, are safe. This check flags an unbraced `attr=move |…|`
whose line holds a spaced `>` or `>=` outside any brackets (rustfmt writes comparisons
with spaces; a tag's own closing `>` follows a `)` or `"` directly; inside `(…)`, `[…]` and
`{…}` the macro reads the whole group, so `doc.update(|d| if j > 0 {…})` is safe). The e2e test that no page shows program text is
the net behind it.

    python3 scripts/lint_views.py [files…]   # default: every .rs file under app/src
"""
import pathlib
import re
import sys

UNBRACED = re.compile(r'[\w:-]+=move\s*\|[^|]*\|(?P<rest>.*)$')
COMPARISON = re.compile(r'\s(>=?|>>)\s')


def top_level(text):
    """`text` with everything inside brackets blanked out."""
    out, depth = [], 0
    for c in text:
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth = max(0, depth - 1)
            if depth == 0:
                out.append(c)
                continue
        out.append(c if depth == 0 else ' ')
    return ''.join(out)

def main(argv):
    files = [pathlib.Path(a) for a in argv] or sorted(pathlib.Path('app/src').rglob('*.rs'))
    bad = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
            for m in UNBRACED.finditer(line):
                if COMPARISON.search(top_level(m.group('rest'))):
                    bad.append(f'{path}:{n}: unbraced closure attribute with ">" (wrap it in {{…}}): {line.strip()}')
    for b in bad:
        print(b)
    if bad:
        return 1
    print(f'lint_views: {len(files)} files, no unbraced closure attribute holds ">"')
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
