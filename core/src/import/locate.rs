//! Finds the line of a JSON path in the original text.
//!
//! Messages must name the line, but `serde_json::Value` forgets positions (and serde's own
//! error positions are useless behind `#[serde(flatten)]`, which buffers). So after the
//! value is checked, the paths that need a line are looked up here in one pass over the
//! text. The text has already parsed as JSON, so this scanner can be small; it still never
//! indexes out of bounds and simply stops (answering `None`) on anything unexpected.

use std::collections::HashMap;

use super::json_path::{push_seg, Seg};

/// Deeper than serde_json's own recursion limit (128), so valid input never hits it.
const MAX_DEPTH: usize = 256;

/// 1-based line of each wanted path (as formatted by `json_path`), `None` if not found. For
/// an object member the line of its key is given, for an array element the line where the
/// element starts.
pub(crate) fn locate_lines(text: &str, wanted: &[String]) -> Vec<Option<usize>> {
    let mut found = vec![None; wanted.len()];
    if wanted.is_empty() {
        return found;
    }
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, w) in wanted.iter().enumerate() {
        index.entry(w.as_str()).or_default().push(i);
    }
    let mut s = Scanner { text, b: text.as_bytes(), pos: 0, line: 1, path: String::new(), index, found: &mut found, left: wanted.len() };
    s.value(0, false);
    found
}

struct Scanner<'a, 'f> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    line: usize,
    path: String,
    index: HashMap<&'a str, Vec<usize>>,
    found: &'f mut Vec<Option<usize>>,
    left: usize,
}

impl Scanner<'_, '_> {
    fn record(&mut self, line: usize) {
        if let Some(ids) = self.index.remove(self.path.as_str()) {
            for i in ids {
                if let Some(slot) = self.found.get_mut(i) {
                    *slot = Some(line);
                    self.left = self.left.saturating_sub(1);
                }
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            self.pos += 1;
        }
    }

    /// Reads a string starting at `"`; returns its decoded content.
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        while let Some(c) = self.peek() {
            match c {
                b'\\' => {
                    escaped = true;
                    self.pos += 2;
                }
                b'"' => {
                    self.pos += 1;
                    let raw = self.text.get(start..self.pos)?;
                    return if escaped {
                        serde_json::from_str::<String>(raw).ok()
                    } else {
                        raw.get(1..raw.len() - 1).map(str::to_string)
                    };
                }
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
        None
    }

    /// Walks one value; `false` means stop (done, or the text was not as expected).
    fn value(&mut self, depth: usize, recorded: bool) -> bool {
        if depth > MAX_DEPTH || self.left == 0 {
            return false;
        }
        self.skip_ws();
        if !recorded {
            self.record(self.line);
        }
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(b'}') => {
                            self.pos += 1;
                            return true;
                        }
                        Some(b'"') => {}
                        _ => return false,
                    }
                    let key_line = self.line;
                    let Some(key) = self.string() else { return false };
                    self.skip_ws();
                    if self.peek() != Some(b':') {
                        return false;
                    }
                    self.pos += 1;
                    let len = self.path.len();
                    push_seg(&mut self.path, &Seg::Key(key));
                    self.record(key_line);
                    let ok = self.value(depth + 1, true);
                    self.path.truncate(len);
                    if !ok {
                        return false;
                    }
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return true;
                        }
                        _ => return false,
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut i = 0;
                loop {
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        return true;
                    }
                    let len = self.path.len();
                    push_seg(&mut self.path, &Seg::Index(i));
                    let ok = self.value(depth + 1, false);
                    self.path.truncate(len);
                    if !ok {
                        return false;
                    }
                    i += 1;
                    self.skip_ws();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return true;
                        }
                        _ => return false,
                    }
                }
            }
            Some(b'"') => self.string().is_some(),
            Some(_) => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                        break;
                    }
                    self.pos += 1;
                }
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_elements_by_line() {
        let text = "{\n  \"work\": [\n    {\"name\": \"A\"},\n    {\n      \"highlights\": [\n        \"x\",\n        5\n      ]\n    }\n  ],\n  \"a b\": 1\n}";
        let wanted: Vec<String> =
            ["work", "work[0].name", "work[1].highlights", "work[1].highlights[1]", "[\"a b\"]", "nope", ""].iter().map(|s| s.to_string()).collect();
        assert_eq!(locate_lines(text, &wanted), [Some(2), Some(3), Some(5), Some(7), Some(11), None, Some(1)]);
    }

    #[test]
    fn escaped_keys_and_garbage_do_not_panic() {
        let text = "{\"b\\u0061d\": [1, {\"x\": \"\\\"}\"}]}";
        assert_eq!(locate_lines(text, &["bad[1].x".to_string()]), [Some(1)]);
        for t in ["", "{", "[\"", "{\"a\"", "{\"a\":", "\"\\", "[1,", "}"] {
            let _ = locate_lines(t, &["a".to_string(), "[0]".to_string()]);
        }
    }
}
