//! JSON paths as users see them in messages: `work[1].highlights[0]`, `basics.name`.
//!
//! The same spelling is used by `bullets::Bullet::source_path`, so a path in an import
//! message is the path the rest of Fitted uses for that field.

/// One step into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// Writes `seg` onto `out` (`.key`, `["odd key"]` or `[3]`). Keys that are not plain
/// identifiers are quoted so a path is never ambiguous.
pub(crate) fn push_seg(out: &mut String, seg: &Seg) {
    match seg {
        Seg::Index(i) => {
            out.push('[');
            out.push_str(&i.to_string());
            out.push(']');
        }
        Seg::Key(k) => {
            let plain = !k.is_empty()
                && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '-')
                && !k.starts_with(|c: char| c.is_ascii_digit());
            if plain {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            } else {
                out.push('[');
                out.push_str(&serde_json::to_string(k).unwrap_or_else(|_| "\"?\"".into()));
                out.push(']');
            }
        }
    }
}

/// The display form of a whole path; the root is the empty string.
pub(crate) fn format_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for s in path {
        push_seg(&mut out, s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_javascript() {
        let p = [Seg::Key("work".into()), Seg::Index(1), Seg::Key("highlights".into()), Seg::Index(0)];
        assert_eq!(format_path(&p), "work[1].highlights[0]");
        assert_eq!(format_path(&[Seg::Key("$schema".into())]), "$schema");
        assert_eq!(format_path(&[Seg::Key("basics".into()), Seg::Key("a b".into())]), "basics[\"a b\"]");
        assert_eq!(format_path(&[]), "");
    }
}
