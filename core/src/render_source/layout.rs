//! Page size and the bounded "tightening" ladder used to fit a résumé on one page.
//!
//! A template is designed at step 0. Each further step trades white space first (section and
//! entry gaps, then margins) and type size last, in small increments, so the result still
//! looks designed rather than squeezed. The ladder stops at a legible floor: body text is
//! never smaller than [`MIN_BODY_PT`] and no text on the page is smaller than the body text;
//! margins never go below [`MIN_MARGIN_IN`].

use serde::{Deserialize, Serialize};

/// Smallest body text size any step produces, in points.
pub const MIN_BODY_PT: f64 = 9.0;
/// Smallest page margin any step produces, in inches.
pub const MIN_MARGIN_IN: f64 = 0.5;
/// The last (tightest) step.
pub const MAX_STEP: u8 = (LADDER.len() - 1) as u8;

/// Paper size. US Letter is the default because most applicant tracking systems and
/// recruiters print on it; A4 for everywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Paper {
    #[default]
    UsLetter,
    A4,
}

impl Paper {
    /// Typst's name for the paper.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::UsLetter => "us-letter",
            Paper::A4 => "a4",
        }
    }

    /// LaTeX's `geometry` option for the paper.
    pub fn latex_name(self) -> &'static str {
        match self {
            Paper::UsLetter => "letterpaper",
            Paper::A4 => "a4paper",
        }
    }
}

/// How a résumé is laid out: paper and how far down the tightening ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutOptions {
    #[serde(default)]
    pub paper: Paper,
    /// 0 (as designed) to [`MAX_STEP`] (tightest); larger values are treated as `MAX_STEP`.
    #[serde(default)]
    pub step: u8,
}

impl LayoutOptions {
    /// The next tighter layout, or `None` at the last step.
    pub fn tighter(self) -> Option<LayoutOptions> {
        (self.step < MAX_STEP).then_some(LayoutOptions {
            step: self.step + 1,
            ..self
        })
    }
}

/// One rung of the ladder: multipliers for white space and margins, and how much smaller the
/// body text gets.
struct Step {
    spacing: f64,
    margin: f64,
    size_delta_pt: f64,
}

const LADDER: [Step; 7] = [
    Step {
        spacing: 1.00,
        margin: 1.00,
        size_delta_pt: 0.0,
    },
    Step {
        spacing: 0.85,
        margin: 1.00,
        size_delta_pt: 0.0,
    },
    Step {
        spacing: 0.72,
        margin: 0.90,
        size_delta_pt: -0.25,
    },
    Step {
        spacing: 0.62,
        margin: 0.85,
        size_delta_pt: -0.5,
    },
    Step {
        spacing: 0.52,
        margin: 0.80,
        size_delta_pt: -0.75,
    },
    Step {
        spacing: 0.45,
        margin: 0.75,
        size_delta_pt: -1.0,
    },
    Step {
        spacing: 0.40,
        margin: 0.70,
        size_delta_pt: -1.5,
    },
];

/// Concrete numbers a template receives.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedLayout {
    pub paper: Paper,
    pub step: u8,
    /// Body text size in points (≥ [`MIN_BODY_PT`]).
    pub body_pt: f64,
    /// Multiplier for vertical gaps (1 = as designed).
    pub spacing: f64,
    /// Horizontal and vertical page margins in inches (≥ [`MIN_MARGIN_IN`]).
    pub margin_x_in: f64,
    pub margin_y_in: f64,
}

/// Applies a step to a template's design sizes.
pub(crate) fn resolve(
    options: LayoutOptions,
    base_body_pt: f64,
    base_margin_x_in: f64,
    base_margin_y_in: f64,
) -> ResolvedLayout {
    let step = options.step.min(MAX_STEP);
    let rung = &LADDER[usize::from(step)];
    let round = |v: f64| (v * 100.0).round() / 100.0;
    ResolvedLayout {
        paper: options.paper,
        step,
        body_pt: round((base_body_pt + rung.size_delta_pt).max(MIN_BODY_PT)),
        spacing: rung.spacing,
        margin_x_in: round((base_margin_x_in * rung.margin).max(MIN_MARGIN_IN)),
        margin_y_in: round((base_margin_y_in * rung.margin).max(MIN_MARGIN_IN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_is_monotone_and_bounded() {
        let mut previous: Option<ResolvedLayout> = None;
        let mut options = LayoutOptions::default();
        loop {
            let r = resolve(options, 10.5, 0.75, 0.7);
            assert!(r.body_pt >= MIN_BODY_PT);
            assert!(r.margin_x_in >= MIN_MARGIN_IN && r.margin_y_in >= MIN_MARGIN_IN);
            if let Some(p) = previous {
                assert!(r.body_pt <= p.body_pt && r.spacing < p.spacing);
                assert!(r.margin_x_in <= p.margin_x_in);
            }
            previous = Some(r);
            match options.tighter() {
                Some(next) => options = next,
                None => break,
            }
        }
        assert_eq!(options.step, MAX_STEP);
    }

    #[test]
    fn out_of_range_steps_clamp() {
        let r = resolve(
            LayoutOptions {
                step: 200,
                ..Default::default()
            },
            9.0,
            0.5,
            0.5,
        );
        assert_eq!(r.step, MAX_STEP);
        assert_eq!(r.body_pt, MIN_BODY_PT);
    }
}
