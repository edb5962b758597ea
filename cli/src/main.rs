//! `fitted`: the command-line face of Fitted's engine (the same code the browser worker runs).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;

#[derive(Parser)]
#[command(name = "fitted", version, about = "Tailor résumés to job descriptions, offline.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    /// Evaluate against a labelled folder (resumes/, jobs/, labels/): per-pair rows, then one
    /// JSON line of averaged metrics with a keyword-overlap baseline.
    Eval {
        dir: PathBuf,
        /// Also write every pair's ranking, selection, fit and keywords to this file.
        #[arg(long)]
        details: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Rubric { job } => commands::rubric(&job),
        Command::Evidence { resume } => commands::evidence(&resume),
        Command::Select { resume, job, pins, excludes } => commands::select(&resume, &job, pins, excludes),
        Command::Fit { resume, jobs } => commands::fit(&resume, &jobs),
        Command::Eval { dir, details } => commands::eval(&dir, details.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fitted: {e}");
            ExitCode::FAILURE
        }
    }
}
