//! The LaTeX emitter: the same view as the Typst output, as a self-contained `.tex` file.
//!
//! One file compiles with both engines a user is likely to have:
//! - **LuaLaTeX** (recommended): full Unicode. It uses the template's fonts when they are
//!   installed or sit in a `fonts/` folder beside the file, Latin Modern otherwise, and falls
//!   back to the Noto fonts for Hebrew, Arabic, CJK and emoji when installed. Right-to-left
//!   runs are not reordered (that needs babel's bidi support, which most installs lack).
//! - **pdfLaTeX**: Latin text (Latin-1 and Latin Extended-A). Any other character is
//!   declared to print as a framed `U+XXXX` placeholder, so the file still compiles instead
//!   of stopping at the first name in Chinese.
//!
//! Every character TeX treats specially is escaped, TeX's input ligatures (`--`, `<<`, `,,`,
//! quotes) are broken, list items are protected from a leading `[`, so user text is literal,
//! as in the Typst output.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::layout::ResolvedLayout;
use super::text::is_invisible;
use super::view::{ContactItem, Entry, ResumeView, Row, SectionBody};
use super::Template;

/// Same limit as the Typst templates: longer words get a break opportunity this often.
const MAX_RUN: usize = 30;

/// How one template looks in LaTeX.
struct Style {
    /// Family name and files (in `fonts/`) for LuaLaTeX.
    family: &'static str,
    files: (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    sans: bool,
    accent: &'static str,
    centred_header: bool,
    heading: &'static str,
}

fn style(template: &Template) -> Style {
    match template.name {
        "modern" => Style {
            family: "Inter",
            files: ("Inter", ".otf", "-Regular", "-Italic", "-SemiBold"),
            sans: true,
            accent: "1F5C99",
            centred_header: false,
            heading: "\\MakeUppercase",
        },
        "compact" => Style {
            family: "Inter",
            files: ("Inter", ".otf", "-Regular", "-Italic", "-SemiBold"),
            sans: true,
            accent: "8A3B12",
            centred_header: false,
            heading: "",
        },
        _ => Style {
            family: "Libertinus Serif",
            files: (
                "LibertinusSerif",
                ".otf",
                "-Regular",
                "-Italic",
                "-Semibold",
            ),
            sans: false,
            accent: "1A1A1A",
            centred_header: true,
            heading: "\\scshape",
        },
    }
}

pub(crate) fn emit(view: &ResumeView, template: &Template, layout: &ResolvedLayout) -> String {
    let style = style(template);
    let mut body = String::with_capacity(16 * 1024);
    let mut unsupported = BTreeSet::new();
    let mut esc = |s: &str| escape(s, &mut unsupported);

    // Header.
    let align = if style.centred_header {
        "center"
    } else {
        "flushleft"
    };
    let _ = writeln!(body, "\\begin{{{align}}}");
    if let Some(name) = &view.name {
        let _ = writeln!(body, "{{\\fittedname {}}}\\par\\smallskip", esc(name));
    }
    if let Some(label) = &view.label {
        let _ = writeln!(body, "{{\\fittedlabel {}}}\\par\\smallskip", esc(label));
    }
    if !view.contact.is_empty() {
        let items: Vec<String> = view.contact.iter().map(|c| contact(c, &mut esc)).collect();
        let _ = writeln!(body, "{}\\par", items.join(" \\fittedsep{} "));
    }
    let _ = writeln!(body, "\\end{{{align}}}");

    for section in &view.sections {
        let _ = writeln!(body, "\n\\fittedsection{{{}}}", esc(section.title));
        match &section.body {
            SectionBody::Paragraphs(paragraphs) => {
                for p in paragraphs {
                    let _ = writeln!(body, "{}\\par", esc(p));
                }
            }
            SectionBody::Entries(entries) => {
                for e in entries {
                    entry(&mut body, e, &mut esc);
                }
            }
            SectionBody::Rows(rows) => {
                for r in rows {
                    let _ = writeln!(body, "{}\\par", row(r, &mut esc));
                }
            }
            SectionBody::Inline(items) => {
                let items: Vec<String> = items.iter().map(|i| esc(i)).collect();
                let _ = writeln!(body, "{}\\par", items.join(" \\fittedsep{} "));
            }
        }
    }

    let mut out = String::with_capacity(body.len() + 8 * 1024);
    preamble(&mut out, view, template, layout, &style, &unsupported);
    out.push_str("\\begin{document}\n");
    out.push_str(&body);
    out.push_str("\\end{document}\n");
    out
}

fn contact(item: &ContactItem, esc: &mut impl FnMut(&str) -> String) -> String {
    let text = esc(&item.text);
    match &item.href {
        Some(href) => format!("\\href{{{}}}{{{text}}}", url_escape(href)),
        None => text,
    }
}

fn row(r: &Row, esc: &mut impl FnMut(&str) -> String) -> String {
    match (&r.label, &r.text) {
        (Some(l), Some(t)) => format!("\\textbf{{{}:}} {}", esc(l), esc(t)),
        (Some(l), None) => format!("\\textbf{{{}}}", esc(l)),
        (None, Some(t)) => esc(t),
        (None, None) => String::new(),
    }
}

fn entry(body: &mut String, e: &Entry, esc: &mut impl FnMut(&str) -> String) {
    body.push_str("\\fittedentry\n");
    let mut head = Vec::new();
    if let Some(title) = &e.title {
        let title = esc(title);
        head.push(match &e.href {
            Some(href) => format!("\\textbf{{\\href{{{}}}{{{title}}}}}", url_escape(href)),
            None => format!("\\textbf{{{title}}}"),
        });
    }
    if let Some(org) = &e.org {
        head.push(esc(org));
    }
    if !head.is_empty() {
        let _ = writeln!(body, "{}\\par", head.join(", "));
    }
    let meta: Vec<String> = [&e.location, &e.dates]
        .into_iter()
        .flatten()
        .map(|s| esc(s))
        .collect();
    if !meta.is_empty() {
        let _ = writeln!(
            body,
            "{{\\fittedmeta {}}}\\par",
            meta.join(" \\fittedsep{} ")
        );
    }
    for p in &e.summary {
        let _ = writeln!(body, "{}\\par", esc(p));
    }
    if !e.bullets.is_empty() {
        body.push_str("\\begin{fittedlist}\n");
        for b in &e.bullets {
            // `{}` stops \item from reading a leading "[" as its optional label.
            let _ = writeln!(body, "  \\item{{}} {}", esc(b));
        }
        body.push_str("\\end{fittedlist}\n");
    }
    for d in &e.details {
        let _ = writeln!(body, "{}\\par", row(d, esc));
    }
}

/// Whether pdfLaTeX (utf8 input, T1 and TS1 encodings) can typeset `c` out of the box;
/// measured against TeX Live 2022.
fn pdflatex_supports(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x20..=0x7E)
        || (matches!(u, 0xA0..=0x17F)
            && !matches!(
                u,
                0x126 | 0x127 | 0x138 | 0x13F | 0x140 | 0x149 | 0x166 | 0x167 | 0x17F
            ))
        || matches!(
            u,
            0x192
                | 0x218..=0x21B
                | 0x2C6
                | 0x2C7
                | 0x2D8
                | 0x2D9
                | 0x2DB
                | 0x2DC
                | 0x2DD
                | 0x2010
                | 0x2011
                | 0x2013..=0x2016
                | 0x2018..=0x201E
                | 0x2020..=0x2022
                | 0x2026
                | 0x2030
                | 0x2039
                | 0x203A
                | 0x2044
                | 0x2052
                | 0x20A9
                | 0x20AC
                | 0x2103
                | 0x2116
                | 0x2122
                | 0x2126
                | 0x2127
                | 0x2190..=0x2193
                | 0x25E6
        )
}

/// LaTeX for one user string: specials escaped, ligatures broken, long words breakable.
fn escape(s: &str, unsupported: &mut BTreeSet<char>) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (wi, word) in s.split(' ').enumerate() {
        if wi > 0 {
            out.push(' ');
        }
        let chars: Vec<char> = word.chars().collect();
        let long = chars.len() > MAX_RUN;
        for (i, &c) in chars.iter().enumerate() {
            if long && i > 0 && i % MAX_RUN == 0 {
                out.push_str("\\allowbreak{}");
            }
            let next = chars.get(i + 1).copied();
            match c {
                '\\' => out.push_str("\\textbackslash{}"),
                '{' => out.push_str("\\{"),
                '}' => out.push_str("\\}"),
                '#' | '$' | '%' | '&' | '_' => {
                    out.push('\\');
                    out.push(c);
                }
                '~' => out.push_str("\\textasciitilde{}"),
                '^' => out.push_str("\\textasciicircum{}"),
                '<' => out.push_str("\\textless{}"),
                '>' => out.push_str("\\textgreater{}"),
                '|' => out.push_str("\\textbar{}"),
                '"' => out.push_str("\\textquotedbl{}"),
                '\'' => out.push_str("\\textquotesingle{}"),
                '`' => out.push_str("\\textasciigrave{}"),
                '\u{A0}' => out.push('~'),
                // TeX input ligatures: "--" is a dash, ",," a low quote (quotes and
                // backticks are escaped above, so "``", "''" and "!`" cannot form).
                '-' | ',' if next == Some(c) => {
                    out.push(c);
                    out.push_str("{}");
                }
                c => {
                    if !pdflatex_supports(c) {
                        unsupported.insert(c);
                    }
                    out.push(c);
                }
            }
        }
    }
    out
}

/// A URL inside `\href{…}`: hyperref reads it verbatim except for these.
fn url_escape(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '#' | '%' | '{' | '}' | '~' | '^' | '&' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn preamble(
    out: &mut String,
    view: &ResumeView,
    template: &Template,
    layout: &ResolvedLayout,
    style: &Style,
    unsupported: &BTreeSet<char>,
) {
    let mut meta_unsupported = BTreeSet::new();
    let title = escape(&view.title, &mut meta_unsupported);
    let author = escape(&view.author, &mut meta_unsupported);
    let (stem, ext, regular, italic, bold) = style.files;
    let size = layout.body_pt;
    let leading = (size * 1.25 * 10.0).round() / 10.0;
    let s = layout.spacing;
    let _ = write!(
        out,
        r#"% {comment}
% Exported by Fitted with the "{label}" template.
% Compile with LuaLaTeX (recommended: full Unicode; uses {family} when installed or in a
% fonts/ folder beside this file) or pdfLaTeX (Latin text only: other characters print as
% U+XXXX placeholders). The text below is exactly your résumé, escaped for LaTeX.
\documentclass[11pt]{{article}}
\usepackage{{iftex}}
\usepackage[{paper}, hmargin={mx:.2}in, vmargin={my:.2}in]{{geometry}}
\usepackage{{xcolor}}
\ifPDFTeX
  \usepackage[utf8]{{inputenc}}
  \usepackage[T1]{{fontenc}}
  \usepackage{{textcomp}}
  \usepackage{{lmodern}}
  \newcommand{{\fittedmissing}}[1]{{\fbox{{\scriptsize U+#1}}}}
"#,
        comment = view.title.replace(['\n', '\r'], " "),
        label = template.label,
        family = style.family,
        paper = layout.paper.latex_name(),
        mx = layout.margin_x_in,
        my = layout.margin_y_in,
    );
    let mut all_unsupported: BTreeSet<char> = unsupported.clone();
    all_unsupported.extend(meta_unsupported);
    for c in &all_unsupported {
        let code = format!("{:04X}", *c as u32);
        if is_invisible(*c) {
            let _ = writeln!(out, "  \\DeclareUnicodeCharacter{{{code}}}{{}}");
        } else {
            let _ = writeln!(
                out,
                "  \\DeclareUnicodeCharacter{{{code}}}{{\\fittedmissing{{{code}}}}}"
            );
        }
    }
    let family_cmd = if style.sans {
        "\\setsansfont"
    } else {
        "\\setmainfont"
    };
    let _ = write!(
        out,
        r#"\else
  \usepackage{{fontspec}}
  \directlua{{luaotfload.add_fallback("fittedfallback", {{
    "Noto Sans Hebrew:mode=harf;", "Noto Sans Arabic:mode=harf;",
    "Noto Sans CJK SC:mode=harf;", "Noto Emoji:mode=harf;"}})}}
  % Ligatures=TeXOff: the text is already escaped, so "<<" and "--" must stay as typed.
  \IfFontExistsTF{{{family}}}{{%
    {family_cmd}{{{family}}}[Ligatures=TeXOff, RawFeature={{fallback=fittedfallback}}]}}{{%
    \IfFileExists{{fonts/{stem}{regular}{ext}}}{{%
      {family_cmd}{{{stem}}}[Path=fonts/, Extension={ext}, UprightFont=*{regular},
        ItalicFont=*{italic}, BoldFont=*{bold}, Ligatures=TeXOff,
        RawFeature={{fallback=fittedfallback}}]}}{{}}}}
\fi
\usepackage[hidelinks, pdftitle={{{title}}}, pdfauthor={{{author}}}]{{hyperref}}
\definecolor{{fittedaccent}}{{HTML}}{{{accent}}}
\definecolor{{fittedquiet}}{{HTML}}{{5B6168}}
{family_default}
\renewcommand{{\normalsize}}{{\fontsize{{{size:.2}}}{{{leading:.1}}}\selectfont}}
\normalsize
\pagestyle{{empty}}
\setlength{{\parindent}}{{0pt}}
\setlength{{\parskip}}{{{parskip:.2}em}}
% Ragged right (stretched spaces read as column gaps to text extractors), no hyphenation
% and no breaks after hard hyphens: extracted text keeps words whole and in order.
\raggedright
\hyphenpenalty=10000 \exhyphenpenalty=10000
\newcommand{{\fittedsep}}{{\textcolor{{fittedquiet}}{{\,\textperiodcentered\,}}}}
\newcommand{{\fittedname}}{{\fontsize{{{name_size:.1}}}{{{name_leading:.1}}}\selectfont\bfseries}}
\newcommand{{\fittedlabel}}{{{label_style}}}
\newcommand{{\fittedmeta}}{{\color{{fittedquiet}}{meta_style}}}
\newcommand{{\fittedsection}}[1]{{\par\vspace{{{sec_above:.2}em}}%
  {{\color{{fittedaccent}}\large\bfseries {heading_style}{{#1}}}}\par\nopagebreak
  \vspace{{0.15em}}{{\color{{fittedaccent}}\hrule height 0.5pt}}\par\nopagebreak\vspace{{{sec_below:.2}em}}}}
\newcommand{{\fittedentry}}{{\par\vspace{{{entry_above:.2}em}}}}
\newenvironment{{fittedlist}}{{\begin{{itemize}}\setlength{{\itemsep}}{{{item_sep:.2}em}}%
  \setlength{{\parsep}}{{0pt}}\setlength{{\topsep}}{{0.2em}}\setlength{{\leftmargin}}{{1.2em}}}}{{\end{{itemize}}}}
"#,
        family = style.family,
        accent = style.accent,
        family_default = if style.sans {
            "\\renewcommand{\\familydefault}{\\sfdefault}"
        } else {
            ""
        },
        name_size = size * 2.2,
        name_leading = size * 2.6,
        parskip = 0.3 * s,
        label_style = if style.sans {
            "\\color{fittedaccent}"
        } else {
            "\\itshape"
        },
        meta_style = if style.sans { "" } else { "\\itshape" },
        heading_style = style.heading,
        sec_above = 0.6 + 0.6 * s,
        sec_below = 0.2 + 0.2 * s,
        entry_above = 0.3 + 0.4 * s,
        item_sep = 0.1 * s,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        escape(s, &mut BTreeSet::new())
    }

    #[test]
    fn specials_are_escaped() {
        assert_eq!(
            esc(r"\ { } # $ % & _"),
            r"\textbackslash{} \{ \} \# \$ \% \& \_"
        );
        assert_eq!(
            esc("~^<>|\"'`"),
            r#"\textasciitilde{}\textasciicircum{}\textless{}\textgreater{}\textbar{}\textquotedbl{}\textquotesingle{}\textasciigrave{}"#
        );
        assert_eq!(esc("a--b ,,c !`"), "a-{}-b ,{},c !\\textasciigrave{}");
    }

    #[test]
    fn long_words_get_break_points() {
        let token = "x".repeat(65);
        let out = esc(&token);
        assert_eq!(out.matches("\\allowbreak{}").count(), 2);
    }

    #[test]
    fn characters_pdflatex_lacks_are_collected() {
        let mut unsupported = BTreeSet::new();
        escape("Zoë 李雷 Ω", &mut unsupported);
        assert_eq!(unsupported.into_iter().collect::<String>(), "Ω李雷");
    }
}
