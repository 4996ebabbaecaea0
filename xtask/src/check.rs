//! Drift reporting for `codegen --check`: a unified diff of checked-in versus fresh output.

use similar::TextDiff;

/// Longest diff printed per file; a regenerated crate can differ in thousands of lines.
const MAX_DIFF_LINES: usize = 200;

/// A unified diff from `current` (checked in) to `fresh` (just generated), cut to a readable length.
pub(crate) fn diff(current: &str, fresh: &str, path: &str) -> String {
    let text = TextDiff::from_lines(current, fresh)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("{path} (checked in)"),
            &format!("{path} (generated)"),
        )
        .to_string();
    let total = text.lines().count();
    if total <= MAX_DIFF_LINES {
        return text;
    }
    let mut shown: String = text
        .lines()
        .take(MAX_DIFF_LINES)
        .collect::<Vec<_>>()
        .join("\n");
    shown.push_str(&format!("\n... {} more diff lines", total - MAX_DIFF_LINES));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_the_file_and_shows_changed_lines() {
        let out = diff("a\nb\n", "a\nc\n", "crates/x/src/generated.rs");
        assert!(out.contains("crates/x/src/generated.rs (checked in)"));
        assert!(out.contains("-b"));
        assert!(out.contains("+c"));
    }

    #[test]
    fn long_diffs_are_cut() {
        let fresh: String = (0..1000).map(|i| format!("{i}\n")).collect();
        let out = diff("", &fresh, "f.rs");
        assert!(out.lines().count() <= MAX_DIFF_LINES + 1);
        assert!(out.ends_with("more diff lines"));
    }
}
