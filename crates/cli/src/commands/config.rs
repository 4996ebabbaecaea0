//! `usermgmt config show`: every provider variable, its value (secrets: only whether set)
//! and where it comes from, like `aws configure list`.

use serde::Serialize;

use crate::args::{ConfigCommand, Output};
use crate::config::Config;
use crate::config_file;
use crate::error::CliResult;
use crate::output::{Record, print_list};

/// One row of `config show`.
#[derive(Debug, Serialize)]
struct SettingRow {
    provider: &'static str,
    variable: &'static str,
    value: String,
    source: String,
}

impl Record for SettingRow {
    const COLUMNS: &'static [&'static str] = &["provider", "variable", "value", "source"];
}

pub(crate) fn run(config: &Config, output: Output, command: &ConfigCommand) -> CliResult<()> {
    let ConfigCommand::Show = command;
    let rows: Vec<SettingRow> = config_file::variables()
        .map(|(provider, variable, secret)| {
            let (value, source) = config.var_with_source(variable);
            let value = match (value, secret) {
                (None, _) => String::new(),
                // A secret's value is never printed, not even in part.
                (Some(_), true) => "(set)".to_owned(),
                (Some(value), false) => value,
            };
            SettingRow {
                provider,
                variable,
                value,
                source,
            }
        })
        .collect();
    print_list(output, &rows)
}
