//! `usermgmt roster ...`: the desired state as a file.

use std::path::PathBuf;

use clap::Subcommand;

use crate::roster_file::RosterFormat;

#[derive(Debug, Subcommand)]
pub(crate) enum RosterCommand {
    /// Write who has access now as a roster: each person with the profile (from the
    /// config file) their access matches, or their access per provider where none does.
    ///
    /// Every listable provider is read in full (Axolo cannot be listed, so its members
    /// are not in the roster); if one fails, nothing is written.
    #[command(after_help = "Examples:\n  \
        usermgmt roster dump > roster.yaml\n  \
        usermgmt roster dump --out roster.yaml\n  \
        usermgmt roster dump --format csv --out roster.csv")]
    Dump {
        /// The format: yaml (default; keeps per-provider access) or csv (email, name,
        /// profile, github_login, slack_id; refused when someone's access fits no profile).
        /// Default: from --out's extension, else yaml.
        #[arg(long, value_enum)]
        format: Option<RosterFormat>,
        /// Write to this file (replaced whole) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check a roster file without contacting any provider: every email valid and listed
    /// once, every profile known to the config file, every per-provider access valid.
    #[command(after_help = "Examples:\n  \
        usermgmt roster check roster.yaml\n  \
        usermgmt roster check roster.csv --config ./usermgmt.toml")]
    Check {
        /// The roster: a .yaml/.yml or .csv file.
        #[arg(value_name = "ROSTER")]
        file: PathBuf,
    },
}
