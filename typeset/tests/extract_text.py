"""Prints the text of a PDF as pypdf extracts it, pages separated by form feeds.

The ATS fidelity tests compare this with pdftotext's output: two independent extractors
agreeing that the text is there, in order, is good evidence that applicant tracking systems
will read it too. Usage: python3 extract_text.py file.pdf
"""

import sys


def main() -> int:
    try:
        import pypdf
    except ImportError:
        sys.stderr.write(
            "pypdf is not installed: run `bash scripts/tools.sh test` "
            "(it installs tests/requirements.txt)\n"
        )
        return 3
    reader = pypdf.PdfReader(sys.argv[1])
    pages = [page.extract_text() or "" for page in reader.pages]
    sys.stdout.buffer.write("\f".join(pages).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
