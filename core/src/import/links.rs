//! Web links on a résumé: recognising them in text, making them valid URLs, and naming the
//! network a profile link belongs to.

use crate::resume::Profile;

/// Networks recognised by the second-level label of the host (`github` in `github.com`,
/// `www.github.com` or the fixtures' `github.example`), so fictional and regional domains
/// work too.
const NETWORKS: [(&str, &str); 22] = [
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("bitbucket", "Bitbucket"),
    ("linkedin", "LinkedIn"),
    ("twitter", "Twitter"),
    ("x", "X"),
    ("stackoverflow", "Stack Overflow"),
    ("medium", "Medium"),
    ("behance", "Behance"),
    ("dribbble", "Dribbble"),
    ("kaggle", "Kaggle"),
    ("orcid", "ORCID"),
    ("researchgate", "ResearchGate"),
    ("huggingface", "Hugging Face"),
    ("youtube", "YouTube"),
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("codepen", "CodePen"),
    ("leetcode", "LeetCode"),
    ("mastodon", "Mastodon"),
    ("substack", "Substack"),
    ("devpost", "Devpost"),
];

/// The host of a URL, lowercased, without `www.`, port or credentials.
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The network a link belongs to, if it is one of the known ones. `scholar.google.*` is the
/// one network recognised by a sub-domain.
pub(crate) fn network(url: &str) -> Option<&'static str> {
    let host = host(url)?;
    let labels: Vec<&str> = host.split('.').collect();
    if labels.first() == Some(&"scholar") && labels.get(1) == Some(&"google") {
        return Some("Google Scholar");
    }
    let second = if labels.len() >= 2 { labels[labels.len() - 2] } else { labels[0] };
    NETWORKS.iter().find(|(k, _)| *k == second).map(|(_, name)| *name)
}

/// The user name in a profile link: the last path segment (`/in/jane-doe/` → `jane-doe`).
pub(crate) fn username(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.split(['?', '#']).next()?;
    let last = path.split('/').skip(1).filter(|s| !s.is_empty()).last()?;
    Some(last.trim_start_matches('@').to_string()).filter(|s| !s.is_empty())
}

/// A link as a URL JSON Resume accepts (`format: uri` needs a scheme): `https://` is added
/// to bare `github.com/jane` style links; anything with a scheme is kept as written.
pub(crate) fn normalize_url(link: &str) -> String {
    let link = link.trim();
    let lower = link.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("mailto:") || lower.starts_with("tel:") {
        link.to_string()
    } else {
        format!("https://{link}")
    }
}

/// A profile for a link. Unknown sites are named by their host ("blog.example.com").
pub(crate) fn profile(link: &str) -> Profile {
    let url = normalize_url(link);
    let known = network(&url);
    // A user name only makes sense on a known network; "blog.example.com/me" has none.
    let username = known.and_then(|_| username(&url));
    let network = known.map(str::to_string).or_else(|| host(&url));
    Profile { network, username, url: Some(url), ..Default::default() }
}

/// Whether a token of text (no spaces) is a web link: with a scheme, starting `www.`, or a
/// dotted host name ending in a 2–24 letter top-level label, optionally with a path.
/// Called on header and contact lines only, where "Node.js" style words are rare.
pub(crate) fn is_link(token: &str) -> bool {
    let t = token.trim_end_matches(['.', ',', ';', ')']);
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return t.len() > 8;
    }
    if t.contains('@') || t.chars().any(char::is_whitespace) {
        return false;
    }
    let host = t.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return false;
    }
    let tld = labels[labels.len() - 1];
    let host_ok = labels.iter().all(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let tld_ok = (2..=24).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase());
    host_ok && tld_ok && (lower.starts_with("www.") || t.contains('/') || host.chars().all(|c| !c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_are_named_from_the_host() {
        assert_eq!(network("https://github.com/jane"), Some("GitHub"));
        assert_eq!(network("https://www.linkedin.com/in/jane-doe/"), Some("LinkedIn"));
        assert_eq!(network("https://linkedin.example/in/mateo"), Some("LinkedIn"));
        assert_eq!(network("https://scholar.google.com/citations?user=x"), Some("Google Scholar"));
        assert_eq!(network("https://jane.dev"), None);
        let p = profile("linkedin.com/in/jane-doe/");
        assert_eq!(p.url.as_deref(), Some("https://linkedin.com/in/jane-doe/"));
        assert_eq!(p.username.as_deref(), Some("jane-doe"));
        assert_eq!(p.network.as_deref(), Some("LinkedIn"));
        assert_eq!(profile("https://blog.example.com/me").network.as_deref(), Some("blog.example.com"));
    }

    #[test]
    fn links_are_told_from_words() {
        for yes in ["https://x.y/z", "github.com/jane", "www.jane.dev", "jane.dev", "linkedin.com/in/jane-doe"] {
            assert!(is_link(yes), "{yes}");
        }
        for no in ["Node.js", "jane@example.com", "e.g.", "3.8/4.0", "Seattle,", "U.S.", "a..b"] {
            assert!(!is_link(no), "{no}");
        }
    }
}
