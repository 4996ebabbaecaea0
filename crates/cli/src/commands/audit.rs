//! `usermgmt audit`: an access review of every listable provider, one row per person,
//! optionally compared with a roster and written as an HTML page. The grouping and the
//! flags are `usermgmt::audit`'s; this module reads, prints and writes.
//!
//! All or nothing: if a provider fails, nothing is printed. A review missing one
//! provider would show its people as having no account there, and with a roster flag
//! them as missing or differing.

mod page;

use std::path::Path;

use serde::Serialize;
use usermgmt::audit::{AuditOptions, Review, ReviewedPerson};
use usermgmt::{Capabilities, Provider, User};

use crate::args::{AuditArgs, Output};
use crate::config::Config;
use crate::error::{CliError, CliResult};
use crate::output::{ListWriter, Record, sanitize};
use crate::roster_file;

/// The providers that have a column, in column order (the listable ones).
const COLUMNS: [Provider; 4] = [
    Provider::Axiom,
    Provider::Adverity,
    Provider::Paradime,
    Provider::ModelPrime,
];

/// A provider cell for a provider that was not read (not configured).
const NOT_READ: &str = "(not read)";

pub(crate) async fn run(config: &Config, output: Output, args: AuditArgs) -> CliResult<()> {
    // The roster is checked before any request: a typo is a usage error, not a review.
    let roster = match &args.roster {
        Some(path) => {
            let roster = roster_file::read(path)?;
            roster
                .check(config.profiles())
                .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
            Some(roster)
        }
        None => None,
    };
    let directory = super::configured_directory(config)?;
    let read: Vec<Provider> = directory
        .providers()
        .into_iter()
        .filter(|p| Capabilities::of(*p).list_users)
        .collect();
    if read.is_empty() {
        return Err(CliError::Message(
            "no provider that can list users is configured: set the variables named above, or use --sandbox"
                .to_string(),
        ));
    }
    if directory.providers().contains(&Provider::Axolo) {
        eprintln!("usermgmt: Axolo cannot list users; its members are not in the review");
    }
    let accounts = super::collect("accounts", directory.list_snapshots()).await?;
    let options = AuditOptions::new().with_dormant_days(args.dormant_days);
    let review = Review::build(
        accounts,
        &read,
        roster.as_ref(),
        config.profiles(),
        &options,
    )?;

    if let Some(path) = &args.html {
        write_whole(path, &page::render(&review))?;
    }
    // One row at a time: the rows copy every account, and 50,000 people's rows held at
    // once would double the review's memory.
    let mut writer = ListWriter::<AuditRow>::new(output)?;
    for person in &review.people {
        writer.write(&AuditRow::of(person, &review.providers))?;
    }
    writer.finish()?;
    if let Some(path) = &args.html {
        eprintln!("usermgmt: wrote the review to {}", path.display());
    }
    eprintln!("usermgmt: {}", sanitize(&review.summary().to_string()));
    Ok(())
}

/// Writes `text` to a temporary file beside `path`, then renames it over `path`, so a
/// reader never sees half a page.
fn write_whole(path: &Path, text: &str) -> CliResult<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let fail =
        |e: std::io::Error| CliError::Message(format!("cannot write {}: {e}", path.display()));
    std::fs::write(&temporary, text).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        fail(e)
    })
}

/// One person of the review as printed: a cell per provider, the flags, and (JSON only)
/// the evidence and the accounts themselves.
#[derive(Debug, Serialize)]
pub(crate) struct AuditRow {
    email: String,
    name: Option<String>,
    axiom: String,
    adverity: String,
    paradime: String,
    modelprime: String,
    flags: Vec<&'static str>,
    profile: Option<String>,
    in_roster: bool,
    findings: Vec<FindingRow>,
    accounts: Vec<User>,
}

/// A flag with its evidence.
#[derive(Debug, Serialize)]
struct FindingRow {
    flag: &'static str,
    provider: Option<&'static str>,
    detail: String,
}

impl Record for AuditRow {
    const COLUMNS: &'static [&'static str] = &[
        "email",
        "name",
        "axiom",
        "adverity",
        "paradime",
        "modelprime",
        "flags",
    ];
}

impl AuditRow {
    fn of(person: &ReviewedPerson, read: &[Provider]) -> AuditRow {
        let cell = |provider: Provider| {
            if read.contains(&provider) {
                person.cell(provider)
            } else {
                NOT_READ.to_string()
            }
        };
        let [axiom, adverity, paradime, modelprime] = COLUMNS.map(cell);
        AuditRow {
            email: person.email.clone(),
            name: person.name.clone(),
            axiom,
            adverity,
            paradime,
            modelprime,
            flags: person.flags().into_iter().map(|f| f.as_str()).collect(),
            profile: person.profile.clone(),
            in_roster: person.in_roster,
            findings: person
                .findings
                .iter()
                .map(|f| FindingRow {
                    flag: f.flag.as_str(),
                    provider: f.provider.map(Provider::id),
                    detail: f.detail.clone(),
                })
                .collect(),
            accounts: person.accounts.iter().map(|s| s.user.clone()).collect(),
        }
    }
}
