"""How an independent résumé parser (openresume-parser, local mode; tests/requirements.txt)
reads `fitted render --fit` PDFs of every fixture résumé in every template: name, e-mail,
phone, one entry per role, and each role's title, company and start year, as counts.

The gate's own check is typeset/tests/typeset/ats_parser.rs (tailored one-page PDFs); this
script is for comparing builds, e.g. before and after a template change:

    cargo build -p fitted-cli && python3 scripts/eval/ats_parse.py [-v]
    FITTED=/path/to/other/fitted python3 scripts/eval/ats_parse.py
"""

import json
import os
import subprocess
import sys
import tempfile

from openresume import parse_resume_from_pdf

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
FITTED = os.environ.get("FITTED", os.path.join(ROOT, "target", "debug", "fitted"))
RESUMES = os.path.join(ROOT, "tests", "fixtures", "resumes")


def main() -> int:
    verbose = "-v" in sys.argv
    totals: dict[str, list[int]] = {}

    def count(key: str, ok: bool) -> None:
        t = totals.setdefault(key, [0, 0])
        t[0] += ok
        t[1] += 1

    out_dir = tempfile.mkdtemp(prefix="fitted-ats-")
    for template in ["classic", "modern", "compact"]:
        for name in sorted(os.listdir(RESUMES)):
            if name == "edge_cases.json" or not name.endswith(".json"):
                continue
            doc = json.load(open(os.path.join(RESUMES, name)))
            pdf = os.path.join(out_dir, f"{template}-{name}.pdf")
            subprocess.run([FITTED, "render", "--template", template, "--fit", "--out", pdf,
                            os.path.join(RESUMES, name)], check=True, capture_output=True)
            parsed = parse_resume_from_pdf(pdf)["resume"]
            basics = doc["basics"]
            count("name", parsed["full_name"] == basics["name"])
            count("email", parsed["email"] == basics.get("email"))
            count("phone", parsed["phone"] == basics.get("phone"))
            entries = parsed["experience"]["work_history"]
            count("entries", len(entries) == len(doc["work"]))
            for i, role in enumerate(doc["work"]):
                got = entries[i] if i < len(entries) else {}
                year = role.get("startDate", "")[:4]
                ok = (got.get("title") == role["position"], got.get("company") == role["name"],
                      bool(year) and year in (got.get("start_date") or ""))
                count("title", ok[0])
                count("company", ok[1])
                count("start", ok[2])
                if verbose and not all(ok):
                    print(f"  {template} {name}: {role['position']} / {role['name']} → "
                          f"{got.get('title')!r} / {got.get('company')!r} / {got.get('start_date')!r}")
    for key, (good, all_) in totals.items():
        print(f"{key}: {good}/{all_}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
