//! Reads the text layer back out of a PDF this crate made, from the bytes alone.
//!
//! The in-app ATS check must judge the file the user will upload, not the source it came
//! from: if a glyph had no Unicode mapping or two runs were out of order, only the bytes show
//! it. A general PDF library would do, but the ones on crates.io bring encryption, random
//! numbers and text encodings into the worker (hundreds of KB, and `getrandom` on wasm). The
//! PDFs read here are narrow and known: Typst's export writes classic cross-reference
//! tables, direct stream lengths, Flate-compressed content streams, Type 0 fonts with
//! `ToUnicode` maps, and each text run as `q … cm BT /f Tf … Tm [..] TJ ET Q`. So this
//! reader handles exactly that subset — objects, `ToUnicode` (`bfchar`, `bfrange`), glyph
//! widths (`W`, `DW`) and the text operators — and says so in its error when a file is
//! outside it. The text comes back as lines in reading order, with a space wherever two
//! runs on a line are visibly apart, as extractors such as pdftotext do.

use std::collections::HashMap;
use std::io::Read;

/// One line of text on a page (runs sharing a baseline, left to right).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// 1-based page number.
    pub page: usize,
    pub text: String,
}

/// Why the text layer could not be read.
#[derive(Debug, thiserror::Error)]
#[error("The PDF's text could not be read back ({0}). Download it anyway and check it opens; please report this résumé.")]
pub struct ReadBackError(String);

fn fail<T>(what: impl Into<String>) -> Result<T, ReadBackError> {
    Err(ReadBackError(what.into()))
}

/// The PDF's text, as lines in reading order (top to bottom, page by page).
pub fn text_lines(pdf: &[u8]) -> Result<Vec<TextLine>, ReadBackError> {
    let objects = objects(pdf)?;
    let mut lines = Vec::new();
    for (index, page) in pages(&objects)?.into_iter().enumerate() {
        let mut runs = page_runs(&objects, page)?;
        lines.extend(arrange(&mut runs).into_iter().map(|text| TextLine { page: index + 1, text }));
    }
    Ok(lines)
}

// ---------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Null,
    Num(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Vec<(Vec<u8>, Obj)>),
    Ref(u32),
    Op(Vec<u8>),
    Bool,
}

impl Obj {
    fn get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    fn num(&self) -> Option<f64> {
        match self {
            Obj::Num(n) => Some(*n),
            _ => None,
        }
    }
}

/// An indirect object: its dictionary (or value) and, for a stream, the decoded data.
struct Indirect {
    value: Obj,
    stream: Option<Vec<u8>>,
}

fn objects(pdf: &[u8]) -> Result<HashMap<u32, Indirect>, ReadBackError> {
    let mut out = HashMap::new();
    let mut at = 0;
    while let Some(found) = find(pdf, at, b" 0 obj") {
        // The object number is the digits right before " 0 obj" at a line start.
        let mut start = found;
        while start > 0 && pdf[start - 1].is_ascii_digit() {
            start -= 1;
        }
        let number: Option<u32> = std::str::from_utf8(&pdf[start..found]).ok().and_then(|s| s.parse().ok());
        let body = found + b" 0 obj".len();
        let Some(number) = number.filter(|_| start == 0 || matches!(pdf[start - 1], b'\n' | b'\r' | b' ')) else {
            at = body;
            continue;
        };
        let mut lexer = Lexer { s: pdf, i: body };
        let value = lexer.object()?;
        lexer.skip_space();
        let mut stream = None;
        if pdf[lexer.i..].starts_with(b"stream") {
            let mut data_at = lexer.i + b"stream".len();
            if pdf.get(data_at) == Some(&b'\r') {
                data_at += 1;
            }
            if pdf.get(data_at) == Some(&b'\n') {
                data_at += 1;
            }
            let Some(len) = value.get(b"Length").and_then(Obj::num) else {
                return fail(format!("object {number} has a stream without a direct /Length"));
            };
            let end = data_at + len as usize;
            let Some(raw) = pdf.get(data_at..end) else {
                return fail(format!("object {number}'s stream runs past the end of the file"));
            };
            stream = Some(match value.get(b"Filter") {
                None => raw.to_vec(),
                Some(Obj::Name(f)) if f == b"FlateDecode" => inflate(raw).map_err(|e| ReadBackError(format!("object {number}: {e}")))?,
                Some(other) => return fail(format!("object {number} uses a stream filter this reader does not know: {other:?}")),
            });
            lexer.i = end;
        }
        out.insert(number, Indirect { value, stream });
        at = lexer.i.max(body);
    }
    if out.is_empty() {
        return fail("no objects: this is not a PDF");
    }
    Ok(out)
}

fn inflate(raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(raw)
        .read_to_end(&mut out)
        .map_err(|e| format!("a compressed stream is damaged ({e})"))?;
    Ok(out)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn resolve<'a>(objects: &'a HashMap<u32, Indirect>, obj: &'a Obj) -> Option<&'a Obj> {
    match obj {
        Obj::Ref(n) => objects.get(n).map(|o| &o.value),
        other => Some(other),
    }
}

/// The page objects in document order (the page tree from the catalog's `/Pages`).
fn pages(objects: &HashMap<u32, Indirect>) -> Result<Vec<u32>, ReadBackError> {
    let root = objects
        .iter()
        .filter(|(_, o)| o.value.get(b"Type") == Some(&Obj::Name(b"Catalog".to_vec())))
        .find_map(|(_, o)| match o.value.get(b"Pages") {
            Some(Obj::Ref(n)) => Some(*n),
            _ => None,
        });
    let Some(root) = root else { return fail("no catalog with a page tree") };
    let mut out = Vec::new();
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > 100_000 {
            return fail("the page tree loops");
        }
        let Some(node) = objects.get(&n) else { return fail(format!("page tree node {n} is missing")) };
        match node.value.get(b"Kids") {
            Some(Obj::Array(kids)) => {
                for kid in kids.iter().rev() {
                    if let Obj::Ref(k) = kid {
                        stack.push(*k);
                    }
                }
            }
            _ => out.push(n),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------------------

/// What a font contributes to reading text: code → Unicode, code → width (1/1000 em).
struct Font {
    code_bytes: usize,
    unicode: HashMap<u32, String>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl Font {
    fn codes<'a>(&'a self, bytes: &'a [u8]) -> impl Iterator<Item = u32> + 'a {
        bytes
            .chunks(self.code_bytes)
            .map(|c| c.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
    }
    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }
}

fn font(objects: &HashMap<u32, Indirect>, dict: &Obj) -> Result<Font, ReadBackError> {
    let mut font = Font { code_bytes: 1, unicode: HashMap::new(), widths: HashMap::new(), default_width: 0.0 };
    if dict.get(b"Subtype") == Some(&Obj::Name(b"Type0".to_vec())) {
        font.code_bytes = 2;
        let descendant = match dict.get(b"DescendantFonts") {
            Some(Obj::Array(a)) => a.first().and_then(|d| resolve(objects, d)),
            Some(other) => resolve(objects, other).and_then(|a| match a {
                Obj::Array(a) => a.first().and_then(|d| resolve(objects, d)),
                _ => None,
            }),
            None => None,
        };
        if let Some(d) = descendant {
            font.default_width = d.get(b"DW").and_then(Obj::num).unwrap_or(1000.0);
            if let Some(Obj::Array(w)) = d.get(b"W").and_then(|w| resolve(objects, w)) {
                cid_widths(w, &mut font.widths);
            }
        }
    } else {
        // Simple fonts (Type 3 glyphs): one byte per code, widths from /FirstChar.
        let first = dict.get(b"FirstChar").and_then(Obj::num).unwrap_or(0.0) as u32;
        let scale = match dict.get(b"FontMatrix") {
            Some(Obj::Array(m)) => m.first().and_then(Obj::num).map_or(1.0, |a| a * 1000.0),
            _ => 1.0,
        };
        if let Some(Obj::Array(w)) = dict.get(b"Widths").and_then(|w| resolve(objects, w)) {
            for (i, v) in w.iter().enumerate() {
                if let Some(v) = v.num() {
                    font.widths.insert(first + i as u32, v * scale);
                }
            }
        }
    }
    if let Some(Obj::Ref(n)) = dict.get(b"ToUnicode") {
        if let Some(data) = objects.get(n).and_then(|o| o.stream.as_deref()) {
            to_unicode(data, &mut font)?;
        }
    }
    Ok(font)
}

/// `/W [c [w1 w2 …] cFirst cLast w …]`.
fn cid_widths(w: &[Obj], out: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while i < w.len() {
        match (w.get(i).and_then(Obj::num), w.get(i + 1), w.get(i + 2).and_then(Obj::num)) {
            (Some(c), Some(Obj::Array(ws)), _) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = v.num() {
                        out.insert(c as u32 + k as u32, v);
                    }
                }
                i += 2;
            }
            (Some(first), Some(Obj::Num(last)), Some(v)) => {
                for c in first as u32..=(*last as u32).min(first as u32 + 0xFFFF) {
                    out.insert(c, v);
                }
                i += 3;
            }
            _ => return,
        }
    }
}

fn hex_value(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes.chunks(2).map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0))).collect();
    String::from_utf16_lossy(&units)
}

/// A `ToUnicode` CMap's `bfchar` and `bfrange` entries.
fn to_unicode(data: &[u8], font: &mut Font) -> Result<(), ReadBackError> {
    let mut lexer = Lexer { s: data, i: 0 };
    let mut operands: Vec<Obj> = Vec::new();
    while let Some(token) = lexer.token()? {
        match token {
            Obj::Op(op) if op == b"endcodespacerange" => {
                if let Some(Obj::Str(lo)) = operands.first() {
                    font.code_bytes = lo.len().max(1);
                }
                operands.clear();
            }
            Obj::Op(op) if op == b"endbfchar" => {
                for pair in operands.chunks(2) {
                    if let [Obj::Str(code), Obj::Str(text)] = pair {
                        font.unicode.insert(hex_value(code), utf16(text));
                    }
                }
                operands.clear();
            }
            Obj::Op(op) if op == b"endbfrange" => {
                for triple in operands.chunks(3) {
                    match triple {
                        [Obj::Str(lo), Obj::Str(hi), Obj::Str(start)] => {
                            let (lo, hi) = (hex_value(lo), hex_value(hi));
                            let mut units = start.clone();
                            for code in lo..=hi.min(lo + 0xFFFF) {
                                font.unicode.insert(code, utf16(&units));
                                // The last byte counts up through the range.
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                        }
                        [Obj::Str(lo), Obj::Str(_), Obj::Array(targets)] => {
                            for (k, t) in targets.iter().enumerate() {
                                if let Obj::Str(t) = t {
                                    font.unicode.insert(hex_value(lo) + k as u32, utf16(t));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                operands.clear();
            }
            Obj::Op(_) => operands.clear(),
            other => operands.push(other),
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Content streams
// ---------------------------------------------------------------------------------------

/// A run of text: where its baseline starts and ends, its size, and its characters.
#[derive(Debug, Clone)]
struct TextRun {
    x: f64,
    end_x: f64,
    y: f64,
    size: f64,
    text: String,
}

type Matrix = [f64; 6];

fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn page_runs(objects: &HashMap<u32, Indirect>, page: u32) -> Result<Vec<TextRun>, ReadBackError> {
    let page_obj = &objects[&page].value;
    let resources = page_obj.get(b"Resources").and_then(|r| resolve(objects, r));
    let mut fonts: HashMap<Vec<u8>, Font> = HashMap::new();
    if let Some(Obj::Dict(entries)) = resources.and_then(|r| r.get(b"Font")).and_then(|f| resolve(objects, f)) {
        for (name, f) in entries {
            if let Some(dict) = resolve(objects, f) {
                fonts.insert(name.clone(), font(objects, dict)?);
            }
        }
    }
    let mut content = Vec::new();
    let refs: Vec<u32> = match page_obj.get(b"Contents") {
        Some(Obj::Ref(n)) => vec![*n],
        Some(Obj::Array(a)) => a.iter().filter_map(|o| if let Obj::Ref(n) = o { Some(*n) } else { None }).collect(),
        _ => vec![],
    };
    for n in refs {
        content.extend_from_slice(objects.get(&n).and_then(|o| o.stream.as_deref()).unwrap_or_default());
        content.push(b'\n');
    }

    let mut runs = Vec::new();
    let mut ctm = IDENTITY;
    let mut saved: Vec<Matrix> = Vec::new();
    let (mut tm, mut line) = (IDENTITY, IDENTITY);
    let mut current: Option<(&Font, f64)> = None;
    let mut operands: Vec<Obj> = Vec::new();
    let mut lexer = Lexer { s: &content, i: 0 };
    let nums = |ops: &[Obj]| -> Option<Vec<f64>> { ops.iter().map(Obj::num).collect() };
    while let Some(token) = lexer.token()? {
        let Obj::Op(op) = token else {
            operands.push(token);
            continue;
        };
        match op.as_slice() {
            b"q" => saved.push(ctm),
            b"Q" => ctm = saved.pop().unwrap_or(IDENTITY),
            b"cm" => {
                if let Some([a, b, c, d, e, f]) = nums(&operands).as_deref() {
                    ctm = multiply(&[*a, *b, *c, *d, *e, *f], &ctm);
                }
            }
            b"BT" => (tm, line) = (IDENTITY, IDENTITY),
            b"Tm" => {
                if let Some([a, b, c, d, e, f]) = nums(&operands).as_deref() {
                    tm = [*a, *b, *c, *d, *e, *f];
                    line = tm;
                }
            }
            b"Td" | b"TD" => {
                if let Some([x, y]) = nums(&operands).as_deref() {
                    line = multiply(&[1.0, 0.0, 0.0, 1.0, *x, *y], &line);
                    tm = line;
                }
            }
            b"Tf" => {
                if let [Obj::Name(name), Obj::Num(size)] = operands.as_slice() {
                    current = fonts.get(name).map(|f| (f, *size));
                }
            }
            b"Tj" | b"TJ" => {
                if let Some((font, size)) = current {
                    let parts: Vec<Obj> = match operands.pop() {
                        Some(Obj::Array(a)) => a,
                        Some(s @ Obj::Str(_)) => vec![s],
                        _ => vec![],
                    };
                    let mut glyphs: Vec<&str> = Vec::new();
                    let mut advance = 0.0;
                    for part in parts {
                        match part {
                            Obj::Str(bytes) => {
                                for code in font.codes(&bytes) {
                                    glyphs.push(font.unicode.get(&code).map_or("\u{FFFD}", String::as_str));
                                    advance += font.width(code) / 1000.0 * size;
                                }
                            }
                            Obj::Num(k) => advance -= k / 1000.0 * size,
                            _ => {}
                        }
                    }
                    // Glyphs are drawn left to right; a right-to-left run (Hebrew, Arabic) reads
                    // in the opposite order. Each glyph's text (a ligature may stand for
                    // several letters) stays as it is.
                    let text: String = if is_right_to_left(&glyphs) {
                        glyphs.iter().rev().copied().collect()
                    } else {
                        glyphs.concat()
                    };
                    // Text space to page space: the horizontal scale for the advance, the
                    // vertical one for the size.
                    let m = multiply(&tm, &ctm);
                    let (h, v) = ((m[0] * m[0] + m[1] * m[1]).sqrt(), (m[2] * m[2] + m[3] * m[3]).sqrt());
                    runs.push(TextRun { x: m[4], end_x: m[4] + advance * h, y: m[5], size: size.abs() * v, text });
                    tm = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm);
                }
            }
            _ => {}
        }
        operands.clear();
    }
    Ok(runs)
}

/// Whether a run's letters are right-to-left (and none left-to-right).
fn is_right_to_left(glyphs: &[&str]) -> bool {
    let rtl = |c: char| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    let mut any = false;
    for c in glyphs.iter().flat_map(|g| g.chars()) {
        if rtl(c) {
            any = true;
        } else if c.is_alphanumeric() {
            return false;
        }
    }
    any
}

/// Runs grouped into lines (baselines within a third of the text size), top to bottom,
/// each line's runs left to right, with a space where two runs are visibly apart.
fn arrange(runs: &mut [TextRun]) -> Vec<String> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&TextRun>> = Vec::new();
    for run in runs.iter().filter(|r| !r.text.chars().all(char::is_whitespace)) {
        match lines.last_mut() {
            Some(line) if (line[0].y - run.y).abs() <= line[0].size.min(run.size) / 3.0 => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut end: Option<f64> = None;
            for run in line {
                let apart = end.is_some_and(|e| run.x - e > run.size * 0.15);
                if apart && !text.ends_with(char::is_whitespace) && !run.text.starts_with(char::is_whitespace) {
                    text.push(' ');
                }
                text.push_str(&run.text);
                end = Some(run.end_x);
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl Lexer<'_> {
    fn skip_space(&mut self) {
        while let Some(&b) = self.s.get(self.i) {
            if b.is_ascii_whitespace() || b == 0 {
                self.i += 1;
            } else if b == b'%' {
                while self.s.get(self.i).is_some_and(|b| *b != b'\n' && *b != b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// One object (for the body of `N 0 obj`): references are resolved into `Ref`.
    fn object(&mut self) -> Result<Obj, ReadBackError> {
        self.token()?.ok_or_else(|| ReadBackError("an object is empty".into()))
    }

    fn token(&mut self) -> Result<Option<Obj>, ReadBackError> {
        self.skip_space();
        let Some(&b) = self.s.get(self.i) else { return Ok(None) };
        let obj = match b {
            b'/' => {
                self.i += 1;
                let start = self.i;
                while self.s.get(self.i).is_some_and(|b| !b.is_ascii_whitespace() && !is_delimiter(*b)) {
                    self.i += 1;
                }
                Obj::Name(self.s[start..self.i].to_vec())
            }
            b'(' => Obj::Str(self.literal()?),
            b'<' if self.s.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip_space();
                    if self.s[self.i..].starts_with(b">>") {
                        self.i += 2;
                        break;
                    }
                    match self.token()? {
                        Some(Obj::Name(k)) => {
                            let v = self.value()?;
                            entries.push((k, v));
                        }
                        _ => return fail("a dictionary key is not a name"),
                    }
                }
                Obj::Dict(entries)
            }
            b'<' => {
                self.i += 1;
                let start = self.i;
                while self.s.get(self.i).is_some_and(|b| *b != b'>') {
                    self.i += 1;
                }
                let digits: Vec<u8> = self.s[start..self.i].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                self.i += 1;
                let mut bytes = Vec::with_capacity(digits.len() / 2 + 1);
                for pair in digits.chunks(2) {
                    let hi = (pair[0] as char).to_digit(16).unwrap_or(0);
                    let lo = pair.get(1).map_or(0, |c| (*c as char).to_digit(16).unwrap_or(0));
                    bytes.push((hi * 16 + lo) as u8);
                }
                Obj::Str(bytes)
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.s.get(self.i) {
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        None => return fail("an array is not closed"),
                        _ => items.push(self.value()?),
                    }
                }
                Obj::Array(items)
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let start = self.i;
                self.i += 1;
                while self.s.get(self.i).is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("0");
                Obj::Num(text.parse().unwrap_or(0.0))
            }
            _ if is_delimiter(b) => {
                // A stray ")", "]", ">", "{" or "}": skip it.
                self.i += 1;
                return self.token();
            }
            _ => {
                let start = self.i;
                while self.s.get(self.i).is_some_and(|b| !b.is_ascii_whitespace() && !is_delimiter(*b)) {
                    self.i += 1;
                }
                match &self.s[start..self.i] {
                    b"null" => Obj::Null,
                    b"true" | b"false" => Obj::Bool,
                    word => Obj::Op(word.to_vec()),
                }
            }
        };
        Ok(Some(obj))
    }

    /// A value inside a dictionary or array: a number followed by `G R` is a reference.
    fn value(&mut self) -> Result<Obj, ReadBackError> {
        let v = self.token()?.ok_or_else(|| ReadBackError("a value is missing".into()))?;
        if let Obj::Num(n) = v {
            let save = self.i;
            if let Ok(Some(Obj::Num(_))) = self.token() {
                if let Ok(Some(Obj::Op(op))) = self.token() {
                    if op == b"R" {
                        return Ok(Obj::Ref(n as u32));
                    }
                }
            }
            self.i = save;
        }
        Ok(v)
    }

    /// A literal string `( … )` with nested brackets and escapes.
    fn literal(&mut self) -> Result<Vec<u8>, ReadBackError> {
        self.i += 1;
        let mut out = Vec::new();
        let mut depth = 1;
        loop {
            let Some(&b) = self.s.get(self.i) else { return fail("a string is not closed") };
            self.i += 1;
            match b {
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else { return fail("a string ends in a backslash") };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.s.get(self.i) {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.s.get(self.i) == Some(&b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_strings_decode_escapes_and_nesting() {
        let mut l = Lexer { s: br"(a\(b\)c (d) \101\n\\)", i: 0 };
        assert_eq!(l.token().unwrap(), Some(Obj::Str(b"a(b)c (d) A\n\\".to_vec())));
    }

    #[test]
    fn references_and_dictionaries_parse() {
        let mut l = Lexer { s: b"<</Type/Page/Contents 12 0 R/MediaBox[0 0 612 792]>>", i: 0 };
        let d = l.object().unwrap();
        assert_eq!(d.get(b"Contents"), Some(&Obj::Ref(12)));
        assert_eq!(d.get(b"MediaBox"), Some(&Obj::Array(vec![Obj::Num(0.0), Obj::Num(0.0), Obj::Num(612.0), Obj::Num(792.0)])));
    }

    #[test]
    fn a_file_that_is_not_a_pdf_is_an_error() {
        assert!(text_lines(b"hello").is_err());
    }
}
