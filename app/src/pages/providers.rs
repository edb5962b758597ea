//! Settings → AI providers: keys the user brings, tested, optionally passphrase-protected.
//! Fitted works without any of this; a provider only improves rubric and tailoring.

use fitted_llm::{ProviderConfig, ProviderKind, Task};
use leptos::prelude::*;
use std::collections::HashMap;

use crate::actions::keys::{self, ProviderEntry};
use crate::components::util::format_time;
use crate::state::{use_services, DbState};

#[component]
pub fn ProvidersSection() -> impl IntoView {
    let s = use_services();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        let ready = s.db.get() == DbState::Ready;
        async move {
            if !ready {
                return Ok((Vec::new(), false));
            }
            Ok::<_, String>((keys::entries(&s).await?, keys::protected(&s).await?))
        }
    });
    let refresh = Callback::new(move |_| version.update(|v| *v += 1));
    // Outcomes live here, not in the rows: a refresh rebuilds the rows.
    provide_context(Outcomes(RwSignal::new(HashMap::new())));
    let pass_message = RwSignal::new(None::<Result<String, String>>);
    view! {
        <section class="card" aria-labelledby="providers-h">
            <h2 id="providers-h">"AI providers (optional)"</h2>
            <p class="muted">"Fitted works fully without a key. With your own key from a provider, requests go from this browser straight to that provider — never anywhere else. Keys stay on this device."</p>
            {move || match list.get() {
                None => view! { <p class="muted">"Loading…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error-text" role="alert">{e}</p> }.into_any(),
                Some(Ok((entries, protected))) => view! {
                    <Passphrase protected=protected any_key=entries.iter().any(|e| e.has_key) on_change=refresh message=pass_message/>
                    <ul class="providers">
                        {entries.into_iter().map(|e| view! { <ProviderRow entry=e on_change=refresh/> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}

/// The last outcome message per provider row.
#[derive(Clone, Copy)]
struct Outcomes(RwSignal<HashMap<ProviderKind, Result<String, String>>>);

#[component]
fn Passphrase(protected: bool, any_key: bool, on_change: Callback<()>, message: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    let s = use_services();
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let act = move |what: &'static str| {
        busy.set(true);
        message.set(None);
        let p = pass.get_untracked();
        leptos::task::spawn_local(async move {
            let r = match what {
                "set" => keys::set_passphrase(&s, &p).await.map(|_| "Keys encrypted with your passphrase. They stay unlocked in this tab until you lock them or close it.".to_string()),
                "unlock" => keys::unlock(&s, &p).await.map(|_| "Unlocked for this tab.".to_string()),
                "remove" => keys::remove_passphrase(&s).await.map(|_| "Passphrase removed: keys are stored unencrypted on this device.".to_string()),
                _ => {
                    keys::lock();
                    Ok("Locked: keys are encrypted and not in memory. Unlock to use them.".to_string())
                }
            };
            pass.set(String::new());
            busy.set(false);
            message.set(Some(r));
            on_change.run(());
        });
    };
    let unlocked = keys::is_unlocked();
    view! {
        <div class="passphrase" data-testid="passphrase-box">
            {if protected && unlocked {
                view! {
                    <p data-testid="keys-state">"Keys are encrypted with your passphrase and unlocked in this tab."</p>
                    <div class="form-actions">
                        <button on:click=move |_| act("lock") data-testid="lock-keys">"Lock keys"</button>
                        <button on:click=move |_| act("remove") disabled=move || busy.get()>"Remove passphrase"</button>
                    </div>
                }.into_any()
            } else if protected {
                view! {
                    <p data-testid="keys-state">"Keys are encrypted and locked. Enter your passphrase to use them."</p>
                    <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); act("unlock") }>
                        <label for="unlock-pass">"Passphrase"</label>
                        <input id="unlock-pass" type="password" autocomplete="current-password" bind:value=pass data-testid="passphrase"/>
                        <button class="primary" type="submit" disabled=move || busy.get() data-testid="unlock-keys">
                            {move || if busy.get() { "Unlocking…" } else { "Unlock" }}
                        </button>
                    </form>
                }.into_any()
            } else if any_key {
                view! {
                    <p data-testid="keys-state">"Keys are stored unencrypted in this browser. Add a passphrase to encrypt them (AES-256-GCM, key derived with PBKDF2-SHA256, 600 000 iterations)."</p>
                    <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); act("set") }>
                        <label for="new-pass">"New passphrase"</label>
                        <input id="new-pass" type="password" autocomplete="new-password" minlength="8" bind:value=pass data-testid="passphrase"/>
                        <button type="submit" disabled=move || busy.get() data-testid="set-passphrase">
                            {move || if busy.get() { "Encrypting…" } else { "Encrypt keys" }}
                        </button>
                    </form>
                }.into_any()
            } else {
                ().into_any()
            }}
            {move || message.get().map(|m| match m {
                Ok(t) => view! { <p role="status" data-testid="passphrase-result">{t}</p> }.into_any(),
                Err(t) => view! { <p class="error-text" role="alert" data-testid="passphrase-result">{t}</p> }.into_any(),
            })}
        </div>
    }
}

fn status_line(e: &ProviderEntry) -> (String, &'static str) {
    let info = e.kind.info();
    match &e.record {
        _ if e.locked => ("Locked".into(), "badge"),
        None if info.needs_api_key => ("No key".into(), "badge muted"),
        None => ("Not set up".into(), "badge muted"),
        Some(r) if r.last_validated.is_none() => ("Saved, not tested".into(), "badge"),
        Some(r) if r.is_valid => (format!("Valid · tested {}", format_time(r.last_validated.unwrap_or_default())), "badge ok"),
        Some(_) => ("Not working".into(), "badge bad"),
    }
}

#[component]
fn ProviderRow(entry: ProviderEntry, on_change: Callback<()>) -> impl IntoView {
    let s = use_services();
    let kind = entry.kind;
    let info = kind.info();
    let tag = keys::provider_tag(kind).to_lowercase().replace('_', "-");
    let (status, badge) = status_line(&entry);
    let error = entry.record.as_ref().filter(|r| !r.is_valid).and_then(|r| r.validation_error.clone());
    let config = RwSignal::new(entry.config.clone());
    let key = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let outcomes = expect_context::<Outcomes>().0;
    let message = Signal::derive(move || outcomes.with(|m| m.get(&kind).cloned()));
    let set_message = move |m: Option<Result<String, String>>| outcomes.update(|o| match m {
        Some(m) => { o.insert(kind, m); }
        None => { o.remove(&kind); }
    });
    let models = entry.available_models.clone();
    let list_id = format!("models-{tag}");
    let has_key = entry.has_key;
    let has_record = entry.record.is_some();

    let save = move || {
        busy.set(true);
        set_message(None);
        let k = key.get_untracked();
        let new_key = (!k.trim().is_empty()).then_some(k);
        leptos::task::spawn_local(async move {
            let r = keys::save(&s, kind, config.get_untracked(), new_key).await;
            busy.set(false);
            match r {
                Ok(()) => {
                    key.set(String::new());
                    set_message(Some(Ok("Saved. Use “Test key” to check it.".into())));
                    on_change.run(());
                }
                Err(e) => set_message(Some(Err(e))),
            }
        });
    };
    let test = move |_| {
        busy.set(true);
        set_message(Some(Ok("Testing…".into())));
        leptos::task::spawn_local(async move {
            let r = keys::test(&s, kind).await;
            busy.set(false);
            set_message(Some(match r {
                Ok(c) if c.is_valid => Ok(format!("The key works{}.", if c.models.is_empty() { String::new() } else { format!(" ({} models available)", c.models.len()) })),
                Ok(c) => Err(c.validation_error.unwrap_or_else(|| "The key did not work.".into())),
                Err(e) => Err(e),
            }));
            on_change.run(());
        });
    };
    let forget = move |_| {
        leptos::task::spawn_local(async move {
            match keys::forget(&s, kind).await {
                Ok(()) => {
                    s.toasts.info(format!("{} key forgotten on this device.", info.name));
                    on_change.run(());
                }
                Err(e) => set_message(Some(Err(e))),
            }
        });
    };
    let set_opt = move |f: fn(&mut ProviderConfig, Option<String>)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            let v = (!v.trim().is_empty()).then(|| v.trim().to_string());
            config.update(|c| f(c, v));
        }
    };
    let (tag_m, list_m) = (tag.clone(), list_id.clone());
    let model_input = move |task: Task, label: &'static str| {
        let (tag, list_id) = (tag_m.clone(), list_m.clone());
        let id = format!("{tag}-model-{task:?}").to_lowercase();
        let placeholder = config.with_untracked(|c| ProviderConfig { models: Default::default(), ..c.clone() }.model_for(task)).unwrap_or_default();
        let value = config.with_untracked(|c| match task {
            Task::Rubric => c.models.rubric.clone(),
            Task::Tailoring => c.models.tailoring.clone(),
            Task::Embeddings => c.models.embeddings.clone(),
        });
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" list=list_id.clone() placeholder=placeholder prop:value=value.unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); let v = (!v.trim().is_empty()).then(|| v.trim().to_string());
                        config.update(|c| match task { Task::Rubric => c.models.rubric = v, Task::Tailoring => c.models.tailoring = v, Task::Embeddings => c.models.embeddings = v }) }/>
            </div>
        }
    };
    let key_id = format!("{tag}-key");
    let base_id = format!("{tag}-base");
    view! {
        <li class="provider" data-testid=format!("provider-{tag}")>
            <details open=has_record>
                <summary>
                    <strong>{info.name}</strong>" "
                    <span class=badge data-testid="key-status">{status}</span>
                    {(!entry.hint.is_empty()).then(|| view! { <span class="muted small">" key "{entry.hint.clone()}</span> })}
                </summary>
                {move || (message.get().is_none()).then(|| error.clone()).flatten().map(|e| view! { <p class="error-text" data-testid="key-error">{e}</p> })}
                <form class="form-grid" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save() }>
                    {info.needs_api_key.then(|| view! {
                        <label for=key_id.clone()>{if has_key { "Replace API key" } else { "API key" }}</label>
                        <input id=key_id.clone() type="password" autocomplete="off" spellcheck="false" bind:value=key data-testid="key-input"
                            placeholder=if has_key { "(saved — paste a new one to replace it)" } else { "" }/>
                    })}
                    {info.needs_endpoint.then(|| view! {
                        <label for=format!("{tag}-endpoint")>"Resource endpoint"</label>
                        <input id=format!("{tag}-endpoint") type="url" placeholder="https://my-resource.openai.azure.com" prop:value=config.with_untracked(|c| c.endpoint.clone().unwrap_or_default())
                            on:change=set_opt(|c, v| c.endpoint = v) data-testid="endpoint"/>
                        <label for=format!("{tag}-deployment")>"Deployment"</label>
                        <input id=format!("{tag}-deployment") type="text" prop:value=config.with_untracked(|c| c.deployment.clone().unwrap_or_default())
                            on:change=set_opt(|c, v| c.deployment = v) data-testid="deployment"/>
                        <label for=format!("{tag}-apiver")>"API version"</label>
                        <input id=format!("{tag}-apiver") type="text" placeholder=fitted_llm::provider::AZURE_DEFAULT_API_VERSION prop:value=config.with_untracked(|c| c.api_version.clone().unwrap_or_default())
                            on:change=set_opt(|c, v| c.api_version = v)/>
                    })}
                    {(!info.needs_endpoint).then(|| view! {
                        <label for=base_id.clone()>{if info.default_base_url.is_some() { "Base URL (optional override)" } else { "Base URL" }}</label>
                        <input id=base_id.clone() type="url" placeholder=info.default_base_url.unwrap_or("http://localhost:1234/v1")
                            prop:value=config.with_untracked(|c| c.base_url.clone().unwrap_or_default()) on:change=set_opt(|c, v| c.base_url = v) data-testid="base-url"/>
                    })}
                    {(!info.browser_cors).then(|| view! { <p class="muted small span-2">{format!("{} does not accept requests from web pages directly; put a proxy's URL in Base URL.", info.name)}</p> })}
                    {(kind == ProviderKind::OpenAiCompatible).then(|| view! { <p class="muted small span-2">"Fitted's security policy lets this page reach local servers (localhost, 127.0.0.1), Groq, Mistral and Together. To use another host, serve your own copy of Fitted with that host added to connect-src in index.html."</p> })}
                    {(kind == ProviderKind::Ollama).then(|| view! { <p class="muted small span-2">"Ollama refuses web pages unless started with OLLAMA_ORIGINS set to this site's address (for example OLLAMA_ORIGINS=https://fitted.example ollama serve)."</p> })}
                    <datalist id=list_id.clone()>{models.iter().map(|m| view! { <option value=m.clone()></option> }).collect_view()}</datalist>
                    {model_input(Task::Rubric, "Model for reading job posts")}
                    {model_input(Task::Tailoring, "Model for tailoring")}
                    {info.default_embeddings_model.is_some().then(|| model_input(Task::Embeddings, "Model for embeddings"))}
                    <div class="form-actions span-2">
                        <button type="submit" class="primary" disabled=move || busy.get() data-testid="save-key">"Save"</button>
                        <button type="button" on:click=test disabled=move || busy.get() || !has_record data-testid="test-key">"Test key"</button>
                        <button type="button" class="danger-outline" on:click=forget disabled=move || !has_record data-testid="forget-key">"Forget key"</button>
                    </div>
                </form>
                <p role="status" aria-live="polite" data-testid="key-result" class=move || match message.get() { Some(Err(_)) => "error-text", _ => "" }>
                    {move || message.get().map(|m| match m { Ok(t) | Err(t) => t }).unwrap_or_default()}
                </p>
            </details>
        </li>
    }
}
