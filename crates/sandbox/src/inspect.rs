//! Read-only views of state that the APIs themselves cannot list, for tests and demos.
//!
//! Axolo has no list endpoint and Model-Prime invitations are invisible until accepted,
//! so [`crate::Sandbox`] exposes them through these types.

/// An engineer onboarded in the Axolo fake.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct AxoloEngineer {
    /// GitHub organisation (case-sensitive).
    pub organization: String,
    /// GitHub login.
    pub github_login: String,
    /// Slack member id.
    pub slack_id: String,
}

/// A pending invitation in the Model-Prime fake (not a user until accepted).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ModelPrimeInvitation {
    /// Invited address.
    pub email: String,
    /// Name given in the invitation.
    pub name: String,
    /// Roles the user gets on accepting (`admin`, `developer`, `analyst`).
    pub roles: Vec<String>,
    /// `Some("google-oauth2")`, or `None` for a username-password account.
    pub connection: Option<String>,
}
