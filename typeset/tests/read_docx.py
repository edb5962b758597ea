"""Prints the paragraphs of a .docx file as python-docx reads them, as JSON on stdout:
[{"style": name, "text": text, "list": whether it is a numbered/bulleted list item}].

python-docx (PyPI, MIT) is an independent reader of Word files; the Word export tests
(typeset/tests/typeset/docx_export.rs) compare what it reads with the résumé.
Usage: python3 read_docx.py file.docx
"""

import json
import sys


def main() -> int:
    try:
        import docx
    except ImportError:
        sys.stderr.write(
            "python-docx is not installed: run `bash scripts/tools.sh test` "
            "(it installs tests/requirements.txt)\n"
        )
        return 3
    document = docx.Document(sys.argv[1])
    out = []
    for p in document.paragraphs:
        ppr = p._p.pPr
        out.append(
            {
                "style": p.style.name if p.style is not None else "",
                "text": p.text,
                "list": ppr is not None and ppr.numPr is not None,
                "bold": [r.text for r in p.runs if r.bold],
            }
        )
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
