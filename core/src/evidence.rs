//! Evidence scores (seed 000 `evidenceScores`): how strongly a bullet *proves* something —
//! an action, on a named tool or domain, with a measured outcome or a stated scope — and
//! short coaching a user can act on.
//!
//! The tiers follow common résumé-review practice: **strong** = action + concrete object +
//! quantified outcome or clear scope; **medium** = a concrete action on a specific object
//! with a named tool/method/domain but no outcome or scope; **weak** = vague wording
//! ("responsible for", "helped with"), bare duties without an object, or trait claims.

use std::sync::OnceLock;

use crate::hash;
use crate::import::Bullet;
use crate::lexicon;
use crate::matching::{self, Boundary};
use crate::model::{EvidenceBreakdown, EvidenceScore, EvidenceTier};
use crate::text::{self, Token};

pub const RULES_VERSION: &str = "fitted-evidence-5";

/// Openers that describe a position instead of an accomplishment.
const WEAK_OPENERS: &[&str] = &[
    "responsible for", "worked on", "working on", "helped", "helping", "assisted", "assisting", "participated",
    "involved in", "was involved", "duties included", "tasked with", "in charge of", "handled various",
    "contributed to various", "exposure to", "learned", "learning about", "familiar with", "supported various",
    "was part of", "part of the team", "tried to",
];

/// Plain content words that make a bullet's object concrete without a named tool.
const CONCRETE_PLAIN_WORDS: usize = 6;

/// Self-descriptions that claim a trait rather than show work.
const TRAIT_CLAIMS: &[&str] = &[
    "team player", "detail-oriented", "detail oriented", "hard-working", "hardworking", "hard worker",
    "passionate", "self-starter", "self starter", "go-getter", "results-driven", "results driven",
    "excellent communication", "strong communication", "great communicator", "strong work ethic", "motivated",
    "fast learner", "quick learner", "people person", "think outside the box", "dynamic", "proactive",
    "dedicated professional", "works well", "collaborates well", "team-oriented", "enthusiastic", "reliable",
    "thrive", "thrives", "love ", "loves ", "enjoy ", "enjoys ", "personable", "adaptable", "organized individual",
    "compassionate", "empathetic", "caring", "excellent", "exceptional", "outstanding", "positive attitude",
];

/// Vague quantity words that stand in for a number.
const VAGUE: &[&str] = &[
    "various", "several", "many", "numerous", "multiple", "etc", "and more", "a lot of", "lots of", "some ",
    "different", "miscellaneous", "general ", "assorted", "tasks", "duties", "stuff", "things",
];

/// Outcome language: a change that happened because of the work.
const OUTCOME_WORDS: &[&str] = &[
    "reduc", "increas", "improv", "cut ", "cutting", "sav", "grew", "grow", "rais", "lower", "eliminat", "achiev",
    "result", "leading to", "so that", "doubl", "halv", "tripl", "boost", "accelerat", "shorten", "decreas",
    "fell", "dropped", "rose", "won", "passed", "zero", "prevent", "avoid", "enabl", "unblock", "recover",
    "generat", "deliver", "launch", "ship", "adopted", "adoption", "promoted", "from ", "faster", "fewer",
];

/// Stems and phrases that start at a word boundary (outcome stems, scale phrases).
fn contains_any(hay: &str, needles: &[&str]) -> bool {
    matching::any(hay, needles, Boundary::Prefix)
}

/// Whole words and phrases (trait claims, vague words).
fn contains_word(hay: &str, needle: &str) -> bool {
    matching::occurs(hay, needle, Boundary::Word)
}

/// Rules hash: changes whenever the rules (version and word lists) change, so cached scores
/// from older rules are recomputed.
pub fn rules_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| {
        hash::hash_json(&(RULES_VERSION, WEAK_OPENERS, TRAIT_CLAIMS, VAGUE, OUTCOME_WORDS, text::ACTION_VERBS, lexicon::VERBS))
    })
}

/// Numbers that measure something: percentages, money, multipliers, durations, rates,
/// and "from X to Y". Years ("2019") and ordinals ("7th") are not metrics.
fn metrics(text: &str, toks: &[Token]) -> (f64, f64) {
    let mut metric: f64 = 0.0;
    let mut scope: f64 = 0.0;
    let lower = text.to_lowercase();
    for (k, t) in toks.iter().enumerate() {
        if !t.text.chars().next().is_some_and(|c| c.is_ascii_digit()) && !t.text.starts_with('$') {
            continue;
        }
        let digits: String = t.text.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
        let value: f64 = digits.replace(',', "").parse().unwrap_or(0.0);
        let is_year = digits.len() == 4 && (1950.0..=2100.0).contains(&value) && !t.text.contains(['%', 'k', 'K', 'x']);
        let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| t.lower.ends_with(s)) && t.lower.len() <= 4;
        // "21 CFR 803", "ISO 14971", "MEDDEV 2.7": a number right after a name is part of
        // the name.
        let after_name = k > 0 && {
            let p = &toks[k - 1];
            (p.is_acronym() || (k > 1 && p.is_capitalized())) && !p.has_digit() && text[p.end..t.start].trim().is_empty()
        };
        let before_name = toks.get(k + 1).is_some_and(|n| n.is_acronym() && text[t.end..n.start].trim().is_empty())
            && toks.get(k + 2).is_some_and(|n| n.is_number());
        if is_year || ordinal || after_name || before_name {
            continue;
        }
        let before = &text[..t.start];
        let after = text[t.end..].trim_start();
        let pct = after.starts_with('%') || after.to_lowercase().starts_with("percent") || t.text.ends_with('%');
        let money = before.ends_with('$') || before.ends_with('€') || before.ends_with('£') || t.text.starts_with('$');
        let mult = t.lower.ends_with('x') && t.lower.len() > 1;
        let unit = toks.get(k + 1).map(|n| n.lower.clone()).unwrap_or_default();
        let time_or_rate = [
            "ms", "s", "sec", "seconds", "minutes", "min", "hours", "hrs", "h", "days", "weeks", "months", "k", "m", "b",
            "tb", "gb", "pb", "mb", "rps", "qps", "requests/sec", "req/s", "per",
        ]
        .contains(&unit.as_str())
            || after.starts_with('/')
            || t.lower.ends_with('k')
            || t.lower.ends_with('m')
            || t.lower.ends_with("ms");
        if pct || money || mult || time_or_rate {
            metric = 1.0;
        } else if value > 0.0 {
            // "4 engineers", "27 microservices", "300 retailers": a count of something.
            scope = 1.0;
            metric = metric.max(0.5);
        }
    }
    if lower.contains(" from ") && lower.contains(" to ") && metric > 0.0 {
        metric = 1.0;
    }
    // Words that state scale without digits.
    if contains_any(&lower, &["company-wide", "organization-wide", "nationwide", "global", "enterprise-wide", "across the company", "all teams"]) {
        scope = scope.max(0.6);
    }
    (metric, scope)
}

/// Tool, method or product names: acronyms, inner capitals, technical tokens, and
/// capitalised words after the first word.
fn tools(toks: &[Token]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.is_number() || t.text.len() < 2 && !t.text.ends_with(['+', '#']) {
            continue;
        }
        let named = t.is_acronym()
            || t.has_inner_capital()
            || (t.is_technical() && t.text.chars().any(|c| c.is_alphabetic()) && !t.text.contains('/'))
            || (k > 0 && t.is_capitalized() && lexicon::zipf(&t.lower) < 4.6);
        if named && !out.iter().any(|o| o.eq_ignore_ascii_case(&t.text)) {
            out.push(t.text.clone());
        }
    }
    out
}

/// Score one bullet.
pub fn score_text(bullet_id: &str, text: &str) -> EvidenceScore {
    let lower = text.to_lowercase().replace('’', "'");
    let toks = text::tokenize(text);
    let words = toks.len();
    let first = toks.first().map(|t| t.lower.clone()).unwrap_or_default();
    let opened_weak = WEAK_OPENERS.iter().any(|w| lower.trim_start().starts_with(w));
    // "Participated in the ETA project by building the feature-serving API": the weak
    // opener is followed by the person's own concrete contribution, so the bullet is judged
    // on that contribution (the opener still costs a little and gets a hint).
    let own_contribution = opened_weak
        && toks.windows(2).any(|w| w[0].lower == "by" && w[1].lower.ends_with("ing") && text::action_verb_base(&w[1].lower).is_some());
    let weak_opener = opened_weak && !own_contribution;
    let trait_claim = TRAIT_CLAIMS.iter().any(|t| contains_word(&lower, t));
    let vague = VAGUE.iter().filter(|v| contains_word(&lower, v)).count();

    let mut matched_verbs: Vec<String> = Vec::new();
    for t in toks.iter().take(12) {
        if let Some(v) = text::action_verb_base(&t.lower) {
            if !matched_verbs.iter().any(|m| m == v) {
                matched_verbs.push(v.to_string());
            }
        }
    }
    // An opener outside the list counts when it is mostly a verb in English ("Read
    // blueprints…", "Poured footings…") — but not a participle describing the person
    // ("Experienced in…", "Versed in…").
    let describes_person = toks.get(1).is_some_and(|t| matches!(t.lower.as_str(), "in" | "with" | "at" | "on"))
        && (first.ends_with("ed") || first.ends_with('d'));
    // A past tense opens with a verb whatever else the word can be ("Loaded trailers…",
    // "Walked residents…": WordNet uses "load" and "walk" mostly as nouns): an -ed form of
    // a known English word.
    let past_tense = first.len() > 4
        && first.ends_with("ed")
        && [&first[..first.len() - 2], &first[..first.len() - 1]].iter().any(|b| b.len() >= 3 && lexicon::is_known(b));
    let starts_with_verb =
        text::action_verb_base(&first).is_some() || ((lexicon::verb_base(&first).is_some() || past_tense) && !describes_person);
    let action = if weak_opener {
        0.2
    } else if own_contribution {
        0.5
    } else if starts_with_verb {
        1.0
    } else if !matched_verbs.is_empty() {
        0.5
    } else {
        0.0
    };
    let matched_tools = tools(&toks);
    // Specific nouns count as a concrete object too (a domain, not only a product name).
    let specific_words = toks.iter().filter(|t| !text::is_stopword(&t.lower) && lexicon::specificity(&t.lower) >= 0.55).count();
    let tools_score = ((matched_tools.len() as f64) / 2.0 + (specific_words as f64) / 6.0).min(1.0);
    let (metric, scope) = metrics(text, &toks);
    let outcome_word = contains_any(&lower, OUTCOME_WORDS);
    let outcome = if outcome_word && metric >= 1.0 {
        1.0
    } else if outcome_word {
        0.5
    } else {
        0.0
    };
    let mut fluff = 0.0;
    if weak_opener {
        fluff += 0.3;
    } else if own_contribution {
        fluff += 0.1;
    }
    if trait_claim {
        fluff += 0.4;
    }
    fluff += 0.1 * vague.min(3) as f64;
    if words < 5 {
        fluff += 0.15;
    }
    let fluff_penalty = fluff.min(0.8);

    let raw = 0.22 * action + 0.18 * tools_score + 0.2 * outcome + 0.25 * metric + 0.15 * scope - 0.5 * fluff_penalty;
    let score = (raw / 0.9).clamp(0.0, 1.0);

    // Concrete: a named tool or a specific word, or an object told in enough plain words
    // ("the store as key holder, including register counts and the night deposit"): trades
    // and care work name their objects in everyday words.
    let plain_content = toks
        .iter()
        .filter(|t| t.text.chars().all(char::is_alphabetic) && !text::is_stopword(&t.lower) && !text::is_filler(&t.lower))
        .filter(|t| !VAGUE.iter().any(|v| v.trim() == t.lower))
        .count();
    let concrete = (matched_tools.len() + specific_words >= 1 || plain_content >= CONCRETE_PLAIN_WORDS) && words >= 6;
    let tier = if trait_claim || weak_opener || (words < 6 && metric == 0.0) {
        EvidenceTier::Weak
    } else if (metric >= 1.0 || scope >= 1.0 || (metric > 0.0 && outcome > 0.0)) && concrete {
        EvidenceTier::Strong
    } else if (action > 0.0 && concrete && vague == 0) || (concrete && (metric > 0.0 || scope > 0.0)) {
        EvidenceTier::Medium
    } else {
        EvidenceTier::Weak
    };

    let mut hints = Vec::new();
    if opened_weak {
        let opener = WEAK_OPENERS.iter().find(|w| lower.trim_start().starts_with(*w)).copied().unwrap_or("");
        let shown: String = text.trim_start().chars().take(opener.trim_end().chars().count()).collect();
        hints.push(format!("Starts with “{shown}”: lead with what you did (an action verb) and its result."));
    }
    if trait_claim {
        hints.push("Claims a trait: show it with an example of something you did instead.".into());
    }
    if metric == 0.0 && !trait_claim {
        hints.push("No measurable outcome: add a number (%, time, money, volume, users).".into());
    } else if outcome == 0.0 && metric > 0.0 && scope >= 1.0 && !trait_claim {
        hints.push("States scale but not the result: say what changed because of your work.".into());
    }
    if !opened_weak && !trait_claim && !starts_with_verb && words > 0 {
        hints.push("Start with a strong action verb (Led, Built, Reduced…).".into());
    }
    if matched_tools.is_empty() && specific_words == 0 && !trait_claim {
        hints.push("Name the tools, methods or domain you worked with.".into());
    }
    if vague > 0 {
        hints.push("Vague words (“various”, “several”, “tasks”): replace them with specifics.".into());
    }
    if words > 45 {
        hints.push(format!("Long ({words} words): aim for one or two lines, under about 35 words."));
    }

    EvidenceScore {
        bullet_id: bullet_id.to_string(),
        score: (score * 1000.0).round() / 1000.0,
        tier,
        breakdown: EvidenceBreakdown { action, tools: tools_score, outcome, metric, scope },
        fluff_penalty,
        matched_tools,
        matched_verbs,
        hints,
    }
}

/// Score every bullet.
pub fn score_bullets(bullets: &[Bullet]) -> Vec<EvidenceScore> {
    bullets.iter().map(|b| score_text(&b.bullet_id, &b.text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_the_rules() {
        let strong = score_text("a", "Reduced AWS spend by $310K/year by right-sizing EKS node pools and adding autoscaling.");
        assert_eq!(strong.tier, EvidenceTier::Strong);
        assert!(strong.matched_tools.iter().any(|t| t == "AWS"));
        assert!(strong.matched_verbs.iter().any(|v| v == "reduce"));
        let mentored = score_text("b", "Mentored 4 junior engineers through weekly design reviews and pairing.");
        assert_eq!(mentored.tier, EvidenceTier::Strong);
        let medium = score_text("c", "Designed screens in Figma for new onboarding features.");
        assert_eq!(medium.tier, EvidenceTier::Medium);
        let weak = score_text("d", "Responsible for various backend services and on-call duties.");
        assert_eq!(weak.tier, EvidenceTier::Weak);
        assert!(weak.hints.iter().any(|h| h.contains("Responsible for")));
        let trait_claim = score_text("e", "Team player who collaborates well with others.");
        assert_eq!(trait_claim.tier, EvidenceTier::Weak);
        let bare = score_text("f", "Wrote SQL queries.");
        assert_eq!(bare.tier, EvidenceTier::Weak);
        assert!(strong.score > medium.score && medium.score > weak.score);
    }

    #[test]
    fn a_duty_opened_by_any_english_verb_is_an_action() {
        // Openers outside the office-work list: a trade's and a care worker's duties.
        for text in [
            "Read blueprints, one-line diagrams and submittals to lay out device locations ahead of the drywall crew.",
            "Poured and finished concrete footings and slabs for residential additions.",
            "Bathed, dressed and fed residents on a dementia care unit following their care plans.",
        ] {
            assert_eq!(score_text("v", text).tier, EvidenceTier::Medium, "{text}");
        }
        // A participle describing the person is not an action.
        assert_eq!(score_text("x", "Experienced in Epic and Cerner nursing documentation workflows.").tier, EvidenceTier::Weak);
    }

    #[test]
    fn a_past_tense_opener_is_an_action_whatever_else_the_word_can_be() {
        // WordNet uses "load" and "walk" mostly as nouns; "did" is a plain verb, not a vague one.
        for text in [
            "Loaded and unloaded trailers with a sit-down forklift and electric pallet jack.",
            "Walked residents between therapy sessions with a gait belt and walker.",
            "Did daily pre-trip inspections and kept a paper logbook to DOT rules.",
        ] {
            assert_eq!(score_text("v", text).tier, EvidenceTier::Medium, "{text}");
        }
        // Still not an action: a participle describing the person.
        assert_eq!(score_text("x", "Skilled in forklift and pallet jack operation for dry goods.").tier, EvidenceTier::Weak);
    }

    #[test]
    fn an_object_told_in_plain_words_is_concrete() {
        // Retail and care work name their objects in everyday words, no product or jargon.
        let s = score_text("k", "Opened and closed the store as key holder, including register counts and the night deposit.");
        assert_eq!(s.tier, EvidenceTier::Medium);
        // Few plain words stay weak: a bare duty.
        assert_eq!(score_text("b", "Checked on the store and the staff each day.").tier, EvidenceTier::Weak);
    }

    #[test]
    fn a_weak_opener_followed_by_own_work_is_judged_on_that_work() {
        let s = score_text("p", "Participated in the pricing project by building the Java service that fed prices to stores.");
        assert_eq!(s.tier, EvidenceTier::Medium);
        assert!(s.hints.iter().any(|h| h.contains("Participated")), "the opener still gets a hint: {:?}", s.hints);
        let plain = score_text("q", "Participated in the pricing project with the data team.");
        assert_eq!(plain.tier, EvidenceTier::Weak);
    }

    #[test]
    fn word_lists_match_whole_words_not_parts_of_names() {
        // "etc" inside "Sketch" is not a vague word; "reduc" still matches "reduced".
        let s = score_text("w", "Created wireframes, prototypes and high-fidelity mockups in Sketch and later Figma.");
        assert!(!s.hints.iter().any(|h| h.contains("Vague")), "{:?}", s.hints);
        assert_eq!(s.tier, EvidenceTier::Medium);
        assert!(matching::occurs("reduced latency", "reduc", Boundary::Prefix));
        assert!(!matching::occurs("thermodynamics models", "dynamic", Boundary::Word));
        assert!(matching::occurs("handled various tasks", "various", Boundary::Word));
        // Whole words only, so self-descriptions need their own entries.
        let t = score_text("t", "Excellent bedside manner and compassionate patient advocate.");
        assert_eq!(t.tier, EvidenceTier::Weak);
    }

    #[test]
    fn years_and_ordinals_are_not_metrics() {
        let s = score_text("x", "Taught science to 7th graders in 2019.");
        assert_eq!(s.breakdown.metric, 0.0);
    }

    #[test]
    fn rules_hash_is_stable() {
        assert_eq!(rules_hash(), rules_hash());
        assert_eq!(rules_hash().len(), 64);
    }
}
