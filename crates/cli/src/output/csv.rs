//! CSV cells safe for spreadsheets: escaped like every printed string, then neutralised
//! against formula injection (OWASP): a cell starting with `=`, `+`, `-`, `@`, tab or CR
//! gets a leading `'`, so Excel or LibreOffice show it as text instead of running it.
//!
//! Every such cell is neutralised, numbers like `-5` included: telling a harmless
//! number from `-2+3+cmd|' /C calc'!A0` is exactly the parsing this rule avoids.

use std::borrow::Cow;

use super::escape::sanitize;

/// The characters a spreadsheet reads as the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a safe CSV cell: control characters escaped, formulas neutralised.
pub(crate) fn cell(text: &str) -> Cow<'_, str> {
    let escaped = sanitize(text);
    if escaped.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{escaped}"))
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_starting_like_a_formula_get_a_leading_quote() {
        for text in ["=1+1", "+1", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(cell(text), format!("'{text}"), "{text}");
        }
    }

    #[test]
    fn tab_and_carriage_return_are_escaped_first_and_stay_inert() {
        assert_eq!(cell("\t=1"), "\\u{9}=1");
        assert_eq!(cell("\r=1"), "\\u{d}=1");
    }

    #[test]
    fn ordinary_cells_are_unchanged() {
        for text in ["ada@acme.example", "Ada Lovelace", "42", "", "a=b"] {
            assert_eq!(cell(text), text);
        }
    }
}
