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
            Value::String(s) if !s.trim().is_empty() => out.push(Field { path: path.to_string(), text: s.clone() }),
            Value::Number(n) => out.push(Field { path: path.to_string(), text: n.to_string() }),
            Value::Bool(b) => out.push(Field { path: path.to_string(), text: b.to_string() }),
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
                        before: old[o].text.clone(),
                        after: new[n].text.clone(),
                        words: words(&old[o].text, &new[n].text),
                    });
                }
                None => out.removed.push(old[o].clone()),
            }
        }
        for (k, &n) in cn.iter().enumerate() {
            if !taken[k] {
                out.added.push(new[n].clone());
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
        assert_eq!(d.added, vec![Field { path: "work[0].highlights[0]".into(), text: "Mentored two new analysts through their first quarter.".into() }]);
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
