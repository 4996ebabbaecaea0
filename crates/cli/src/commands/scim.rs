//! `usermgmt scim serve`: the SCIM 2.0 bridge on loopback, with the directory, the
//! profiles, the exclusions and the journal of this run's configuration, until Ctrl-C
//! or SIGTERM.

use std::process::ExitCode;

use secrecy::SecretString;
use usermgmt_scim::Bridge;

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
        } => serve(config, listen, public_url, default_profile).await,
    }
}

async fn serve(
    config: &Config,
    listen: std::net::SocketAddr,
    public_url: Option<url::Url>,
    default_profile: Option<String>,
) -> CliResult<ExitCode> {
    if !listen.ip().is_loopback() {
        return Err(CliError::Usage(format!(
            "--listen {listen} is not a loopback address: the bridge speaks plain HTTP, and its \
             bearer token must not cross a network unencrypted; listen on 127.0.0.1 and put a \
             TLS reverse proxy on the same host in front of it"
        )));
    }
    if let Some(name) = &default_profile {
        config.profile(name)?;
    }
    let (token, generated) = token(config)?;
    let directory = super::configured_directory(config)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| CliError::Message(format!("cannot listen on {listen}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| CliError::Message(format!("cannot read the address listened on: {e}")))?;
    let public = public_url.map_or_else(|| format!("http://{bound}"), |u| u.to_string());
    let journal = config.journal()?;
    let journal_path = journal.store().path().map(|p| p.display().to_string());
    let mut bridge = Bridge::new(directory, token.clone())
        .profiles(config.profiles().clone())
        .exclude(&config.reconcile_settings().exclude)
        .recorder(std::sync::Arc::new(journal.into_store()))
        .base_url(&public);
    if let Some(name) = &default_profile {
        bridge = bridge.default_profile(name);
    }
    println!(
        "# usermgmt scim: serving {}/scim/v2",
        public.trim_end_matches('/')
    );
    println!("# listening on {bound}");
    if let Some(path) = journal_path {
        println!("# changes are journaled in {path} (`usermgmt runs list`)");
    }
    if generated {
        use secrecy::ExposeSecret;
        println!("# a token was generated for this sandbox run:");
        println!("export {TOKEN_VAR}={}", token.expose_secret());
    }
    println!("# serving until interrupted (Ctrl-C or SIGTERM)");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(bridge.serve(listener, async {
        let _ = stopped.await;
    }));
    let signal = super::sandbox::shutdown_signal().await;
    let _ = stop.send(());
    server
        .await
        .map_err(|e| CliError::Message(format!("the SCIM server failed: {e}")))?
        .map_err(|e| CliError::Message(format!("the SCIM server failed: {e}")))?;
    signal?;
    Ok(ExitCode::SUCCESS)
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
