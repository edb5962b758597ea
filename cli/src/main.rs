//! `fitted`: the command-line face of Fitted's engine (the same code the browser worker runs).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;
mod cv;

#[derive(Parser)]
#[command(name = "fitted", version, about = "Tailor résumés to job descriptions, offline.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The sentence encoder that ranks bullets for far jobs (fit ≤ 30), as the app downloads
    /// it: a file made by `scripts/data/sentence_model.sh`. Without this flag, the
    /// `target/sentence-model.safetensors` beside the build is used when it exists.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "no_sentence_model")]
    sentence_model: Option<PathBuf>,
    /// Rank without the sentence encoder, as the app does when it cannot download it.
    #[arg(long, global = true)]
    no_sentence_model: bool,
}

/// Where `scripts/data/sentence_model.sh` puts the model: `target/`, the parent of the folder
/// holding this binary (target/release/fitted), or the workspace's `target/` this binary
/// was built in.
fn default_sentence_model() -> Option<PathBuf> {
    let beside = std::env::current_exe().ok().and_then(|e| Some(e.parent()?.parent()?.join("sentence-model.safetensors")));
    let built = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/sentence-model.safetensors"));
    beside.into_iter().chain([built]).find(|p| p.is_file())
}

#[derive(Subcommand)]
enum Command {
    /// Extract the requirement rubric of a job description (JSON on stdout).
    Rubric { job: PathBuf },
    /// Score the evidence strength of every bullet of a résumé (JSON on stdout).
    Evidence { resume: PathBuf },
    /// Select the bullets for a job: the selection plan (JSON on stdout).
    Select {
        resume: PathBuf,
        job: PathBuf,
        /// bulletIds to always include.
        #[arg(long = "pin")]
        pins: Vec<String>,
        /// bulletIds to never include.
        #[arg(long = "exclude")]
        excludes: Vec<String>,
    },
    /// Score the résumé's fit (0–100) for one or more jobs, best first (JSON on stdout).
    Fit {
        resume: PathBuf,
        #[arg(required = true)]
        jobs: Vec<PathBuf>,
    },
    /// Import a résumé (JSON Resume, seed master shape, or pasted plain text) and print the
    /// normalised master résumé JSON (the document plus seed 000's derived fields).
    Import { file: PathBuf },
    /// Print a master résumé (as written by `import`) or a JSON Resume file as JSON Resume.
    Export { master: PathBuf },
    /// Typeset a résumé to PDF with Typst.
    Render {
        resume: PathBuf,
        /// Template name (see `fitted templates`).
        #[arg(long, default_value = fitted_core::render_source::DEFAULT_TEMPLATE)]
        template: String,
        #[arg(long)]
        out: PathBuf,
        /// Also write the Typst source.
        #[arg(long)]
        typ: Option<PathBuf>,
        /// Also write a LaTeX export of the same content.
        #[arg(long)]
        tex: Option<PathBuf>,
        /// Also write a Word (.docx) export of the same content.
        #[arg(long)]
        docx: Option<PathBuf>,
        /// Tighten spacing and size (in bounded steps) until it fits on one page.
        #[arg(long)]
        fit: bool,
        /// Paper size: letter or a4.
        #[arg(long, default_value = "letter")]
        paper: String,
    },
    /// Tailor a résumé for a job as the app does (same stages, same one-page fitting): write
    /// the PDF and print the selection plan (JSON on stdout).
    Tailor {
        resume: PathBuf,
        job: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// The month that counts as "now" for an ongoing role, YYYY-MM (default: this month).
        #[arg(long)]
        as_of: Option<String>,
        /// Template name (see `fitted templates`).
        #[arg(long, default_value = fitted_core::render_source::DEFAULT_TEMPLATE)]
        template: String,
        /// Paper size: letter or a4.
        #[arg(long, default_value = "letter")]
        paper: String,
        /// Also write the Typst source.
        #[arg(long)]
        typ: Option<PathBuf>,
        /// Also write the Word (.docx) export the app offers beside the PDF.
        #[arg(long)]
        docx: Option<PathBuf>,
    },
    /// Check a tailored résumé against the master it was made from: every number, date,
    /// tool, organisation, title and credential the master does not support, as
    /// `{"flags":[{"path","span","kind"}…]}` (exit 0 whether or not there are flags).
    Check {
        master: PathBuf,
        tailored: PathBuf,
        /// The month that counts as "now" for an ongoing role, YYYY-MM (default: this month).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// List the résumé templates.
    Templates,
    /// Evaluate against a labelled folder (resumes/, jobs/, labels/): per-pair rows, then one
    /// JSON line of averaged metrics with a keyword-overlap baseline.
    Eval {
        dir: PathBuf,
        /// Also write every pair's ranking, selection, fit and keywords to this file.
        #[arg(long)]
        details: Option<PathBuf>,
        /// Match lexically only (no bundled word vectors), for comparison.
        #[arg(long)]
        lexical_only: bool,
        /// Selection and fit of the engine alone, before the one-page limit: tells what the
        /// page costs (a labelled ideal selection does not count lines; the keyword-overlap
        /// baseline is not page-limited either).
        #[arg(long, conflicts_with = "cv")]
        before_page: bool,
        /// Template of the app's path (selection and fit are measured on its one page).
        #[arg(long, default_value = fitted_core::render_source::DEFAULT_TEMPLATE, conflicts_with = "cv")]
        template: String,
        /// Instead: leave-one-résumé-out cross-validation of the tuned selection constants
        /// (per-role caps), printed next to the shipped default.
        #[arg(long, conflicts_with_all = ["details", "lexical_only"])]
        cv: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    commands::SENTENCE_MODEL_OFF.store(cli.no_sentence_model, std::sync::atomic::Ordering::Relaxed);
    let model_path = if cli.no_sentence_model { None } else { cli.sentence_model.clone().or_else(default_sentence_model) };
    if let Some(path) = &model_path {
        let model = std::fs::read(path)
            .map_err(|e| format!("cannot read the sentence model {}: {e}", path.display()))
            .and_then(|b| fitted_core::sentence::SentenceModel::parse(&b).map_err(|e| e.to_string()));
        match model {
            Ok(m) => fitted_core::sentence::install(m),
            Err(e) => {
                eprintln!("fitted: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let result = match cli.command {
        Command::Rubric { job } => commands::rubric(&job),
        Command::Evidence { resume } => commands::evidence(&resume),
        Command::Select { resume, job, pins, excludes } => commands::select(&resume, &job, pins, excludes),
        Command::Fit { resume, jobs } => commands::fit(&resume, &jobs),
        Command::Import { file } => commands::import(&file),
        Command::Export { master } => commands::export(&master),
        Command::Render { resume, template, out, typ, tex, docx, fit, paper } => {
            commands::render(&resume, &template, &out, commands::Exports { typ: typ.as_deref(), tex: tex.as_deref(), docx: docx.as_deref() }, fit, &paper)
        }
        Command::Tailor { resume, job, out, as_of, template, paper, typ, docx } => commands::tailor(commands::TailorArgs {
            resume: &resume,
            job: &job,
            out: &out,
            as_of: as_of.as_deref(),
            template: &template,
            paper: &paper,
            typ: typ.as_deref(),
            docx: docx.as_deref(),
        }),
        Command::Check { master, tailored, as_of } => commands::check(&master, &tailored, as_of.as_deref()),
        Command::Templates => commands::templates(),
        Command::Eval { dir, cv: true, .. } => cv::eval_cv(&dir),
        Command::Eval { dir, details, lexical_only, before_page, template, .. } => {
            commands::eval(&dir, details.as_deref(), lexical_only, before_page, &template)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fitted: {e}");
            ExitCode::FAILURE
        }
    }
}
