//! The command line, as clap types. Command and flag names are a contract with scripts:
//! change them only with a deprecation path.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Onboard, offboard and list users across Axiom, Adverity, Paradime, Model-Prime and Axolo.
///
/// Credentials and base URLs come from the environment (AXIOM_TOKEN, ADVERITY_URL,
/// ...); `--sandbox` runs everything against local fakes instead.
#[derive(Debug, Parser)]
#[command(name = "usermgmt", version, propagate_version = true)]
pub(crate) struct Cli {
    /// Start the in-process sandbox and point every provider at it (no credentials needed).
    #[arg(long, global = true)]
    pub(crate) sandbox: bool,

    /// Output format.
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = Output::Table, env = "USERMGMT_OUTPUT")]
    pub(crate) output: Output,

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
    /// Plan (and with --apply, run) removing one person from every provider.
    Offboard(OffboardArgs),
    /// The local sandbox of all five APIs.
    #[command(subcommand)]
    Sandbox(SandboxCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomCommand {
    /// Users of the organisation.
    #[command(subcommand)]
    Users(AxiomUsers),
    /// The user the token belongs to.
    #[command(subcommand)]
    Me(AxiomMe),
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomUsers {
    /// List every user.
    List,
    /// Show one user.
    Get { id: String },
    /// Create a user.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// none, read-only, user, admin, owner, or a custom role id.
        #[arg(long)]
        role: String,
    },
    /// Update a user's name (and email).
    Update {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// Change a user's role.
    SetRole {
        id: String,
        #[arg(long)]
        role: String,
    },
    /// Delete a user.
    Delete { id: String },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomMe {
    /// Show the current user.
    Get,
    /// Rename the current user.
    Rename {
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AdverityCommand {
    /// Users of the instance.
    #[command(subcommand)]
    Users(AdverityUsers),
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

/// Fields of an Adverity user; all optional on update.
#[derive(Debug, Clone, Args)]
pub(crate) struct AdverityFields {
    #[arg(long)]
    pub(crate) email: Option<String>,
    #[arg(long)]
    pub(crate) first_name: Option<String>,
    #[arg(long)]
    pub(crate) last_name: Option<String>,
    /// Group id (repeatable).
    #[arg(long = "group")]
    pub(crate) groups: Vec<i64>,
    /// Workspace id (repeatable).
    #[arg(long = "workspace")]
    pub(crate) workspaces: Vec<i64>,
    /// Create or set the user inactive.
    #[arg(long)]
    pub(crate) inactive: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AdverityUsers {
    /// List users (paginated).
    List(PageArgs),
    /// Show one user.
    Get { id: i64 },
    /// Create a user.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        /// Group id (repeatable).
        #[arg(long = "group")]
        groups: Vec<i64>,
        /// Workspace id (repeatable).
        #[arg(long = "workspace")]
        workspaces: Vec<i64>,
        /// Create the user inactive.
        #[arg(long)]
        inactive: bool,
    },
    /// Change some fields of a user.
    Update {
        id: i64,
        #[command(flatten)]
        fields: AdverityFields,
    },
    /// Delete a user.
    Delete { id: i64 },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ParadimeCommand {
    /// Active and invited users.
    #[command(subcommand)]
    Users(ParadimeUsers),
    /// Workspaces of the company.
    #[command(subcommand)]
    Workspaces(ParadimeWorkspaces),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ParadimeUsers {
    /// List active and invited users.
    List,
    /// Invite a user.
    Invite {
        #[arg(long)]
        email: String,
        /// ADMIN, DEVELOPER, BUSINESS, ...
        #[arg(long)]
        account_type: String,
    },
    /// Change an active user's account type.
    SetRole {
        uid: String,
        #[arg(long)]
        account_type: String,
    },
    /// Disable an active user.
    Disable { uid: String },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ParadimeWorkspaces {
    /// List workspaces.
    List,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeCommand {
    /// The organisation.
    #[command(subcommand)]
    Org(ModelPrimeOrg),
    /// The current user.
    #[command(subcommand)]
    Me(ModelPrimeMe),
    /// Users of the organisation.
    #[command(subcommand)]
    Users(ModelPrimeUsers),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeOrg {
    /// Show the organisation.
    Get,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeMe {
    /// Show the current user.
    Get,
    /// Change the current user's name or email (username-password accounts only).
    Update {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
    },
}

/// How an invited Model-Prime user logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Connection {
    /// Google sign-in (the API's default).
    #[value(name = "google-oauth2")]
    GoogleOauth2,
    /// Username and password.
    None,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeUsers {
    /// List users (paginated).
    List {
        /// Case-insensitive name filter: letters and spaces, at least 3.
        #[arg(long)]
        name_search: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one user with roles.
    Get { id: String },
    /// Invite a user.
    Invite {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, developer or analyst (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        #[arg(long, value_enum, default_value_t = Connection::GoogleOauth2)]
        connection: Connection,
    },
    /// Replace a user's roles.
    SetRoles {
        id: String,
        /// admin, developer or analyst (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// Remove a user from the organisation.
    Remove { id: String },
    /// Send a password-reset email.
    ResetPassword { id: String },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxoloCommand {
    /// Onboard an engineer.
    Onboard {
        /// GitHub organization (case-sensitive).
        #[arg(long)]
        organization: String,
        #[arg(long)]
        github_login: String,
        #[arg(long)]
        slack_id: String,
    },
    /// Offboard an engineer.
    Offboard {
        /// GitHub organization (case-sensitive).
        #[arg(long)]
        organization: String,
        #[arg(long)]
        github_login: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum UsersCommand {
    /// One table of users across all configured providers.
    List {
        /// Only these providers (repeatable).
        #[arg(long = "provider")]
        providers: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct OffboardArgs {
    /// The person's email.
    #[arg(long)]
    pub(crate) email: String,
    /// The person's GitHub login (for Axolo).
    #[arg(long, requires = "axolo_organization")]
    pub(crate) github_login: Option<String>,
    /// The GitHub organization to offboard from in Axolo.
    #[arg(long, requires = "github_login")]
    pub(crate) axolo_organization: Option<String>,
    /// Run the plan (without it, only print it).
    #[arg(long)]
    pub(crate) apply: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    /// Serve all five fake APIs until interrupted.
    Serve {
        /// First port; providers get base..base+4. OS-assigned when absent.
        #[arg(long)]
        port_base: Option<u16>,
    },
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
            Command::Offboard(OffboardArgs { apply: false, .. })
        ));
    }
}
