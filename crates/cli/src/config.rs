//! Where provider URLs and credentials come from: the environment, or with `--sandbox`
//! an in-process sandbox whose values are looked up by the same variable names (the
//! process environment is never modified).

use std::collections::HashMap;
use std::path::PathBuf;

use usermgmt::{ClientOptions, Provider};
use usermgmt_sandbox::Sandbox;

use crate::error::CliResult;
use crate::journal::Journal;

/// Configuration for one run; keeps the sandbox (if any) alive while commands run.
pub(crate) struct Config {
    sandbox_vars: Option<HashMap<String, String>>,
    _sandbox: Option<Sandbox>,
    journal_path: Option<PathBuf>,
    pub(crate) options: ClientOptions,
}

impl Config {
    /// Read from the environment, or start the sandbox.
    pub(crate) async fn new(sandbox: bool, journal_path: Option<PathBuf>) -> CliResult<Config> {
        let (sandbox, sandbox_vars) = if sandbox {
            let started = Sandbox::start()
                .await
                .map_err(|e| format!("cannot start the sandbox: {e}"))?;
            let vars = started
                .env_vars()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            (Some(started), Some(vars))
        } else {
            (None, None)
        };
        Ok(Config {
            sandbox_vars,
            _sandbox: sandbox,
            journal_path,
            options: ClientOptions::default(),
        })
    }

    /// The value of a configuration variable.
    pub(crate) fn var(&self, name: &str) -> Option<String> {
        match &self.sandbox_vars {
            Some(vars) => vars.get(name).cloned(),
            None => std::env::var(name).ok(),
        }
    }

    /// A client for one provider built by `build` from this configuration; a missing
    /// variable is an error naming it.
    pub(crate) fn client<T>(
        &self,
        build: impl FnOnce(usermgmt::runtime::Lookup<'_>, &ClientOptions) -> Result<T, usermgmt::Error>,
    ) -> CliResult<T> {
        let lookup = |name: &str| self.var(name);
        Ok(build(&lookup, &self.options)?)
    }

    /// A directory of `providers` (all when empty) and the errors of those not configured.
    pub(crate) fn directory(
        &self,
        providers: &[Provider],
    ) -> (usermgmt::Directory, Vec<usermgmt::Error>) {
        let providers = if providers.is_empty() {
            &Provider::ALL[..]
        } else {
            providers
        };
        let lookup = |name: &str| self.var(name);
        usermgmt::Directory::from_lookup(providers, &lookup, &self.options)
    }

    /// The journal: `--journal`/`USERMGMT_JOURNAL`, else with `--sandbox` the sandbox's
    /// own (never the real one), else the platform default.
    pub(crate) fn journal(&self) -> CliResult<Journal> {
        let path = match (&self.journal_path, &self.sandbox_vars) {
            (Some(path), _) => path.clone(),
            (None, Some(_)) => crate::journal::sandbox_path()?,
            (None, None) => crate::journal::default_path()?,
        };
        Journal::open(&path)
    }
}
