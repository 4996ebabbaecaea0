//! `usermgmt audit`: the access review's flags.

use std::path::PathBuf;

use clap::Args;

/// Arguments of `usermgmt audit`.
#[derive(Debug, Args)]
#[command(
    after_help = "Columns (CSV and table): email, name, axiom, adverity, paradime, \
    modelprime, flags. A provider cell is each account's roles and status (`user (active)`, \
    `DEVELOPER (invited)`), `; ` between accounts, empty for none, `(not read)` for a \
    provider not configured. JSON has the same fields plus profile, in_roster, findings \
    (flag, provider, detail) and accounts.\n\n\
    Flags: orphan (active or invited account, not in the roster), missing (in the roster, \
    no active or invited account), differs-from-profile (access at a provider is not the \
    roster's: other access, an account where it grants none, none where it grants some), \
    dormant (active, last login or, never logged in, creation more than --dormant-days \
    ago; only Adverity records logins), stale-invitation (Paradime EXPIRED, or invited \
    more than --dormant-days ago where the provider dates invitations), unknown-access \
    (roles with no access level, e.g. an Axiom custom role; never Adverity). The first \
    three need --roster.\n\n\
    Examples:\n  usermgmt audit\n  \
    usermgmt audit --roster roster.yaml --output csv > review.csv\n  \
    usermgmt audit --roster roster.yaml --dormant-days 30 --html review.html"
)]
pub(crate) struct AuditArgs {
    /// Compare with this roster (.yaml/.yml/.csv; profiles from the config file): raises
    /// orphan, missing and differs-from-profile.
    #[arg(long, value_name = "ROSTER")]
    pub(crate) roster: Option<PathBuf>,
    /// Days without a login after which an active account is dormant (and an invitation
    /// stale, where it is dated).
    #[arg(long, value_name = "N", default_value_t = usermgmt::audit::DEFAULT_DORMANT_DAYS,
        value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) dormant_days: u32,
    /// Also write the review as a self-contained HTML page (replaced whole).
    #[arg(long, value_name = "FILE")]
    pub(crate) html: Option<PathBuf>,
}
