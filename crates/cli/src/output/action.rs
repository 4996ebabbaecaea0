//! The result of an action (delete, invite, set-role, onboard, ...): one JSON object of
//! fixed fields with the ids involved, the same shape for every provider, never prose.

use serde::Serialize;
use usermgmt::Provider;

use super::columns::Record;

/// `{"result":"ok","action":"delete","provider":"adverity","id":"12",...}`: absent
/// fields are `null` in JSON and empty cells in CSV, so the shape never changes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ActionResult {
    result: &'static str,
    action: &'static str,
    provider: &'static str,
    id: Option<String>,
    email: Option<String>,
    roles: Option<Vec<String>>,
    organization: Option<String>,
}

impl ActionResult {
    /// `action` (a kebab-case verb: `delete`, `set-role`) succeeded at `provider`.
    pub(crate) fn ok(action: &'static str, provider: Provider) -> Self {
        Self {
            result: "ok",
            action,
            provider: provider.id(),
            id: None,
            email: None,
            roles: None,
            organization: None,
        }
    }

    /// The id of the account acted on (a GitHub login for Axolo).
    pub(crate) fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The email acted on (an invitation has no id yet).
    pub(crate) fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// The roles or account type set.
    pub(crate) fn roles(mut self, roles: Vec<String>) -> Self {
        self.roles = Some(roles);
        self
    }

    /// The organization acted in (Axolo).
    pub(crate) fn organization(mut self, organization: impl Into<String>) -> Self {
        self.organization = Some(organization.into());
        self
    }
}

impl Record for ActionResult {
    const COLUMNS: &'static [&'static str] = &[
        "result",
        "action",
        "provider",
        "id",
        "email",
        "roles",
        "organization",
    ];
}
