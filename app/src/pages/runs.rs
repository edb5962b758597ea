use leptos::prelude::*;

use crate::components::shell::EmptyState;

#[component]
pub fn RunsPage() -> impl IntoView {
    view! {
        <h1>"Runs"</h1>
        <EmptyState
            title="Tailoring runs"
            body="A run tailors your active master résumé to one job: it reads the job, chooses your strongest matching bullets, shows you why, and typesets a one-page PDF. Every run and its PDF stay here so you can download them again."
            first_step="add a master résumé and a job, then choose “Tailor for this job”."/>
    }
}
