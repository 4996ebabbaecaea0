//! The credentials every sandbox accepts: fixed strings, not secrets (the sandbox guards
//! nothing), so a shell that exported them once keeps working across restarts.
//!
//! [`crate::Endpoint::credentials`] and [`crate::Sandbox::env_vars`] hand them out under
//! the environment variable names the SDK and CLI read.

/// The Axiom API token (`Authorization: Bearer ...`).
pub const AXIOM_TOKEN: &str = "xaat-sandbox-acme-0000-000000000000";
/// The Adverity API key (`Authorization: Bearer ...`).
pub const ADVERITY_TOKEN: &str = "adverity-sandbox-key-acme";
/// The Paradime API key (`X-API-KEY`; also accepted as `Authorization: Bearer ...`).
pub const PARADIME_API_KEY: &str = "prdm_sandbox_key_acme";
/// The Paradime API secret (`X-API-SECRET`).
pub const PARADIME_API_SECRET: &str = "prdm_sandbox_secret_acme";
/// The Paradime company token in the endpoint path (`/api/v1/<token>/graphql`).
pub const PARADIME_COMPANY_TOKEN: &str = "acme7f3e9b2c";
/// The Model-Prime account email (`Authorization: <email>:<token>`), Ada Lovelace.
pub const MODELPRIME_EMAIL: &str = crate::demo::OWNER_EMAIL;
/// The Model-Prime personal access token.
pub const MODELPRIME_TOKEN: &str = "mpat_sandbox_acme_0000";
/// The Axolo API key (`x-api-key`).
pub const AXOLO_API_KEY: &str = "axolo-sandbox-key-acme";
