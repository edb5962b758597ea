use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::state::href;

#[component]
pub fn NotFound() -> impl IntoView {
    let loc = use_location();
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at " <code>{move || loc.pathname.get()}</code> "."</p>
        <p><A href=href("/resumes")>"Go to your résumés"</A></p>
    }
}
