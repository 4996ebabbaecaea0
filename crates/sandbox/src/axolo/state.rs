//! Axolo's onboarded engineers per GitHub organisation.
//!
//! Organisation names are case-sensitive (documented); GitHub logins are matched
//! case-insensitively, as GitHub treats them.

use serde::{Deserialize, Serialize};

use crate::Seed;
use crate::demo::{self, AXOLO_ORGANIZATION};
use crate::inspect::AxoloEngineer;

/// Why an operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The organisation is not connected to this Axolo account (404).
    UnknownOrganization,
    /// The engineer is not onboarded in that organisation (404).
    NotOnboarded,
}

/// Everything the Axolo fake remembers (also what its state file holds).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct State {
    organizations: Vec<String>,
    engineers: Vec<AxoloEngineer>,
    synthetic: usize,
}

impl State {
    /// The demo engineers of `acme-corp`, or none for [`Seed::Empty`] (the organisation
    /// exists either way: it is the account's GitHub organisation).
    pub(crate) fn new(seed: Seed) -> State {
        let engineers = match seed {
            Seed::Empty => Vec::new(),
            Seed::Demo => demo::PEOPLE
                .iter()
                .filter(|p| p.axolo)
                .map(|p| AxoloEngineer {
                    organization: AXOLO_ORGANIZATION.into(),
                    github_login: p.github_login.into(),
                    slack_id: p.slack_id.into(),
                })
                .collect(),
        };
        State {
            organizations: vec![AXOLO_ORGANIZATION.into()],
            engineers,
            synthetic: 0,
        }
    }

    /// Every onboarded engineer.
    pub(crate) fn engineers(&self) -> &[AxoloEngineer] {
        &self.engineers
    }

    fn find(&self, organization: &str, github_login: &str) -> Option<usize> {
        self.engineers.iter().position(|e| {
            e.organization == organization && e.github_login.eq_ignore_ascii_case(github_login)
        })
    }

    fn known(&self, organization: &str) -> Result<(), Failure> {
        if self.organizations.iter().any(|o| o == organization) {
            Ok(())
        } else {
            Err(Failure::UnknownOrganization)
        }
    }

    /// Onboards (or, if already onboarded, updates the Slack id: onboarding is idempotent).
    pub(crate) fn onboard(
        &mut self,
        organization: &str,
        github_login: &str,
        slack_id: &str,
    ) -> Result<(), Failure> {
        self.known(organization)?;
        match self.find(organization, github_login) {
            Some(i) => self.engineers[i].slack_id = slack_id.into(),
            None => self.engineers.push(AxoloEngineer {
                organization: organization.into(),
                github_login: github_login.into(),
                slack_id: slack_id.into(),
            }),
        }
        Ok(())
    }

    /// Offboards.
    pub(crate) fn offboard(
        &mut self,
        organization: &str,
        github_login: &str,
    ) -> Result<(), Failure> {
        self.known(organization)?;
        let i = self
            .find(organization, github_login)
            .ok_or(Failure::NotOnboarded)?;
        self.engineers.remove(i);
        Ok(())
    }

    /// Appends `n` synthetic engineers (`load-user00001`, Slack `UL000000001`).
    pub(crate) fn add_synthetic(&mut self, n: usize) {
        self.engineers.reserve(n);
        for _ in 0..n {
            self.synthetic += 1;
            let k = self.synthetic;
            self.engineers.push(AxoloEngineer {
                organization: AXOLO_ORGANIZATION.into(),
                github_login: format!("load-user{k:05}"),
                slack_id: format!("UL{k:09}"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_is_case_sensitive_but_logins_are_not() {
        let mut state = State::new(Seed::Demo);
        assert_eq!(
            state.offboard("Acme-Corp", demo::LEAVER_GITHUB_LOGIN),
            Err(Failure::UnknownOrganization)
        );
        state.offboard(AXOLO_ORGANIZATION, "Alan-Turing").unwrap();
        assert_eq!(
            state.offboard(AXOLO_ORGANIZATION, demo::LEAVER_GITHUB_LOGIN),
            Err(Failure::NotOnboarded)
        );
    }

    #[test]
    fn onboarding_twice_updates_instead_of_duplicating() {
        let mut state = State::new(Seed::Empty);
        state.onboard(AXOLO_ORGANIZATION, "new-dev", "U1").unwrap();
        state.onboard(AXOLO_ORGANIZATION, "new-dev", "U2").unwrap();
        assert_eq!(state.engineers().len(), 1);
        assert_eq!(state.engineers()[0].slack_id, "U2");
    }
}
