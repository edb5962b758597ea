//! Rubric extraction never panics, whatever is pasted, and its evidence is always quoted
//! verbatim from the input.

use fitted_core::rubric::extract_rubric;
use proptest::prelude::*;

#[path = "support/prop_gate.rs"]
mod prop_gate;

fn posting_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Requirements:\n".to_string()),
        Just("Nice to have\n".to_string()),
        Just("• ".to_string()),
        Just("- 5+ years of Go\n".to_string()),
        Just("<li>SQL &amp; Python</li>".to_string()),
        Just("&#x1F600;&nbsp;&bogus;&#99999999;".to_string()),
        Just("Required: RN license; Epic.\n".to_string()),
        Just("$120,000–$150,000 per year ".to_string()),
        Just("e.g. ".to_string()),
        // Multi-byte letters doubled before an inflection ending once panicked the verb test.
        Just("- z𞄄ed and ééing 𞄄𞄄s\n".to_string()),
        "[a-zA-Z ,.;:()/&<>#'’\\-\n\t0-9]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

#[test]
fn doubled_multibyte_letters_before_an_ending_do_not_panic() {
    // The case the property test found in CI: a random posting whose word ended in a
    // four-byte character followed by "ed"/"ing".
    let r = extract_rubric("Requirements:\n- z𞄄ed pipelines\n- z𞄄ing reports\n");
    assert!(r.requirements.len() <= 2);
}

proptest! {
    #![proptest_config(prop_gate::config(300))]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let r = extract_rubric(&s);
        prop_assert!(r.requirements.len() <= s.len());
    }

    #[test]
    fn posting_like_text_never_panics_and_quotes_verbatim(s in posting_like()) {
        let r = extract_rubric(&s);
        for q in &r.requirements {
            prop_assert!((1..=5).contains(&q.weight));
            for e in &q.jd_evidence {
                prop_assert!(s.contains(e.as_str()), "evidence {e:?} not in input");
            }
        }
        for k in &r.keywords {
            prop_assert!((1..=5).contains(&k.importance));
        }
    }
}
