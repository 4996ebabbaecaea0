//! Terminal safety: server-supplied text is made inert before it reaches a terminal,
//! a table, a CSV file or an error line. Control characters become visible escapes
//! (`\u{1b}`), so a user named `"\x1b[2J"` cannot clear the screen or fake output.

use std::borrow::Cow;
use std::io;

/// Whether `c` must not reach a terminal as is: C0 controls (tab and newline included,
/// so a cell stays on one line), DEL, C1 controls (`U+0080..=U+009F`, which some
/// terminals read as escape sequences) and the Unicode bidirectional controls that can
/// make text display in a different order than it is stored ("Trojan Source").
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The one place every printed server string goes through: credentials the process
/// holds are [redacted](usermgmt::runtime::redact) first (a server may echo a token
/// back), then unsafe characters become `\u{..}` escapes; text with neither is
/// returned as is (no allocation).
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    match usermgmt::runtime::redact::scrub(text) {
        Cow::Borrowed(text) => escape(text),
        Cow::Owned(scrubbed) => Cow::Owned(escape(&scrubbed).into_owned()),
    }
}

/// `text` with unsafe characters as `\u{..}` escapes.
fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A serde_json formatter that also writes DEL, C1 and bidi controls as `\uXXXX`
/// escapes (serde_json escapes only C0). The JSON value is the same; only its spelling
/// changes, so the output stays valid JSON and is safe to print on a terminal.
pub(crate) struct SafeJson<F>(pub(crate) F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeJson<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json hands over the text between escapes in one piece, so a secret
        // (never containing a character JSON escapes) is always whole in a fragment.
        let scrubbed = usermgmt::runtime::redact::scrub(fragment);
        let fragment = scrubbed.as_ref();
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Above U+FFFF never happens: every unsafe character is in the BMP.
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // Everything else is delegated, so pretty printing keeps working.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as JSON text with [`SafeJson`] escaping, pretty or compact.
pub(crate) fn to_safe_json<T: serde::Serialize + ?Sized>(
    value: &T,
    pretty: bool,
) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    if pretty {
        let formatter = SafeJson(serde_json::ser::PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))?;
    } else {
        let formatter = SafeJson(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))?;
    }
    // serde_json writes UTF-8 only; the lossy path is never taken.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn escape_bel_newline_tab_del_and_c1_become_visible_escapes() {
        assert_eq!(
            sanitize("a\x1b[31mred\x07\n\t\x7f\u{9b}z"),
            "a\\u{1b}[31mred\\u{7}\\u{a}\\u{9}\\u{7f}\\u{9b}z"
        );
    }

    #[test]
    fn bidi_overrides_are_escaped_but_ordinary_unicode_is_kept() {
        assert_eq!(sanitize("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert!(matches!(sanitize("Zoë Ødegård 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn safe_json_escapes_c1_and_bidi_and_still_parses_to_the_same_value() {
        let value = serde_json::json!({"name": "x\u{9b}y\u{202e}\x1b\x7f"});
        let text = to_safe_json(&value, false).unwrap();
        assert!(!text.chars().any(is_unsafe), "{text:?}");
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        let pretty = to_safe_json(&value, true).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&pretty).unwrap(),
            value
        );
    }
}
