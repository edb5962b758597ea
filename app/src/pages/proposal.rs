//! The run page's AI rewrite: ask a model for a proposal, then decide bullet by bullet —
//! the original and the proposal word by word, the facts the check could not find in the
//! résumé, accept / edit / reject. A flagged bullet is never in "accept all".

use std::collections::HashMap;

use fitted_core::diff;
use fitted_core::model::{AiMode, Proposal, RunStage};
use fitted_core::tailor::check::{FactKind, Flag};
use fitted_core::tailor::rewrite::{Decision, ProposedBullet, RewriteProposal};
use fitted_llm::ProviderKind;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::actions::proposals;
use crate::components::model_call::ModelCall;
use crate::actions::runs::RunBundle;
use crate::state::{href, use_services};

pub fn kind_name(k: FactKind) -> &'static str {
    match k {
        FactKind::Number => "number",
        FactKind::Date => "date or duration",
        FactKind::Tool => "tool or technology",
        FactKind::Organisation => "organisation",
        FactKind::Title => "job title",
        FactKind::Credential => "credential",
    }
}

#[component]
pub fn AiRewrite(run_id: String, bundle: RwSignal<Option<RunBundle>>, live: RwSignal<Option<RunStage>>) -> impl IntoView {
    let s = use_services();
    let providers = LocalResource::new(move || async move { proposals::providers(&s).await });
    let proposal = RwSignal::new(None::<Proposal>);
    {
        let run_id = run_id.clone();
        leptos::task::spawn_local(async move {
            if let Ok(p) = proposals::get(&s, &run_id).await {
                proposal.set(p);
            }
        });
    }
    let provider = RwSignal::new(None::<ProviderKind>);
    let call = ModelCall::new();
    let busy = call.busy;
    let mode = RwSignal::new(AiMode::Balanced);
    let decisions = RwSignal::new(HashMap::<String, Decision>::new());
    let summary = RwSignal::new(Decision::Reject);
    let skills = RwSignal::new(false);
    let propose = {
        let run_id = run_id.clone();
        move |_| {
            let Some(kind) = provider.get_untracked().or_else(|| providers.get_untracked().and_then(|r| r.ok()).and_then(|v| v.first().map(|p| p.0))) else {
                return;
            };
            let run_id = run_id.clone();
            let started = call.start();
            leptos::task::spawn_local(async move {
                let r = proposals::propose(&s, &run_id, kind, mode.get_untracked(), Some(started.on_chars.clone()), &started.cancel).await;
                call.finish(started);
                match r {
                    Ok(p) => {
                        decisions.set(HashMap::new());
                        summary.set(Decision::Reject);
                        skills.set(false);
                        proposal.set(Some(p));
                    }
                    Err(e) => s.toasts.error(e),
                }
            });
        }
    };
    // Another model for the same rewrite, shown beside the first: by default the first
    // provider that did not write the proposal.
    let other = RwSignal::new(None::<ProviderKind>);
    let default_other = move |v: &[(ProviderKind, String)]| {
        let first = proposal.with_untracked(|p| p.as_ref().and_then(|p| proposals::provider_of(&p.model_key)));
        v.iter().map(|p| p.0).find(|k| Some(*k) != first)
    };
    let beside = {
        let run_id = run_id.clone();
        move |_| {
            let Some(kind) = other.get_untracked().or_else(|| default_other(&providers.get_untracked().and_then(|r| r.ok()).unwrap_or_default())) else {
                return;
            };
            let run_id = run_id.clone();
            let started = call.start();
            leptos::task::spawn_local(async move {
                let r = proposals::propose_beside(&s, &run_id, kind, Some(started.on_chars.clone()), &started.cancel).await;
                call.finish(started);
                match r {
                    Ok(p) => proposal.set(Some(p)),
                    Err(e) => s.toasts.error(e),
                }
            });
        }
    };
    let accept_unflagged = move |_| {
        let Some(p) = proposal.get_untracked().and_then(|p| p.rewrite) else { return };
        decisions.update(|d| {
            for b in p.bullets.iter().filter(|b| b.was_rewritten && b.flags.is_empty()) {
                d.insert(b.bullet_id.clone(), Decision::Accept);
            }
        });
        if p.summary.as_ref().is_some_and(|x| x.flags.is_empty()) {
            summary.set(Decision::Accept);
        }
        if p.skills_order.is_some() {
            skills.set(true);
        }
    };
    let accepted_count = Memo::new(move |_| {
        decisions.with(|d| d.values().filter(|x| !matches!(x, Decision::Reject)).count())
            + usize::from(!matches!(summary.get(), Decision::Reject) && proposal.with(|p| p.as_ref().and_then(|p| p.rewrite.as_ref()).is_some_and(|r| r.summary.is_some())))
            + usize::from(skills.get())
    });
    let apply = {
        let run_id = run_id.clone();
        move |_| {
            let run_id = run_id.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let sink = crate::pages::runs::sink(bundle, live);
                let r = proposals::accept(&s, &run_id, decisions.get_untracked(), summary.get_untracked(), skills.get_untracked(), sink).await;
                live.set(None);
                busy.set(false);
                match r {
                    Ok(()) => {
                        s.toasts.info("Accepted as a new AI-tailored version; the PDF now uses it.");
                        if let Ok(p) = proposals::get(&s, &run_id).await {
                            proposal.set(p);
                        }
                    }
                    Err(e) => s.toasts.error(e),
                }
            });
        }
    };
    view! {
        <section class="card ai-rewrite" aria-labelledby="ai-h" data-testid="ai-rewrite">
            <h2 id="ai-h">"AI rewrite"</h2>
            {move || match providers.get() {
                None => view! { <p class="muted">"Loading…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error-text" role="alert">{e}</p> }.into_any(),
                Some(Ok(v)) if v.is_empty() => view! {
                    <p class="muted" data-testid="ai-no-key">"Add an API key in "<A href=href("/settings")>"Settings → AI providers"</A>
                        " to have a model propose rewrites of the chosen bullets. Nothing changes until you accept them. Without a key, your own wording is used."</p>
                }.into_any(),
                Some(Ok(v)) => view! {
                    <p class="muted small">"The model sees the posting's needs and the chosen bullets — never locked ones. Every number, date, tool, employer, title and credential it writes is checked against your résumé."</p>
                    <div class="form-row">
                        <label>"Model "
                            <select data-testid="ai-provider" on:change=move |ev| {
                                let tag = event_target_value(&ev);
                                provider.set(ProviderKind::ALL.iter().copied().find(|k| crate::actions::keys::provider_tag(*k) == tag));
                            }>
                                {v.into_iter().map(|(k, label)| view! { <option value=crate::actions::keys::provider_tag(k)>{label}</option> }).collect_view()}
                            </select>
                        </label>
                        <label>"How far "
                            <select data-testid="ai-mode" on:change=move |ev| mode.set(match event_target_value(&ev).as_str() {
                                "MINIMAL" => AiMode::Minimal,
                                "AGGRESSIVE" => AiMode::Aggressive,
                                _ => AiMode::Balanced,
                            })>
                                <option value="MINIMAL">"Minimal: the posting's words"</option>
                                <option value="BALANCED" selected>"Balanced: lead with what matters"</option>
                                <option value="AGGRESSIVE">"Aggressive: restructure"</option>
                            </select>
                        </label>
                        <button class="primary" on:click=propose.clone() disabled=move || busy.get() data-testid="ai-propose">
                            {move || call.label("Propose rewrites")}</button>
                        {move || busy.get().then(|| view! {
                            <button on:click=move |_| call.cancel() data-testid="ai-cancel">"Cancel"</button>
                        })}
                        {move || { let n = call.received(); (n != 0).then(|| view! {
                            <span class="muted small" role="status" data-testid="ai-received">{format!("{n} characters of the answer received")}</span>
                        }) }}
                    </div>
                }.into_any(),
            }}
            {move || {
                let open = proposal.with(|p| p.as_ref().is_some_and(|p| p.rewrite.is_some() && p.accepted_version_id.is_none()));
                let v = providers.get().and_then(|r| r.ok()).unwrap_or_default();
                let preset = other.get_untracked().or_else(|| default_other(&v));
                let beside = beside.clone();
                (open && v.len() > 1).then(|| view! {
                    <div class="form-row" data-testid="ai-compare">
                        <label>"Compare with "
                            <select data-testid="ai-variant-provider" on:change=move |ev| {
                                let tag = event_target_value(&ev);
                                other.set(ProviderKind::ALL.iter().copied().find(|k| crate::actions::keys::provider_tag(*k) == tag));
                            }>
                                {v.into_iter().map(|(k, label)| view! { <option value=crate::actions::keys::provider_tag(k) selected=Some(k) == preset>{label}</option> }).collect_view()}
                            </select>
                        </label>
                        <button on:click=beside disabled=move || busy.get() data-testid="ai-variant">"Ask this model too"</button>
                    </div>
                })
            }}
            {move || proposal.get().map(|p| view! { <ProposalView p=p decisions=decisions summary=summary skills=skills/> })}
            {move || proposal.with(|p| p.as_ref().is_some_and(|p| p.rewrite.is_some())).then(|| view! {
                <div class="toolbar">
                    <button on:click=accept_unflagged data-testid="proposal-accept-unflagged">"Accept all unflagged"</button>
                    <button class="primary" on:click=apply.clone() disabled=move || busy.get() || accepted_count.get() == 0 data-testid="proposal-apply">
                        {move || format!("Make a version from {} accepted change(s)", accepted_count.get())}</button>
                </div>
            })}
        </section>
    }
}

#[component]
fn ProposalView(p: Proposal, decisions: RwSignal<HashMap<String, Decision>>, summary: RwSignal<Decision>, skills: RwSignal<bool>) -> impl IntoView {
    let Some(r) = p.rewrite.clone() else { return ().into_any() };
    let variants = p.variants.clone();
    let first_name = if p.model_name.is_empty() { p.model_key.clone() } else { p.model_name.clone() };
    let flagged = r.bullets.iter().filter(|b| !b.flags.is_empty()).count();
    let rewritten = r.bullets.iter().filter(|b| b.was_rewritten).count();
    let absorbed = r.bullets.iter().filter(|b| b.merged_into.is_some()).count();
    view! {
        <div class="proposal" data-testid="proposal">
            <p data-testid="proposal-summary-line">{format!("{} by {}: {rewritten} of {} bullets rewritten{}, {flagged} with facts not found in your résumé.",
                match p.mode { AiMode::Minimal => "Minimal rewrite", AiMode::Balanced => "Balanced rewrite", AiMode::Aggressive => "Aggressive rewrite" },
                if p.model_name.is_empty() { &p.model_key } else { &p.model_name }, r.bullets.len(),
                match absorbed { 0 => String::new(), n => format!(" ({n} merged into another)") })}</p>
            {(!p.variants.is_empty()).then(|| view! {
                <p class="muted small" data-testid="proposal-models">{format!("Side by side: {first_name}, {}. Pick per bullet; the summary and skills order are {first_name}'s.",
                    p.variants.iter().map(|v| v.model_name.as_str()).collect::<Vec<_>>().join(", "))}</p>
            })}
            {p.accepted_version_id.clone().map(|_| view! { <p class="badge badge-ok" data-testid="proposal-accepted">"Accepted: the run uses the AI-tailored version."</p> })}
            {(!r.notes.is_empty()).then(|| view! { <ul class="muted small" data-testid="proposal-notes">{r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> })}
            <ol class="proposal-list">
                {r.bullets.iter().filter(|b| b.was_rewritten || variants.iter().any(|v| v.rewrite.bullets.iter().any(|x| x.bullet_id == b.bullet_id && x.was_rewritten))).map(|b| {
                    let id = b.bullet_id.clone();
                    // Other models' texts for this bullet, numbered as `Decision::Variant` counts.
                    let others: Vec<Other> = variants.iter().enumerate().filter_map(|(k, v)| {
                        v.rewrite.bullets.iter().find(|x| x.bullet_id == b.bullet_id).map(|x| Other {
                            index: k + 1,
                            model: v.model_name.clone(),
                            original: merged_original(&v.rewrite, x),
                            text: x.proposed_text.clone(),
                            flags: x.flags.clone(),
                            merges: x.merged_ids.len(),
                        })
                    }).collect();
                    let first = if others.is_empty() { String::new() } else { first_name.clone() };
                    view! {
                        <Choice id=id original=merged_original(&r, b) proposed=b.proposed_text.clone() flags=b.flags.clone() decisions=decisions
                            others=others first=first merges=b.merged_ids.len()/>
                    }
                }).collect_view()}
            </ol>
            {r.summary.clone().map(|x| {
                let flags = x.flags.clone();
                view! {
                    <div class="proposal-item" data-testid="proposal-summary">
                        <h3>"Summary"</h3>
                        <WordDiff a=x.original_text.clone() b=x.proposed_text.clone()/>
                        <Flags flags=flags/>
                        <label><input type="checkbox" prop:checked=move || !matches!(summary.get(), Decision::Reject)
                            on:change=move |ev| summary.set(if event_target_checked(&ev) { Decision::Accept } else { Decision::Reject })/>" Accept the summary"</label>
                    </div>
                }
            })}
            {r.skills_order.clone().map(|order| view! {
                <div class="proposal-item" data-testid="proposal-skills">
                    <h3>"Skills order"</h3>
                    <p>{order.join(", ")}</p>
                    <label><input type="checkbox" prop:checked=move || skills.get() on:change=move |ev| skills.set(event_target_checked(&ev))/>" Use this order"</label>
                </div>
            })}
        </div>
    }
    .into_any()
}

/// What a proposed bullet replaces: its own text, and the texts of the bullets it absorbs
/// when it is a merge (one after the other, as the word diff compares them).
fn merged_original(r: &RewriteProposal, b: &ProposedBullet) -> String {
    std::iter::once(b.original_text.as_str())
        .chain(b.merged_ids.iter().filter_map(|m| r.bullets.iter().find(|x| &x.bullet_id == m)).map(|x| x.original_text.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Another model's text for a bullet, beside the first model's.
#[derive(Clone)]
struct Other {
    /// `Decision::Variant(index)` picks it.
    index: usize,
    model: String,
    /// What this model's text replaces (more than the bullet when it merges).
    original: String,
    text: String,
    flags: Vec<Flag>,
    /// How many other bullets this model's text absorbs.
    merges: usize,
}

/// Says that a text merges bullets, and what accepting it does.
fn merge_note(merges: usize) -> Option<impl IntoView> {
    (merges > 0).then(|| view! {
        <p class="muted small" data-testid="proposal-merged">
            {format!("Merges {} bullets into one: using it removes the other {} from the new version.", merges + 1, if merges == 1 { "one".to_string() } else { merges.to_string() })}
        </p>
    })
}

/// One rewritten bullet: what changed, what the check flagged, and the decision; with other
/// models' texts side by side when there are some.
#[component]
fn Choice(
    id: String,
    original: String,
    proposed: String,
    flags: Vec<Flag>,
    decisions: RwSignal<HashMap<String, Decision>>,
    #[prop(optional)] others: Vec<Other>,
    /// The first model's name, shown above its text when there are others.
    #[prop(optional)] first: String,
    /// How many other bullets the first model's text absorbs.
    #[prop(optional)] merges: usize,
) -> impl IntoView {
    let flagged = !flags.is_empty() || others.iter().any(|o| !o.flags.is_empty());
    let current = move |id: &str| decisions.with(|d| d.get(id).cloned());
    let edit_text = RwSignal::new(proposed.clone());
    let id_s = StoredValue::new(id.clone());
    let set = move |d: Decision| decisions.update(|m| { m.insert(id_s.get_value(), d); });
    // Beside other models, the first model's choice sits in its own column like theirs.
    let side_by_side = !others.is_empty();
    let accept = view! {
        <button aria-pressed=move || matches!(current(&id_s.get_value()), Some(Decision::Accept)).to_string()
            on:click=move |_| set(Decision::Accept) data-testid="proposal-accept">{if side_by_side { "Use this" } else { "Accept" }}</button>
    };
    let (accept_in_column, accept_in_bar) = if side_by_side { (Some(accept), None) } else { (None, Some(accept)) };
    let body = if !side_by_side {
        view! { {merge_note(merges)}<WordDiff a=original.clone() b=proposed.clone()/><Flags flags=flags/> }.into_any()
    } else {
        view! {
            <div class="variants">
                <div class="variant" data-testid="proposal-variant" data-variant="0">
                    <p class="muted small">{first}</p>
                    {merge_note(merges)}
                    <WordDiff a=original.clone() b=proposed.clone()/>
                    <Flags flags=flags/>
                    {accept_in_column}
                </div>
                {others.into_iter().map(|o| {
                    let k = o.index;
                    view! {
                        <div class="variant" data-testid="proposal-variant" data-variant=k.to_string()>
                            <p class="muted small">{o.model}</p>
                            {merge_note(o.merges)}
                            <WordDiff a=o.original b=o.text/>
                            <Flags flags=o.flags/>
                            <button aria-pressed=move || matches!(current(&id_s.get_value()), Some(Decision::Variant(x)) if x == k).to_string()
                                on:click=move |_| set(Decision::Variant(k)) data-testid="proposal-pick">"Use this"</button>
                        </div>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <li class="proposal-item" class:flagged=flagged data-testid="proposal-bullet" data-flagged=flagged.to_string() data-bullet-id=id.clone()>
            {body}
            <div class="toolbar small" role="group" aria-label="Decision">
                {accept_in_bar}
                <button aria-pressed=move || matches!(current(&id_s.get_value()), Some(Decision::Edit(_))).to_string()
                    on:click=move |_| set(Decision::Edit(edit_text.get_untracked())) data-testid="proposal-edit">"Edit"</button>
                <button aria-pressed=move || matches!(current(&id_s.get_value()), None | Some(Decision::Reject)).to_string()
                    on:click=move |_| set(Decision::Reject) data-testid="proposal-reject">"Reject"</button>
            </div>
            {move || matches!(current(&id_s.get_value()), Some(Decision::Edit(_))).then(|| {
                let id = id_s.get_value();
                view! {
                    <label class="visually-hidden" for=format!("edit-{id}")>"Your version of this bullet"</label>
                    <textarea id=format!("edit-{id}") rows="3" prop:value=move || edit_text.get() data-testid="proposal-edit-text"
                        on:input=move |ev| {
                            let t = event_target_value(&ev);
                            edit_text.set(t.clone());
                            set(Decision::Edit(t));
                        }></textarea>
                }
            })}
        </li>
    }
}

#[component]
fn Flags(flags: Vec<Flag>) -> impl IntoView {
    (!flags.is_empty()).then(|| view! {
        <ul class="flags" data-testid="proposal-flags" aria-label="Not found in your résumé">
            {flags.into_iter().map(|f| view! {
                <li data-testid="proposal-flag" data-kind=serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()>
                    "⚠ “"{f.span.clone()}"” — "{kind_name(f.kind)}" not found in your résumé"</li>
            }).collect_view()}
        </ul>
    })
}

/// The change word by word; when most words changed, the two texts one above the other
/// (a word diff of a rewritten sentence is harder to read than the sentences).
#[component]
fn WordDiff(a: String, b: String) -> impl IntoView {
    let changes = diff::words(&a, &b);
    let kept: usize = changes.iter().filter(|w| w.op == "equal").map(|w| w.text.split_whitespace().count()).sum();
    if kept * 5 < b.split_whitespace().count() * 2 {
        return view! {
            <p class="word-diff"><span class="muted small">"Yours: "</span><del>{a}</del></p>
            <p class="word-diff"><span class="muted small">"Proposed: "</span><ins>{b}</ins></p>
        }
        .into_any();
    }
    view! {
        <p class="word-diff">{changes.into_iter().map(|w| match w.op.as_str() {
            "insert" => view! { <ins>{w.text}</ins> }.into_any(),
            "delete" => view! { <del>{w.text}</del> }.into_any(),
            _ => view! { <span>{w.text}</span> }.into_any(),
        }).collect_view()}</p>
    }
    .into_any()
}
