//! `usermgmt offboard`: remove one person from every provider.

use clap::Args;

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
