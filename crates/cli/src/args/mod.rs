//! The command line, as clap types: the global options and the command tree here, each
//! command group's arguments in a module of its own. Command and flag names are a
//! contract with scripts: change them only with a deprecation path.

use clap::{Args, Parser, Subcommand, ValueEnum};

mod adverity;
mod audit;
mod axiom;
mod axolo;
mod config;
mod modelprime;
mod offboard;
mod onboard;
mod paradime;
mod reconcile;
mod roster;
mod runs;
mod sandbox;
mod scim;
mod users;
mod values;

pub(crate) use adverity::*;
pub(crate) use audit::*;
pub(crate) use axiom::*;
pub(crate) use axolo::*;
pub(crate) use config::*;
pub(crate) use modelprime::*;
pub(crate) use offboard::*;
pub(crate) use onboard::*;
pub(crate) use paradime::*;
pub(crate) use reconcile::*;
pub(crate) use roster::*;
pub(crate) use runs::*;
pub(crate) use sandbox::*;
pub(crate) use scim::*;
pub(crate) use users::*;

/// Onboard, offboard and list users across Axiom, Adverity, Paradime, Model-Prime and Axolo.
///
/// Credentials and base URLs come from the environment (AXIOM_TOKEN, ADVERITY_URL,
/// ...); `--sandbox` runs everything against local fakes instead.
#[derive(Debug, Parser)]
#[command(name = "usermgmt", version, propagate_version = true)]
pub(crate) struct Cli {
    /// Start the in-process sandbox and point every provider at it (no credentials needed);
    /// its state persists between commands in the --sandbox-state file.
    #[arg(long, global = true)]
    pub(crate) sandbox: bool,

    /// The sandbox's state file, shared by --sandbox and `sandbox serve`. Default:
    /// $USERMGMT_SANDBOX_STATE, else sandbox/state.json in the platform state directory
    /// (~/.local/state/usermgmt on Linux); `usermgmt sandbox reset` restores the demo data.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "USERMGMT_SANDBOX_STATE"
    )]
    pub(crate) sandbox_state: Option<std::path::PathBuf>,

    /// The config file (usermgmt.toml: provider URLs, contexts; never secrets). Default:
    /// $USERMGMT_CONFIG, else ./usermgmt.toml, else usermgmt.toml in the platform config
    /// directory (~/.config/usermgmt on Linux), else none.
    #[arg(long, global = true, value_name = "PATH", env = "USERMGMT_CONFIG")]
    pub(crate) config: Option<std::path::PathBuf>,

    /// The context of the config file to use (e.g. staging): its URLs and the variables
    /// its secrets are read from win over the environment.
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        env = "USERMGMT_CONTEXT",
        conflicts_with = "sandbox"
    )]
    pub(crate) context: Option<String>,

    /// The journal of applied plans (SQLite). Default: $USERMGMT_JOURNAL, else the
    /// platform state directory (~/.local/state/usermgmt/journal.db on Linux); with
    /// --sandbox, a journal of the sandbox's own.
    #[arg(long, global = true, value_name = "PATH", env = "USERMGMT_JOURNAL")]
    pub(crate) journal: Option<std::path::PathBuf>,

    /// Output format.
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = Output::Table, env = "USERMGMT_OUTPUT")]
    pub(crate) output: Output,

    /// Give up on a request after this many seconds (default 30; retries of idempotent
    /// calls each get the full time).
    #[arg(long, global = true, value_name = "SECONDS", env = "USERMGMT_TIMEOUT", value_parser = values::timeout)]
    pub(crate) timeout: Option<std::time::Duration>,

    /// Print tables and CSV without their header row.
    #[arg(long, global = true)]
    pub(crate) no_headers: bool,

    /// More logging on stderr (-v: info, -vv: debug, -vvv: trace).
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    /// A table for people.
    Table,
    /// JSON for scripts: an array for lists, an object otherwise.
    Json,
    /// CSV with a header row.
    Csv,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Axiom users and the current user.
    #[command(subcommand)]
    Axiom(AxiomCommand),
    /// Adverity users.
    #[command(subcommand)]
    Adverity(AdverityCommand),
    /// Paradime users and workspaces.
    #[command(subcommand)]
    Paradime(ParadimeCommand),
    /// Model-Prime organisation, users, invitations and roles.
    #[command(subcommand)]
    Modelprime(ModelPrimeCommand),
    /// Axolo onboarding and offboarding by GitHub login.
    #[command(subcommand)]
    Axolo(AxoloCommand),
    /// Users across every configured provider.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Plan (and with --apply, run) giving one person a profile's access in every provider.
    Onboard(OnboardArgs),
    /// Plan (and with --apply, run) removing one person from every provider.
    Offboard(OffboardArgs),
    /// Plan (and with --apply, run) making every provider match a roster.
    Reconcile(ReconcileArgs),
    /// The roster: who should have access, as a YAML or CSV file.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// An access review: everyone's accounts across providers, with what to look at.
    ///
    /// One row per person (accounts grouped by lowercase email), one column per listable
    /// provider, and the flags; the counts go to stderr. All or nothing: if a provider
    /// fails, nothing is printed (exit 1), since its people would read as having no account.
    Audit(AuditArgs),
    /// Apply a plan file exactly as it was reviewed.
    Apply(ApplyArgs),
    /// The journal: list, show, resume and reverse recorded runs.
    #[command(subcommand)]
    Runs(RunsCommand),
    /// The local sandbox of all five APIs.
    #[command(subcommand)]
    Sandbox(SandboxCommand),
    /// The SCIM 2.0 bridge, so identity providers (Okta, Entra ID) read people everywhere.
    #[command(subcommand)]
    Scim(ScimCommand),
    /// The config file and the settings in force.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  usermgmt completions bash > ~/.local/share/bash-completion/completions/usermgmt\n  \
        usermgmt completions zsh > \"${fpath[1]}/_usermgmt\"\n  \
        usermgmt completions fish > ~/.config/fish/completions/usermgmt.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Examples:\n  usermgmt man > usermgmt.1 && man ./usermgmt.1")]
    Man,
}

/// Pagination flags shared by the paginated lists.
#[derive(Debug, Clone, Copy, Args)]
pub(crate) struct PageArgs {
    /// Items per request (clamped to the provider's maximum).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) page_size: Option<u64>,
    /// Stop after this many users.
    #[arg(long)]
    pub(crate) limit: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn offboard_needs_login_and_organization_together() {
        assert!(
            Cli::try_parse_from([
                "usermgmt",
                "offboard",
                "--email",
                "a@b.c",
                "--github-login",
                "x"
            ])
            .is_err()
        );
        let cli = Cli::try_parse_from([
            "usermgmt",
            "offboard",
            "--email",
            "a@b.c",
            "--github-login",
            "x",
            "--axolo-organization",
            "acme",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Command::Offboard(OffboardArgs {
                plan: PlanFlags { apply: false, .. },
                ..
            })
        ));
    }
}
