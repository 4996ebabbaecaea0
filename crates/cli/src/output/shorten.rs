//! Error lines cut to a readable size: a server can put megabytes into a message, and
//! the tail of a huge line helps nobody on a terminal. `-vv` shows everything.

use std::borrow::Cow;

/// The longest error line printed below `-vv`, in bytes.
pub(crate) const MAX_ERROR_BYTES: usize = 4096;

/// `line` cut to [`MAX_ERROR_BYTES`] (on a character boundary) with a note of what was
/// left out, unless `verbose` is 2 or more.
pub(crate) fn shorten(line: &str, verbose: u8) -> Cow<'_, str> {
    if verbose >= 2 || line.len() <= MAX_ERROR_BYTES {
        return Cow::Borrowed(line);
    }
    let mut end = MAX_ERROR_BYTES;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let left_out = line.len() - end;
    Cow::Owned(format!(
        "{}… ({left_out} more bytes; -vv shows all)",
        &line[..end]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_on_a_character_boundary_unless_very_verbose() {
        let line = "é".repeat(3000); // 6000 bytes
        let short = shorten(&line, 0);
        assert!(short.len() < MAX_ERROR_BYTES + 64, "{}", short.len());
        assert!(
            short.ends_with("… (1904 more bytes; -vv shows all)"),
            "{short}"
        );
        assert_eq!(shorten(&line, 2), line);
        assert_eq!(shorten("short", 0), "short");
    }
}
