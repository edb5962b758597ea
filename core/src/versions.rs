//! Résumé versions (seed 001 `ResumeVersion`): how a version's document is stored, when the
//! editor cuts a new version, and the order a version tree is shown in.
//!
//! Versions are immutable and a heavy user keeps hundreds, each of a document with hundreds
//! of bullets. Storing every version whole would cost the full document per edit, so a
//! document is stored as *chunks* — one per top-level field, and one per entry of each
//! top-level list (a role, a project, a degree) — addressed by the hash of their content.
//! A version is a light record naming its chunks (its [`Manifest`]); an edit to one bullet
//! adds one chunk (its role) and one manifest, and identical content is stored once. Listing
//! versions reads only manifests, never documents.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use thiserror::Error;

use crate::hash::{canonical_json, sha256_hex};
use crate::model::{ResumeSectionType, ResumeVersion, ResumeVersionStatus, ResumeVersionType};
use crate::resume::JsonResume;

/// The editor cuts a version when the user has not typed for this long (and when they
/// leave the editor, and before a run starts). A minute is long enough that one sitting of
/// edits — retyping a bullet, moving a role — becomes one version, and short enough that a
/// version exists for any edit the user could want to go back to later the same day.
pub const SESSION_IDLE_MS: i64 = 60_000;

/// One top-level field of a document: its chunks, in order (one for a plain field; one per
/// entry for a list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManifestEntry {
    pub key: String,
    /// The field is a list: `chunks` are its entries. Otherwise `chunks` has one element.
    #[serde(default)]
    pub list: bool,
    pub chunks: Vec<String>,
}

/// Which chunks make up a version's document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub entries: Vec<ManifestEntry>,
}

impl Manifest {
    /// Every chunk id this manifest uses (with repeats).
    pub fn chunk_ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().flat_map(|e| e.chunks.iter().map(String::as_str))
    }
}

/// `versionChunks` record: a piece of a document, stored once per distinct content. The
/// value is kept as canonical JSON text so it round-trips exactly through IndexedDB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionChunk {
    /// SHA-256 of `json`.
    pub id: String,
    pub json: String,
}

#[derive(Debug, Error, PartialEq)]
pub enum VersionError {
    #[error("Part of this version ({0}) is missing from storage. Restore a backup that has it, or pick another version.")]
    MissingChunk(String),
    #[error("This version's stored document is damaged ({0}). Pick another version or restore a backup.")]
    Damaged(String),
}

/// A document split into chunks, and its manifest. Equal documents give equal manifests.
pub fn pack(doc: &JsonResume) -> (Manifest, Vec<VersionChunk>) {
    let mut chunks: Vec<VersionChunk> = Vec::new();
    let mut add = |v: &Value| -> String {
        let json = canonical_json(v);
        let id = sha256_hex(json.as_bytes());
        if !chunks.iter().any(|c| c.id == id) {
            chunks.push(VersionChunk { id: id.clone(), json });
        }
        id
    };
    let mut entries = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::to_value(doc) {
        for (key, value) in &map {
            let entry = match value {
                Value::Array(items) => ManifestEntry { key: key.clone(), list: true, chunks: items.iter().map(&mut add).collect() },
                v => ManifestEntry { key: key.clone(), list: false, chunks: vec![add(v)] },
            };
            entries.push(entry);
        }
    }
    (Manifest { entries }, chunks)
}

/// The document of a manifest, its chunks looked up by id.
pub fn unpack(manifest: &Manifest, mut chunk: impl FnMut(&str) -> Option<String>) -> Result<JsonResume, VersionError> {
    let mut parse = |id: &str| -> Result<Value, VersionError> {
        let json = chunk(id).ok_or_else(|| VersionError::MissingChunk(id.chars().take(12).collect()))?;
        serde_json::from_str(&json).map_err(|e| VersionError::Damaged(e.to_string()))
    };
    let mut map = Map::new();
    for e in &manifest.entries {
        let value = if e.list {
            Value::Array(e.chunks.iter().map(|c| parse(c)).collect::<Result<_, _>>()?)
        } else {
            let id = e.chunks.first().ok_or_else(|| VersionError::Damaged(format!("field {} has no content", e.key)))?;
            parse(id)?
        };
        map.insert(e.key.clone(), value);
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| VersionError::Damaged(e.to_string()))
}

/// What the user locked (Fitted addition on `masterResumes`, copied into each version's
/// seed 001 `resumeSections`). Locked content cannot be edited until unlocked, and is never
/// sent to a model. Bullets are locked by their text: a locked bullet's text cannot change,
/// so its text is a stable name for it wherever it moves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locks {
    #[serde(default)]
    pub sections: Vec<ResumeSectionType>,
    #[serde(default)]
    pub bullets: Vec<String>,
}

impl Locks {
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.bullets.is_empty()
    }
    pub fn section_locked(&self, t: ResumeSectionType) -> bool {
        self.sections.contains(&t)
    }
    pub fn bullet_locked(&self, text: &str) -> bool {
        self.bullets.iter().any(|b| b == text)
    }
}

/// The JSON Resume fields each seed 001 section type stands for, in the order sections are
/// shown (`orderIndex`).
pub const SECTIONS: &[(ResumeSectionType, &[&str])] = &[
    (ResumeSectionType::Other, &["basics", "languages", "interests", "references", "volunteer"]),
    (ResumeSectionType::Experience, &["work"]),
    (ResumeSectionType::Projects, &["projects"]),
    (ResumeSectionType::Education, &["education"]),
    (ResumeSectionType::Skills, &["skills"]),
    (ResumeSectionType::Achievements, &["awards", "certificates", "publications"]),
];

/// A section's content as canonical JSON (its fields, in a JSON object).
pub fn section_content(doc: &JsonResume, t: ResumeSectionType) -> String {
    let v = serde_json::to_value(doc).unwrap_or(Value::Null);
    let keys = SECTIONS.iter().find(|(s, _)| *s == t).map(|(_, k)| *k).unwrap_or(&[]);
    let part: Map<String, Value> = keys.iter().filter_map(|k| v.get(*k).map(|x| (k.to_string(), x.clone()))).collect();
    canonical_json(&part)
}

fn all_bullets(doc: &JsonResume) -> Vec<&str> {
    let work = doc.work.iter().flatten().flat_map(|w| w.highlights.iter().flatten());
    let projects = doc.projects.iter().flatten().flat_map(|p| p.highlights.iter().flatten());
    work.chain(projects).map(String::as_str).collect()
}

/// What an edit from `old` to `new` changes that `locks` protect, as messages that say what
/// to do; empty when the edit is allowed. A locked section must be unchanged; a locked
/// bullet must still be there, word for word (it may move).
pub fn lock_violations(old: &JsonResume, new: &JsonResume, locks: &Locks) -> Vec<String> {
    let mut out = Vec::new();
    for t in &locks.sections {
        if section_content(old, *t) != section_content(new, *t) {
            out.push(format!("The {} section is locked. Unlock it to edit it.", section_name(*t)));
        }
    }
    let (before, after) = (all_bullets(old), all_bullets(new));
    for b in &locks.bullets {
        let had = before.iter().filter(|x| **x == b).count();
        if had > 0 && after.iter().filter(|x| **x == b).count() < had {
            let short: String = b.chars().take(60).collect();
            out.push(format!("The bullet “{short}…” is locked. Unlock it to edit or delete it."));
        }
    }
    out
}

pub fn section_name(t: ResumeSectionType) -> &'static str {
    match t {
        ResumeSectionType::Education => "Education",
        ResumeSectionType::Experience => "Work experience",
        ResumeSectionType::Projects => "Projects",
        ResumeSectionType::Skills => "Skills",
        ResumeSectionType::Achievements => "Awards and certificates",
        ResumeSectionType::Other => "Basics",
    }
}

/// A version's seed 001 status. The résumé's head — what the editor shows and new runs use
/// — is ACTIVE. Any other version says how the last PDF made from it went: COMPILED, ERROR,
/// or DRAFT when no PDF was ever made from it. Only the status and `updatedAt` of a version
/// ever change; its content never does.
pub fn status(is_head: bool, compiled: Option<bool>) -> ResumeVersionStatus {
    match (is_head, compiled) {
        (true, _) => ResumeVersionStatus::Active,
        (false, Some(true)) => ResumeVersionStatus::Compiled,
        (false, Some(false)) => ResumeVersionStatus::Error,
        (false, None) => ResumeVersionStatus::Draft,
    }
}

pub fn status_name(s: ResumeVersionStatus) -> &'static str {
    match s {
        ResumeVersionStatus::Active => "Current",
        ResumeVersionStatus::Compiled => "PDF made",
        ResumeVersionStatus::Error => "PDF failed",
        ResumeVersionStatus::Draft => "Draft",
    }
}

/// A new, active version record of `doc`'s content (`manifest` and `content_hash` from
/// [`pack`] and `import::content_hash`), created at `at`.
pub fn new_version(
    id: String,
    project_id: &str,
    parent: Option<String>,
    version_type: ResumeVersionType,
    content_hash: String,
    manifest: Option<Manifest>,
    at: crate::model::Millis,
) -> ResumeVersion {
    ResumeVersion {
        id,
        project_id: project_id.to_string(),
        parent_version_id: parent,
        version_type,
        status: crate::model::ResumeVersionStatus::Active,
        content_hash,
        label: None,
        manifest,
        document: None,
        compiled: None,
        created_at: at,
        updated_at: at,
    }
}

/// One row of a drawn version tree ([`tree_layout`]), like a `git log --graph`: each
/// version sits on a vertical *lane*; a first child continues its parent's lane, and each
/// further child (a branch: a restore, or an edit of an older version) gets a lane of its
/// own, joined to the parent by a line. Lanes are reused once their line ends, so a chain
/// of 200 edits is one lane wide rather than 200 levels deep.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeRow<'a> {
    pub version: &'a ResumeVersion,
    /// The lane the version's dot is on.
    pub lane: usize,
    /// A line comes into the dot from above (the version has a parent in the tree).
    pub up: bool,
    /// A line leaves the dot downwards on its lane (the version has children).
    pub down: bool,
    /// Other lanes whose line passes through this row from top to bottom.
    pub through: Vec<usize>,
    /// Lanes a branch to a later child starts on at this row: a line across from the dot,
    /// then down.
    pub branches: Vec<usize>,
}

/// Versions in tree order — each parent before its children, siblings oldest first — laid
/// out on lanes (see [`TreeRow`]). A version whose parent is not in the list is a root. The
/// number of lanes used is the largest `lane`, `through` or `branches` entry plus one.
pub fn tree_layout(versions: &[ResumeVersion]) -> Vec<TreeRow<'_>> {
    use std::collections::{HashMap, HashSet};
    let mut sorted: Vec<&ResumeVersion> = versions.iter().collect();
    sorted.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id)));
    let known: HashSet<&str> = sorted.iter().map(|v| v.id.as_str()).collect();
    let mut children: HashMap<&str, Vec<&ResumeVersion>> = HashMap::new();
    let mut roots = Vec::new();
    for v in &sorted {
        match v.parent_version_id.as_deref() {
            Some(p) if known.contains(p) && p != v.id => children.entry(p).or_default().push(v),
            _ => roots.push(*v),
        }
    }
    // Lanes with a line running down through the next row.
    let mut busy: Vec<bool> = Vec::new();
    let take_free = |busy: &mut Vec<bool>| match busy.iter().position(|b| !b) {
        Some(i) => {
            busy[i] = true;
            i
        }
        None => {
            busy.push(true);
            busy.len() - 1
        }
    };
    let mut out = Vec::with_capacity(sorted.len());
    let mut seen: HashSet<&str> = HashSet::new();
    // Iterative depth-first walk (a long chain must not overflow the stack). An entry is a
    // version and the lane already reserved for it, if any.
    let mut stack: Vec<(&ResumeVersion, Option<usize>)> = roots.iter().rev().map(|v| (*v, None)).collect();
    // After the roots: anything left is in a parent cycle (only damaged data), shown rather
    // than hidden.
    let mut leftover = 0;
    loop {
        let Some((v, reserved)) = stack.pop() else {
            while leftover < sorted.len() && seen.contains(sorted[leftover].id.as_str()) {
                leftover += 1;
            }
            match sorted.get(leftover) {
                Some(v) => stack.push((v, None)),
                None => break,
            }
            continue;
        };
        if !seen.insert(v.id.as_str()) {
            continue;
        }
        let up = reserved.is_some();
        let lane = reserved.unwrap_or_else(|| take_free(&mut busy));
        let through: Vec<usize> = (0..busy.len()).filter(|&i| busy[i] && i != lane).collect();
        let kids: Vec<&ResumeVersion> = children
            .get(v.id.as_str())
            .map(|k| k.iter().copied().filter(|c| !seen.contains(c.id.as_str())).collect())
            .unwrap_or_default();
        let mut branches = Vec::new();
        let mut next = Vec::with_capacity(kids.len());
        for (i, c) in kids.iter().enumerate() {
            let l = if i == 0 { lane } else { take_free(&mut busy) };
            if i > 0 {
                branches.push(l);
            }
            next.push((*c, Some(l)));
        }
        if kids.is_empty() {
            busy[lane] = false;
        }
        out.push(TreeRow { version: v, lane, up, down: !kids.is_empty(), through, branches });
        // The first child is walked first: its whole line of descent, then the branches.
        stack.extend(next.into_iter().rev());
    }
    out
}

/// How a version is named in lists: its label, or its type and nothing else (the caller adds
/// the date).
pub fn type_name(t: ResumeVersionType) -> &'static str {
    match t {
        ResumeVersionType::Base => "Original",
        ResumeVersionType::Manual => "Edited",
        ResumeVersionType::AiGenerated => "AI-tailored",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> JsonResume {
        serde_json::from_str(include_str!("../../tests/fixtures/resumes/mateo-lindqvist.json")).unwrap()
    }

    fn store(chunks: &[VersionChunk]) -> impl FnMut(&str) -> Option<String> + '_ {
        |id| chunks.iter().find(|c| c.id == id).map(|c| c.json.clone())
    }

    #[test]
    fn a_document_round_trips_through_its_chunks() {
        let d = doc();
        let (m, chunks) = pack(&d);
        assert_eq!(unpack(&m, store(&chunks)).unwrap(), d);
        assert_eq!(pack(&d).0, m, "same document, same manifest");
    }

    #[test]
    fn one_edited_bullet_adds_one_chunk() {
        let a = doc();
        let mut b = a.clone();
        b.work.as_mut().unwrap()[1].highlights.as_mut().unwrap()[0].push_str(" (edited)");
        let (_, ca) = pack(&a);
        let (mb, cb) = pack(&b);
        let new: Vec<_> = cb.iter().filter(|c| !ca.iter().any(|x| x.id == c.id)).collect();
        assert_eq!(new.len(), 1);
        assert!(new[0].json.contains("(edited)"));
        assert_eq!(unpack(&mb, store(&cb)).unwrap(), b);
    }

    #[test]
    fn a_missing_chunk_is_an_error_that_says_what_to_do() {
        let (m, mut chunks) = pack(&doc());
        chunks.pop();
        let e = unpack(&m, store(&chunks)).unwrap_err();
        assert!(matches!(e, VersionError::MissingChunk(_)));
        assert!(e.to_string().contains("Restore a backup"));
    }

    fn v(id: &str, parent: Option<&str>, at: i64) -> ResumeVersion {
        new_version(id.into(), "r", parent.map(Into::into), ResumeVersionType::Manual, String::new(), None, at)
    }

    #[test]
    fn locks_refuse_edits_to_what_they_protect_and_allow_the_rest() {
        let a = doc();
        let first = a.work.as_ref().unwrap()[0].highlights.as_ref().unwrap()[0].clone();
        let locks = Locks { sections: vec![ResumeSectionType::Skills], bullets: vec![first.clone()] };
        // Editing another bullet and moving the locked one: allowed.
        let mut ok = a.clone();
        let hs = ok.work.as_mut().unwrap()[0].highlights.as_mut().unwrap();
        hs[1].push_str(" (edited)");
        hs.swap(0, 1);
        assert!(lock_violations(&a, &ok, &locks).is_empty());
        // Editing the locked bullet, or deleting it: refused.
        let mut bad = a.clone();
        bad.work.as_mut().unwrap()[0].highlights.as_mut().unwrap()[0].push('!');
        let v = lock_violations(&a, &bad, &locks);
        assert_eq!(v.len(), 1);
        assert!(v[0].contains("is locked") && v[0].contains("Unlock"), "{v:?}");
        // Touching the locked section: refused.
        let mut bad = a.clone();
        bad.skills.as_mut().unwrap().remove(0);
        assert_eq!(lock_violations(&a, &bad, &locks).len(), 1);
        assert!(lock_violations(&a, &bad, &Locks::default()).is_empty());
    }

    #[test]
    fn every_top_level_field_belongs_to_one_section() {
        let (m, _) = pack(&doc());
        for e in &m.entries {
            let owners = SECTIONS.iter().filter(|(_, keys)| keys.contains(&e.key.as_str())).count();
            assert!(owners == 1 || e.key == "$schema" || e.key == "meta", "{} belongs to {owners} sections", e.key);
        }
    }

    #[test]
    fn the_tree_puts_children_under_parents_oldest_first_and_branches_on_new_lanes() {
        let vs = vec![v("c", Some("a"), 3), v("a", None, 1), v("b", Some("a"), 2), v("d", Some("b"), 4), v("x", Some("gone"), 5)];
        let rows = tree_layout(&vs);
        let order: Vec<(&str, usize)> = rows.iter().map(|r| (r.version.id.as_str(), r.lane)).collect();
        // b continues a's lane; c, a's second child, branches onto lane 1 and its line runs
        // past b and d; x, whose parent is gone, is a root again on the free lane 0.
        assert_eq!(order, vec![("a", 0), ("b", 0), ("d", 0), ("c", 1), ("x", 0)]);
        assert_eq!(rows[0].branches, vec![1]);
        assert!(rows[0].down && !rows[0].up);
        assert_eq!(rows[1].through, vec![1]);
        assert_eq!(rows[2].through, vec![1]);
        assert!(rows[2].up && !rows[2].down, "d ends its line");
        assert!(rows[3].up && rows[3].through.is_empty());
        assert!(!rows[4].up && rows[4].through.is_empty());
    }

    #[test]
    fn a_long_chain_is_one_lane_and_a_cycle_does_not_break_the_tree() {
        let mut vs: Vec<ResumeVersion> = (0..5000).map(|i| v(&i.to_string(), (i > 0).then(|| (i - 1).to_string()).as_deref(), i)).collect();
        vs.push(v("p", Some("q"), 9000));
        vs.push(v("q", Some("p"), 9001));
        let rows = tree_layout(&vs);
        assert_eq!(rows.len(), vs.len());
        assert!(rows[..5000].iter().all(|r| r.lane == 0 && r.through.is_empty()));
        assert_eq!(rows[4999].version.id, "4999");
        let ids: std::collections::HashSet<&str> = rows.iter().map(|r| r.version.id.as_str()).collect();
        assert!(ids.contains("p") && ids.contains("q"));
    }

    #[test]
    fn status_is_active_for_the_head_and_the_last_compile_otherwise() {
        use ResumeVersionStatus::*;
        assert_eq!(status(true, Some(false)), Active);
        assert_eq!(status(false, Some(true)), Compiled);
        assert_eq!(status(false, Some(false)), Error);
        assert_eq!(status(false, None), Draft);
    }
}
