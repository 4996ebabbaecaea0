//! The directory against the sandbox: configuration from variables, finding a person who
//! has accounts at some providers and not at others, listing everyone, inviting and
//! changing roles.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use usermgmt::{
    AccessLevel, Backend, Directory, Error, Invite, Person, Provider, Status, User, call,
};
use usermgmt_sandbox::FakeApi as Fake;
use usermgmt_sandbox::demo::{self, DemoParadime};

use crate::{directory, lookup, options, start};

/// `find`'s answer as provider -> accounts (every lookup must succeed).
async fn accounts(directory: &Directory, email: &str) -> BTreeMap<Provider, Vec<User>> {
    directory
        .find(&Person::new(email).unwrap())
        .await
        .into_iter()
        .map(|(provider, result)| (provider, result.unwrap()))
        .collect()
}

/// The providers at which `email` has at least one account.
async fn present_at(directory: &Directory, email: &str) -> Vec<Provider> {
    accounts(directory, email)
        .await
        .into_iter()
        .filter(|(_, users)| !users.is_empty())
        .map(|(provider, _)| provider)
        .collect()
}

#[tokio::test]
async fn a_directory_from_the_sandbox_variables_configures_every_provider() {
    let sandbox = start().await;
    let (directory, skipped) =
        Directory::from_lookup(&Provider::ALL, &lookup(&sandbox, &[]), &options());
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(directory.providers(), Provider::ALL.to_vec());
    assert_eq!(
        present_at(&directory, demo::LEAVER_EMAIL).await,
        vec![
            Provider::Axiom,
            Provider::Adverity,
            Provider::Paradime,
            Provider::ModelPrime
        ]
    );

    let (partial, skipped) = Directory::from_lookup(
        &Provider::ALL,
        &lookup(&sandbox, &["AXOLO_API_KEY"]),
        &options(),
    );
    assert_eq!(partial.providers().len(), 4);
    assert!(partial.backend(Provider::Axolo).is_none());
    assert!(
        matches!(
            skipped.as_slice(),
            [Error::MissingEnv {
                provider: Provider::Axolo,
                name: "AXOLO_API_KEY"
            }]
        ),
        "{skipped:?}"
    );
}

#[tokio::test]
async fn find_reports_accounts_where_a_person_has_them_and_none_elsewhere() {
    let sandbox = start().await;
    let directory = directory(&sandbox);

    // Hedy Lamarr: Adverity and Model-Prime only. Axolo cannot be searched by email.
    let hedy = accounts(&directory, "Hedy@Acme.Example").await;
    assert_eq!(
        hedy.keys().copied().collect::<Vec<_>>(),
        vec![
            Provider::Axiom,
            Provider::Adverity,
            Provider::Paradime,
            Provider::ModelPrime
        ]
    );
    assert!(hedy[&Provider::Axiom].is_empty());
    assert!(hedy[&Provider::Paradime].is_empty());
    let [adverity] = hedy[&Provider::Adverity].as_slice() else {
        panic!("one Adverity account: {hedy:?}")
    };
    assert_eq!(adverity.email.as_deref(), Some("hedy@acme.example"));
    assert_eq!(adverity.name.as_deref(), Some("Hedy Lamarr"));
    assert_eq!(adverity.roles, vec!["group:3".to_string()]);
    assert_eq!(adverity.access, AccessLevel::Unknown);
    assert_eq!(adverity.status, Status::Active);
    let [modelprime] = hedy[&Provider::ModelPrime].as_slice() else {
        panic!("one Model-Prime account: {hedy:?}")
    };
    assert_eq!(modelprime.roles, vec!["analyst".to_string()]);
    assert_eq!(
        modelprime.access,
        AccessLevel::ReadOnly,
        "roles are fetched for Model-Prime"
    );
    assert!(
        modelprime
            .id
            .as_deref()
            .is_some_and(|id| id.starts_with("auth0|"))
    );

    // Claude Shannon: Axiom only (and Axolo, which find cannot see).
    assert_eq!(
        present_at(&directory, "claude@acme.example").await,
        vec![Provider::Axiom]
    );
    let claude = accounts(&directory, "claude@acme.example").await;
    assert_eq!(claude[&Provider::Axiom][0].access, AccessLevel::Member);

    // Nobody.
    assert!(
        present_at(&directory, "nobody@acme.example")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn find_shows_invitations_and_disabled_accounts_with_their_status() {
    let sandbox = start().await;
    let directory = directory(&sandbox);

    // Mary Jackson: an (expired) Paradime invitation; her Model-Prime invitation is
    // invisible through the API until accepted.
    let mary = accounts(&directory, "mary@acme.example").await;
    assert!(mary[&Provider::ModelPrime].is_empty());
    let [invited] = mary[&Provider::Paradime].as_slice() else {
        panic!("one Paradime invitation: {mary:?}")
    };
    assert_eq!(invited.status, Status::Invited);
    assert_eq!(invited.id, None);
    assert_eq!(invited.access, AccessLevel::ReadOnly);

    let dorothy = accounts(&directory, "dorothy@acme.example").await;
    assert_eq!(dorothy[&Provider::Adverity][0].status, Status::Disabled);

    let edsger = accounts(&directory, "edsger@acme.example").await;
    let axiom = &edsger[&Provider::Axiom][0];
    assert_eq!(axiom.roles, vec![demo::AXIOM_CUSTOM_ROLE_NAME.to_string()]);
    assert_eq!(
        axiom.access,
        AccessLevel::Unknown,
        "a custom role is not guessed at"
    );
}

#[tokio::test]
async fn list_users_streams_every_listing_provider_and_names_each_users_provider() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let users: Vec<User> = directory.list_users().try_collect().await.unwrap();
    let count = |provider| users.iter().filter(|u| u.provider == provider).count();
    let people = demo::PEOPLE;
    assert_eq!(
        count(Provider::Axiom),
        people.iter().filter(|p| p.axiom_role.is_some()).count()
    );
    assert_eq!(
        count(Provider::Adverity),
        people.iter().filter(|p| p.adverity.is_some()).count()
    );
    assert_eq!(
        count(Provider::Paradime),
        people.iter().filter(|p| p.paradime.is_some()).count()
    );
    assert_eq!(
        count(Provider::ModelPrime),
        people
            .iter()
            .filter(|p| p.modelprime.is_some_and(|m| !m.invited))
            .count()
    );
    assert_eq!(count(Provider::Axolo), 0);
    let invited = users.iter().filter(|u| u.status == Status::Invited).count();
    assert_eq!(
        invited,
        people
            .iter()
            .filter(|p| matches!(p.paradime, Some(DemoParadime::Invited(..))))
            .count()
    );

    let modelprime: Vec<User> = directory
        .list_users_of(Provider::ModelPrime)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(modelprime.len(), count(Provider::ModelPrime));
}

#[tokio::test]
async fn a_failing_provider_yields_its_error_while_the_others_still_list() {
    let sandbox = start().await;
    sandbox.faults(Fake::Axiom).next_server_errors(4, 500);
    let directory = directory(&sandbox);
    let results: Vec<Result<User, Error>> =
        futures::StreamExt::collect(directory.list_users()).await;
    let errors: Vec<&Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].provider(), Some(Provider::Axiom));
    assert_eq!(errors[0].status(), Some(500));
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .any(|u| u.provider == Provider::Paradime)
    );

    let found = directory
        .find(&Person::new(demo::LEAVER_EMAIL).unwrap())
        .await;
    for (provider, result) in found {
        assert!(
            result.is_ok(),
            "{provider}: the faults were used up: {result:?}"
        );
    }
}

#[tokio::test]
async fn invite_creates_the_account_with_exactly_the_requested_level() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let barbara = Person::new("barbara@acme.example")
        .unwrap()
        .with_github_login("bliskov")
        .unwrap()
        .with_slack_id("U01BARBARA")
        .unwrap();
    let invite = |access| Invite {
        name: Some("Barbara Liskov".into()),
        axolo_organization: Some(demo::AXOLO_ORGANIZATION.into()),
        ..Invite::new(barbara.clone(), access)
    };

    directory
        .invite(Provider::Axiom, &invite(AccessLevel::ReadOnly))
        .await
        .unwrap();
    directory
        .invite(Provider::ModelPrime, &invite(AccessLevel::Member))
        .await
        .unwrap();
    directory
        .invite(Provider::Paradime, &invite(AccessLevel::Admin))
        .await
        .unwrap();
    directory
        .invite(Provider::Axolo, &invite(AccessLevel::Unknown))
        .await
        .unwrap();

    let found = accounts(&directory, "barbara@acme.example").await;
    let axiom = &found[&Provider::Axiom][0];
    assert_eq!(
        (axiom.access, axiom.name.as_deref()),
        (AccessLevel::ReadOnly, Some("Barbara Liskov"))
    );
    let paradime = &found[&Provider::Paradime][0];
    assert_eq!(
        (paradime.status, paradime.access),
        (Status::Invited, AccessLevel::Admin)
    );
    assert!(
        found[&Provider::ModelPrime].is_empty(),
        "an invitation, not a member yet"
    );
    let invitation = sandbox
        .modelprime_invitations()
        .into_iter()
        .find(|i| i.email == "barbara@acme.example")
        .unwrap();
    assert_eq!(invitation.roles, vec!["developer".to_string()]);
    assert_eq!(invitation.name, "Barbara Liskov");
    let engineer = sandbox
        .axolo_engineers()
        .into_iter()
        .find(|e| e.github_login == "bliskov")
        .unwrap();
    assert_eq!(
        (engineer.organization.as_str(), engineer.slack_id.as_str()),
        (demo::AXOLO_ORGANIZATION, "U01BARBARA")
    );
}

#[tokio::test]
async fn inviting_at_adverity_without_a_level_creates_the_user() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let invite = Invite {
        name: Some("Barbara Liskov".into()),
        ..Invite::new(
            Person::new("barbara@acme.example").unwrap(),
            AccessLevel::Unknown,
        )
    };
    directory.invite(Provider::Adverity, &invite).await.unwrap();
    let found = accounts(&directory, "barbara@acme.example").await;
    let [user] = found[&Provider::Adverity].as_slice() else {
        panic!("one Adverity account: {found:?}")
    };
    assert_eq!(user.name.as_deref(), Some("Barbara Liskov"));
    assert_eq!(user.status, Status::Active);
    assert!(user.roles.is_empty(), "no groups were asked for");
}

async fn id_at(directory: &Directory, provider: Provider, email: &str) -> String {
    accounts(directory, email).await[&provider][0]
        .id
        .clone()
        .unwrap()
}

#[tokio::test]
async fn change_role_sets_exactly_the_requested_level_at_each_provider() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    for (provider, email, level) in [
        (
            Provider::Axiom,
            "katherine@acme.example",
            AccessLevel::Admin,
        ),
        (
            Provider::ModelPrime,
            "grace@acme.example",
            AccessLevel::ReadOnly,
        ),
        (
            Provider::Paradime,
            "katherine@acme.example",
            AccessLevel::Member,
        ),
    ] {
        let id = id_at(&directory, provider, email).await;
        directory.change_role(provider, &id, level).await.unwrap();
        let user = &accounts(&directory, email).await[&provider][0];
        assert_eq!(user.access, level, "{provider} {email}: {user:?}");
    }
    // Exactly one native role each: no extra privilege is kept or added.
    let grace = &accounts(&directory, "grace@acme.example").await[&Provider::ModelPrime][0];
    assert_eq!(grace.roles, vec!["analyst".to_string()]);
    let katherine = &accounts(&directory, "katherine@acme.example").await[&Provider::Paradime][0];
    assert_eq!(katherine.roles, vec!["DEVELOPER".to_string()]);
}

#[tokio::test]
async fn remove_deletes_or_disables_the_way_each_provider_removes_people() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    for provider in [
        Provider::Axiom,
        Provider::Adverity,
        Provider::ModelPrime,
        Provider::Paradime,
    ] {
        let id = id_at(&directory, provider, "grace@acme.example").await;
        directory.remove(provider, &id).await.unwrap();
    }
    assert!(
        present_at(&directory, "grace@acme.example")
            .await
            .is_empty()
    );
    assert_eq!(
        sandbox.paradime_disabled_users(),
        vec!["grace@acme.example".to_string()],
        "Paradime keeps the account, disabled"
    );
    // The generated client behind the directory agrees: the Axiom account is gone.
    let Some(Backend::Axiom(client)) = directory.backend(Provider::Axiom) else {
        panic!("Axiom is configured")
    };
    let users = call(Provider::Axiom, "list_users", client.list_users().send())
        .await
        .unwrap();
    assert!(users.iter().all(|u| u.email != "grace@acme.example"));
}
