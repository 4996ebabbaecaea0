//! Roster files: YAML (`people:` with profiles and per-provider overrides) or CSV
//! (`email,name,profile,github_login,slack_id`, no overrides), chosen by the extension.
//!
//! ```yaml
//! people:
//!   - email: ada@acme.example
//!     name: Ada Lovelace
//!     profile: admin
//!     github_login: ada-lovelace
//!     slack_id: U01ADALOVE
//!   - email: edsger@acme.example
//!     name: Edsger Dijkstra
//!     profile: developer
//!     access:                # replaces the profile's access for these providers
//!       axiom: 6c1f2a9e-3b7d-4e0a-9f45-2d8b1c7e5a31
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};
use usermgmt::{Roster, RosterEntry};

use crate::error::{CliError, CliResult};

/// The CSV columns, in order.
pub(crate) const CSV_COLUMNS: [&str; 5] = ["email", "name", "profile", "github_login", "slack_id"];

/// A roster file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RosterFormat {
    /// YAML, with per-provider overrides.
    Yaml,
    /// CSV with a header row: email,name,profile,github_login,slack_id.
    Csv,
}

impl RosterFormat {
    /// The format a path's extension names (`.yaml`, `.yml`, `.csv`).
    pub(crate) fn of(path: &Path) -> CliResult<RosterFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("yaml" | "yml") => Ok(RosterFormat::Yaml),
            Some("csv") => Ok(RosterFormat::Csv),
            _ => Err(CliError::Usage(format!(
                "{}: a roster is a .yaml, .yml or .csv file",
                path.display()
            ))),
        }
    }
}

/// One CSV row.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvRow {
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    profile: String,
    #[serde(default)]
    github_login: String,
    #[serde(default)]
    slack_id: String,
}

/// Reads the roster at `path` (format from its extension); errors name the file and,
/// where the parser knows it, the line.
pub(crate) fn read(path: &Path) -> CliResult<Roster> {
    let format = RosterFormat::of(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::Message(format!("cannot read the roster {}: {e}", path.display()))
    })?;
    parse(path, &text, format)
}

/// Parses `text` (from `path`, for messages).
pub(crate) fn parse(path: &Path, text: &str, format: RosterFormat) -> CliResult<Roster> {
    let fail = |what: String| CliError::Message(format!("{}: {what}", path.display()));
    match format {
        RosterFormat::Yaml => yaml_serde::from_str(text).map_err(|e| fail(e.to_string())),
        RosterFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(text.as_bytes());
            let mut people = Vec::new();
            for (i, row) in reader.deserialize::<CsvRow>().enumerate() {
                let row = row.map_err(|e| fail(format!("row {}: {e}", i + 1)))?;
                let some = |s: String| (!s.is_empty()).then_some(s);
                people.push(RosterEntry {
                    email: row.email,
                    name: row.name,
                    profile: some(row.profile),
                    github_login: some(row.github_login),
                    slack_id: some(row.slack_id),
                    access: Default::default(),
                });
            }
            Ok(Roster { people })
        }
    }
}

/// The roster as `format`; CSV cannot hold per-provider overrides, so a roster with
/// any is refused rather than written without them.
pub(crate) fn render(roster: &Roster, format: RosterFormat) -> CliResult<String> {
    match format {
        RosterFormat::Yaml => yaml_serde::to_string(roster)
            .map_err(|e| CliError::Message(format!("cannot write the roster as YAML: {e}"))),
        RosterFormat::Csv => {
            let with_overrides: Vec<&str> = roster
                .people
                .iter()
                .filter(|p| p.access != Default::default())
                .map(|p| p.email.as_str())
                .collect();
            if !with_overrides.is_empty() {
                return Err(CliError::Message(format!(
                    "{} people have access no profile describes ({}{}); CSV has no column for \
                     it: write YAML (--format yaml), or add profiles that match",
                    with_overrides.len(),
                    with_overrides
                        .iter()
                        .take(3)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", "),
                    if with_overrides.len() > 3 {
                        ", ..."
                    } else {
                        ""
                    }
                )));
            }
            let mut writer = csv::Writer::from_writer(Vec::new());
            let write_error = |e: csv::Error| CliError::Message(format!("cannot write CSV: {e}"));
            writer.write_record(CSV_COLUMNS).map_err(write_error)?;
            for person in &roster.people {
                writer
                    .write_record([
                        person.email.as_str(),
                        person.name.as_str(),
                        person.profile.as_deref().unwrap_or(""),
                        person.github_login.as_deref().unwrap_or(""),
                        person.slack_id.as_deref().unwrap_or(""),
                    ])
                    .map_err(write_error)?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|e| CliError::Message(format!("cannot write CSV: {e}")))?;
            String::from_utf8(bytes)
                .map_err(|e| CliError::Message(format!("cannot write CSV: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "people:\n  - email: ada@acme.example\n    name: Ada Lovelace\n    profile: admin\n    github_login: ada-lovelace\n  - email: edsger@acme.example\n    name: Edsger Dijkstra\n    access:\n      axiom: 6c1f\n      modelprime: [developer]\n";

    #[test]
    fn yaml_round_trips_with_overrides() {
        let roster = parse(Path::new("r.yaml"), YAML, RosterFormat::Yaml).unwrap();
        assert_eq!(roster.people.len(), 2);
        assert_eq!(roster.people[0].profile.as_deref(), Some("admin"));
        assert_eq!(roster.people[1].access.axiom.as_deref(), Some("6c1f"));
        let again = parse(
            Path::new("r.yaml"),
            &render(&roster, RosterFormat::Yaml).unwrap(),
            RosterFormat::Yaml,
        )
        .unwrap();
        assert_eq!(again, roster);
    }

    #[test]
    fn csv_round_trips_and_refuses_overrides_it_cannot_hold() {
        let csv = "email,name,profile,github_login,slack_id\nada@acme.example,Ada Lovelace,admin,ada-lovelace,\nalan@acme.example, Alan Turing ,,,\n";
        let roster = parse(Path::new("r.csv"), csv, RosterFormat::Csv).unwrap();
        assert_eq!(roster.people[1].name, "Alan Turing");
        assert_eq!(roster.people[1].profile, None);
        assert_eq!(
            render(&roster, RosterFormat::Csv).unwrap(),
            csv.replace(" Alan Turing ", "Alan Turing")
        );
        let with_overrides = parse(Path::new("r.yaml"), YAML, RosterFormat::Yaml).unwrap();
        let refused = render(&with_overrides, RosterFormat::Csv)
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("edsger@acme.example") && refused.contains("YAML"),
            "{refused}"
        );
        let empty = render(&Roster::default(), RosterFormat::Csv).unwrap();
        assert_eq!(
            empty, "email,name,profile,github_login,slack_id\n",
            "an empty CSV keeps its header"
        );
    }

    #[test]
    fn unknown_fields_and_extensions_are_errors_naming_the_file() {
        let typo = parse(
            Path::new("team.yaml"),
            "people:\n  - email: a@b.c\n    profil: x\n",
            RosterFormat::Yaml,
        )
        .unwrap_err()
        .to_string();
        assert!(
            typo.starts_with("team.yaml:") && typo.contains("profil") && typo.contains("line 3"),
            "{typo}"
        );
        let column = parse(
            Path::new("team.csv"),
            "email,role\na@b.c,admin\n",
            RosterFormat::Csv,
        )
        .unwrap_err()
        .to_string();
        assert!(
            column.contains("team.csv") && column.contains("role"),
            "{column}"
        );
        assert!(RosterFormat::of(Path::new("team.json")).is_err());
    }
}
