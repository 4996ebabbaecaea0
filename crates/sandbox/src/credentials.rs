//! The credentials every sandbox accepts: fixed strings, not secrets (the sandbox guards
//! nothing), so a shell that exported them once keeps working across restarts.
//!
//! [`crate::Endpoint::credentials`] and [`crate::Sandbox::env_vars`] hand them out under
//! the environment variable names the SDK and CLI read.

/// The Axiom API token (`Authorization: Bearer ...`): bound to the organization, accepted
/// everywhere except `GET`/`PUT /user`, which Axiom answers only for personal tokens.
pub const AXIOM_TOKEN: &str = "xaat-sandbox-acme-0000-000000000000";
/// The Axiom personal access token of the owner (Ada Lovelace): accepted on `/user`
/// (org-less) and, with `X-Axiom-Org-Id: `[`AXIOM_ORG_ID`], everywhere else.
pub const AXIOM_PERSONAL_TOKEN: &str = "xapt-sandbox-acme-0000-000000000000";
/// The Axiom organization id (`X-Axiom-Org-Id`), needed with the personal token.
pub const AXIOM_ORG_ID: &str = "acme-sandbox-a1b2";
/// The Adverity API key (`Authorization: Bearer ...`).
pub const ADVERITY_TOKEN: &str = "adverity-sandbox-key-acme";
/// The Paradime API key (`X-API-KEY`; also accepted as `Authorization: Bearer ...`).
pub const PARADIME_API_KEY: &str = "prdm_sandbox_key_acme";
/// A Paradime workspace-level bearer token (`Authorization: Bearer prdm_wsp_...`), as
/// the official Python SDK sends it; scoped to the first workspace.
pub const PARADIME_WORKSPACE_TOKEN: &str = "prdm_wsp_sandbox_acme_0000";
/// A Paradime company-level bearer token (`Authorization: Bearer prdm_cmp_...`): needs
/// `X-Paradime-Workspace: <workspace uid>` naming one of the company's workspaces.
pub const PARADIME_COMPANY_BEARER_TOKEN: &str = "prdm_cmp_sandbox_acme_0000";
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
