//! Incremental parsers for the two streaming framings: Server-Sent Events (OpenAI, Anthropic,
//! Gemini `alt=sse`) and newline-delimited JSON (Ollama).
//!
//! Network chunks split anywhere — inside a line, inside a multi-byte character — so both
//! parsers buffer bytes and only decode complete lines (a `\n` byte never occurs inside a
//! UTF-8 sequence). An event still incomplete when the body ends is dropped, as the SSE spec
//! says; the caller then notices the missing end-of-answer marker and reports a cut stream.

/// One dispatched SSE event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` field; empty when the server sent none (OpenAI, Gemini).
    pub event: String,
    /// `data:` lines joined with `\n`.
    pub data: String,
}

/// Splits a byte stream into lines (`\n`, `\r\n` or `\r`).
#[derive(Debug, Default)]
struct LineBuffer {
    buf: Vec<u8>,
    /// A `\r` ended the previous chunk; a `\n` starting the next one belongs to it.
    pending_cr: bool,
}

impl LineBuffer {
    fn push(&mut self, bytes: &[u8], mut on_line: impl FnMut(&str)) {
        for &b in bytes {
            if self.pending_cr {
                self.pending_cr = false;
                if b == b'\n' {
                    continue;
                }
            }
            match b {
                b'\n' | b'\r' => {
                    self.pending_cr = b == b'\r';
                    let line = String::from_utf8_lossy(&self.buf).into_owned();
                    self.buf.clear();
                    on_line(&line);
                }
                _ => self.buf.push(b),
            }
        }
    }

    fn has_partial(&self) -> bool {
        !self.buf.is_empty()
    }
}

#[derive(Debug, Default)]
pub struct SseParser {
    lines: LineBuffer,
    event: String,
    data: Vec<String>,
    has_data: bool,
}

impl SseParser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds bytes; returns the events completed by them.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        let mut out = Vec::new();
        let mut lines = std::mem::take(&mut self.lines);
        lines.push(bytes, |line| {
            if let Some(ev) = self.line(line) {
                out.push(ev);
            }
        });
        self.lines = lines;
        out
    }

    fn line(&mut self, line: &str) -> Option<SseEvent> {
        if line.is_empty() {
            if !self.has_data {
                self.event.clear();
                return None;
            }
            let ev = SseEvent { event: std::mem::take(&mut self.event), data: self.data.join("\n") };
            self.data.clear();
            self.has_data = false;
            return Some(ev);
        }
        if line.starts_with(':') {
            return None; // comment / keep-alive
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = value.to_owned(),
            "data" => {
                self.data.push(value.to_owned());
                self.has_data = true;
            }
            _ => {} // id, retry: not needed
        }
        None
    }
}

/// Newline-delimited JSON: each complete non-blank line is one JSON document.
#[derive(Debug, Default)]
pub struct NdjsonParser {
    lines: LineBuffer,
}

impl NdjsonParser {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        self.lines.push(bytes, |line| {
            if !line.trim().is_empty() {
                out.push(line.to_owned());
            }
        });
        out
    }

    /// Whether bytes of an unfinished line are buffered (a cut mid-line).
    pub fn has_partial(&self) -> bool {
        self.lines.has_partial()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sse_events_across_arbitrary_splits() {
        let stream = "event: message_start\ndata: {\"a\":1}\n\n: keep-alive\n\ndata: {\"text\":\"résumé ✓\"}\r\n\r\ndata: line1\ndata: line2\n\nevent: x\ndata:[DONE]\n\n";
        let bytes = stream.as_bytes();
        // Every split point, including inside the multi-byte characters.
        for split in 0..bytes.len() {
            let mut p = SseParser::new();
            let mut events = p.push(&bytes[..split]);
            events.extend(p.push(&bytes[split..]));
            assert_eq!(events.len(), 4, "split at {split}");
            assert_eq!(events[0], SseEvent { event: "message_start".into(), data: "{\"a\":1}".into() });
            assert_eq!(events[1].data, "{\"text\":\"résumé ✓\"}");
            assert_eq!(events[1].event, "");
            assert_eq!(events[2].data, "line1\nline2");
            assert_eq!(events[3], SseEvent { event: "x".into(), data: "[DONE]".into() });
        }
        // Byte by byte.
        let mut p = SseParser::new();
        let n: usize = bytes.iter().map(|b| p.push(&[*b]).len()).sum();
        assert_eq!(n, 4);
    }

    #[test]
    fn unfinished_event_is_not_dispatched() {
        let mut p = SseParser::new();
        assert!(p.push(b"data: {\"partial\":").is_empty());
        assert!(p.push(b"true}\n").is_empty(), "no blank line yet");
    }

    #[test]
    fn ndjson_lines() {
        let mut p = NdjsonParser::new();
        let mut lines = p.push(b"{\"a\":1}\n{\"b\":");
        assert!(p.has_partial());
        lines.extend(p.push(b"2}\n\n"));
        assert_eq!(lines, vec!["{\"a\":1}".to_owned(), "{\"b\":2}".to_owned()]);
        assert!(!p.has_partial());
    }
}
