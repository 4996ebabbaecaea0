//! Axolo: the generated client re-exported and the directory adapter. Axolo has no user
//! listing; engineers are onboarded and offboarded by GitHub login.

pub use usermgmt_axolo::*;

use usermgmt_runtime::Provider;

use super::call;
use super::receipt::{self, Receipt};
use crate::Invite;

const AXOLO: Provider = Provider::Axolo;

pub(crate) async fn onboard(client: &Client, invite: &Invite) -> Result<(), crate::Error> {
    let missing = |what: &str| crate::Error::InvalidInput {
        provider: Some(AXOLO),
        message: format!("onboarding in Axolo needs {what}"),
    };
    let organization = invite
        .axolo_organization
        .as_deref()
        .ok_or_else(|| missing("a GitHub organization"))
        .and_then(|org| crate::validate::github_name("GitHub organization", org))?;
    let login = invite
        .person
        .github_login()
        .ok_or_else(|| missing("a GitHub login"))?
        .to_string();
    let slack = invite
        .person
        .slack_id()
        .ok_or_else(|| missing("a Slack id"))?
        .to_string();
    let request = client.onboard_engineer().body_map(|b| {
        b.organization(organization)
            .github_login(login)
            .slack_id(slack)
    });
    call(AXOLO, "onboard_engineer", request.send()).await
}

pub(crate) async fn offboard(
    client: &Client,
    organization: &str,
    github_login: &str,
) -> Result<Receipt, crate::Error> {
    let request = client
        .offboard_engineer()
        .body_map(|b| b.organization(organization).github_login(github_login));
    Ok(receipt::send(AXOLO, "offboard_engineer", request.send())
        .await?
        .1)
}

/// Onboard `github_login` into `organization` with its Slack id (an upsert at Axolo:
/// onboarding an onboarded engineer updates the Slack id).
pub(crate) async fn onboard_login(
    client: &Client,
    organization: &str,
    github_login: &str,
    slack_id: &str,
) -> Result<Receipt, crate::Error> {
    let request = client.onboard_engineer().body_map(|b| {
        b.organization(organization)
            .github_login(github_login)
            .slack_id(slack_id)
    });
    Ok(receipt::send(AXOLO, "onboard_engineer", request.send())
        .await?
        .1)
}
