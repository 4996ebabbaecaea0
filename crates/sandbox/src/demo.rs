//! The demo organisation "Acme" that [`Seed::Demo`](crate::Seed::Demo) loads: twelve people
//! spread over the five providers, so examples and tests can name them.
//!
//! | person | email | GitHub / Slack | Axiom | Adverity | Paradime | Model-Prime | Axolo (`acme-corp`) |
//! |---|---|---|---|---|---|---|---|
//! | Ada Lovelace | ada@acme.example | `ada-lovelace` / `U01ADALOVE` | owner (the token's user) | active, Administrators | ADMIN | admin, password login (the token's user) | onboarded |
//! | **Alan Turing** | alan@acme.example | `alan-turing` / `U01ALANTUR` | admin | active, Analysts | DEVELOPER | developer, Google | onboarded |
//! | Grace Hopper | grace@acme.example | `grace-hopper` / `U01GRACEHO` | user | active, Analysts | DEVELOPER | developer + analyst, Google | onboarded |
//! | Katherine Johnson | katherine@acme.example | `kjohnson` / `U01KATHJOH` | read-only | active, Viewers | BUSINESS | analyst, Google | – |
//! | Edsger Dijkstra | edsger@acme.example | `edijkstra` / `U01EDSGERD` | custom role "Data Steward" | – | ANALYST | – | onboarded |
//! | Hedy Lamarr | hedy@acme.example | `hedy-lamarr` / `U01HEDYLAM` | – | active, Viewers, never logged in | – | analyst, password login | – |
//! | Claude Shannon | claude@acme.example | `cshannon` / `U01CLAUDES` | user | – | – | – | onboarded |
//! | Dorothy Vaughan | dorothy@acme.example | `dvaughan` / `U01DOROTHY` | – | **inactive** (`active: false`) | – | – | – |
//! | John von Neumann | john@acme.example | `jvonneumann` / `U01JOHNVON` | none | – | – | developer, Google | – |
//! | Annie Easley | annie@acme.example | `annie-easley` / `U01ANNIEEA` | – | – | **invited** DEVELOPER (ACTIVE, pending) | – | – |
//! | Charles Babbage | charles@acme.example | `cbabbage` / `U01CHARLES` | – | active, Analysts | – | – | – |
//! | Mary Jackson | mary@acme.example | `mary-jackson` / `U01MARYJAC` | – | – | invited BUSINESS (EXPIRED) | **invited** analyst (pending invitation) | – |
//!
//! [`LEAVER_EMAIL`] (Alan Turing) is in all five and is the person demos offboard; Ada
//! Lovelace ([`OWNER_EMAIL`]) is also in all five but owns the sandbox credentials, so
//! removing her locks the Axiom and Model-Prime tokens' user out. Adverity workspaces are
//! 1 "Acme", 2 "Acme Marketing", 3 "Acme Finance"; groups are 1 Administrators, 2 Analysts,
//! 3 Viewers. Paradime workspaces are "acme-analytics" and "acme-sandbox".

/// The organisation's name (Model-Prime `GET /organization`).
pub const ORGANIZATION_NAME: &str = "Acme";
/// The person in every provider whom demos offboard (Alan Turing).
pub const LEAVER_EMAIL: &str = "alan@acme.example";
/// Alan Turing's GitHub login (for Axolo offboarding).
pub const LEAVER_GITHUB_LOGIN: &str = "alan-turing";
/// The owner of the sandbox's Axiom and Model-Prime credentials (Ada Lovelace).
pub const OWNER_EMAIL: &str = "ada@acme.example";
/// The GitHub organisation Axolo knows (case-sensitive, as in the real API).
pub const AXOLO_ORGANIZATION: &str = "acme-corp";
/// The id of Axiom's custom role "Data Steward" (Edsger Dijkstra's role).
pub const AXIOM_CUSTOM_ROLE_ID: &str = "6c1f2a9e-3b7d-4e0a-9f45-2d8b1c7e5a31";
/// The display name of [`AXIOM_CUSTOM_ROLE_ID`].
pub const AXIOM_CUSTOM_ROLE_NAME: &str = "Data Steward";
/// Adverity workspaces (id, name).
pub const ADVERITY_WORKSPACES: &[(u64, &str)] =
    &[(1, "Acme"), (2, "Acme Marketing"), (3, "Acme Finance")];
/// Adverity groups (id, name).
pub const ADVERITY_GROUPS: &[(u64, &str)] =
    &[(1, "Administrators"), (2, "Analysts"), (3, "Viewers")];
/// Paradime workspace names.
pub const PARADIME_WORKSPACES: &[&str] = &["acme-analytics", "acme-sandbox"];

/// One person of the demo organisation and where they have an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoPerson {
    /// Full name ("Ada Lovelace"); Adverity splits it at the first space.
    pub name: &'static str,
    /// Email, the same in every provider.
    pub email: &'static str,
    /// GitHub login (Axolo identifies engineers by it).
    pub github_login: &'static str,
    /// Slack member id.
    pub slack_id: &'static str,
    /// Axiom role id, if the person is in Axiom.
    pub axiom_role: Option<&'static str>,
    /// Adverity account, if any.
    pub adverity: Option<DemoAdverity>,
    /// Paradime account or invitation, if any.
    pub paradime: Option<DemoParadime>,
    /// Model-Prime membership or invitation, if any.
    pub modelprime: Option<DemoModelPrime>,
    /// Onboarded in Axolo (organisation [`AXOLO_ORGANIZATION`]).
    pub axolo: bool,
}

/// An Adverity account of a demo person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAdverity {
    /// `active` flag.
    pub active: bool,
    /// Group ids (see [`ADVERITY_GROUPS`]).
    pub groups: &'static [u64],
    /// Workspace ids (see [`ADVERITY_WORKSPACES`]).
    pub workspaces: &'static [u64],
    /// Whether `last_login` is set (`null` otherwise).
    pub logged_in: bool,
}

/// A Paradime account of a demo person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoParadime {
    /// An active user with this account type.
    Active(&'static str),
    /// An invitation: account type and invite status.
    Invited(&'static str, &'static str),
}

/// A Model-Prime membership of a demo person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoModelPrime {
    /// Permission roles (`admin`, `developer`, `analyst`).
    pub roles: &'static [&'static str],
    /// Logs in with Google (`google-oauth2`) rather than a password.
    pub google: bool,
    /// A pending invitation rather than a member.
    pub invited: bool,
}

const fn adverity(groups: &'static [u64], workspaces: &'static [u64]) -> Option<DemoAdverity> {
    Some(DemoAdverity {
        active: true,
        groups,
        workspaces,
        logged_in: true,
    })
}

const fn member(roles: &'static [&'static str], google: bool) -> Option<DemoModelPrime> {
    Some(DemoModelPrime {
        roles,
        google,
        invited: false,
    })
}

/// Everyone in the demo organisation, in seeding order.
pub const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        name: "Ada Lovelace",
        email: "ada@acme.example",
        github_login: "ada-lovelace",
        slack_id: "U01ADALOVE",
        axiom_role: Some("owner"),
        adverity: adverity(&[1], &[1, 2]),
        paradime: Some(DemoParadime::Active("ADMIN")),
        modelprime: member(&["admin"], false),
        axolo: true,
    },
    DemoPerson {
        name: "Alan Turing",
        email: "alan@acme.example",
        github_login: "alan-turing",
        slack_id: "U01ALANTUR",
        axiom_role: Some("admin"),
        adverity: adverity(&[2], &[1]),
        paradime: Some(DemoParadime::Active("DEVELOPER")),
        modelprime: member(&["developer"], true),
        axolo: true,
    },
    DemoPerson {
        name: "Grace Hopper",
        email: "grace@acme.example",
        github_login: "grace-hopper",
        slack_id: "U01GRACEHO",
        axiom_role: Some("user"),
        adverity: adverity(&[2], &[1, 3]),
        paradime: Some(DemoParadime::Active("DEVELOPER")),
        modelprime: member(&["developer", "analyst"], true),
        axolo: true,
    },
    DemoPerson {
        name: "Katherine Johnson",
        email: "katherine@acme.example",
        github_login: "kjohnson",
        slack_id: "U01KATHJOH",
        axiom_role: Some("read-only"),
        adverity: adverity(&[3], &[1]),
        paradime: Some(DemoParadime::Active("BUSINESS")),
        modelprime: member(&["analyst"], true),
        axolo: false,
    },
    DemoPerson {
        name: "Edsger Dijkstra",
        email: "edsger@acme.example",
        github_login: "edijkstra",
        slack_id: "U01EDSGERD",
        axiom_role: Some(AXIOM_CUSTOM_ROLE_ID),
        adverity: None,
        paradime: Some(DemoParadime::Active("ANALYST")),
        modelprime: None,
        axolo: true,
    },
    DemoPerson {
        name: "Hedy Lamarr",
        email: "hedy@acme.example",
        github_login: "hedy-lamarr",
        slack_id: "U01HEDYLAM",
        axiom_role: None,
        adverity: Some(DemoAdverity {
            active: true,
            groups: &[3],
            workspaces: &[2],
            logged_in: false,
        }),
        paradime: None,
        modelprime: member(&["analyst"], false),
        axolo: false,
    },
    DemoPerson {
        name: "Claude Shannon",
        email: "claude@acme.example",
        github_login: "cshannon",
        slack_id: "U01CLAUDES",
        axiom_role: Some("user"),
        adverity: None,
        paradime: None,
        modelprime: None,
        axolo: true,
    },
    DemoPerson {
        name: "Dorothy Vaughan",
        email: "dorothy@acme.example",
        github_login: "dvaughan",
        slack_id: "U01DOROTHY",
        axiom_role: None,
        adverity: Some(DemoAdverity {
            active: false,
            groups: &[2],
            workspaces: &[1],
            logged_in: true,
        }),
        paradime: None,
        modelprime: None,
        axolo: false,
    },
    DemoPerson {
        name: "John von Neumann",
        email: "john@acme.example",
        github_login: "jvonneumann",
        slack_id: "U01JOHNVON",
        axiom_role: Some("none"),
        adverity: None,
        paradime: None,
        modelprime: member(&["developer"], true),
        axolo: false,
    },
    DemoPerson {
        name: "Annie Easley",
        email: "annie@acme.example",
        github_login: "annie-easley",
        slack_id: "U01ANNIEEA",
        axiom_role: None,
        adverity: None,
        paradime: Some(DemoParadime::Invited("DEVELOPER", "ACTIVE")),
        modelprime: None,
        axolo: false,
    },
    DemoPerson {
        name: "Charles Babbage",
        email: "charles@acme.example",
        github_login: "cbabbage",
        slack_id: "U01CHARLES",
        axiom_role: None,
        adverity: adverity(&[2], &[3]),
        paradime: None,
        modelprime: None,
        axolo: false,
    },
    DemoPerson {
        name: "Mary Jackson",
        email: "mary@acme.example",
        github_login: "mary-jackson",
        slack_id: "U01MARYJAC",
        axiom_role: None,
        adverity: None,
        paradime: Some(DemoParadime::Invited("BUSINESS", "EXPIRED")),
        modelprime: Some(DemoModelPrime {
            roles: &["analyst"],
            google: true,
            invited: true,
        }),
        axolo: false,
    },
];

/// The demo person with this email.
pub fn person(email: &str) -> Option<&'static DemoPerson> {
    PEOPLE.iter().find(|p| p.email.eq_ignore_ascii_case(email))
}

/// Synthetic load-test email number `n` (1-based): `user00001@load.example`.
pub(crate) fn synthetic_email(n: usize) -> String {
    format!("user{n:05}@load.example")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leaver_and_the_owner_are_in_all_five_providers() {
        for email in [LEAVER_EMAIL, OWNER_EMAIL] {
            let p = person(email).unwrap();
            assert!(p.axiom_role.is_some() && p.adverity.is_some() && p.axolo);
            assert!(matches!(p.paradime, Some(DemoParadime::Active(_))));
            assert!(matches!(p.modelprime, Some(m) if !m.invited));
        }
        assert_eq!(
            person(LEAVER_EMAIL).unwrap().github_login,
            LEAVER_GITHUB_LOGIN
        );
    }

    #[test]
    fn emails_and_logins_are_unique() {
        let mut emails: Vec<_> = PEOPLE.iter().map(|p| p.email).collect();
        let mut logins: Vec<_> = PEOPLE.iter().map(|p| p.github_login).collect();
        emails.sort_unstable();
        emails.dedup();
        logins.sort_unstable();
        logins.dedup();
        assert_eq!(emails.len(), PEOPLE.len());
        assert_eq!(logins.len(), PEOPLE.len());
        assert_eq!(synthetic_email(7), "user00007@load.example");
    }
}
