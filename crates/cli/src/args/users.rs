//! `usermgmt users ...`: users across every configured provider.

use clap::Subcommand;
use usermgmt::{Email, Provider};

use super::values;

#[derive(Debug, Subcommand)]
pub(crate) enum UsersCommand {
    /// One list of users across all configured providers.
    ///
    /// Rows stream provider by provider. A provider that fails is reported on stderr
    /// and the exit code is 1, but the rows of the others are printed; Axolo cannot
    /// list users and is reported as such. With --strict, any failure prints no rows.
    #[command(
        after_help = "Columns (CSV, table and JSON): provider, id, email, name, roles, \
        access, status\n\n\
        Examples:\n  usermgmt users list --output csv > everyone.csv\n  \
        usermgmt users list --provider axiom --provider paradime\n  \
        usermgmt users list --strict --output json"
    )]
    List {
        /// Only this provider (repeatable; default: every configured provider).
        #[arg(long = "provider", value_parser = values::provider())]
        providers: Vec<Provider>,
        /// All or nothing: if any provider fails, print no rows at all (exit 1).
        #[arg(long)]
        strict: bool,
    },
    /// One person's accounts everywhere: every listable provider searched by email.
    ///
    /// One row per account. A provider that fails is reported on stderr and the exit
    /// code is 1, but the rows of the others are printed; Axolo cannot list users and is
    /// not searched. An invalid email is refused (exit 2) before any request.
    #[command(
        after_help = "Columns (CSV, table and JSON): provider, id, email, name, roles, \
        access, status\n\n\
        Examples:\n  usermgmt users find --email ada@acme.example\n  \
        usermgmt users find --email ada@acme.example --output json"
    )]
    Find {
        /// The person's email address (case-insensitive).
        #[arg(long, value_parser = values::email)]
        email: Email,
    },
}
