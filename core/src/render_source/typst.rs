//! The Typst emitter: template code followed by the résumé as a Typst *value*.
//!
//! User text never becomes markup. Each string is written as a Typst string literal (only
//! `\\`, `\"` and `\u{…}` escapes), and the templates insert those values into the document
//! as text, which Typst shows character for character. So `#import "x"`, `$x^2$`, `*bold*`,
//! `<label>` or a lone `]` in a bullet are just characters on the page, and no input can
//! end the literal early or change the template.

use std::fmt::Write;

use super::layout::ResolvedLayout;
use super::text::{is_invisible, is_stripped};
use super::view::{ContactItem, Entry, ResumeView, Row, Section, SectionBody};
use super::Template;

/// Helpers every template uses (text with break opportunities, links, fallback fonts).
const COMMON: &str = include_str!("../../templates/common.typ");

/// The complete, standalone Typst source.
pub(crate) fn emit(view: &ResumeView, template: &Template, layout: &ResolvedLayout) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "// {title}\n\
         // Typeset by Fitted with the \"{label}\" template. Compile with Typst 0.15:\n\
         //   typst compile --font-path <folder with the fonts below> resume.typ\n\
         // Fonts: {fonts}.\n\
         // The résumé itself is the `resume-data` value at the end: plain strings, shown\n\
         // exactly as written. Edit them there; the code above only lays them out.\n\n",
        title = line_comment(&view.title),
        label = template.label,
        fonts = template.fonts,
    );
    out.push_str(COMMON);
    out.push('\n');
    out.push_str(template.typst);
    out.push('\n');
    out.push_str("#let resume-data = ");
    data(&mut out, view);
    out.push_str("\n\n#let resume-layout = ");
    layout_value(&mut out, layout);
    out.push_str("\n\n#resume(resume-data, resume-layout)\n");
    out
}

/// Helpers and the letter layout.
const LETTER: &str = include_str!("../../templates/letter.typ");

/// The complete, standalone Typst source of a cover letter.
pub(crate) fn emit_letter(view: &ResumeView, letter: &crate::tailor::letter::Letter, font: &str, paper: super::Paper, date: &str) -> String {
    let mut out = String::with_capacity(8 * 1024);
    let name = view.name.as_deref().unwrap_or_default();
    let _ = write!(
        out,
        "// {title}\n\
         // Typeset by Fitted. Compile with Typst 0.15:\n\
         //   typst compile --font-path <folder with the fonts below> letter.typ\n\
         // Fonts: {font}, with Noto fallbacks for other scripts.\n\
         // The letter itself is the `letter-data` value at the end: plain strings.\n\n",
        title = line_comment(&format!("{name} — Cover letter")),
    );
    out.push_str(COMMON);
    out.push('\n');
    out.push_str(LETTER);
    out.push_str("\n#let letter-data = (\n  title: ");
    out.push_str(&string_literal(&if name.is_empty() { "Cover letter".to_string() } else { format!("{name} — Cover letter") }));
    out.push_str(",\n  author: ");
    out.push_str(&string_literal(&view.author));
    out.push_str(",\n  lang: \"en\",\n  font: ");
    out.push_str(&string_literal(font));
    out.push_str(",\n  name: ");
    opt(&mut out, view.name.as_deref());
    out.push_str(",\n  contact: ");
    contact(&mut out, &view.contact);
    out.push_str(",\n  date: ");
    out.push_str(&string_literal(&super::clean_line(date)));
    out.push_str(",\n  greeting: ");
    out.push_str(&string_literal(&super::clean_line(&letter.greeting)));
    out.push_str(",\n  paragraphs: ");
    let paragraphs: Vec<String> = letter.paragraphs.iter().map(|p| super::clean_line(p)).filter(|p| !p.is_empty()).collect();
    strings(&mut out, &paragraphs, 1);
    out.push_str(",\n  closing: ");
    out.push_str(&string_literal(&super::clean_line(&letter.closing)));
    let _ = write!(out, ",\n)\n\n#letter(letter-data, (paper: \"{}\"))\n", paper.typst_name());
    out
}

/// A comment line cannot contain a newline; the view's strings never do, but be certain.
fn line_comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A Typst string literal that evaluates to exactly `s`.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Line separators would end the literal in Typst's lexer; invisible and stripped
            // characters are escaped so the source shows them.
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}')
                || is_invisible(c)
                || is_stripped(c) =>
            {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn opt(out: &mut String, value: Option<&str>) {
    match value {
        Some(v) => out.push_str(&string_literal(v)),
        None => out.push_str("none"),
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A Typst array of strings; a trailing comma keeps one-element arrays arrays.
fn strings(out: &mut String, values: &[String], depth: usize) {
    if values.is_empty() {
        out.push_str("()");
        return;
    }
    out.push_str("(\n");
    for v in values {
        indent(out, depth + 1);
        out.push_str(&string_literal(v));
        out.push_str(",\n");
    }
    indent(out, depth);
    out.push(')');
}

fn data(out: &mut String, view: &ResumeView) {
    out.push_str("(\n  title: ");
    out.push_str(&string_literal(&view.title));
    out.push_str(",\n  author: ");
    out.push_str(&string_literal(&view.author));
    out.push_str(",\n  lang: \"en\",\n  name: ");
    opt(out, view.name.as_deref());
    out.push_str(",\n  label: ");
    opt(out, view.label.as_deref());
    out.push_str(",\n  contact: ");
    contact(out, &view.contact);
    out.push_str(",\n  sections: ");
    if view.sections.is_empty() {
        out.push_str("()");
    } else {
        out.push_str("(\n");
        for s in &view.sections {
            section(out, s);
        }
        out.push_str("  )");
    }
    out.push_str(",\n)");
}

fn contact(out: &mut String, items: &[ContactItem]) {
    if items.is_empty() {
        out.push_str("()");
        return;
    }
    out.push_str("(\n");
    for item in items {
        let _ = write!(out, "    (kind: \"{}\", text: ", item.kind.as_str());
        out.push_str(&string_literal(&item.text));
        out.push_str(", href: ");
        opt(out, item.href.as_deref());
        out.push_str("),\n");
    }
    out.push_str("  )");
}

fn section(out: &mut String, s: &Section) {
    let kind = match s.body {
        SectionBody::Paragraphs(_) => "paragraphs",
        SectionBody::Entries(_) => "entries",
        SectionBody::Rows(_) => "rows",
        SectionBody::Inline(_) => "inline",
    };
    let _ = write!(
        out,
        "    (\n      id: \"{}\",\n      kind: \"{kind}\",\n      title: ",
        s.id
    );
    out.push_str(&string_literal(s.title));
    out.push_str(",\n      ");
    match &s.body {
        SectionBody::Paragraphs(p) => {
            out.push_str("paragraphs: ");
            strings(out, p, 3);
        }
        SectionBody::Inline(items) => {
            out.push_str("items: ");
            strings(out, items, 3);
        }
        SectionBody::Rows(rows_) => {
            out.push_str("rows: ");
            rows(out, rows_, 3);
        }
        SectionBody::Entries(entries) => {
            out.push_str("entries: (\n");
            for e in entries {
                entry(out, e);
            }
            out.push_str("      )");
        }
    }
    out.push_str(",\n    ),\n");
}

fn rows(out: &mut String, rows: &[Row], depth: usize) {
    if rows.is_empty() {
        out.push_str("()");
        return;
    }
    out.push_str("(\n");
    for r in rows {
        indent(out, depth + 1);
        out.push_str("(label: ");
        opt(out, r.label.as_deref());
        out.push_str(", text: ");
        opt(out, r.text.as_deref());
        out.push_str("),\n");
    }
    indent(out, depth);
    out.push(')');
}

fn entry(out: &mut String, e: &Entry) {
    let field = |out: &mut String, name: &str, value: Option<&str>| {
        let _ = write!(out, "          {name}: ");
        opt(out, value);
        out.push_str(",\n");
    };
    out.push_str("        (\n");
    field(out, "title", e.title.as_deref());
    field(out, "org", e.org.as_deref());
    field(out, "location", e.location.as_deref());
    field(out, "dates", e.dates.as_deref());
    field(out, "href", e.href.as_deref());
    out.push_str("          summary: ");
    strings(out, &e.summary, 5);
    out.push_str(",\n          bullets: ");
    strings(out, &e.bullets, 5);
    out.push_str(",\n          details: ");
    rows(out, &e.details, 5);
    out.push_str(",\n        ),\n");
}

/// Lengths are written with two decimals: enough precision, stable text for equal inputs.
fn layout_value(out: &mut String, l: &ResolvedLayout) {
    let _ = write!(
        out,
        "(\n  paper: \"{}\",\n  step: {},\n  body-size: {:.2}pt,\n  spacing: {:.2},\n  \
         margin-x: {:.2}in,\n  margin-y: {:.2}in,\n)",
        l.paper.typst_name(),
        l.step,
        l.body_pt,
        l.spacing,
        l.margin_x_in,
        l.margin_y_in,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_only_what_typst_needs() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(
            string_literal("#import \"x\" $x^2$ [ ] { } <a> @b"),
            "\"#import \\\"x\\\" $x^2$ [ ] { } <a> @b\""
        );
        assert_eq!(
            string_literal("a\u{200D}b\nc\u{2028}"),
            "\"a\\u{200d}b\\nc\\u{2028}\""
        );
        assert_eq!(string_literal("Zoë 李雷 🚀"), "\"Zoë 李雷 🚀\"");
    }
}
