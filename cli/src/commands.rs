//! One function per subcommand; each reads its inputs, calls the engine, prints JSON.

use std::path::Path;

use fitted_core::rubric;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("cannot read {path}: {source}. Check the path and permissions.")]
    Read { path: String, source: std::io::Error },
    #[error("{0}")]
    Input(String),
}

pub fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|source| CliError::Read { path: path.display().to_string(), source })
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<(), CliError> {
    let s = serde_json::to_string_pretty(v).map_err(|e| CliError::Input(e.to_string()))?;
    println!("{s}");
    Ok(())
}

pub fn rubric(job: &Path) -> Result<(), CliError> {
    let text = read(job)?;
    print_json(&rubric::extract_rubric(&text))
}

/// Read a résumé in any format `import` understands — or a master résumé written by
/// `fitted import` (its `document`).
pub fn load_resume(path: &Path) -> Result<fitted_core::resume::JsonResume, CliError> {
    let text = read(path)?;
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Some(doc) = v.get("document").filter(|_| v.get("contentHash").is_some()) {
            return serde_json::from_value(doc.clone()).map_err(|e| CliError::Input(format!("{}: {e}", path.display())));
        }
    }
    let name = path.file_name().and_then(|n| n.to_str());
    fitted_core::import::import_any(name, &text)
        .map(|i| i.document)
        .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))
}

pub fn import(file: &Path) -> Result<(), CliError> {
    let text = read(file)?;
    let imported = fitted_core::import::import_any(file.file_name().and_then(|n| n.to_str()), &text)
        .map_err(|e| CliError::Input(format!("{}: {e}", file.display())))?;
    for w in &imported.warnings {
        eprintln!("warning: {}", w.message);
    }
    let doc = imported.document;
    let name = doc.basics.as_ref().and_then(|b| b.name.clone()).unwrap_or_else(|| "Imported résumé".into());
    let mut master = fitted_core::model::MasterResume {
        id: format!("mr-{}", &fitted_core::import::content_hash(&doc)[..12]),
        user_id: "local".into(),
        name,
        content_hash: fitted_core::import::content_hash(&doc),
        is_active: true,
        ..Default::default()
    };
    fitted_core::import::derive_master_fields(&doc).apply_to(&mut master);
    master.document = doc;
    print_json(&master)
}

pub fn export(master: &Path) -> Result<(), CliError> {
    let doc = load_resume(master)?;
    print!("{}", fitted_core::import::export_json_resume(&doc));
    Ok(())
}

pub fn templates() -> Result<(), CliError> {
    for t in fitted_core::render_source::templates() {
        println!("{:<10} {:<14} {}", t.name, t.label, t.description);
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|source| CliError::Read { path: path.display().to_string(), source })
}

/// The files `fitted render` writes beside the PDF, when asked.
pub struct Exports<'a> {
    pub typ: Option<&'a Path>,
    pub tex: Option<&'a Path>,
    pub docx: Option<&'a Path>,
}

pub fn render(
    resume: &Path,
    template: &str,
    out: &Path,
    Exports { typ, tex, docx }: Exports<'_>,
    fit: bool,
    paper: &str,
) -> Result<(), CliError> {
    use fitted_core::render_source::LayoutOptions;
    let doc = load_resume(resume)?;
    let paper = parse_paper(paper)?;
    check_template(template)?;
    let mut ts = fitted_typeset::Typesetter::new();
    ts.add_fallback_fonts_from_dir(&doc, &fitted_typeset::repo_fallback_font_dir())
        .map_err(|e| CliError::Input(e.to_string()))?;
    let rendered = if fit {
        let outcome = ts.fit_to_one_page(&doc, template, paper).map_err(|e| CliError::Input(e.to_string()))?;
        if !outcome.fits {
            eprintln!("fitted: does not fit on one page even at the tightest legible layout: {} line(s) over", outcome.lines_over);
        }
        outcome.rendered
    } else {
        ts.render(&doc, template, &LayoutOptions { paper, step: 0 }).map_err(|e| CliError::Input(e.to_string()))?
    };
    write(out, &rendered.pdf)?;
    if let Some(p) = typ {
        write(p, rendered.source.as_bytes())?;
    }
    if let Some(p) = tex {
        let src = fitted_core::render_source::latex_source(&doc, template, &rendered.layout_options)
            .map_err(|e| CliError::Input(e.to_string()))?;
        write(p, src.as_bytes())?;
    }
    if let Some(p) = docx {
        let bytes = fitted_core::render_source::docx(&doc, template, paper).map_err(|e| CliError::Input(e.to_string()))?;
        write(p, &bytes)?;
    }
    eprintln!("{}: {} page(s), {} bytes", out.display(), rendered.page_count, rendered.pdf.len());
    Ok(())
}

fn parse_paper(paper: &str) -> Result<fitted_core::render_source::Paper, CliError> {
    use fitted_core::render_source::Paper;
    match paper.to_lowercase().as_str() {
        "letter" | "us-letter" | "usletter" => Ok(Paper::UsLetter),
        "a4" => Ok(Paper::A4),
        other => Err(CliError::Input(format!("unknown paper size “{other}”: use letter or a4"))),
    }
}

fn check_template(template: &str) -> Result<(), CliError> {
    if fitted_core::render_source::template(template).is_err() {
        let names: Vec<&str> = fitted_core::render_source::templates().iter().map(|t| t.name).collect();
        return Err(CliError::Input(format!("unknown template “{template}”: choose one of {}", names.join(", "))));
    }
    Ok(())
}

/// "YYYY-MM" → (year, month).
fn parse_month(s: &str) -> Result<(i32, u32), CliError> {
    let bad = || CliError::Input(format!("--as-of “{s}” is not a month: write it as YYYY-MM, e.g. 2026-12"));
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&m) || !(1900..=9999).contains(&y) {
        return Err(bad());
    }
    Ok((y, m))
}

/// What `fitted tailor` was asked for.
pub struct TailorArgs<'a> {
    pub resume: &'a Path,
    pub job: &'a Path,
    pub out: &'a Path,
    pub as_of: Option<&'a str>,
    pub template: &'a str,
    pub paper: &'a str,
    pub typ: Option<&'a Path>,
    pub docx: Option<&'a Path>,
}

/// A whole tailoring run, natively: the same driver ([`fitted_core::run::Driver`]) and the
/// same engine calls ([`fitted_typeset::engine::perform`]) as the app's worker, so the PDF is
/// the one the app makes for the same résumé, posting, date, template and paper. Prints the
/// selection plan as JSON.
pub fn tailor(a: TailorArgs<'_>) -> Result<(), CliError> {
    use fitted_core::run::RunSpec;
    let document = load_resume(a.resume)?;
    let job_text = read(a.job)?;
    check_template(a.template)?;
    let spec = RunSpec {
        job_hash: fitted_core::hash::hash_text(&job_text),
        job_text,
        as_of: Some(a.as_of.map(parse_month).transpose()?.unwrap_or_else(this_month)),
        template: a.template.to_string(),
        paper: parse_paper(a.paper)?,
        page_images: None,
        config: None,
        pinned: vec![],
        excluded: vec![],
        document,
    };
    let mut ts = fitted_typeset::Typesetter::new();
    ts.add_fallback_fonts_from_dir(&spec.document, &fitted_typeset::repo_fallback_font_dir())
        .map_err(|e| CliError::Input(e.to_string()))?;
    let run = fitted_typeset::engine::run(&mut ts, spec, without_model()).map_err(CliError::Input)?;
    write(a.out, &run.rendered.pdf)?;
    if let Some(p) = a.typ {
        write(p, run.rendered.typst_source.as_bytes())?;
    }
    if let Some(p) = a.docx {
        write(p, &run.rendered.docx)?;
    }
    for n in &run.notes {
        eprintln!("fitted: {}", n.message());
    }
    if let Some(ats) = &run.rendered.ats {
        eprintln!(
            "fitted: ATS read-back of the PDF: {} of {} bullets, {} of {} of the posting's keywords, {} problem(s)",
            ats.bullets_found,
            ats.bullets_total,
            ats.keywords_found(),
            ats.keywords.len(),
            ats.problems.len()
        );
        for p in &ats.problems {
            eprintln!("fitted: ATS: {p}");
        }
    }
    eprintln!("{}: {} page(s), {} bytes", a.out.display(), run.rendered.page_count, run.rendered.pdf.len());
    print_json(&run.selection.plan)
}

/// `fitted check`: both files as JSON Resume (a master written by `fitted import` is read
/// as its document), so the paths printed are those of the files.
pub fn check(master: &Path, tailored: &Path, as_of: Option<&str>) -> Result<(), CliError> {
    let json = |path: &Path| -> Result<serde_json::Value, CliError> {
        let v: serde_json::Value = serde_json::from_str(&read(path)?).map_err(|e| {
            CliError::Input(format!("{}: not JSON ({e}). `fitted check` compares two JSON Resume files.", path.display()))
        })?;
        if !v.is_object() {
            return Err(CliError::Input(format!("{}: not a JSON Resume document (expected an object).", path.display())));
        }
        Ok(match v.get("document").filter(|_| v.get("contentHash").is_some()) {
            Some(doc) => doc.clone(),
            None => v,
        })
    };
    let as_of = Some(as_of.map(parse_month).transpose()?.unwrap_or_else(this_month));
    #[derive(serde::Serialize)]
    struct Report {
        flags: Vec<fitted_core::tailor::check::Flag>,
    }
    print_json(&Report { flags: fitted_core::tailor::check::check_values(&json(master)?, &json(tailored)?, as_of) })
}

pub fn evidence(resume: &Path) -> Result<(), CliError> {
    let doc = load_resume(resume)?;
    let bullets = fitted_core::import::bullets(&doc);
    let scores = fitted_core::evidence::score_bullets(&bullets);
    let out: Vec<serde_json::Value> = bullets
        .iter()
        .zip(scores)
        .map(|(b, s)| {
            let mut v = serde_json::to_value(&s).unwrap_or_default();
            v["sourcePath"] = b.source_path.clone().into();
            v["text"] = b.text.clone().into();
            v
        })
        .collect();
    print_json(&out)
}

/// A labelled folder (`resumes/`, `jobs/`, `labels/`): the labels in file order, and the
/// résumés and posting texts they name.
pub(crate) type Labelled = (
    Vec<fitted_core::eval::Label>,
    std::collections::HashMap<String, fitted_core::resume::JsonResume>,
    std::collections::HashMap<String, String>,
);

pub(crate) fn load_labelled(dir: &Path) -> Result<Labelled, CliError> {
    let mut label_files: Vec<_> = std::fs::read_dir(dir.join("labels"))
        .map_err(|source| CliError::Read { path: dir.join("labels").display().to_string(), source })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    label_files.sort();
    if label_files.is_empty() {
        return Err(CliError::Input(format!("no label files in {}/labels", dir.display())));
    }
    let mut resumes = std::collections::HashMap::new();
    let mut jobs = std::collections::HashMap::new();
    let mut pairs = Vec::new();
    for path in &label_files {
        let label: fitted_core::eval::Label =
            serde_json::from_str(&read(path)?).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
        if !resumes.contains_key(&label.resume) {
            resumes.insert(label.resume.clone(), load_resume(&dir.join("resumes").join(&label.resume))?);
        }
        if !jobs.contains_key(&label.job) {
            jobs.insert(label.job.clone(), read(&dir.join("jobs").join(&label.job))?);
        }
        pairs.push(label);
    }
    Ok((pairs, resumes, jobs))
}

pub fn eval(dir: &Path, details: Option<&Path>, lexical_only: bool, before_page: bool, template: &str) -> Result<(), CliError> {
    use fitted_core::eval::{self, Label, PairOutput};
    check_template(template)?;
    let embedder = fitted_core::embed::LexicalEmbedder::default();
    let opts = fitted_core::pipeline::Options { lexical_only, ..Default::default() };
    let mut labels: Vec<Label> = Vec::new();
    let mut engine: Vec<PairOutput> = Vec::new();
    let mut baseline: Vec<PairOutput> = Vec::new();
    let (pairs, resumes, jobs) = load_labelled(dir)?;
    // Selection and fit as the app makes them: the run driver with one-page fitting, with
    // "now" the latest month the labelled résumés mention (so the figures do not move with
    // the calendar). Ranking stays date-free. `--lexical-only` has no app path: it uses the
    // engine alone, as `--before-page` does with the word vectors.
    let as_of = latest_month(resumes.values());
    let mut ts = fitted_typeset::Typesetter::new();
    println!("{:<28} {:<44} {:>6} {:>6} {:>6} {:>4} {:>5} {:>5} {:>6} {:>6}", "resume", "job", "ndcg10", "mustC", "F1", "red", "fit", "gold", "kwRec", "kwPre");
    for label in pairs {
        let doc = &resumes[&label.resume];
        let job_text = &jobs[&label.job];
        let mut out = eval::run_engine(&label.resume, doc, &label.job, job_text, &embedder, &opts);
        if !lexical_only && !before_page {
            let run = app_run(&mut ts, doc, job_text, as_of, template, None).map_err(|e| CliError::Input(format!("{} × {}: {e}", label.resume, label.job)))?;
            out.selected = run.selection.plan.selected.work_experience.iter().chain(&run.selection.plan.selected.projects).map(|s| s.source_path.clone()).collect();
            out.fit = run.selection.fit.fit_score as f64;
        }
        let base = eval::run_baseline(&label.resume, doc, &label.job, job_text);
        let s = eval::score_pair(&out, &label);
        let f = |x: Option<f64>| x.map(|v| format!("{v:.3}")).unwrap_or_else(|| "-".into());
        println!(
            "{:<28} {:<44} {:>6} {:>6} {:>6} {:>4} {:>5.0} {:>5.0} {:>6.3} {:>6.3}",
            label.resume.trim_end_matches(".json"),
            label.job.trim_end_matches(".txt"),
            f(s.ndcg10),
            f(s.must_coverage),
            f(s.selection_f1),
            s.redundant_pairs,
            out.fit,
            label.fit,
            s.keyword_recall,
            s.keyword_precision
        );
        engine.push(out);
        baseline.push(base);
        labels.push(label);
    }
    let m = eval::aggregate(&engine, &labels);
    let b = eval::aggregate(&baseline, &labels);
    if m.ndcg_undefined > 0 {
        eprintln!("ndcg10: {} pair(s) without any relevant bullet are left out of the average (shown as -).", m.ndcg_undefined);
    }
    if let Some(path) = details {
        let v = serde_json::json!({ "pairs": engine, "baseline": { "pairs": baseline } });
        std::fs::write(path, serde_json::to_string_pretty(&v).unwrap_or_default())
            .map_err(|source| CliError::Read { path: path.display().to_string(), source })?;
    }
    let mut obj = serde_json::to_value(&m).unwrap_or_default();
    obj["baseline"] = serde_json::to_value(&b).unwrap_or_default();
    println!("{}", serde_json::to_string(&obj).unwrap_or_default());
    Ok(())
}

/// One run of a résumé for a posting as the app makes it (US Letter).
pub(crate) fn app_run(
    ts: &mut fitted_typeset::Typesetter,
    doc: &fitted_core::resume::JsonResume,
    job_text: &str,
    as_of: Option<(i32, u32)>,
    template: &str,
    config: Option<fitted_core::model::SelectionConfig>,
) -> Result<fitted_typeset::engine::NativeRun, String> {
    ts.add_fallback_fonts_from_dir(doc, &fitted_typeset::repo_fallback_font_dir()).map_err(|e| e.to_string())?;
    let spec = fitted_core::run::RunSpec {
        document: doc.clone(),
        job_text: job_text.to_string(),
        job_hash: fitted_core::hash::hash_text(job_text),
        as_of,
        template: template.to_string(),
        paper: fitted_core::render_source::Paper::UsLetter,
        page_images: None,
        config,
        pinned: vec![],
        excluded: vec![],
    };
    fitted_typeset::engine::run(ts, spec, without_model())
}

/// The latest (year, month) any of these résumés' work, education or project dates name.
pub(crate) fn latest_month<'a>(docs: impl Iterator<Item = &'a fitted_core::resume::JsonResume>) -> Option<(i32, u32)> {
    let parse = |d: &Option<String>| -> Option<(i32, u32)> {
        let d = d.as_deref()?;
        let y: i32 = d.get(..4)?.parse().ok()?;
        let m: u32 = d.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
        Some((y, m))
    };
    docs.flat_map(|doc| {
        let work = doc.work().into_iter().flat_map(|w| [parse(&w.start_date), parse(&w.end_date)]);
        let edu = doc.education().into_iter().flat_map(|e| [parse(&e.start_date), parse(&e.end_date)]);
        let projects = doc.projects().into_iter().flat_map(|p| [parse(&p.start_date), parse(&p.end_date)]);
        work.chain(edu).chain(projects).flatten().collect::<Vec<_>>()
    })
    .max()
}

pub fn select(resume: &Path, job: &Path, pinned: Vec<String>, excluded: Vec<String>) -> Result<(), CliError> {
    let doc = load_resume(resume)?;
    let text = read(job)?;
    let embedder = fitted_core::embed::LexicalEmbedder::default();
    let opts = fitted_core::pipeline::Options { pinned, excluded, as_of: Some(this_month()), ..Default::default() };
    let a = fitted_core::pipeline::analyze(&doc, &text, &embedder, &opts);
    print_json(&a.plan)
}

/// This month (UTC) as (year, month): "present" for an ongoing role's years of experience.
/// (`eval` leaves it out, so its figures do not change with the calendar.)
fn this_month() -> (i32, u32) {
    let now = time::OffsetDateTime::now_utc();
    (now.year(), u8::from(now.month()) as u32)
}

pub fn fit(resume: &Path, jobs: &[std::path::PathBuf]) -> Result<(), CliError> {
    let doc = load_resume(resume)?;
    let embedder = fitted_core::embed::LexicalEmbedder::default();
    let mut rows = Vec::new();
    for job in jobs {
        let text = read(job)?;
        let opts = fitted_core::pipeline::Options { as_of: Some(this_month()), ..Default::default() };
        let a = fitted_core::pipeline::analyze(&doc, &text, &embedder, &opts);
        let mut v = serde_json::to_value(&a.fit).unwrap_or_default();
        v["job"] = job.display().to_string().into();
        v["jobTitle"] = a.rubric.job_meta.job_title.clone().into();
        rows.push(v);
    }
    rows.sort_by(|a, b| b["fitScore"].as_u64().cmp(&a["fitScore"].as_u64()));
    print_json(&rows)
}

/// `fitted --no-sentence-model` was given (set once by `main`).
pub static SENTENCE_MODEL_OFF: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// What a run hears when it asks for the sentence encoder: `main` installed any model it
/// found before the run, so there is none to load now.
fn without_model() -> fitted_core::run::ModelLoad {
    if SENTENCE_MODEL_OFF.load(std::sync::atomic::Ordering::Relaxed) {
        fitted_core::run::ModelLoad::Off
    } else {
        fitted_core::run::ModelLoad::Failed(
            "no sentence model file: make it with bash scripts/data/sentence_model.sh or pass --sentence-model FILE".into(),
        )
    }
}
