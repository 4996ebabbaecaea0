//! Tables for people. On a terminal: borders, fitted to its width, ids and emails never
//! broken (their columns keep their full width), other cells cut to one line with `…`.
//! Piped or redirected (width unknown): no borders, one line per row, columns aligned
//! with spaces, like `kubectl get`, so `grep` and `awk` see whole rows.

use std::io::IsTerminal;

use comfy_table::{
    ColumnConstraint, ContentArrangement, Row, Table, Width,
    presets::{NOTHING, UTF8_FULL_CONDENSED},
};

/// How a table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A terminal this many columns wide.
    Terminal(u16),
    /// Not a terminal: no borders, no width limit.
    Plain,
}

impl Layout {
    /// The layout for stdout: its terminal's width, or plain when it is not a terminal.
    pub(crate) fn of_stdout() -> Layout {
        if !std::io::stdout().is_terminal() {
            return Layout::Plain;
        }
        match terminal_size::terminal_size() {
            Some((terminal_size::Width(width), _)) => Layout::Terminal(width),
            None => Layout::Terminal(80),
        }
    }
}

/// Columns of free text, the only ones cut to fit. Every other column holds ids,
/// emails or short fixed values: a cut id looks real but names nothing (or someone
/// else), so those always print whole, even if the table is then wider than the terminal.
fn is_free_text(column: &str) -> bool {
    let leaf = column.rsplit('.').next().unwrap_or(column);
    matches!(
        leaf,
        "name" | "first_name" | "last_name" | "roles" | "workspace_names" | "reason" | "error"
    )
}

/// Render `rows` (already escaped cells, one per column) under `columns`.
pub(crate) fn render(
    columns: &[&str],
    rows: &[Vec<String>],
    headers: bool,
    layout: Layout,
) -> String {
    let mut table = Table::new();
    table.force_no_tty();
    match layout {
        Layout::Terminal(width) => {
            table
                .load_preset(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width)
                .set_truncation_indicator("…");
        }
        Layout::Plain => {
            table
                .load_preset(NOTHING)
                .set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if headers {
        table.set_header(columns.to_vec());
    }
    for cells in rows {
        let mut row = Row::from(cells.clone());
        if matches!(layout, Layout::Terminal(_)) {
            row.max_height(1);
        }
        table.add_row(row);
    }
    for (index, column) in table.column_iter_mut().enumerate() {
        match layout {
            Layout::Terminal(_) => match columns.get(index) {
                // At least as wide as its header, so the header is never cut.
                Some(name) if is_free_text(name) => {
                    let header = u16::try_from(name.chars().count()).unwrap_or(u16::MAX);
                    column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                        header.saturating_add(2),
                    )));
                }
                _ => {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            },
            // Three spaces between columns, like `kubectl get`.
            Layout::Plain => {
                column.set_padding((0, 3));
            }
        }
    }
    table.trim_fmt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "google-oauth2|108700165538783155118".to_string(),
                "alan.mathison.turing@very-long-domain.acme.example".to_string(),
                "Alan Mathison Turing, mathematician, logician and cryptanalyst".to_string(),
            ],
            vec![
                "auth0|1".to_string(),
                "ada@acme.example".to_string(),
                "Ada".to_string(),
            ],
        ]
    }

    #[test]
    fn a_narrow_terminal_truncates_names_but_never_ids_or_emails() {
        let text = render(
            &["id", "email", "name"],
            &rows(),
            true,
            Layout::Terminal(110),
        );
        assert!(
            text.contains("google-oauth2|108700165538783155118"),
            "{text}"
        );
        assert!(
            text.contains("alan.mathison.turing@very-long-domain.acme.example"),
            "{text}"
        );
        assert!(
            text.contains('…'),
            "the long name is cut with an ellipsis:\n{text}"
        );
        assert!(!text.contains("cryptanalyst"), "{text}");
        for line in text.lines() {
            assert!(
                line.chars().count() <= 110,
                "wider than the terminal: {line}"
            );
        }
        // Header, separators and one line per row: nothing wrapped.
        assert_eq!(
            text.lines().filter(|l| l.contains("acme.example")).count(),
            2,
            "{text}"
        );
    }

    #[test]
    fn a_plain_table_has_no_borders_and_one_line_per_row() {
        let text = render(&["id", "email", "name"], &rows(), true, Layout::Plain);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("id "), "{text}");
        assert!(
            lines[1].starts_with("google-oauth2|108700165538783155118 "),
            "{text}"
        );
        assert!(lines[1].ends_with("cryptanalyst"), "{text}");
        assert!(!text.contains(['│', '─', '┌', '╞']), "{text}");
        // Columns line up: every email starts at the same position.
        let at = |line: &str, what: &str| line.find(what).unwrap();
        assert_eq!(
            at(lines[1], "alan.mathison"),
            at(lines[2], "ada@"),
            "{text}"
        );
        assert_eq!(at(lines[0], "email"), at(lines[2], "ada@"), "{text}");
    }

    #[test]
    fn without_headers_only_the_rows_are_printed() {
        let text = render(&["id", "email", "name"], &rows(), false, Layout::Plain);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(!text.contains("email"), "{text}");
    }
}
