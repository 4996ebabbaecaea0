//! `usermgmt scim ...`: the SCIM 2.0 bridge.

use std::net::SocketAddr;

use clap::Subcommand;

/// Where `scim serve` listens unless `--listen` says otherwise: loopback only.
pub(crate) const DEFAULT_LISTEN: &str = "127.0.0.1:18110";

#[derive(Debug, Subcommand)]
pub(crate) enum ScimCommand {
    /// Serve the SCIM 2.0 bridge under /scim/v2 until Ctrl-C or SIGTERM.
    ///
    /// Users are people (accounts grouped by email across the providers), groups are
    /// the access profiles of the config file. A POST onboards the person with the
    /// profile their enterprise department names (else --default-profile); a PATCH or
    /// PUT with active false
    /// offboards the person everywhere, journaled like `usermgmt offboard --apply`, with
    /// the same guard rails (last admin, exclude). Clients authenticate with the bearer
    /// token in USERMGMT_SCIM_TOKEN; with --sandbox and without that variable a token
    /// is generated and printed. It listens on loopback only: put a TLS reverse proxy
    /// on the same host in front of it to reach it from an identity provider.
    #[command(after_help = "Examples:\n  \
        usermgmt scim serve --sandbox\n  \
        usermgmt scim serve --listen 127.0.0.1:9000\n  \
        usermgmt scim serve --public-url https://scim.acme.example --default-profile developer")]
    Serve {
        /// The address to listen on (loopback only: 127.0.0.1 or ::1; port 0 lets the
        /// OS choose).
        #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
        listen: SocketAddr,
        /// The URL identity providers reach the bridge at (the reverse proxy's), used in
        /// `meta.location`; defaults to http://ADDR.
        #[arg(long, value_name = "URL")]
        public_url: Option<url::Url>,
        /// The access profile users created through SCIM get when their enterprise
        /// department names no profile of the config file (like developer).
        #[arg(long, value_name = "NAME")]
        default_profile: Option<String>,
    },
}
