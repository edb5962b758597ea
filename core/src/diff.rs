//! Word-level differences between two versions of a résumé (seed 001 `VersionDiff`:
//! `added`, `removed`, `rewritten`).
//!
//! A document is flattened into its text fields in document order, each with its JSON
//! Resume path (`work[0].highlights[1]`, `basics.summary` — the same paths as bullet source
//! paths). The two field lists are aligned as sequences, so inserting a bullet shows as one
//! addition rather than as every later bullet "changed"; within a run of changed fields, an
//! old and a new field that share enough words are one rewrite (shown word by word), the
//! rest are additions and removals.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};

use crate::resume::JsonResume;

/// A field's text and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub path: String,
    pub text: String,
    /// Where it is, in words: "Experience · Engineer — Acme · bullet 2".
    #[serde(default)]
    pub label: String,
}

/// One word-level piece of a rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChange {
    /// `equal`, `insert` or `delete`.
    pub op: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rewrite {
    /// The field's path in the newer version.
    pub path: String,
    pub from_path: String,
    /// Where it is (in the newer version), in words.
    #[serde(default)]
    pub label: String,
    pub before: String,
    pub after: String,
    pub words: Vec<WordChange>,
}

/// What changed from one document to another.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDiff {
    pub added: Vec<Field>,
    pub removed: Vec<Field>,
    pub rewritten: Vec<Rewrite>,
}

impl DocumentDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.rewritten.is_empty()
    }
}

/// Two fields with at least this share of common words (of the longer one) are a rewrite of
/// one another; below it, one was removed and the other added. A third keeps "reworded
/// with the posting's terms" together and keeps an unrelated replacement apart.
const REWRITE_MIN_SHARED: f64 = 0.34;

/// Every text field of a document in document order, with its path.
pub fn fields(doc: &JsonResume) -> Vec<Field> {
    fn walk(path: &str, v: &Value, out: &mut Vec<Field>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    walk(&p, x, out);
                }
            }
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(&format!("{path}[{i}]"), x, out);
                }
            }
            Value::String(s) if !s.trim().is_empty() => out.push(Field { path: path.to_string(), text: s.clone(), label: String::new() }),
            Value::Number(n) => out.push(Field { path: path.to_string(), text: n.to_string(), label: String::new() }),
            Value::Bool(b) => out.push(Field { path: path.to_string(), text: b.to_string(), label: String::new() }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(doc) {
        walk("", &v, &mut out);
    }
    out
}

fn word_set(s: &str) -> std::collections::HashSet<String> {
    s.split_whitespace().map(|w| w.to_lowercase()).collect()
}

fn shared(a: &str, b: &str) -> f64 {
    let (x, y) = (word_set(a), word_set(b));
    let longer = x.len().max(y.len());
    if longer == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / longer as f64
}

/// A field path in words, for people: `work[0].highlights[1]` → "Experience · Engineer —
/// Acme · bullet 2", `basics.summary` → "Basics · summary".
pub fn label(doc: &JsonResume, path: &str) -> String {
    let v = serde_json::to_value(doc).unwrap_or(Value::Null);
    let mut parts: Vec<String> = Vec::new();
    let mut rest = path;
    let top_end = rest.find(['.', '[']).unwrap_or(rest.len());
    let top = &rest[..top_end];
    rest = &rest[top_end..];
    parts.push(
        match top {
            "basics" => "Basics",
            "work" => "Experience",
            "volunteer" => "Volunteering",
            "education" => "Education",
            "awards" => "Awards",
            "certificates" => "Certificates",
            "publications" => "Publications",
            "skills" => "Skills",
            "languages" => "Languages",
            "interests" => "Interests",
            "references" => "References",
            "projects" => "Projects",
            other => other,
        }
        .to_string(),
    );
    // The entry of a list section, named by what a reader calls it.
    if let Some(r) = rest.strip_prefix('[') {
        let close = r.find(']').unwrap_or(r.len());
        let i: usize = r[..close].parse().unwrap_or(0);
        rest = r.get(close + 1..).unwrap_or("");
        let entry = &v[top][i];
        let s = |k: &str| entry[k].as_str().filter(|x| !x.trim().is_empty()).map(str::to_string);
        let name = match top {
            "work" | "volunteer" => match (s("position"), s("name").or_else(|| s("organization"))) {
                (Some(p), Some(n)) => Some(format!("{p} — {n}")),
                (p, n) => p.or(n),
            },
            "education" => s("institution"),
            "awards" | "certificates" | "publications" => s("title").or_else(|| s("name")),
            "languages" => s("language"),
            _ => s("name"),
        };
        parts.push(name.unwrap_or_else(|| format!("entry {}", i + 1)));
    }
    let field = rest.trim_start_matches('.');
    if let Some(b) = field.strip_prefix("highlights[").or_else(|| field.strip_prefix("keywords[")) {
        let n: usize = b.trim_end_matches(']').parse().unwrap_or(0);
        parts.push(format!("{} {}", if field.starts_with("highlights") { "bullet" } else { "keyword" }, n + 1));
    } else if !field.is_empty() {
        // "startDate" → "start date", "location.city" → "location city".
        let mut words = String::new();
        for ch in field.chars() {
            if ch.is_uppercase() {
                words.push(' ');
                words.extend(ch.to_lowercase());
            } else if ch == '.' || ch == '[' {
                words.push(' ');
            } else if ch != ']' {
                words.push(ch);
            }
        }
        parts.push(words);
    }
    parts.join(" · ")
}

/// The word-by-word changes from `before` to `after`.
pub fn words(before: &str, after: &str) -> Vec<WordChange> {
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).diff_words(before, after);
    let mut out: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Insert => "insert",
            ChangeTag::Delete => "delete",
        };
        // Merge runs of the same kind so the review shows phrases, not single tokens.
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(WordChange { op: op.into(), text: change.value().to_string() }),
        }
    }
    out
}

/// What changed from `from` to `to`.
pub fn diff(from: &JsonResume, to: &JsonResume) -> DocumentDiff {
    let (old, new) = (fields(from), fields(to));
    let old_text: Vec<&str> = old.iter().map(|f| f.text.as_str()).collect();
    let new_text: Vec<&str> = new.iter().map(|f| f.text.as_str()).collect();
    let mut out = DocumentDiff::default();
    let mut changed_old: Vec<usize> = Vec::new();
    let mut changed_new: Vec<usize> = Vec::new();
    let flush = |co: &mut Vec<usize>, cn: &mut Vec<usize>, out: &mut DocumentDiff| {
        let mut taken = vec![false; cn.len()];
        for &o in co.iter() {
            let best = cn
                .iter()
                .enumerate()
                .filter(|(k, _)| !taken[*k])
                .map(|(k, &n)| (k, shared(&old[o].text, &new[n].text)))
                .filter(|(_, s)| *s >= REWRITE_MIN_SHARED)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((k, _)) => {
                    taken[k] = true;
                    let n = cn[k];
                    out.rewritten.push(Rewrite {
                        path: new[n].path.clone(),
                        from_path: old[o].path.clone(),
                        label: label(to, &new[n].path),
                        before: old[o].text.clone(),
                        after: new[n].text.clone(),
                        words: words(&old[o].text, &new[n].text),
                    });
                }
                None => out.removed.push(Field { label: label(from, &old[o].path), ..old[o].clone() }),
            }
        }
        for (k, &n) in cn.iter().enumerate() {
            if !taken[k] {
                out.added.push(Field { label: label(to, &new[n].path), ..new[n].clone() });
            }
        }
        co.clear();
        cn.clear();
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_text, &new_text) {
        match op {
            DiffOp::Equal { .. } => flush(&mut changed_old, &mut changed_new, &mut out),
            DiffOp::Delete { old_index, old_len, .. } => changed_old.extend(old_index..old_index + old_len),
            DiffOp::Insert { new_index, new_len, .. } => changed_new.extend(new_index..new_index + new_len),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                changed_old.extend(old_index..old_index + old_len);
                changed_new.extend(new_index..new_index + new_len);
            }
        }
    }
    flush(&mut changed_old, &mut changed_new, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> JsonResume {
        serde_json::from_str(include_str!("../../tests/fixtures/resumes/mateo-lindqvist.json")).unwrap()
    }

    fn bullets(d: &mut JsonResume) -> &mut Vec<String> {
        d.work.as_mut().unwrap()[0].highlights.as_mut().unwrap()
    }

    #[test]
    fn same_document_no_changes() {
        assert!(diff(&doc(), &doc()).is_empty());
    }

    #[test]
    fn an_inserted_bullet_is_one_addition_not_a_cascade() {
        let a = doc();
        let mut b = a.clone();
        bullets(&mut b).insert(0, "Mentored two new analysts through their first quarter.".into());
        let d = diff(&a, &b);
        assert_eq!(d.added.len(), 1);
        assert_eq!((d.added[0].path.as_str(), d.added[0].text.as_str()), ("work[0].highlights[0]", "Mentored two new analysts through their first quarter."));
        let w = &b.work.as_ref().unwrap()[0];
        let role = format!("{} — {}", w.position.as_deref().unwrap(), w.name.as_deref().unwrap());
        assert_eq!(d.added[0].label, format!("Experience · {role} · bullet 1"));
        assert!(d.removed.is_empty() && d.rewritten.is_empty(), "{d:?}");
    }

    #[test]
    fn a_reworded_bullet_is_a_rewrite_with_its_words() {
        let a = doc();
        let mut b = a.clone();
        let old = bullets(&mut b)[1].clone();
        let new = old.replacen(' ', " quickly ", 1);
        bullets(&mut b)[1] = new.clone();
        let d = diff(&a, &b);
        assert_eq!(d.rewritten.len(), 1, "{d:?}");
        let r = &d.rewritten[0];
        assert_eq!((r.path.as_str(), r.before.as_str(), r.after.as_str()), ("work[0].highlights[1]", old.as_str(), new.as_str()));
        assert!(r.words.iter().any(|w| w.op == "insert" && w.text.contains("quickly")));
        let rebuilt: String = r.words.iter().filter(|w| w.op != "delete").map(|w| w.text.as_str()).collect();
        assert_eq!(rebuilt, new);
    }

    #[test]
    fn labels_name_sections_entries_and_fields_in_words() {
        let d = doc();
        assert_eq!(label(&d, "basics.summary"), "Basics · summary");
        assert_eq!(label(&d, "basics.location.city"), "Basics · location city");
        let school = d.education.as_ref().unwrap()[0].institution.clone().unwrap();
        assert_eq!(label(&d, "education[0].startDate"), format!("Education · {school} · start date"));
        assert_eq!(label(&d, "work[99].highlights[0]"), "Experience · entry 100 · bullet 1");
    }

    #[test]
    fn an_unrelated_replacement_is_a_removal_and_an_addition() {
        let a = doc();
        let mut b = a.clone();
        let old = bullets(&mut b)[0].clone();
        bullets(&mut b)[0] = "Ran the regional chess league.".into();
        let d = diff(&a, &b);
        assert_eq!(d.removed.len(), 1);
        assert_eq!(d.removed[0].text, old);
        assert_eq!(d.added.len(), 1);
        assert!(d.rewritten.is_empty());
    }
}
