//! `usermgmt.toml`: non-secret provider settings, and named contexts (staging, prod, ...)
//! that choose other URLs and other variables for the secrets.
//!
//! ```toml
//! [providers.axiom]
//! org_id = "acme-prod-1a2b"
//!
//! [providers.adverity]
//! url = "https://acme.datatap.adverity.com/api/v1"
//!
//! [contexts.staging.providers.adverity]
//! url = "https://acme-staging.datatap.adverity.com/api/v1"
//! token_var = "STAGING_ADVERITY_TOKEN"   # the secret stays in the environment
//! ```
//!
//! Access profiles name the access a kind of person gets in each provider, for
//! `usermgmt onboard --profile NAME`:
//!
//! ```toml
//! [profiles.developer]
//! axiom = "user"
//! adverity = { groups = [2], workspaces = [3] }
//! paradime = "DEVELOPER"
//! modelprime = ["developer"]
//! axolo = true
//! ```
//!
//! Each setting stands for one variable the CLI reads (`url` of Adverity is
//! `ADVERITY_URL`, its `token_var` names the variable that holds `ADVERITY_TOKEN`). The
//! environment wins over the file's top level, so `ADVERITY_URL=... usermgmt ...` works
//! ad hoc; a context chosen with `--context` wins over both, since it was asked for by
//! name. Secrets are never in the file: a key such as `token` is an error saying so.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use usermgmt::AccessProfile;

use crate::error::{CliError, CliResult};

/// The file's name, in the working directory or the platform config directory.
pub(crate) const FILE_NAME: &str = "usermgmt.toml";

/// What a setting's value must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An `http://` or `https://` URL.
    Url,
    /// The name of an environment variable (`[A-Za-z_][A-Za-z0-9_]*`) holding a secret.
    VarName,
    /// An email address.
    Email,
    /// Any non-blank text.
    Text,
}

/// One key a provider's table may hold: the variable it stands for and its kind.
struct Key {
    provider: &'static str,
    key: &'static str,
    var: &'static str,
    kind: Kind,
}

/// Every key of every provider table; the variable names are the ones the SDK reads.
const KEYS: &[Key] = &[
    key("axiom", "url", "AXIOM_URL", Kind::Url),
    key("axiom", "org_id", "AXIOM_ORG_ID", Kind::Text),
    key("axiom", "token_var", "AXIOM_TOKEN", Kind::VarName),
    key(
        "axiom",
        "personal_token_var",
        "AXIOM_PERSONAL_TOKEN",
        Kind::VarName,
    ),
    key("adverity", "url", "ADVERITY_URL", Kind::Url),
    key("adverity", "token_var", "ADVERITY_TOKEN", Kind::VarName),
    key("paradime", "url", "PARADIME_API_URL", Kind::Url),
    key("paradime", "api_key_var", "PARADIME_API_KEY", Kind::VarName),
    key(
        "paradime",
        "api_secret_var",
        "PARADIME_API_SECRET",
        Kind::VarName,
    ),
    key("modelprime", "url", "MODELPRIME_URL", Kind::Url),
    key("modelprime", "email", "MODELPRIME_EMAIL", Kind::Email),
    key("modelprime", "token_var", "MODELPRIME_TOKEN", Kind::VarName),
    key("axolo", "url", "AXOLO_URL", Kind::Url),
    key("axolo", "api_key_var", "AXOLO_API_KEY", Kind::VarName),
    key("axolo", "organization", "AXOLO_ORGANIZATION", Kind::Text),
];

const fn key(provider: &'static str, key: &'static str, var: &'static str, kind: Kind) -> Key {
    Key {
        provider,
        key,
        var,
        kind,
    }
}

/// Keys people reach for when they mean to put a secret in the file.
const SECRET_KEYS: &[&str] = &[
    "token",
    "api_key",
    "api_secret",
    "key",
    "secret",
    "password",
];

/// The variables settings stand for, in a stable order (for `config show`).
pub(crate) fn variables() -> impl Iterator<Item = (&'static str, &'static str, bool)> {
    KEYS.iter()
        .map(|k| (k.provider, k.var, k.kind == Kind::VarName))
}

/// Where a setting's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Setting {
    /// Written in the file.
    Value(String),
    /// Read from this environment variable (a secret).
    FromVar(String),
}

/// `provider -> key -> value` as written, with positions for error messages.
type Tables = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    #[serde(default)]
    providers: Tables,
    #[serde(default)]
    contexts: BTreeMap<Spanned<String>, ContextShape>,
    #[serde(default)]
    profiles: BTreeMap<Spanned<String>, Spanned<AccessProfile>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    reconcile: Option<ReconcileShape>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReconcileShape {
    max_removals: Option<Spanned<String>>,
}

/// What `reconcile` takes from the file: `exclude = ["*@service.acme.example", ...]`
/// (never removed) and `[reconcile] max_removals = "25%"`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReconcileSettings {
    /// Emails or `*` patterns never removed.
    pub(crate) exclude: Vec<String>,
    /// The most removals per provider.
    pub(crate) max_removals: usermgmt::MaxRemovals,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextShape {
    #[serde(default)]
    providers: Tables,
}

/// A parsed, checked config file.
#[derive(Debug, Default)]
pub(crate) struct ConfigFile {
    path: Option<PathBuf>,
    base: HashMap<&'static str, Setting>,
    contexts: BTreeMap<String, HashMap<&'static str, Setting>>,
    profiles: BTreeMap<String, AccessProfile>,
    reconcile: ReconcileSettings,
}

/// The settings in force for one command: the file's, then the chosen context's.
#[derive(Debug, Default)]
pub(crate) struct Settings {
    base: HashMap<&'static str, Setting>,
    context: Option<(String, HashMap<&'static str, Setting>)>,
    profiles: BTreeMap<String, AccessProfile>,
    reconcile: ReconcileSettings,
    path: Option<PathBuf>,
}

/// Where a variable's value came from, for `config show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The chosen context, reading the value or the named variable.
    Context(String),
    /// The environment variable of that name.
    Environment,
    /// The file's top level.
    File,
    /// Nowhere: not set.
    Unset,
}

impl ConfigFile {
    /// The file given by `--config`/`USERMGMT_CONFIG` (which must exist), else
    /// `./usermgmt.toml`, else the one in the platform config directory, else none.
    pub(crate) fn discover(flag: Option<&Path>) -> CliResult<ConfigFile> {
        let path = match flag {
            Some(path) if path.as_os_str().is_empty() => {
                return Err(CliError::Message(
                    "--config is empty: give a file path, or leave it out".into(),
                ));
            }
            Some(path) => Some(path.to_path_buf()),
            None => default_locations().into_iter().find(|p| p.is_file()),
        };
        let Some(path) = path else {
            return Ok(ConfigFile::default());
        };
        let text = std::fs::read_to_string(&path).map_err(|e| {
            CliError::Message(format!(
                "cannot read the config file {}: {e}",
                path.display()
            ))
        })?;
        let mut file = parse(&path, &text)?;
        file.path = Some(path);
        Ok(file)
    }

    /// The settings with `context` (from `--context`) applied; an unknown context is an
    /// error naming the known ones.
    pub(crate) fn settings(&self, context: Option<&str>) -> CliResult<Settings> {
        let context = match context {
            None => None,
            Some(name) => match self.contexts.get(name) {
                Some(settings) => Some((name.to_owned(), settings.clone())),
                None => return Err(CliError::Message(self.unknown_context(name))),
            },
        };
        Ok(Settings {
            base: self.base.clone(),
            context,
            profiles: self.profiles.clone(),
            reconcile: self.reconcile.clone(),
            path: self.path.clone(),
        })
    }

    fn unknown_context(&self, name: &str) -> String {
        match &self.path {
            None => format!(
                "--context {name} needs a config file, and none was found (looked for {}); \
                 pass --config PATH",
                default_locations()
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(path) if self.contexts.is_empty() => {
                format!("no context {name:?} in {}: it defines none", path.display())
            }
            Some(path) => format!(
                "no context {name:?} in {} (it has: {})",
                path.display(),
                self.contexts.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

impl Settings {
    /// Every access profile, by name.
    pub(crate) fn profiles(&self) -> &BTreeMap<String, AccessProfile> {
        &self.profiles
    }

    /// The exclusions and the removal limit for `reconcile`.
    pub(crate) fn reconcile(&self) -> &ReconcileSettings {
        &self.reconcile
    }

    /// The access profile `name`; an unknown one is an error naming the known ones.
    pub(crate) fn profile(&self, name: &str) -> CliResult<&AccessProfile> {
        if let Some(profile) = self.profiles.get(name) {
            return Ok(profile);
        }
        let place = match &self.path {
            Some(path) => path.display().to_string(),
            None => format!("the config file (none found; write {FILE_NAME} or pass --config)"),
        };
        let known = if self.profiles.is_empty() {
            "it defines none: add a [profiles.NAME] table".to_string()
        } else {
            format!(
                "it has: {}",
                self.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        };
        Err(CliError::Usage(format!(
            "no profile {name:?} in {place} ({known})"
        )))
    }

    /// The value of variable `name`: the context's, else the environment's (`env`), else
    /// the file's.
    pub(crate) fn lookup(
        &self,
        name: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Option<String> {
        self.lookup_with_origin(name, env).0
    }

    /// [`Settings::lookup`] and where the value came from.
    pub(crate) fn lookup_with_origin(
        &self,
        name: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> (Option<String>, Origin) {
        let resolve = |setting: &Setting| match setting {
            Setting::Value(value) => Some(value.clone()),
            Setting::FromVar(var) => env(var),
        };
        if let Some((context, settings)) = &self.context
            && let Some(setting) = settings.get(name)
        {
            return (resolve(setting), Origin::Context(context.clone()));
        }
        if let Some(value) = env(name) {
            return (Some(value), Origin::Environment);
        }
        match self.base.get(name) {
            Some(setting) => (resolve(setting), Origin::File),
            None => (None, Origin::Unset),
        }
    }

    /// The variable a secret is read from under these settings (`name` itself unless a
    /// `*_var` key renames it), for messages that say what to set.
    pub(crate) fn secret_source(&self, name: &str) -> String {
        let renamed = |settings: &HashMap<&'static str, Setting>| match settings.get(name) {
            Some(Setting::FromVar(var)) => Some(var.clone()),
            _ => None,
        };
        self.context
            .as_ref()
            .and_then(|(_, settings)| renamed(settings))
            .or_else(|| renamed(&self.base))
            .unwrap_or_else(|| name.to_owned())
    }
}

/// `./usermgmt.toml`, then the platform config directory's (`~/.config/usermgmt/` on Linux).
fn default_locations() -> Vec<PathBuf> {
    let mut paths = vec![PathBuf::from(FILE_NAME)];
    if let Some(dirs) = directories::ProjectDirs::from("", "", "usermgmt") {
        paths.push(dirs.config_dir().join(FILE_NAME));
    }
    paths
}

/// Parses and checks `text` (from `path`, for messages).
pub(crate) fn parse(path: &Path, text: &str) -> CliResult<ConfigFile> {
    let at = |span: std::ops::Range<usize>| {
        let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
        format!("{}:{line}", path.display())
    };
    let shape: FileShape = toml::from_str(text).map_err(|e| {
        let place = e
            .span()
            .map(&at)
            .unwrap_or_else(|| path.display().to_string());
        let hint = if SECRET_KEYS
            .iter()
            .any(|k| e.message().contains(&format!("unknown field `{k}`")))
        {
            "; secrets stay in the environment: name their variable with a `*_var` key"
        } else {
            ""
        };
        CliError::Message(format!("{place}: {}{hint}", e.message().trim_end()))
    })?;
    let base = tables(&shape.providers, &at)?;
    let mut contexts = BTreeMap::new();
    for (name, context) in &shape.contexts {
        if name.get_ref().trim().is_empty() {
            return Err(CliError::Message(format!(
                "{}: a context needs a name",
                at(name.span())
            )));
        }
        contexts.insert(name.get_ref().clone(), tables(&context.providers, &at)?);
    }
    let mut profiles = BTreeMap::new();
    for (name, profile) in shape.profiles {
        if let Err(error) = profile.get_ref().check() {
            return Err(CliError::Message(format!(
                "{}: profile {:?}: {error}",
                at(profile.span()),
                name.get_ref()
            )));
        }
        profiles.insert(name.into_inner(), profile.into_inner());
    }
    let mut reconcile = ReconcileSettings::default();
    for pattern in shape.exclude {
        let text = pattern.get_ref().trim();
        // An empty pattern would exclude nothing or, as `*`, everyone: say so instead.
        if text.is_empty() {
            return Err(CliError::Message(format!(
                "{}: an exclude pattern is empty",
                at(pattern.span())
            )));
        }
        reconcile.exclude.push(text.to_string());
    }
    if let Some(limit) = shape.reconcile.and_then(|r| r.max_removals) {
        reconcile.max_removals = limit.get_ref().parse().map_err(|why: String| {
            CliError::Message(format!(
                "{}: reconcile.max_removals: {why}",
                at(limit.span())
            ))
        })?;
    }
    Ok(ConfigFile {
        path: Some(path.to_path_buf()),
        base,
        contexts,
        profiles,
        reconcile,
    })
}

/// Checks the provider tables and turns them into settings per variable.
fn tables(
    providers: &Tables,
    at: &impl Fn(std::ops::Range<usize>) -> String,
) -> CliResult<HashMap<&'static str, Setting>> {
    let mut settings = HashMap::new();
    for (provider, keys) in providers {
        let provider_name = provider.get_ref().as_str();
        if !KEYS.iter().any(|k| k.provider == provider_name) {
            return Err(CliError::Message(format!(
                "{}: unknown provider [{provider_name}]: expected axiom, adverity, paradime, \
                 modelprime or axolo",
                at(provider.span())
            )));
        }
        for (key, value) in keys {
            let Some(known) = KEYS
                .iter()
                .find(|k| k.provider == provider_name && k.key == key.get_ref())
            else {
                let allowed: Vec<_> = KEYS
                    .iter()
                    .filter(|k| k.provider == provider_name)
                    .map(|k| k.key)
                    .collect();
                let hint = if SECRET_KEYS.contains(&key.get_ref().as_str()) {
                    "; secrets stay in the environment: name their variable with a `*_var` key"
                } else {
                    ""
                };
                return Err(CliError::Message(format!(
                    "{}: unknown key `{}` in [providers.{provider_name}] (expected one of: {}){hint}",
                    at(key.span()),
                    key.get_ref(),
                    allowed.join(", ")
                )));
            };
            let text = value.get_ref().trim();
            if let Err(why) = check(known.kind, text) {
                return Err(CliError::Message(format!(
                    "{}: {provider_name}.{} {why}",
                    at(value.span()),
                    known.key
                )));
            }
            let setting = match known.kind {
                Kind::VarName => Setting::FromVar(text.to_owned()),
                _ => Setting::Value(text.to_owned()),
            };
            settings.insert(known.var, setting);
        }
    }
    Ok(settings)
}

/// Whether `value` is a good value of `kind`; the reason when not.
fn check(kind: Kind, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("is empty".into());
    }
    match kind {
        Kind::Url => match url::Url::parse(value) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(()),
            Ok(_) => Err(format!("{value:?} is not an http(s) URL")),
            Err(e) => Err(format!("{value:?} is not a URL: {e}")),
        },
        Kind::VarName => {
            let mut chars = value.chars();
            let first_ok = chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
            if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
                Ok(())
            } else {
                Err(format!(
                    "{value:?} is not an environment variable name (letters, digits and _): \
                     the file names the variable, the secret stays in the environment"
                ))
            }
        }
        Kind::Email => match value.split_once('@') {
            Some((local, domain)) if !local.is_empty() && domain.contains('.') => Ok(()),
            _ => Err(format!("{value:?} is not an email address")),
        },
        Kind::Text => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[providers.axiom]
org_id = "acme-prod-1a2b"

[providers.adverity]
url = "https://acme.datatap.adverity.com/api/v1"

[contexts.staging.providers.adverity]
url = "https://acme-staging.datatap.adverity.com/api/v1"
token_var = "STAGING_ADVERITY_TOKEN"
"#;

    fn sample() -> ConfigFile {
        parse(Path::new("usermgmt.toml"), SAMPLE).unwrap()
    }

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn error(text: &str) -> String {
        match parse(Path::new("usermgmt.toml"), text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_environment_wins_over_the_file_and_a_context_wins_over_both() {
        let file = sample();
        let plain = file.settings(None).unwrap();
        let shell = env(&[
            ("ADVERITY_URL", "https://adhoc.example/api/v1"),
            ("ADVERITY_TOKEN", "prod-key"),
            ("STAGING_ADVERITY_TOKEN", "staging-key"),
        ]);
        assert_eq!(
            plain.lookup("ADVERITY_URL", &shell).as_deref(),
            Some("https://adhoc.example/api/v1")
        );
        assert_eq!(
            plain.lookup("ADVERITY_URL", env(&[])).as_deref(),
            Some("https://acme.datatap.adverity.com/api/v1")
        );
        assert_eq!(
            plain.lookup("ADVERITY_TOKEN", &shell).as_deref(),
            Some("prod-key")
        );
        assert_eq!(
            plain.lookup("AXIOM_ORG_ID", env(&[])).as_deref(),
            Some("acme-prod-1a2b")
        );

        let staging = file.settings(Some("staging")).unwrap();
        assert_eq!(
            staging.lookup_with_origin("ADVERITY_URL", &shell),
            (
                Some("https://acme-staging.datatap.adverity.com/api/v1".into()),
                Origin::Context("staging".into())
            )
        );
        assert_eq!(
            staging.lookup("ADVERITY_TOKEN", &shell).as_deref(),
            Some("staging-key")
        );
        assert_eq!(
            staging.secret_source("ADVERITY_TOKEN"),
            "STAGING_ADVERITY_TOKEN"
        );
        // What the context does not set comes from the usual places.
        assert_eq!(
            staging.lookup("AXIOM_ORG_ID", env(&[])).as_deref(),
            Some("acme-prod-1a2b")
        );
        // A context's secret variable that is not set is not set: no fallback to prod's.
        assert_eq!(
            staging.lookup("ADVERITY_TOKEN", env(&[("ADVERITY_TOKEN", "prod-key")])),
            None
        );
    }

    #[test]
    fn an_unknown_context_names_the_known_ones() {
        let message = sample().settings(Some("prod")).unwrap_err().to_string();
        assert!(
            message.contains("no context \"prod\"") && message.contains("staging"),
            "{message}"
        );
        let none = ConfigFile::default()
            .settings(Some("prod"))
            .unwrap_err()
            .to_string();
        assert!(none.contains("needs a config file"), "{none}");
    }

    #[test]
    fn unknown_keys_secrets_and_bad_values_are_errors_naming_the_line() {
        let unknown = error("[providers.axiom]\norg_id = \"x\"\nregion = \"eu\"\n");
        assert!(
            unknown.starts_with("usermgmt.toml:3: unknown key `region`"),
            "{unknown}"
        );
        assert!(unknown.contains("org_id, token_var"), "{unknown}");

        let secret = error("\n[providers.adverity]\ntoken = \"abc\"\n");
        assert!(secret.starts_with("usermgmt.toml:3:"), "{secret}");
        assert!(
            secret.contains("secrets stay in the environment"),
            "{secret}"
        );

        let url = error("[providers.axolo]\n\nurl = \"ftp://axolo.example\"\n");
        assert!(url.starts_with("usermgmt.toml:3: axolo.url"), "{url}");

        let var = error("[providers.modelprime]\ntoken_var = \"mpat_123 secret\"\n");
        assert!(
            var.contains("usermgmt.toml:2") && var.contains("not an environment variable name"),
            "{var}"
        );

        let provider = error("[providers.github]\nurl = \"https://api.github.com\"\n");
        assert!(
            provider.starts_with("usermgmt.toml:1: unknown provider [github]"),
            "{provider}"
        );

        let top = error("color = true\n");
        assert!(
            top.contains("usermgmt.toml:1") && top.contains("unknown field `color`"),
            "{top}"
        );

        let typed = error("[providers.axiom]\norg_id = 42\n");
        assert!(typed.starts_with("usermgmt.toml:2:"), "{typed}");

        let empty = error("[providers.axiom]\norg_id = \"  \"\n");
        assert!(empty.contains("axiom.org_id is empty"), "{empty}");

        let email = error("[contexts.dev.providers.modelprime]\nemail = \"ada\"\n");
        assert!(
            email.contains("usermgmt.toml:2") && email.contains("not an email"),
            "{email}"
        );
    }

    #[test]
    fn profiles_are_read_checked_and_named_in_errors() {
        let file = parse(
            Path::new("usermgmt.toml"),
            "[profiles.developer]\naxiom = \"user\"\nadverity = { groups = [2], workspaces = [3] }\n\
             paradime = \"DEVELOPER\"\nmodelprime = [\"developer\"]\naxolo = true\n",
        )
        .unwrap();
        let settings = file.settings(None).unwrap();
        let developer = settings.profile("developer").unwrap();
        assert_eq!(developer.axiom.as_deref(), Some("user"));
        assert_eq!(developer.adverity.as_ref().unwrap().workspaces, [3]);
        assert!(developer.axolo);
        let unknown = settings.profile("analyst").unwrap_err().to_string();
        assert!(
            unknown.contains("no profile \"analyst\"") && unknown.contains("developer"),
            "{unknown}"
        );

        let typo = error("\n[profiles.developer]\nparadime = \"DEV\"\n");
        assert!(
            typo.starts_with("usermgmt.toml:2: profile \"developer\"")
                && typo.contains("unknown account type"),
            "{typo}"
        );
        let unknown_provider = error("[profiles.developer]\ngithub = true\n");
        assert!(
            unknown_provider.contains("usermgmt.toml:2") && unknown_provider.contains("github"),
            "{unknown_provider}"
        );
    }

    #[test]
    fn every_variable_belongs_to_a_known_provider_and_appears_once() {
        let mut seen = std::collections::HashSet::new();
        for (provider, var, _) in variables() {
            assert!(["axiom", "adverity", "paradime", "modelprime", "axolo"].contains(&provider));
            assert!(seen.insert(var), "{var} twice");
        }
    }
}
