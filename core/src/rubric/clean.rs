//! Job text as pasted → plain text with a map back to the raw input.
//!
//! Postings arrive as plain text or as HTML copied from a page (tags, `&amp;`, `&nbsp;`,
//! `&#39;`). Cleaning decodes entities, turns block tags into line breaks and `<li>` into
//! bullets, and drops other tags. Every byte of the cleaned text remembers the raw byte it
//! came from, so requirement evidence can be quoted *verbatim from the raw posting*.

/// Cleaned text and, per cleaned byte, the raw byte offset it came from.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub text: String,
    /// Per cleaned byte: the raw byte range of the source it came from.
    map: Vec<(usize, usize)>,
}

impl Cleaned {
    /// Raw byte range for a cleaned byte range (end exclusive). The raw end extends over a
    /// whole entity or tag-free tail of the last character.
    pub fn raw_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.map.is_empty() || start >= end {
            return (0, 0);
        }
        let s = self.map[start.min(self.map.len() - 1)].0;
        let e = self.map[end.saturating_sub(1).min(self.map.len() - 1)].1;
        (s, e.max(s))
    }
}

/// Named entities common in job postings (HTML5 names), and every numeric entity.
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ensp" | "emsp" | "thinsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "sbquo" => "‚",
        "bdquo" => "„",
        "hellip" => "…",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "laquo" => "«",
        "raquo" => "»",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "le" => "≤",
        "ge" => "≥",
        "rarr" => "→",
        "larr" => "←",
        "check" => "✓",
        "zwj" | "zwnj" | "shy" | "lrm" | "rlm" => "",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "szlig" => "ß",
        _ => return None,
    })
}

/// Tags that end a line of text.
fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "br" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr" | "table"
            | "section" | "article" | "header" | "footer" | "dt" | "dd" | "dl" | "blockquote" | "hr" | "pre"
    )
}

struct Builder {
    text: String,
    map: Vec<(usize, usize)>,
}

impl Builder {
    fn push_str(&mut self, s: &str, raw: (usize, usize)) {
        for c in s.chars() {
            self.push(c, raw);
        }
    }
    fn push(&mut self, c: char, raw_pos: (usize, usize)) {
        // Normalise layout characters as we go.
        let c = match c {
            '\u{a0}' | '\t' | '\u{2007}' | '\u{202f}' => ' ',
            '\r' => return,
            '\u{200b}' | '\u{feff}' | '\u{200e}' | '\u{200f}' => return,
            c if c.is_control() && c != '\n' => ' ',
            c => c,
        };
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.map.push(raw_pos);
        }
    }
}

/// Clean a pasted posting. Plain text passes through (minus layout control characters).
pub fn clean(raw: &str) -> Cleaned {
    let mut b = Builder { text: String::with_capacity(raw.len()), map: Vec::with_capacity(raw.len()) };
    let bytes = raw.as_bytes();
    let looks_html = raw.contains("</") || raw.contains("<br") || raw.contains("<p>") || raw.contains("<li");
    let mut i = 0;
    let mut skip_until: Option<&str> = None;
    while i < raw.len() {
        let c = raw[i..].chars().next().unwrap_or(' ');
        if let Some(end_tag) = skip_until {
            if raw[i..].to_ascii_lowercase().starts_with(end_tag) {
                skip_until = None;
            }
            i += c.len_utf8();
            continue;
        }
        if c == '<' && looks_html {
            if let Some(close) = raw[i..].find('>') {
                let inner = &raw[i + 1..i + close];
                let name: String = inner
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let is_tag = !name.is_empty() || inner.starts_with('!');
                if is_tag {
                    if name == "script" || name == "style" {
                        skip_until = Some(if name == "script" { "</script" } else { "</style" });
                    } else if name == "li" && !inner.starts_with('/') {
                        if !b.text.is_empty() && !b.text.ends_with('\n') {
                            b.push('\n', (i, i));
                        }
                        b.push_str("• ", (i, i));
                    } else if is_block_tag(&name) && !b.text.is_empty() && !b.text.ends_with('\n') {
                        b.push('\n', (i, i));
                    }
                    i += close + 1;
                    continue;
                }
            }
        }
        if c == '&' {
            if let Some(semi) = raw[i..].find(';').filter(|&s| s <= 10) {
                let ent = &raw[i + 1..i + semi];
                let decoded = if let Some(num) = ent.strip_prefix('#') {
                    let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        num.parse::<u32>().ok()
                    };
                    code.and_then(char::from_u32).map(|c| c.to_string())
                } else {
                    named_entity(ent).map(str::to_string)
                };
                if let Some(d) = decoded {
                    b.push_str(&d, (i, i + semi + 1));
                    i += semi + 1;
                    continue;
                }
            }
        }
        let _ = bytes;
        // In HTML, source line breaks are just spaces; structure comes from the tags.
        let c = if looks_html && c == '\n' { ' ' } else { c };
        b.push(c, (i, i + c.len_utf8()));
        i += c.len_utf8();
    }
    // Collapse runs of spaces and of blank lines, keeping the map aligned.
    let mut text = String::with_capacity(b.text.len());
    let mut map = Vec::with_capacity(b.map.len());
    let mut prev: Option<char> = None;
    let mut newlines = 0;
    for (idx, c) in b.text.char_indices() {
        let pos = b.map[idx];
        if c == ' ' && (prev == Some(' ') || prev == Some('\n') || prev.is_none()) {
            continue;
        }
        if c == '\n' {
            newlines += 1;
            // Drop trailing spaces before a newline.
            while text.ends_with(' ') {
                text.pop();
                map.pop();
            }
            if newlines > 2 || prev.is_none() {
                continue;
            }
        } else {
            newlines = 0;
        }
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        text.push_str(s);
        for _ in 0..s.len() {
            map.push(pos);
        }
        prev = Some(c);
    }
    Cleaned { text, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_lines_and_bullets_with_entities_decoded() {
        let raw = "<p>Senior Data Scientist, Forecasting &amp; Pricing</p><ul><li>Python&nbsp;&amp; SQL</li><li>It&#39;s &mdash; fun</li></ul>";
        let c = clean(raw);
        assert_eq!(c.text, "Senior Data Scientist, Forecasting & Pricing\n• Python & SQL\n• It's — fun\n");
    }

    #[test]
    fn raw_ranges_quote_the_raw_text_verbatim() {
        let raw = "<li>Python&nbsp;&amp; SQL</li>";
        let c = clean(raw);
        let start = c.text.find("Python").unwrap();
        let end = c.text.find("SQL").unwrap() + 3;
        let (s, e) = c.raw_range(start, end);
        assert_eq!(&raw[s..e], "Python&nbsp;&amp; SQL");
    }

    #[test]
    fn plain_text_passes_through() {
        let raw = "Go engineer — Acme\n\n\n\nRequirements:\n- Go\t(3+ years)\r\n";
        let c = clean(raw);
        assert_eq!(c.text, "Go engineer — Acme\n\nRequirements:\n- Go (3+ years)\n");
        let (s, e) = c.raw_range(c.text.find("Go (").unwrap(), c.text.len() - 1);
        assert_eq!(&raw[s..e], "Go\t(3+ years)");
    }

    #[test]
    fn a_lone_angle_bracket_in_plain_text_is_kept() {
        assert_eq!(clean("p99 < 80 ms").text, "p99 < 80 ms");
    }
}
