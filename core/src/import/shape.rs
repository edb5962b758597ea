//! A small declarative description of a JSON document's shape, and the checker that walks a
//! `serde_json::Value` against it.
//!
//! Why not let serde report type errors? `#[serde(flatten)]` (which keeps unknown keys)
//! buffers the input, so serde's errors lose both the path and the line. Checking the
//! `Value` first gives exact paths (`work[1].highlights[0]`), lets the importer repair what
//! can be repaired safely (numbers to text, `null` to absent) with a warning, and makes the
//! final `serde_json::from_value` unable to fail on a known field.
//!
//! Policy, for every field the description knows:
//! - text expected, number or `true`/`false` found: converted to text (`3.8` → `"3.8"`), warning;
//! - `null` found (anywhere, including list items): treated as absent and left out, warning;
//! - object or list where text is expected, or text where a list/object is expected: error;
//! - dates that are not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: kept as written, warning.
//!
//! Fields the description does not know are not checked here at all: they are the user's
//! and are kept verbatim.

use serde_json::{Map, Value};

use super::json_path::{format_path, Seg};

/// The shape of a value.
#[derive(Debug)]
pub(crate) enum Shape {
    /// A string (numbers and booleans are converted).
    Text,
    /// A string that JSON Resume constrains to `YYYY(-MM(-DD)?)?`.
    Date,
    /// An array whose items all have the given shape.
    List(&'static Shape),
    /// An object with known fields; `rest` (if any) is the shape of every other member.
    Object { fields: &'static [(&'static str, Shape)], rest: Option<&'static Shape> },
}

/// A list of texts: the most common composite.
pub(crate) const TEXTS: Shape = Shape::List(&Shape::Text);

impl Shape {
    /// How the expectation reads in a message ("expected …").
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Shape::Text => "a text in quotes",
            Shape::Date => "a date in quotes (YYYY-MM-DD, YYYY-MM or YYYY)",
            Shape::List(Shape::Text) => "a list of texts [\"…\", \"…\"]",
            Shape::List(_) => "a list of entries [{…}, {…}]",
            Shape::Object { .. } => "an object with named fields {…}",
        }
    }
}

/// How a found value reads in a message ("found …").
pub(crate) fn describe_value(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "a yes/no value",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// One finding of the checker, with the path where it was made.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Issue {
    WrongType { path: Vec<Seg>, expected: &'static str, found: &'static str },
    Coerced { path: Vec<Seg>, from: &'static str, to: String },
    Null { path: Vec<Seg> },
    DateNotIso { path: Vec<Seg>, value: String },
}

impl Issue {
    pub(crate) fn path(&self) -> &[Seg] {
        match self {
            Issue::WrongType { path, .. } | Issue::Coerced { path, .. } | Issue::Null { path } | Issue::DateNotIso { path, .. } => path,
        }
    }
    pub(crate) fn is_error(&self) -> bool {
        matches!(self, Issue::WrongType { .. })
    }
}

/// Findings are collected up to this many; past it the walk only counts errors. Keeps a
/// 2 MB file of ten thousand numbers-as-text from producing ten thousand line look-ups.
const MAX_ISSUES: usize = 1000;

#[derive(Debug, Default)]
pub(crate) struct Findings {
    pub(crate) issues: Vec<Issue>,
    /// Errors past `MAX_ISSUES` (counted for "N more fields have problems").
    pub(crate) extra_errors: usize,
}

impl Findings {
    fn add(&mut self, issue: Issue) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(issue);
        } else if issue.is_error() {
            self.extra_errors += 1;
        }
    }
    pub(crate) fn error_count(&self) -> usize {
        self.issues.iter().filter(|i| i.is_error()).count() + self.extra_errors
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with the year starting 1 or 2, as JSON Resume's
/// `iso8601` pattern demands (the pattern does not check month or day ranges; neither do we).
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let year = digits(0..4) && matches!(b.first(), Some(b'1' | b'2'));
    match b.len() {
        4 => year,
        7 => year && b[4] == b'-' && digits(5..7) && matches!(b[5], b'0' | b'1'),
        10 => year && b[4] == b'-' && digits(5..7) && matches!(b[5], b'0' | b'1') && b[7] == b'-' && digits(8..10) && b[8] <= b'3',
        _ => false,
    }
}

/// Checks `value` against `shape`, repairing what the policy allows in place.
pub(crate) fn check(value: &mut Value, shape: &Shape, path: &mut Vec<Seg>, out: &mut Findings) {
    match shape {
        Shape::Text | Shape::Date => {
            let coerced = match value {
                Value::String(_) => None,
                Value::Number(n) => Some(("a number", n.to_string())),
                Value::Bool(b) => Some(("a yes/no value", b.to_string())),
                other => {
                    out.add(Issue::WrongType { path: path.clone(), expected: shape.describe(), found: describe_value(other) });
                    return;
                }
            };
            if let Some((from, to)) = coerced {
                out.add(Issue::Coerced { path: path.clone(), from, to: to.clone() });
                *value = Value::String(to);
            }
            if let (Shape::Date, Value::String(s)) = (shape, &*value) {
                if !is_iso_date(s) {
                    out.add(Issue::DateNotIso { path: path.clone(), value: s.clone() });
                }
            }
        }
        Shape::List(item) => {
            let Value::Array(items) = value else {
                out.add(Issue::WrongType { path: path.clone(), expected: shape.describe(), found: describe_value(value) });
                return;
            };
            let old = std::mem::take(items);
            for (i, mut v) in old.into_iter().enumerate() {
                path.push(Seg::Index(i));
                if v.is_null() {
                    out.add(Issue::Null { path: path.clone() });
                } else {
                    check(&mut v, item, path, out);
                    items.push(v);
                }
                path.pop();
            }
        }
        Shape::Object { fields, rest } => {
            let Value::Object(map) = value else {
                out.add(Issue::WrongType { path: path.clone(), expected: shape.describe(), found: describe_value(value) });
                return;
            };
            check_members(map, fields, *rest, path, out);
        }
    }
}

fn check_members(map: &mut Map<String, Value>, fields: &[(&'static str, Shape)], rest: Option<&Shape>, path: &mut Vec<Seg>, out: &mut Findings) {
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let known = fields.iter().find(|(k, _)| *k == key).map(|(_, s)| s);
        let Some(sub) = known.or(rest) else { continue };
        path.push(Seg::Key(key.clone()));
        let remove = match map.get_mut(&key) {
            Some(v) if v.is_null() => {
                out.add(Issue::Null { path: path.clone() });
                true
            }
            Some(v) => {
                check(v, sub, path, out);
                false
            }
            None => false,
        };
        if remove {
            map.remove(&key);
        }
        path.pop();
    }
}

/// The first control character Fitted refuses in a JSON text (see the JSON Resume import
/// policy): C0 controls other than tab, line feed and carriage return, DEL, and the C1
/// range. Returns the path (a key's own path when the key holds it) and the character.
pub(crate) fn find_control_char(value: &Value, path: &mut Vec<Seg>) -> Option<(String, char)> {
    match value {
        Value::String(s) => bad_char(s).map(|c| (format_path(path), c)),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                let r = find_control_char(v, path);
                path.pop();
                if r.is_some() {
                    return r;
                }
            }
            None
        }
        Value::Object(map) => {
            for (k, v) in map {
                path.push(Seg::Key(k.clone()));
                let r = bad_char(k).map(|c| (format_path(path), c)).or_else(|| find_control_char(v, path));
                path.pop();
                if r.is_some() {
                    return r;
                }
            }
            None
        }
        _ => None,
    }
}

/// Control characters refused in imported text.
pub(crate) fn is_refused_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

fn bad_char(s: &str) -> Option<char> {
    s.chars().find(|&c| is_refused_control(c))
}

/// Every finding's display path, in order (for the line look-up).
pub(crate) fn paths_of(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(|i| format_path(i.path())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ENTRY: &[(&str, Shape)] = &[("name", Shape::Text), ("start", Shape::Date), ("items", TEXTS)];
    const DOC: Shape = Shape::Object { fields: &[("list", Shape::List(&Shape::Object { fields: ENTRY, rest: None }))], rest: None };

    fn run(mut v: Value) -> (Value, Findings) {
        let mut f = Findings::default();
        check(&mut v, &DOC, &mut Vec::new(), &mut f);
        (v, f)
    }

    #[test]
    fn coerces_scalars_drops_nulls_and_reports_structure() {
        let (v, f) = run(json!({"list": [{"name": 5, "start": "May 2020", "items": ["a", null, true], "other": {"x": null}}, null]}));
        assert_eq!(v, json!({"list": [{"name": "5", "start": "May 2020", "items": ["a", "true"], "other": {"x": null}}]}));
        let mut paths = paths_of(&f.issues);
        paths.sort();
        assert_eq!(paths, ["list[0].items[1]", "list[0].items[2]", "list[0].name", "list[0].start", "list[1]"]);
        assert_eq!(f.error_count(), 0);

        let (_, f) = run(json!({"list": [{"items": 5, "name": ["x"]}]}));
        assert_eq!(f.error_count(), 2);
        assert!(matches!(&f.issues[0], Issue::WrongType { expected, found: "a number", .. } if expected.starts_with("a list of texts")));
    }

    #[test]
    fn iso_dates_follow_the_schema_pattern() {
        for ok in ["2019", "2019-03", "2019-03-31", "1999-12"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in ["19", "2019-3", "3019", "2019/03", "May 2019", "2019-03-1", "", "２０１９"] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn control_characters_are_found_in_values_and_keys() {
        let v = json!({"a": ["ok\tfine\n", "bad\u{7}"]});
        assert_eq!(find_control_char(&v, &mut Vec::new()), Some(("a[1]".into(), '\u{7}')));
        let v = json!({"k\u{0}": 1});
        assert_eq!(find_control_char(&v, &mut Vec::new()).map(|x| x.1), Some('\u{0}'));
        assert_eq!(find_control_char(&json!({"a": "é ✓ \r\n"}), &mut Vec::new()), None);
    }
}
