// Many distinct postings for job-board tests and benchmarks, made deterministically from the
// fixture postings: each copy names another employer on its first line and leaves out a
// different subset of the later lines, so every text (and its hash) differs while the
// profession — and so roughly the fit — stays that of its fixture.
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const DIR = join(ROOT, 'tests/fixtures/jobs');
export const FIXTURE_POSTINGS = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: f.replace(/\.txt$/, ''), text: readFileSync(join(DIR, f), 'utf8') }));

/** A small deterministic generator (mulberry32), so every run makes the same postings. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` postings: `{ i, family, text, hash }`, the family being the fixture's file name. */
export function postings(n, seed = 7) {
  const next = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const base = FIXTURE_POSTINGS[i % FIXTURE_POSTINGS.length];
    const lines = base.text.split('\n');
    const [first, ...rest] = lines;
    // Keep the title line (with another employer) and about 80 % of the rest.
    const kept = rest.filter((l) => !l.trim() || next() < 0.8);
    const text = [`${first} (Posting ${i + 1}, Employer ${(i * 7919) % 100003})`, ...kept].join('\n');
    out.push({ i, family: base.name, text, hash: createHash('sha256').update(text).digest('hex') });
  }
  return out;
}
