//! The run page's cover letter: start from Fitted's draft (the chosen evidence in the user's
//! own words) or from the user's model, edit it, see every fact the résumé does not hold as
//! it is typed, and download it as PDF or text. Edits are saved when a field is left.

use fitted_core::model::CoverLetterRecord;
use fitted_core::tailor::check::Flag;
use fitted_core::tailor::letter::Letter;
use fitted_llm::ProviderKind;
use leptos::prelude::*;

use crate::actions::letters;
use crate::actions::runs::RunBundle;
use crate::components::model_call::ModelCall;
use crate::components::util::download;
use crate::state::use_services;

/// Replacing a letter the user may have worked on needs their yes.
fn may_replace(existing: bool) -> bool {
    !existing
        || web_sys::window()
            .and_then(|w| w.confirm_with_message("Replace your cover letter with a new one? Your current text will be gone.").ok())
            .unwrap_or(false)
}

#[component]
pub fn CoverLetter(run_id: String, bundle: RwSignal<Option<RunBundle>>) -> impl IntoView {
    let s = use_services();
    let providers = LocalResource::new(move || async move { crate::actions::proposals::providers(&s).await });
    let saved = RwSignal::new(None::<CoverLetterRecord>);
    let edit = RwSignal::new(Letter::default());
    let call = ModelCall::new();
    let busy = call.busy;
    {
        let run_id = run_id.clone();
        leptos::task::spawn_local(async move {
            match letters::get(&s, &run_id).await {
                Ok(Some(r)) => {
                    edit.set(r.letter.clone());
                    saved.set(Some(r));
                }
                Ok(None) => {}
                Err(e) => s.toasts.error(e),
            }
        });
    }
    let dirty = Memo::new(move |_| saved.with(|r| r.as_ref().is_some_and(|r| edit.with(|e| *e != r.letter))));
    // Checked as the user types: the same check the model's letters get.
    let flags = Memo::new(move |_| bundle.with(|b| b.as_ref().map(|b| edit.with(|l| letters::flags(b, l))).unwrap_or_default()));
    let flags_at = move |path: String| flags.with(|f| f.iter().filter(|x| x.path == path).cloned().collect::<Vec<Flag>>());

    let adopt = move |r: CoverLetterRecord| {
        edit.set(r.letter.clone());
        saved.set(Some(r));
    };
    let draft = {
        let run_id = run_id.clone();
        move |_| {
            if !may_replace(saved.with_untracked(Option::is_some)) {
                return;
            }
            let run_id = run_id.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let r = letters::draft(&s, &run_id).await;
                busy.set(false);
                match r {
                    Ok(r) => adopt(r),
                    Err(e) => s.toasts.error(e),
                }
            });
        }
    };
    let provider = RwSignal::new(None::<ProviderKind>);
    let write = {
        let run_id = run_id.clone();
        move |_| {
            let Some(kind) = provider.get_untracked().or_else(|| providers.get_untracked().and_then(|r| r.ok()).and_then(|v| v.first().map(|p| p.0))) else {
                return;
            };
            if !may_replace(saved.with_untracked(Option::is_some)) {
                return;
            }
            let run_id = run_id.clone();
            let started = call.start();
            leptos::task::spawn_local(async move {
                let r = letters::write(&s, &run_id, kind, Some(started.on_chars.clone()), &started.cancel).await;
                call.finish(started);
                match r {
                    Ok(r) => adopt(r),
                    Err(e) => s.toasts.error(e),
                }
            });
        }
    };
    // Saves what is on screen (on leaving a field, on Save, before a download). Everything
    // it captures is `Copy`, so every handler can hold it.
    let rid = StoredValue::new(run_id.clone());
    let save = move || async move {
        if !dirty.get_untracked() {
            return saved.get_untracked();
        }
        match letters::save_edited(&s, &rid.get_value(), edit.get_untracked()).await {
            Ok(r) => {
                let _ = saved.try_set(Some(r.clone()));
                Some(r)
            }
            Err(e) => {
                s.toasts.error(format!("{e} Your text is still here; try saving again."));
                None
            }
        }
    };
    let save_now = move || {
        leptos::task::spawn_local(async move {
            save().await;
        })
    };
    let download_pdf = move |_| {
        leptos::task::spawn_local(async move {
            let Some(r) = save().await else { return };
            let name = bundle.with_untracked(|b| b.as_ref().map(letters::file_base)).unwrap_or_else(|| "cover-letter".into());
            if let Err(e) = letters::pdf(&s, &r).await.and_then(|pdf| download(&format!("{name}.pdf"), "application/pdf", &pdf)) {
                s.toasts.error(e);
            }
        });
    };
    let download_txt = move |_| {
        leptos::task::spawn_local(async move {
            let Some(r) = save().await else { return };
            let (name, person) = bundle.with_untracked(|b| {
                b.as_ref()
                    .map(|b| (letters::file_base(b), b.resume.as_ref().and_then(|r| r.document.basics.as_ref()).and_then(|x| x.name.clone()).unwrap_or_default()))
                    .unwrap_or_else(|| ("cover-letter".into(), String::new()))
            });
            if let Err(e) = download(&format!("{name}.txt"), "text/plain;charset=utf-8", r.letter.text(&person).as_bytes()) {
                s.toasts.error(e);
            }
        });
    };

    let field = move |label: &'static str, testid: &'static str, path: &'static str, get: fn(&Letter) -> String, set: fn(&mut Letter, String)| {
        view! {
            <label class="field">{label}
                <input type="text" data-testid=testid prop:value=move || edit.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.update(|l| set(l, v)); }
                    on:change=move |_| save_now()/>
            </label>
            <LetterFlags flags=Signal::derive(move || flags_at(path.to_string()))/>
        }
    };

    view! {
        <section class="card cover-letter" aria-labelledby="letter-h" data-testid="cover-letter">
            <h2 id="letter-h">"Cover letter"</h2>
            <p class="muted small">"Built on the bullets this run chose. Every number, date, tool, employer, title and credential is checked against your résumé as you type."</p>
            <div class="form-row">
                <button on:click=draft disabled=move || busy.get() data-testid="letter-draft">"Draft from my résumé"</button>
                {move || providers.get().and_then(|r| r.ok()).filter(|v| !v.is_empty()).map(|v| {
                    let write = write.clone();
                    view! {
                        <label>"Model "
                            <select data-testid="letter-provider" on:change=move |ev| {
                                let tag = event_target_value(&ev);
                                provider.set(ProviderKind::ALL.iter().copied().find(|k| crate::actions::keys::provider_tag(*k) == tag));
                            }>
                                {v.into_iter().map(|(k, label)| view! { <option value=crate::actions::keys::provider_tag(k)>{label}</option> }).collect_view()}
                            </select>
                        </label>
                        <button on:click=write disabled=move || busy.get() data-testid="letter-write">
                            {move || call.label("Write with the model")}</button>
                    }
                })}
                {move || busy.get().then(|| view! {
                    <button on:click=move |_| call.cancel() data-testid="letter-cancel">"Cancel"</button>
                })}
            </div>
            {move || saved.get().map(|r| {
                let by = if r.model_key == fitted_core::tailor::NO_MODEL_KEY { "Drafted by Fitted from your résumé".to_string() } else { format!("Written by {}", if r.model_name.is_empty() { &r.model_key } else { &r.model_name }) };
                view! {
                    <p class="muted small" data-testid="letter-status">
                        {by}{if r.was_edited { ", edited by you" } else { "" }}" · "
                        {move || if dirty.get() { "unsaved changes" } else { "saved" }}</p>
                    {move || { let n = flags.with(Vec::len); (n > 0).then(|| view! {
                        <p class="error-text" role="status" data-testid="letter-flag-count">{format!("{n} fact(s) not found in your résumé: check them before you send this letter.")}</p>
                    }) }}
                    {field("Greeting", "letter-greeting", "letter.greeting", |l| l.greeting.clone(), |l, v| l.greeting = v)}
                    <For each=move || 0..edit.with(|l| l.paragraphs.len()) key=|i| *i let:i>
                        {
                            view! {
                                <div class="letter-paragraph">
                                    <label class="visually-hidden" for=format!("letter-p{i}")>{format!("Paragraph {}", i + 1)}</label>
                                    <textarea id=format!("letter-p{i}") rows="5" data-testid="letter-paragraph"
                                        prop:value=move || edit.with(|l| l.paragraphs.get(i).cloned().unwrap_or_default())
                                        on:input=move |ev| { let v = event_target_value(&ev); edit.update(|l| if let Some(p) = l.paragraphs.get_mut(i) { *p = v }); }
                                        on:change=move |_| save_now()></textarea>
                                    <LetterFlags flags=Signal::derive(move || flags_at(format!("letter.paragraphs[{i}]")))/>
                                    <button class="small" data-testid="letter-remove-paragraph" aria-label=format!("Remove paragraph {}", i + 1)
                                        on:click=move |_| { edit.update(|l| { if i < l.paragraphs.len() { l.paragraphs.remove(i); } }); save_now(); }>"Remove paragraph"</button>
                                </div>
                            }
                        }
                    </For>
                    <button class="small" data-testid="letter-add-paragraph" on:click=move |_| edit.update(|l| l.paragraphs.push(String::new()))>"Add a paragraph"</button>
                    {field("Closing", "letter-closing", "letter.closing", |l| l.closing.clone(), |l, v| l.closing = v)}
                    <div class="toolbar">
                        <button class="primary" on:click=move |_| save_now() disabled=move || !dirty.get() data-testid="letter-save">"Save"</button>
                        <button on:click=download_pdf data-testid="letter-pdf">"Download PDF"</button>
                        <button on:click=download_txt data-testid="letter-txt">"Download text"</button>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn LetterFlags(#[prop(into)] flags: Signal<Vec<Flag>>) -> impl IntoView {
    move || {
        let flags = flags.get();
        (!flags.is_empty()).then(|| view! {
            <ul class="flags" data-testid="letter-flags" aria-label="Not found in your résumé">
                {flags.into_iter().map(|f| view! {
                    <li data-testid="letter-flag" data-kind=serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()>
                        "⚠ “"{f.span.clone()}"” — "{crate::pages::proposal::kind_name(f.kind)}" not found in your résumé"</li>
                }).collect_view()}
            </ul>
        })
    }
}
