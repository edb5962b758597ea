"""Prints what an independent résumé parser makes of a PDF, as JSON on stdout.

The parser is `openresume-parser` (PyPI, AGPL-3.0, used by the tests only and never
shipped): a Python port of OpenResume's published algorithm, run in its local mode (no
OCR, no AI). It reads the PDF's text lines with pypdf, splits the work section into entries
where a blank line falls, and takes each entry's title, company and dates from its first
lines. The ATS structure tests (typeset/tests/typeset/ats_parser.rs) compare its answer
with the résumé. Usage: python3 parse_resume.py file.pdf
"""

import json
import sys


def main() -> int:
    try:
        from openresume import parse_resume_from_pdf
    except ImportError:
        sys.stderr.write(
            "openresume-parser is not installed: run `bash scripts/tools.sh test` "
            "(it installs tests/requirements.txt)\n"
        )
        return 3
    result = parse_resume_from_pdf(sys.argv[1])
    if not result.get("ok"):
        sys.stderr.write(f"the parser refused the PDF: {result.get('error')}\n")
        return 4
    resume = result["resume"]
    out = {
        "name": resume.get("full_name", ""),
        "email": resume.get("email", ""),
        "phone": resume.get("phone", ""),
        "work": [
            {
                "title": w.get("title") or "",
                "company": w.get("company") or "",
                "start": w.get("start_date") or "",
            }
            for w in resume.get("experience", {}).get("work_history", [])
        ],
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
