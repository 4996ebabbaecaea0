//! `usermgmt scim serve`: the SCIM 2.0 bridge, with the directory, the profiles, the
//! exclusions and the journal of this run's configuration, until Ctrl-C or SIGTERM:
//! plain HTTP on loopback, or HTTPS on any address with `--tls-cert/--tls-key`.

mod tls;

use std::future::Future;
use std::process::ExitCode;

use axum_server::tls_rustls::{RustlsAcceptor, RustlsConfig};
use secrecy::SecretString;
use usermgmt_scim::{Bridge, ProfileRule};

use crate::args::ScimCommand;
use crate::config::Config;
use crate::error::{CliError, CliResult};

/// The variable holding the token clients must present.
const TOKEN_VAR: &str = "USERMGMT_SCIM_TOKEN";
/// Shorter tokens are refused: a bearer token is the bridge's only lock.
const MIN_TOKEN_LEN: usize = 20;

pub(crate) async fn run(config: &Config, command: ScimCommand) -> CliResult<ExitCode> {
    match command {
        ScimCommand::Serve {
            listen,
            public_url,
            default_profile,
            profile_rule,
            axolo_organization,
            tls_cert,
            tls_key,
        } => {
            let tls = match (tls_cert, tls_key) {
                (Some(cert), Some(key)) => Some(tls::load(&cert, &key)?),
                (None, None) => None,
                // clap's `requires` already refuses one without the other.
                (Some(_), None) | (None, Some(_)) => {
                    return Err(CliError::Usage(
                        "--tls-cert and --tls-key go together: give both or neither".into(),
                    ));
                }
            };
            let rules = Rules {
                default_profile,
                profile_rule: profile_rule.into(),
                axolo_organization: axolo_organization.or_else(|| config.var("AXOLO_ORGANIZATION")),
            };
            serve(config, listen, public_url, rules, tls).await
        }
    }
}

/// How the bridge provisions: the profile rule, its default profile, Axolo's
/// organization.
struct Rules {
    default_profile: Option<String>,
    profile_rule: ProfileRule,
    axolo_organization: Option<String>,
}

impl Rules {
    /// Refuse rules that contradict each other before anything listens.
    fn check(&self, config: &Config) -> CliResult<()> {
        match (self.profile_rule, &self.default_profile) {
            (ProfileRule::Default, None) => Err(CliError::Usage(
                "--profile-rule default needs --default-profile NAME".into(),
            )),
            (ProfileRule::Group, Some(_)) => Err(CliError::Usage(
                "--default-profile has no effect with --profile-rule group (users get a \
                 profile by joining its group): drop one of them"
                    .into(),
            )),
            _ => Ok(()),
        }?;
        if let Some(name) = &self.default_profile {
            config.profile(name)?;
        }
        if let Some(organization) = &self.axolo_organization {
            usermgmt::validate::github_name("GitHub organization", organization)?;
        }
        Ok(())
    }
}

impl Rules {
    /// One line for the start-up banner.
    fn describe(&self) -> String {
        let profile = match (self.profile_rule, &self.default_profile) {
            (ProfileRule::Group, _) => "by group membership".to_string(),
            (ProfileRule::Default, Some(name)) => format!("always {name}"),
            (_, Some(name)) => format!("by department, else {name}"),
            (_, None) => "by department (no default)".to_string(),
        };
        let axolo = match &self.axolo_organization {
            Some(organization) => format!("Axolo onboards into {organization}"),
            None => "Axolo left alone (no organization)".to_string(),
        };
        format!("{profile}; {axolo}")
    }
}

async fn serve(
    config: &Config,
    listen: std::net::SocketAddr,
    public_url: Option<url::Url>,
    rules: Rules,
    tls: Option<RustlsConfig>,
) -> CliResult<ExitCode> {
    if tls.is_none() && !listen.ip().is_loopback() {
        return Err(CliError::Usage(format!(
            "--listen {listen} is not a loopback address: without --tls-cert and --tls-key the \
             bridge speaks plain HTTP, and its bearer token must not cross a network \
             unencrypted; give it a certificate and key (--tls-cert FILE --tls-key FILE), or \
             listen on 127.0.0.1 behind a TLS reverse proxy on the same host"
        )));
    }
    rules.check(config)?;
    let (token, generated) = token(config)?;
    let directory = super::configured_directory(config)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| CliError::Message(format!("cannot listen on {listen}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| CliError::Message(format!("cannot read the address listened on: {e}")))?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let defaulted = public_url.is_none();
    let public = public_url.map_or_else(|| format!("{scheme}://{bound}"), |u| u.to_string());
    let journal = config.journal()?;
    let journal_path = journal.store().path().map(|p| p.display().to_string());
    let mut bridge = Bridge::new(directory, token.clone())
        .profiles(config.profiles().clone())
        .exclude(&config.reconcile_settings().exclude)
        .journal(std::sync::Arc::new(journal.into_store()))
        .base_url(&public)
        .profile_rule(rules.profile_rule);
    if let Some(name) = &rules.default_profile {
        bridge = bridge.default_profile(name);
    }
    if let Some(organization) = &rules.axolo_organization {
        bridge = bridge.axolo_organization(organization);
    }
    println!(
        "# usermgmt scim: serving {}/scim/v2",
        public.trim_end_matches('/')
    );
    println!("# listening on {bound}");
    if defaulted && bound.ip().is_unspecified() {
        println!(
            "# meta.location uses {public}: give --public-url the name identity providers \
             reach this host by"
        );
    }
    if let Some(path) = journal_path {
        println!("# changes are journaled in {path} (`usermgmt runs list`)");
    }
    println!("# profiles of created users: {}", rules.describe());
    if generated {
        use secrecy::ExposeSecret;
        println!("# a token was generated for this sandbox run:");
        println!("export {TOKEN_VAR}={}", token.expose_secret());
    }
    println!("# serving until interrupted (Ctrl-C or SIGTERM)");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let stopped = async {
        let _ = stopped.await;
    };
    let server = match tls {
        None => tokio::spawn(bridge.serve(listener, stopped)),
        Some(tls) => tokio::spawn(serve_tls(bridge, listener, tls, stopped)),
    };
    let signal = super::sandbox::shutdown_signal().await;
    let _ = stop.send(());
    server
        .await
        .map_err(|e| CliError::Message(format!("the SCIM server failed: {e}")))?
        .map_err(|e| CliError::Message(format!("the SCIM server failed: {e}")))?;
    signal?;
    Ok(ExitCode::SUCCESS)
}

/// Serve `bridge` over HTTPS on `listener` until `shutdown` completes, then stop
/// accepting and finish the requests in flight (like [`Bridge::serve`] does for plain
/// HTTP). axum-server is axum's own TLS server: built on the rustls and aws-lc-rs that
/// reqwest already brings in, so no second TLS stack or crypto provider.
///
/// HTTP/1.1 only, like the plain server: an idle keep-alive connection then closes at
/// once on shutdown, whereas HTTP/2's graceful close waits for the client to answer a
/// PING, so a client that stopped reading could hold the shutdown open for ever.
async fn serve_tls(
    bridge: Bridge,
    listener: tokio::net::TcpListener,
    tls: RustlsConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let handle = axum_server::Handle::new();
    let stopping = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        // No deadline: like plain HTTP, every request in flight is answered.
        stopping.graceful_shutdown(None);
    });
    axum_server::Server::<std::net::SocketAddr>::from_listener(listener)
        .acceptor(RustlsAcceptor::new(tls))
        .http1_only()
        .handle(handle)
        .serve(bridge.router().into_make_service())
        .await
}

/// The token from USERMGMT_SCIM_TOKEN; with --sandbox and without it, a new random one
/// (true when generated).
fn token(config: &Config) -> CliResult<(SecretString, bool)> {
    match std::env::var(TOKEN_VAR) {
        Ok(token) if token.trim().len() >= MIN_TOKEN_LEN => {
            Ok((SecretString::from(token.trim().to_string()), false))
        }
        Ok(token) if !token.trim().is_empty() => Err(CliError::Usage(format!(
            "{TOKEN_VAR} is too short ({} characters): use at least {MIN_TOKEN_LEN} random \
             characters, like the output of `openssl rand -hex 32`",
            token.trim().len()
        ))),
        _ if config.is_sandbox() => Ok((generate_token(), true)),
        _ => Err(CliError::Usage(format!(
            "{TOKEN_VAR} is not set: the bridge refuses to start without the token identity \
             providers must present (or run it with --sandbox, which generates one)"
        ))),
    }
}

/// 64 hex characters from two version-4 UUIDs: the uuid crate draws them from the OS's
/// secure random source (getrandom), which is what a token needs; 244 random bits.
fn generate_token() -> SecretString {
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    SecretString::from(token)
}
