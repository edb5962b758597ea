use leptos::prelude::*;

use crate::components::shell::EmptyState;

#[component]
pub fn JobsPage() -> impl IntoView {
    view! {
        <h1>"Jobs"</h1>
        <EmptyState
            title="Jobs you are considering"
            body="Each saved job keeps its description, company, salary and your notes and tags. Fitted works out what the job asks for and ranks your saved jobs by how well your résumé fits them."
            first_step="paste a job description (text or HTML copied from the posting)."/>
    }
}
