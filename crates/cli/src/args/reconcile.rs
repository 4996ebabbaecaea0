//! `usermgmt reconcile ROSTER`: plan making every provider match a roster.

use std::path::PathBuf;

use clap::Args;
use usermgmt::MaxRemovals;

use super::PlanFlags;

#[derive(Debug, Args)]
#[command(
    after_help = "Symbols: + create or invite, ~ change access, - remove, ! left alone (and why). \
    People without a profile or access in the roster are kept as they are; accounts of \
    people not in the roster are removed, except those the config file's `exclude` names. \
    Axolo cannot be listed and is not reconciled.\n\n\
    Examples:\n  usermgmt reconcile roster.yaml\n  \
    usermgmt reconcile roster.yaml --out reconcile.plan.json --detailed-exitcode\n  \
    usermgmt reconcile roster.csv --max-removals 3 --apply"
)]
pub(crate) struct ReconcileArgs {
    /// The roster: a .yaml/.yml or .csv file (see `usermgmt roster dump`).
    #[arg(value_name = "ROSTER")]
    pub(crate) roster: PathBuf,
    /// The most removals one provider may get, as a count (3) or a percentage of its
    /// accounts (10%); more refuses the whole plan. Default: the config file's
    /// `[reconcile] max_removals`, else 25%.
    #[arg(long, value_name = "N|N%")]
    pub(crate) max_removals: Option<MaxRemovals>,
    /// Plan removing or demoting a provider's last active owner or admin (refused by
    /// default).
    #[arg(long)]
    pub(crate) allow_last_admin: bool,
    #[command(flatten)]
    pub(crate) plan: PlanFlags,
}
