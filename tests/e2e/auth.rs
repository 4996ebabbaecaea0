//! Credentials: clients configured from the sandbox's environment variables reach every
//! provider; wrong credentials give the provider's 401/403 with its message and a hint
//! naming the variables to check; a missing variable is named before any request.

use usermgmt::{Error, Provider, call};
use usermgmt_runtime::{
    AdverityCredentials, AxiomCredentials, AxoloCredentials, ModelPrimeCredentials,
    ParadimeCredentials,
};
use usermgmt_sandbox::{Sandbox, demo};

use crate::{expect_status, message_of, options, start};

fn lookup(sandbox: &Sandbox) -> impl Fn(&str) -> Option<String> + Sync + use<> {
    let vars = sandbox.env_vars();
    move |name: &str| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    }
}

#[tokio::test]
async fn clients_configured_from_the_sandbox_environment_reach_every_provider() {
    let sandbox = start().await;
    let lookup = lookup(&sandbox);
    let options = options();

    // AXIOM_TOKEN is the organization's API token: the users, not `/user`.
    let axiom = usermgmt_axiom::Client::from_lookup(&lookup, &options).unwrap();
    let users = call(Provider::Axiom, "list_users", axiom.list_users().send())
        .await
        .unwrap();
    assert!(users.iter().any(|u| u.email == demo::OWNER_EMAIL));
    let refused = call(
        Provider::Axiom,
        "get_current_user",
        axiom.get_current_user().send(),
    )
    .await;
    let error = crate::expect_status(refused, 403);
    assert!(
        crate::message_of(&error).is_some_and(|m| m.contains("personal access token")),
        "{error}"
    );

    let adverity = usermgmt_adverity::Client::from_lookup(&lookup, &options).unwrap();
    let page = call(
        Provider::Adverity,
        "list_users",
        adverity.list_users().send(),
    )
    .await
    .unwrap();
    assert!(page.count > 0);

    let modelprime = usermgmt_modelprime::Client::from_lookup(&lookup, &options).unwrap();
    let org = call(
        Provider::ModelPrime,
        "get_organization",
        modelprime.get_organization().send(),
    )
    .await
    .unwrap();
    assert_eq!(org.name, demo::ORGANIZATION_NAME);

    let paradime = usermgmt_paradime::Client::from_lookup(&lookup, &options).unwrap();
    assert_eq!(paradime.list_workspaces().await.unwrap().len(), 2);

    let axolo = usermgmt_axolo::Client::from_lookup(&lookup, &options).unwrap();
    call(
        Provider::Axolo,
        "onboard_engineer",
        axolo
            .onboard_engineer()
            .body_map(|b| {
                b.organization(demo::AXOLO_ORGANIZATION)
                    .github_login("from-env")
                    .slack_id("U01FROMENV")
            })
            .send(),
    )
    .await
    .unwrap();
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .any(|e| e.github_login == "from-env")
    );
}

#[tokio::test]
async fn a_missing_variable_is_named_before_any_request() {
    let sandbox = start().await;
    let vars = sandbox.env_vars();
    let without_token = move |name: &str| {
        vars.iter()
            .find(|(n, _)| *n == name && *n != "MODELPRIME_TOKEN")
            .map(|(_, v)| v.clone())
    };
    let error = usermgmt_modelprime::Client::from_lookup(&without_token, &options()).unwrap_err();
    assert!(
        matches!(
            error,
            Error::MissingEnv {
                provider: Provider::ModelPrime,
                name: "MODELPRIME_TOKEN"
            }
        ),
        "{error:?}"
    );
}

/// Asserts the status, that the provider's message came through, and that the hint
/// names every credential variable of the provider.
#[track_caller]
fn assert_auth_error<T: std::fmt::Debug>(
    result: Result<T, Error>,
    status: u16,
    provider: Provider,
) {
    let error = expect_status(result, status);
    assert!(
        message_of(&error).is_some_and(|m| !m.is_empty()),
        "{error:?}"
    );
    let line = error.to_string();
    assert!(
        line.contains(&format!("{status} from {provider}")),
        "{line}"
    );
    let hint = format!("check {}", provider.credential_envs().join(" and "));
    assert!(line.contains(&hint), "{line} lacks {hint:?}");
}

#[tokio::test]
async fn wrong_credentials_give_each_providers_refusal_with_a_hint_naming_the_variables() {
    let sandbox = start().await;
    let options = options();

    let axiom = usermgmt_axiom::Client::connect(
        &sandbox.axiom().base_url,
        &AxiomCredentials::new("xaat-wrong"),
        &options,
    )
    .unwrap();
    let result = call(Provider::Axiom, "list_users", axiom.list_users().send()).await;
    assert_auth_error(result, 403, Provider::Axiom);

    let adverity = usermgmt_adverity::Client::connect(
        &sandbox.adverity().base_url,
        &AdverityCredentials::new("wrong"),
        &options,
    )
    .unwrap();
    let result = call(
        Provider::Adverity,
        "list_users",
        adverity.list_users().send(),
    )
    .await;
    assert_auth_error(result, 401, Provider::Adverity);

    let modelprime = usermgmt_modelprime::Client::connect(
        &sandbox.modelprime().base_url,
        &ModelPrimeCredentials::new(demo::OWNER_EMAIL, "mpat_wrong"),
        &options,
    )
    .unwrap();
    let result = call(Provider::ModelPrime, "get_me", modelprime.get_me().send()).await;
    assert_auth_error(result, 401, Provider::ModelPrime);

    let axolo = usermgmt_axolo::Client::connect(
        &sandbox.axolo().base_url,
        &AxoloCredentials::new("wrong"),
        &options,
    )
    .unwrap();
    let result = call(
        Provider::Axolo,
        "offboard_engineer",
        axolo
            .offboard_engineer()
            .body_map(|b| {
                b.organization(demo::AXOLO_ORGANIZATION)
                    .github_login(demo::LEAVER_GITHUB_LOGIN)
            })
            .send(),
    )
    .await;
    assert_auth_error(result, 401, Provider::Axolo);
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .any(|e| e.github_login == demo::LEAVER_GITHUB_LOGIN),
        "a refused request changes nothing"
    );

    let paradime = usermgmt_paradime::Client::new(
        &sandbox.paradime().base_url,
        &ParadimeCredentials::new("prdm_wrong", "wrong"),
        &options,
    )
    .unwrap();
    assert_auth_error(paradime.list_users().await, 401, Provider::Paradime);
}
