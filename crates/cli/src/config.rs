//! Where provider URLs and credentials come from: the environment and the config file
//! (with its `--context`), or with `--sandbox` an in-process sandbox whose values are
//! looked up by the same variable names (the process environment is never modified).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use usermgmt::{ClientOptions, Provider};
use usermgmt_sandbox::{Sandbox, SandboxError};

use crate::config_file::{Origin, Settings};
use crate::error::{CliError, CliResult};
use crate::journal::Journal;

/// Configuration for one run; keeps the sandbox (if any) alive while commands run.
pub(crate) struct Config {
    sandbox_vars: Option<HashMap<String, String>>,
    _sandbox: Option<Sandbox>,
    journal_path: Option<PathBuf>,
    settings: Settings,
    pub(crate) options: ClientOptions,
}

impl Config {
    /// Read from the environment and `settings`, or start the sandbox on its state file
    /// (`sandbox_state`, else the default one).
    pub(crate) async fn new(
        sandbox: bool,
        sandbox_state: Option<&Path>,
        journal_path: Option<PathBuf>,
        settings: Settings,
    ) -> CliResult<Config> {
        let (sandbox, sandbox_vars) = if sandbox {
            let state = sandbox_state_path(sandbox_state)?;
            let started = Sandbox::builder()
                .state_file(&state)
                .start()
                .await
                .map_err(sandbox_start_error)?;
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
            settings,
            options: ClientOptions::default(),
        })
    }

    /// Whether this run is on the embedded sandbox (`--sandbox`).
    pub(crate) fn is_sandbox(&self) -> bool {
        self.sandbox_vars.is_some()
    }

    /// The value of a configuration variable.
    pub(crate) fn var(&self, name: &str) -> Option<String> {
        match &self.sandbox_vars {
            Some(vars) => vars.get(name).cloned(),
            None => self.settings.lookup(name, |var| std::env::var(var).ok()),
        }
    }

    /// The value of a configuration variable and where it came from (`sandbox`, `context
    /// NAME`, `environment`, `config file`, or empty when unset), with the variable a
    /// secret is read from when the config file renames it.
    pub(crate) fn var_with_source(&self, name: &str) -> (Option<String>, String) {
        if let Some(vars) = &self.sandbox_vars {
            let value = vars.get(name).cloned();
            let source = if value.is_some() { "sandbox" } else { "" };
            return (value, source.to_owned());
        }
        let (value, origin) = self
            .settings
            .lookup_with_origin(name, |var| std::env::var(var).ok());
        let renamed = self.settings.secret_source(name);
        let via = if renamed == name {
            String::new()
        } else {
            format!(" (${renamed})")
        };
        let source = match origin {
            Origin::Context(context) => format!("context {context}{via}"),
            Origin::Environment => "environment".to_owned(),
            Origin::File => format!("config file{via}"),
            Origin::Unset if !via.is_empty() => format!("not set{via}"),
            Origin::Unset => String::new(),
        };
        (value, source)
    }

    /// The config file's exclusions and removal limit for `reconcile`.
    pub(crate) fn reconcile_settings(&self) -> &crate::config_file::ReconcileSettings {
        self.settings.reconcile()
    }

    /// Every access profile of the config file, by name.
    pub(crate) fn profiles(&self) -> &std::collections::BTreeMap<String, usermgmt::AccessProfile> {
        self.settings.profiles()
    }

    /// The access profile `name` of the config file.
    pub(crate) fn profile(&self, name: &str) -> CliResult<&usermgmt::AccessProfile> {
        self.settings.profile(name)
    }

    /// `error` for the user: a missing secret that the config file reads from another
    /// variable names that variable.
    pub(crate) fn explain(&self, error: usermgmt::Error) -> CliError {
        if self.sandbox_vars.is_none()
            && let usermgmt::Error::MissingEnv { provider, name } = &error
        {
            let source = self.settings.secret_source(name);
            if source != *name {
                return CliError::Message(format!(
                    "{provider}: environment variable {source} is not set (the config file \
                     reads {name} from it)"
                ));
            }
        }
        CliError::Sdk(error)
    }

    /// A client for one provider built by `build` from this configuration; a missing
    /// variable is an error naming it.
    pub(crate) fn client<T>(
        &self,
        build: impl FnOnce(usermgmt::runtime::Lookup<'_>, &ClientOptions) -> Result<T, usermgmt::Error>,
    ) -> CliResult<T> {
        let lookup = |name: &str| self.var(name);
        build(&lookup, &self.options).map_err(|e| self.explain(e))
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

/// The sandbox's state file: `--sandbox-state`/`USERMGMT_SANDBOX_STATE`, else
/// `sandbox/state.json` in the platform state directory.
pub(crate) fn sandbox_state_path(flag: Option<&Path>) -> CliResult<PathBuf> {
    match flag {
        Some(path) if path.as_os_str().is_empty() => Err(CliError::Message(
            "--sandbox-state is empty: give a file path, or leave it out for the default".into(),
        )),
        Some(path) => Ok(path.to_path_buf()),
        None => Ok(crate::journal::sandbox_dir()?.join("state.json")),
    }
}

/// Why the sandbox did not start, with what to do about it.
pub(crate) fn sandbox_start_error(error: SandboxError) -> CliError {
    let hint = match &error {
        SandboxError::StateInUse { .. } => {
            "; if it is `usermgmt sandbox serve`, run commands without --sandbox after \
             exporting the variables it printed (or sourcing its --env-file), \
             or pass --sandbox-state with another file"
        }
        SandboxError::StateFile { .. } => "; `usermgmt sandbox reset` removes it",
        SandboxError::Bind { .. } => "; pick another --port-base, or --port-base 0 for free ports",
        _ => "",
    };
    CliError::Message(format!("cannot start the sandbox: {error}{hint}"))
}
