#!/usr/bin/env python3
"""Check a labelled folder (resumes/, jobs/, labels/) against the label rules of
tests/fixtures/README.md, so a set labelled later is held to the same rules as the dev set.

    python3 scripts/eval/check_labels.py tests/other-fields

Prints one line per problem and exits 1 if there is any. Checks: every file is JSON; every
label lists every bullet of its résumé exactly once (work[i].highlights[j],
projects[i].highlights[j]) and no other path; relevance 0-3; `covers` ids exist, are given
for relevance >= 2 and absent for 0; every relevance-3 bullet covers a must; evidence tiers
are one of strong/medium/weak and the same in every label of a résumé; redundant groups are
the same in every label of a résumé and name real paths; requirement evidence is a verbatim
substring of the posting; keywords occur in the posting (case-insensitive); the ideal
selection has 8-14 existing paths (all bullets when the résumé has fewer than 8), respects
the per-role caps (5 / 4 / 3 for older roles, 3 per project) and holds no two bullets of
one redundant group; every label of a job carries the same requirements and keywords.
"""
import html
import json
import sys
from pathlib import Path


def paths_of(resume):
    out = []
    for sec in ("work", "projects"):
        for i, entry in enumerate(resume.get(sec) or []):
            for j, _ in enumerate(entry.get("highlights") or []):
                out.append(f"{sec}[{i}].highlights[{j}]")
    return out


def main(folder):
    root = Path(folder)
    problems = []
    say = problems.append
    resumes, tiers, groups, rubrics = {}, {}, {}, {}
    for f in sorted((root / "resumes").glob("*.json")):
        try:
            resumes[f.name] = json.loads(f.read_text())
        except ValueError as e:
            say(f"{f}: not JSON ({e})")
    for f in sorted((root / "labels").glob("*.json")):
        try:
            lab = json.loads(f.read_text())
        except ValueError as e:
            say(f"{f}: not JSON ({e})")
            continue
        name = f.name
        res = resumes.get(lab.get("resume"))
        job_path = root / "jobs" / str(lab.get("job"))
        if res is None:
            say(f"{name}: résumé {lab.get('resume')} not in resumes/")
            continue
        if not job_path.exists():
            say(f"{name}: job {lab.get('job')} not in jobs/")
            continue
        if name != f"{lab['resume'][:-5]}__{lab['job'][:-4]}.json":
            say(f"{name}: file name should be <resume-slug>__<job-slug>.json")
        jd = job_path.read_text()
        jd_plain = html.unescape(jd).lower()
        reqs = lab.get("requirements") or []
        ids = {r.get("id"): r for r in reqs}
        if len(ids) != len(reqs):
            say(f"{name}: requirement ids repeat")
        for r in reqs:
            if r.get("type") not in ("must", "nice"):
                say(f"{name}: {r.get('id')} type must be 'must' or 'nice'")
            if not isinstance(r.get("weight"), int) or not 1 <= r["weight"] <= 5:
                say(f"{name}: {r.get('id')} weight must be 1-5")
            ev = r.get("evidence") or ""
            if ev not in jd:
                say(f"{name}: {r.get('id')} evidence is not verbatim in the posting: {ev[:80]!r}")
            for k in r.get("keywords") or []:
                if k.lower() not in jd_plain:
                    say(f"{name}: {r.get('id')} keyword {k!r} not in the posting")
        for k in lab.get("keywords") or []:
            if k.get("term", "").lower() not in jd_plain:
                say(f"{name}: keyword {k.get('term')!r} not in the posting")
            if k.get("type") not in ("skill", "tool", "domain", "methodology"):
                say(f"{name}: keyword {k.get('term')!r} type must be skill/tool/domain/methodology")
        rubric = json.dumps([reqs, lab.get("keywords")], sort_keys=True)
        if rubrics.setdefault(lab["job"], rubric) != rubric:
            say(f"{name}: requirements/keywords differ from another label of {lab['job']}")
        want = paths_of(res)
        bullets = lab.get("bullets") or {}
        if sorted(bullets) != sorted(want):
            missing = sorted(set(want) - set(bullets))
            extra = sorted(set(bullets) - set(want))
            say(f"{name}: bullet paths differ from the résumé (missing {missing}, extra {extra})")
        for p, b in bullets.items():
            rel, covers = b.get("relevance"), b.get("covers") or []
            if rel not in (0, 1, 2, 3):
                say(f"{name}: {p} relevance must be 0-3")
                continue
            for c in covers:
                if c not in ids:
                    say(f"{name}: {p} covers unknown {c}")
            if rel >= 2 and not covers:
                say(f"{name}: {p} relevance {rel} needs covers")
            if rel == 0 and covers:
                say(f"{name}: {p} relevance 0 must not cover anything")
            if rel == 3 and not any(ids.get(c, {}).get("type") == "must" for c in covers):
                say(f"{name}: {p} relevance 3 must cover a must requirement")
            tier = b.get("evidence")
            if tier not in ("strong", "medium", "weak"):
                say(f"{name}: {p} evidence must be strong/medium/weak")
            key = (lab["resume"], p)
            if tiers.setdefault(key, tier) != tier:
                say(f"{name}: {p} evidence tier differs from another label of {lab['resume']}")
        grp = lab.get("redundantGroups") or []
        for g in grp:
            for p in g:
                if p not in want:
                    say(f"{name}: redundant group names unknown {p}")
        if groups.setdefault(lab["resume"], json.dumps(grp, sort_keys=True)) != json.dumps(grp, sort_keys=True):
            say(f"{name}: redundantGroups differ from another label of {lab['resume']}")
        sel = lab.get("idealSelection") or []
        if len(set(sel)) != len(sel):
            say(f"{name}: idealSelection repeats a path")
        lo = min(8, len(want))
        if not lo <= len(sel) <= 14:
            say(f"{name}: idealSelection has {len(sel)} paths (8-14, or all bullets when fewer than 8)")
        for p in sel:
            if p not in want:
                say(f"{name}: idealSelection names unknown {p}")
        per = {}
        for p in sel:
            entry = p.split(".")[0]
            per[entry] = per.get(entry, 0) + 1
        for entry, n in per.items():
            sec, i = entry.split("[")
            i = int(i[:-1])
            cap = 3 if sec == "projects" else (5 if i == 0 else 4 if i == 1 else 3)
            if n > cap:
                say(f"{name}: idealSelection takes {n} bullets of {entry} (at most {cap})")
        for g in grp:
            if sum(1 for p in sel if p in g) > 1:
                say(f"{name}: idealSelection holds two bullets of redundant group {g}")
        fit = lab.get("fit")
        if not isinstance(fit, (int, float)) or not 0 <= fit <= 100:
            say(f"{name}: fit must be 0-100")
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {root}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures"))
