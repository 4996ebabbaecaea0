//! `usermgmt scim ...`: the SCIM 2.0 bridge.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Subcommand;

/// Where `scim serve` listens unless `--listen` says otherwise: loopback only.
pub(crate) const DEFAULT_LISTEN: &str = "127.0.0.1:18110";

#[derive(Debug, Subcommand)]
pub(crate) enum ScimCommand {
    /// Serve the SCIM 2.0 bridge under /scim/v2 until Ctrl-C or SIGTERM.
    ///
    /// Users are people (accounts grouped by email across the providers), groups are
    /// the access profiles of the config file. A POST onboards the person with the
    /// profile --profile-rule picks (by default the one their enterprise department
    /// names, else --default-profile); joining a profile's group gives its access; a
    /// PATCH or PUT with active false offboards the person everywhere, journaled like
    /// `usermgmt offboard --apply`, with the same guard rails (last admin, exclude).
    /// Axolo onboards by the GitHub login and Slack id of the bridge's Axolo extension
    /// (urn:ietf:params:scim:schemas:extension:usermgmt-axolo:2.0:User). Clients
    /// authenticate with the bearer token in USERMGMT_SCIM_TOKEN; with --sandbox and
    /// without that variable a token is generated and printed.
    ///
    /// The token must not cross a network unencrypted, so there are two ways to reach
    /// the bridge from an identity provider: give it --tls-cert and --tls-key (PEM
    /// files) and it speaks HTTPS itself, on any --listen address; or keep it on
    /// loopback (plain HTTP, the only choice without those options) behind a TLS
    /// reverse proxy on the same host, with --public-url set to the proxy's URL.
    #[command(after_help = "Examples:\n  \
        usermgmt scim serve --sandbox\n  \
        usermgmt scim serve --profile-rule group --axolo-organization acme\n  \
        usermgmt scim serve --listen 0.0.0.0:8443 --tls-cert scim.crt --tls-key scim.key")]
    Serve {
        /// The address to listen on (port 0 lets the OS choose): loopback only (127.0.0.1
        /// or ::1) unless --tls-cert and --tls-key are given.
        #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
        listen: SocketAddr,
        /// The URL identity providers reach the bridge at (the reverse proxy's, or the
        /// name in the certificate), used in `meta.location`; defaults to http://ADDR
        /// (https://ADDR with --tls-cert).
        #[arg(long, value_name = "URL")]
        public_url: Option<url::Url>,
        /// Speak HTTPS with the certificate chain in this PEM file (the server's
        /// certificate first, then any intermediates); needs --tls-key.
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The PEM file with the private key of --tls-cert's certificate (PKCS#8,
        /// PKCS#1 or SEC1, not encrypted); needs --tls-cert.
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// The access profile users created through SCIM get when their enterprise
        /// department names no profile of the config file (like developer), or always
        /// with --profile-rule default.
        #[arg(long, value_name = "NAME")]
        default_profile: Option<String>,
        /// How a created user's profile is picked: department (the profile their
        /// enterprise department names, else --default-profile), default (always
        /// --default-profile), or group (none until the identity provider adds them to
        /// a profile's group, as Okta's group push and Entra's group assignment do).
        #[arg(long, value_name = "RULE", value_enum, default_value_t = ProfileRuleArg::Department)]
        profile_rule: ProfileRuleArg,
        /// The GitHub organization (case-sensitive) Axolo onboards engineers into;
        /// defaults to the config file's providers.axolo.organization (AXOLO_ORGANIZATION). Without
        /// one the bridge leaves Axolo alone.
        #[arg(long, value_name = "ORG")]
        axolo_organization: Option<String>,
    },
}

/// `--profile-rule`: see [`usermgmt_scim::ProfileRule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ProfileRuleArg {
    /// The profile the enterprise department names, else --default-profile.
    Department,
    /// Always --default-profile.
    Default,
    /// None until the user joins a profile's group.
    Group,
}

impl From<ProfileRuleArg> for usermgmt_scim::ProfileRule {
    fn from(rule: ProfileRuleArg) -> Self {
        match rule {
            ProfileRuleArg::Department => usermgmt_scim::ProfileRule::Department,
            ProfileRuleArg::Default => usermgmt_scim::ProfileRule::Default,
            ProfileRuleArg::Group => usermgmt_scim::ProfileRule::Group,
        }
    }
}
