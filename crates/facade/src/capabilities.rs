//! What each provider's API can do, as data. The directory checks it before any request,
//! so asking for something a provider cannot do is an [`Error::Unsupported`](crate::Error)
//! with no HTTP call.

use serde::Serialize;
use usermgmt_runtime::Provider;

/// How a provider takes a person's access away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Removal {
    /// The account is deleted (Axiom, Adverity, Model-Prime).
    Delete,
    /// The account is disabled and kept (Paradime).
    Disable,
    /// The engineer is offboarded from a GitHub organization (Axolo).
    Offboard,
}

/// The operations a provider's API offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    /// Users can be listed.
    pub list_users: bool,
    /// People can be invited or created with an access level.
    pub invite: bool,
    /// A user's role can be changed.
    pub change_role: bool,
    /// How access is removed.
    pub removal: Removal,
    /// The provider identifies people by GitHub login rather than email.
    pub by_github_login: bool,
    /// Pending invitations show in the listing (Paradime's `invitedUsers`), or there are
    /// none (the account exists at once). Model-Prime's API cannot list them: an
    /// invitation sent there is known only from the journal.
    pub lists_invitations: bool,
}

impl Capabilities {
    /// The capabilities of `provider`.
    ///
    /// ```
    /// use usermgmt::{Capabilities, Provider, Removal};
    /// assert!(!Capabilities::of(Provider::Axolo).list_users);
    /// assert_eq!(Capabilities::of(Provider::Paradime).removal, Removal::Disable);
    /// assert!(!Capabilities::of(Provider::ModelPrime).lists_invitations);
    /// ```
    pub fn of(provider: Provider) -> Capabilities {
        let full = Capabilities {
            list_users: true,
            invite: true,
            change_role: true,
            removal: Removal::Delete,
            by_github_login: false,
            lists_invitations: true,
        };
        match provider {
            Provider::Axiom => full,
            // Invitations are Auth0's, and no operation lists them.
            Provider::ModelPrime => Capabilities {
                lists_invitations: false,
                ..full
            },
            // Adverity users belong to groups; the API has no roles to change.
            Provider::Adverity => Capabilities {
                change_role: false,
                ..full
            },
            Provider::Paradime => Capabilities {
                removal: Removal::Disable,
                ..full
            },
            Provider::Axolo => Capabilities {
                list_users: false,
                change_role: false,
                removal: Removal::Offboard,
                by_github_login: true,
                ..full
            },
            // `Provider` is non-exhaustive: a provider this version does not know can do nothing.
            _ => Capabilities {
                list_users: false,
                invite: false,
                change_role: false,
                removal: Removal::Delete,
                by_github_login: false,
                lists_invitations: false,
            },
        }
    }
}
