//! The LaTeX emitter (in progress).
use super::layout::ResolvedLayout;
use super::view::ResumeView;
use super::Template;
pub(crate) fn emit(_view: &ResumeView, _template: &Template, _layout: &ResolvedLayout) -> String {
    String::new()
}
