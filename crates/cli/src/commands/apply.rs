//! `usermgmt apply PLAN_FILE`: apply a reviewed plan exactly, once. The file is the
//! review, so there is no question; a stale plan is refused whole.

use std::process::ExitCode;

use usermgmt::Plan;

use crate::args::{ApplyArgs, Output};
use crate::config::Config;
use crate::error::{CliError, CliResult};

pub(crate) async fn run(config: &Config, output: Output, args: ApplyArgs) -> CliResult<ExitCode> {
    let path = &args.file;
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read the plan {}: {e}", path.display())))?;
    let plan =
        Plan::from_json(&text).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
    let directory = super::configured_directory(config)?;
    let journal = config.journal()?;
    super::plan_flow::apply(&directory, &journal, output, &plan).await
}
