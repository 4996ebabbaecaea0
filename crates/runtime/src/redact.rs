//! Redaction of echoed secrets: every credential value this process turns into a
//! header is remembered here, and [`scrub`] replaces it (and any `user:password@` in a
//! URL) with [`REDACTED`] in text about to be shown: error bodies a server echoes, log
//! lines, reports. The runtime scrubs the bodies it keeps in errors; the CLI scrubs
//! everything it prints and logs.

use std::borrow::Cow;
use std::sync::{PoisonError, RwLock};

use secrecy::{ExposeSecret, SecretString};

/// What a secret is replaced with.
pub const REDACTED: &str = "[redacted]";

/// Values shorter than this are not scrubbed: replacing every `abc` in the output would
/// hide more than it protects, and no provider issues credentials that short.
const MIN_SECRET_CHARS: usize = 6;

static SECRETS: RwLock<Vec<SecretString>> = RwLock::new(Vec::new());

/// Remember `secret` so [`scrub`] hides it from now on. Called for every credential
/// value when a client's headers are built; callers with other secrets (a SCIM token, a
/// webhook key) can add theirs.
pub fn register(secret: &str) {
    let secret = secret.trim();
    if secret.chars().count() < MIN_SECRET_CHARS {
        return;
    }
    let mut secrets = SECRETS.write().unwrap_or_else(PoisonError::into_inner);
    if !secrets.iter().any(|known| known.expose_secret() == secret) {
        secrets.push(SecretString::from(secret.to_string()));
        // Longest first, so a secret containing another is replaced whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.expose_secret().len()));
    }
}

/// `text` with every registered secret and every URL's userinfo replaced by
/// [`REDACTED`]; borrowed when there was nothing to hide.
///
/// ```
/// use usermgmt_runtime::redact::{register, scrub};
/// register("xaat-0123456789");
/// assert_eq!(
///     scrub("bad token xaat-0123456789 for https://bob:hunter22@host/x"),
///     "bad token [redacted] for https://[redacted]@host/x"
/// );
/// assert_eq!(scrub("nothing to hide"), "nothing to hide");
/// ```
pub fn scrub(text: &str) -> Cow<'_, str> {
    let secrets = SECRETS.read().unwrap_or_else(PoisonError::into_inner);
    let mut out = Cow::Borrowed(text);
    for secret in secrets.iter() {
        let secret = secret.expose_secret();
        if out.contains(secret) {
            out = Cow::Owned(out.replace(secret, REDACTED));
        }
    }
    match without_userinfo(&out) {
        Some(cleaned) => Cow::Owned(cleaned),
        None => out,
    }
}

/// `text` with the `user:password@` of each `scheme://` URL replaced, or `None` when
/// no URL in it carries userinfo. Hand-written: a URL parser would need the URL cut
/// out of the surrounding text first, and this is the whole rule.
fn without_userinfo(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find("://") {
        let authority_start = at + 3;
        let authority_len = rest[authority_start..]
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>') || c.is_whitespace()
            })
            .unwrap_or(rest.len() - authority_start);
        let authority = &rest[authority_start..authority_start + authority_len];
        out.push_str(&rest[..authority_start]);
        match authority.rfind('@') {
            Some(userinfo_end) if userinfo_end > 0 && authority[..userinfo_end] != *REDACTED => {
                out.push_str(REDACTED);
                out.push_str(&authority[userinfo_end..]);
                changed = true;
            }
            _ => out.push_str(authority),
        }
        rest = &rest[authority_start + authority_len..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_secrets_are_replaced_wherever_they_appear() {
        register("prdm-key-5566778899");
        register("prdm-key-5566778899-and-more");
        let text = r#"{"error":"key prdm-key-5566778899-and-more / prdm-key-5566778899 refused"}"#;
        assert_eq!(
            scrub(text),
            r#"{"error":"key [redacted] / [redacted] refused"}"#
        );
    }

    #[test]
    fn short_values_are_not_treated_as_secrets() {
        register("abc");
        assert_eq!(scrub("abc def"), "abc def");
    }

    #[test]
    fn userinfo_in_urls_is_replaced_and_plain_urls_are_left_alone() {
        assert_eq!(
            scrub("GET http://ada:pw@127.0.0.1:9/v2/users failed"),
            "GET http://[redacted]@127.0.0.1:9/v2/users failed"
        );
        assert_eq!(
            scrub("see https://docs.example/a@b and mailto:x@y"),
            "see https://docs.example/a@b and mailto:x@y"
        );
        assert!(matches!(scrub("https://host/path"), Cow::Borrowed(_)));
        assert_eq!(scrub("x://"), "x://");
    }
}
