//! Shared by the `import_*` tests (included with `#[path]`): where the fixtures are, and the
//! JSON Resume validation through the official npm package.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use fitted_core::import::parse_json_resume;
use fitted_core::resume::JsonResume;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("core/ has a parent").to_path_buf()
}

const INSTALL_HINT: &str = "run `bash scripts/tools.sh test` (it installs node packages with `npm ci` in tests/)";

/// The official sample résumé of @jsonresume/schema 1.3.1.
pub fn sample_resume_path() -> PathBuf {
    let p = repo_root().join("tests/node_modules/@jsonresume/schema/sample.resume.json");
    assert!(p.exists(), "{} is missing: {INSTALL_HINT}", p.display());
    p
}

/// `tests/fixtures/resumes/*.json`, sorted.
pub fn fixture_resume_paths() -> Vec<PathBuf> {
    let dir = repo_root().join("tests/fixtures/resumes");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    assert!(out.len() >= 6, "expected the six fixture résumés in {}", dir.display());
    out
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn load_fixture(path: &Path) -> JsonResume {
    parse_json_resume(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display())).document
}

pub fn fixture_name(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Writes each (name, JSON text) under the test temp dir and validates them all with
/// `node core/tests/validate_jsonresume.mjs`, which uses the package's own validator.
pub fn validate_with_node(label: &str, docs: &[(String, String)]) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("jsonresume-{label}"));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let mut files = Vec::new();
    for (name, text) in docs {
        let p = dir.join(format!("{name}.json"));
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
        files.push(p);
    }
    let script = repo_root().join("core/tests/validate_jsonresume.mjs");
    let out = match Command::new("node").arg(&script).args(&files).output() {
        Ok(o) => o,
        Err(e) => panic!("could not run node ({e}); JSON Resume validation needs Node.js 20 and the test packages: {INSTALL_HINT}"),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {
            assert_eq!(stdout.lines().filter(|l| l.starts_with("ok ")).count(), docs.len(), "{stdout}");
        }
        Some(2) => panic!("the JSON Resume validator could not run: {stderr}\n{INSTALL_HINT}"),
        _ => {
            let failures: Vec<&str> = stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
            panic!("exports do not validate against @jsonresume/schema:\n{}\n{stderr}", failures.join("\n"));
        }
    }
}
