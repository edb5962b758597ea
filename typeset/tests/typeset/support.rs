//! Shared test helpers: fixtures, a typesetter with every font, text extraction with two
//! independent extractors, and comparison of extracted text with what the page should show.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use fitted_core::render_source::{self, ResumeView, SectionBody};
use fitted_core::resume::JsonResume;
use fitted_typeset::{repo_fallback_font_dir, Typesetter, FALLBACK_FONTS};

pub const SETUP_HINT: &str = "run `bash scripts/tools.sh test` to install the test tools";

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every fixture résumé, by file stem, in name order.
pub fn fixtures() -> Vec<(String, JsonResume)> {
    let dir = repo_root().join("tests/fixtures/resumes");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 6,
        "expected the 6 fixture résumés in {}",
        dir.display()
    );
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("fixture readable");
            let doc: JsonResume = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not a JSON Resume: {e}", p.display()));
            (
                p.file_stem().expect("stem").to_string_lossy().into_owned(),
                doc,
            )
        })
        .collect()
}

pub fn fixture(name: &str) -> JsonResume {
    fixtures()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .1
}

/// A typesetter with the embedded fonts and every on-demand font from `public/fonts/`.
pub fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER.get_or_init(|| {
        let mut t = Typesetter::new();
        t.add_fonts_from_dir(FALLBACK_FONTS, &repo_fallback_font_dir())
            .expect("on-demand fonts load from public/fonts");
        t
    })
}

/// `tests/artifacts/<sub>/`, created.
pub fn artifacts(sub: &str) -> PathBuf {
    let dir = repo_root().join("tests/artifacts").join(sub);
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

pub fn write_artifact(sub: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let path = artifacts(sub).join(name);
    std::fs::write(&path, bytes).expect("write artifact");
    path
}

fn run(cmd: &mut Command, what: &str) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} could not run ({e}): {SETUP_HINT}"));
    assert!(
        out.status.success(),
        "{what} failed ({}): {}\n{SETUP_HINT}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Text as poppler's `pdftotext` reads it (reading order, UTF-8).
pub fn pdftotext(pdf: &Path) -> String {
    let out = run(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(pdf)
            .arg("-"),
        "pdftotext (poppler-utils)",
    );
    String::from_utf8(out).expect("pdftotext writes UTF-8")
}

/// What one of the Python helpers in `typeset/tests/` prints for `file`.
pub fn python(script: &str, file: &Path) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(script);
    run(Command::new("python3").arg(path).arg(file), &format!("python3 {script}"))
}

/// A Python helper's JSON output, parsed.
pub fn python_json<T: serde::de::DeserializeOwned>(script: &str, file: &Path) -> T {
    serde_json::from_slice(&python(script, file)).unwrap_or_else(|e| panic!("{script} prints JSON: {e}"))
}

/// Text as pypdf reads it (via `extract_text.py`).
pub fn pypdf(pdf: &Path) -> String {
    String::from_utf8(python("extract_text.py", pdf)).expect("extract_text.py writes UTF-8")
}

/// Page images for a human look (`pdftoppm -png -r 60`).
pub fn page_images(pdf: &Path, prefix: &str) {
    let out = artifacts("pages").join(prefix);
    run(
        Command::new("pdftoppm")
            .args(["-png", "-r", "60"])
            .arg(pdf)
            .arg(&out),
        "pdftoppm (poppler-utils)",
    );
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Characters that carry no visible text: extractors differ in whether they keep them.
fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(c as u32,
            0x00AD | 0x034F | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
            | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFE00..=0xFE0F | 0xFEFF)
        || c.is_control()
}

/// Text compared modulo whitespace (line breaks), invisible characters (break
/// opportunities, joiners, bidi marks) and the arrangement of right-to-left runs.
///
/// Extractors rebuild logical order from glyph positions, and for mixed-direction text that
/// is ambiguous: pdftotext keeps the words of a Hebrew or Arabic run in logical order, pypdf
/// in visual order, and either may attach a neighbouring bracket or colon to the run. So a
/// run of right-to-left words, with the punctuation at its edges and its neighbours' facing
/// punctuation, is compared as a sorted multiset; everything else must match exactly.
pub fn normalize(text: &str) -> String {
    let is_bidi_mark =
        |c: char| matches!(c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069);
    let visible: String = text
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '\u{2028}' || is_bidi_mark(c) {
                ' '
            } else {
                c
            }
        })
        .filter(|c| *c == ' ' || !is_ignorable(*c))
        .collect();
    let words: Vec<&str> = visible.split(' ').filter(|w| !w.is_empty()).collect();
    let is_rtl_word = |w: &str| w.chars().any(is_rtl);
    let edge = |c: char| !c.is_alphanumeric();
    let pure_punct = |w: &str| w.chars().all(edge);
    // (text, may give up edge punctuation to a following right-to-left run)
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_rtl_word(words[i]) {
            out.push((words[i].to_string(), true));
            i += 1;
            continue;
        }
        let mut punct: Vec<char> = Vec::new();
        // Punctuation before the run: whole punctuation words, then the trailing punctuation
        // of the word before them.
        while let Some((prev, true)) = out.last_mut() {
            if pure_punct(prev) {
                punct.extend(prev.chars());
                out.pop();
            } else {
                while prev.ends_with(edge) {
                    punct.extend(prev.pop());
                }
                break;
            }
        }
        let mut cores = Vec::new();
        while i < words.len() && is_rtl_word(words[i]) {
            punct.extend(words[i].chars().filter(|c| edge(*c)));
            cores.push(words[i].chars().filter(|c| !edge(*c)).collect::<String>());
            i += 1;
        }
        // Punctuation after the run: whole punctuation words, then the leading punctuation of
        // the next word.
        let mut next_core = None;
        while i < words.len() && !is_rtl_word(words[i]) {
            if pure_punct(words[i]) {
                punct.extend(words[i].chars());
                i += 1;
            } else {
                let core = words[i].trim_start_matches(edge);
                punct.extend(words[i][..words[i].len() - core.len()].chars());
                next_core = Some(core.to_string());
                i += 1;
                break;
            }
        }
        cores.sort();
        punct.sort();
        out.push((
            cores.concat() + &punct.into_iter().collect::<String>(),
            false,
        ));
        if let Some(core) = next_core {
            out.push((core, true));
        }
    }
    out.into_iter().map(|(t, _)| t).collect()
}

/// What the page must show, in reading order: the header and every entry's parts.
/// Section titles are left out (templates may set them in capitals or small caps).
pub fn expected_strings(view: &ResumeView) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(view.name.clone());
    out.extend(view.label.clone());
    out.extend(view.contact.iter().map(|c| c.text.clone()));
    for section in &view.sections {
        match &section.body {
            SectionBody::Paragraphs(p) | SectionBody::Inline(p) => out.extend(p.iter().cloned()),
            SectionBody::Entries(entries) => {
                for e in entries {
                    out.extend(e.title.clone());
                    out.extend(e.org.clone());
                    out.extend(e.location.clone());
                    out.extend(e.dates.clone());
                    out.extend(e.summary.iter().cloned());
                    out.extend(e.bullets.iter().cloned());
                    for row in &e.details {
                        out.extend(row.label.clone());
                        out.extend(row.text.clone());
                    }
                }
            }
            SectionBody::Rows(rows) => {
                for row in rows {
                    out.extend(row.label.clone());
                    out.extend(row.text.clone());
                }
            }
        }
    }
    out
}

/// Fields straight from the JSON that an ATS must find (every bullet, job title, company
/// and contact detail), cleaned the way the renderer cleans text.
pub fn must_show(doc: &JsonResume) -> Vec<String> {
    let clean = |s: &Option<String>| s.as_deref().map(render_source::clean_line);
    let mut out = Vec::new();
    let basics = doc.basics();
    out.extend(clean(&basics.name));
    out.extend(clean(&basics.email));
    out.extend(clean(&basics.phone));
    if let Some(loc) = &basics.location {
        out.extend(clean(&loc.city));
        out.extend(clean(&loc.region));
        out.extend(clean(&loc.country_code));
    }
    for w in doc.work() {
        out.extend(clean(&w.position));
        out.extend(clean(&w.name));
        for h in w.highlights.as_deref().unwrap_or(&[]) {
            out.push(render_source::clean_line(h));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Checks that `expected` appear in `extracted` in order (modulo [`normalize`]). Items in
/// or next to right-to-left text are compared by letters and digits only: extractors move
/// the brackets and separators around such runs (see [`normalize`]).
pub fn check_in_order(extracted: &str, expected: &[String], context: &str) -> Result<(), String> {
    let haystack = normalize(extracted);
    let letters: Vec<(usize, char)> = haystack
        .char_indices()
        .filter(|(_, c)| c.is_alphanumeric())
        .collect();
    let has_rtl = |s: &String| s.chars().any(is_rtl);
    let mut from = 0;
    for (i, want) in expected.iter().enumerate() {
        let needle = normalize(want);
        if needle.is_empty() {
            continue;
        }
        let near_rtl = has_rtl(want)
            || (i > 0 && has_rtl(&expected[i - 1]))
            || expected.get(i + 1).is_some_and(has_rtl);
        let found = if near_rtl {
            let wanted: Vec<char> = needle.chars().filter(|c| c.is_alphanumeric()).collect();
            let start = letters.partition_point(|(at, _)| *at < from);
            (start..letters.len().saturating_sub(wanted.len() - 1).max(start))
                .find(|&k| {
                    letters
                        .get(k..k + wanted.len())
                        .is_some_and(|w| w.iter().map(|(_, c)| *c).eq(wanted.iter().copied()))
                })
                .map(|k| {
                    let (at, c) = letters[k + wanted.len() - 1];
                    at + c.len_utf8()
                })
        } else {
            haystack[from..]
                .find(&needle)
                .map(|at| from + at + needle.len())
        };
        match found {
            Some(end) => from = end,
            None => {
                let anywhere = haystack.contains(&needle);
                return Err(format!(
                    "{context}: item {i} {want:?} {}.\nnormalised: {needle:?}\n\
                     extracted after the previous item: {:?}",
                    if anywhere {
                        "is out of order"
                    } else {
                        "is missing"
                    },
                    &haystack[from..].chars().take(300).collect::<String>()
                ));
            }
        }
    }
    Ok(())
}

/// No signs of broken text: `(cid:N)` glyph references or U+FFFD replacement characters.
pub fn check_clean_extraction(extracted: &str, context: &str) -> Result<(), String> {
    if extracted.contains("(cid:") {
        return Err(format!(
            "{context}: extraction has (cid:N) glyph references"
        ));
    }
    if extracted.contains('\u{FFFD}') {
        return Err(format!("{context}: extraction has U+FFFD"));
    }
    Ok(())
}

/// Whether a character is an emoji or pictograph (allowed to be tofu: no emoji font ships).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x2460..=0x27BF | 0x2900..=0x297F | 0x2B00..=0x2BFF
        | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F)
}
