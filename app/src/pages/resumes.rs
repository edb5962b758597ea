use leptos::prelude::*;

use crate::components::shell::EmptyState;

#[component]
pub fn ResumesPage() -> impl IntoView {
    view! {
        <h1>"Résumés"</h1>
        <EmptyState
            title="Your master résumés live here"
            body="A master résumé holds everything you have done: every role, project and bullet. Fitted picks from it for each job, so put in more than fits on a page. You can keep several (say, one for backend roles and one for data roles) and choose which is active."
            first_step="import your résumé as a JSON Resume file, paste it as text, or start from a bundled example."/>
    }
}
