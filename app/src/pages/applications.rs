use leptos::prelude::*;

use crate::components::shell::EmptyState;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    view! {
        <h1>"Applications"</h1>
        <EmptyState
            title="Where you applied and what happened"
            body="Track each application from “applied” through screening and interviews to an offer (or silence), with dates, notes and your next step."
            first_step="tailor a résumé for a job, then mark it as applied."/>
    }
}
