//! What a provider cannot do, and levels a provider has no exact role for, are refused
//! before any request: every backend points at a wiremock server that expects none.

use futures::StreamExt;
use usermgmt::{
    AccessLevel, Backend, Directory, Error, Invite, Person, Provider, adverity, axiom, axolo,
    modelprime, paradime,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::options;

/// One server per provider, each failing the test if it receives any request.
struct Silent {
    servers: Vec<MockServer>,
    directory: Directory,
}

impl Silent {
    async fn start() -> Silent {
        let mut servers = Vec::new();
        for _ in Provider::ALL {
            let server = MockServer::start().await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(500))
                .expect(0)
                .named("no request may be sent")
                .mount(&server)
                .await;
            servers.push(server);
        }
        let options = options();
        let url = |i: usize| servers[i].uri();
        let directory = Directory::new()
            .with(Backend::Axiom(
                axiom::Client::connect(&url(0), &axiom::AxiomCredentials::new("t"), &options)
                    .unwrap(),
            ))
            .with(Backend::Adverity(
                adverity::Client::connect(
                    &url(1),
                    &adverity::AdverityCredentials::new("t"),
                    &options,
                )
                .unwrap(),
            ))
            .with(Backend::Paradime(
                paradime::Client::new(
                    &format!("{}/graphql", url(2)),
                    &paradime::ParadimeCredentials::new("k", "s"),
                    &options,
                )
                .unwrap(),
            ))
            .with(Backend::ModelPrime(
                modelprime::Client::connect(
                    &url(3),
                    &modelprime::ModelPrimeCredentials::new("me@acme.example", "mpat_t"),
                    &options,
                )
                .unwrap(),
            ))
            .with(Backend::Axolo(
                axolo::Client::connect(&url(4), &axolo::AxoloCredentials::new("t"), &options)
                    .unwrap(),
            ));
        Silent { servers, directory }
    }

    /// Asserts that no server received a request.
    async fn verify(&self) {
        for (server, provider) in self.servers.iter().zip(Provider::ALL) {
            let received = server.received_requests().await.unwrap();
            assert!(received.is_empty(), "{provider} received {received:?}");
            server.verify().await;
        }
    }
}

#[track_caller]
fn assert_unsupported(result: Result<(), Error>, expected: Provider) {
    match result {
        Err(Error::Unsupported {
            provider,
            operation,
        }) => {
            assert_eq!(provider, expected);
            assert!(!operation.is_empty());
        }
        other => panic!("expected Unsupported for {expected}, got {other:?}"),
    }
}

#[tokio::test]
async fn unsupported_operations_are_refused_without_any_request() {
    let silent = Silent::start().await;
    let directory = &silent.directory;

    let axolo_users: Vec<_> = directory.list_users_of(Provider::Axolo).collect().await;
    match axolo_users.as_slice() {
        [
            Err(Error::Unsupported {
                provider: Provider::Axolo,
                operation,
            }),
        ] => {
            assert_eq!(operation, "listing users");
        }
        other => panic!("expected one Unsupported error, got {other:?}"),
    }
    let error = Error::Unsupported {
        provider: Provider::Adverity,
        operation: "changing roles".into(),
    };
    assert_eq!(
        error.to_string(),
        "Adverity does not support changing roles"
    );
    assert_unsupported(
        directory
            .change_role(Provider::Adverity, "101", AccessLevel::ReadOnly)
            .await,
        Provider::Adverity,
    );
    assert_unsupported(
        directory
            .change_role(Provider::Axolo, "alan-turing", AccessLevel::Member)
            .await,
        Provider::Axolo,
    );
    assert_unsupported(
        directory.remove(Provider::Axolo, "alan-turing").await,
        Provider::Axolo,
    );
    silent.verify().await;
}

#[tokio::test]
async fn role_changes_never_escalate_and_are_refused_before_any_request() {
    let silent = Silent::start().await;
    let directory = &silent.directory;
    // Model-Prime's highest role is admin: owner would have to be rounded down or up.
    for (provider, level) in [
        (Provider::ModelPrime, AccessLevel::Owner),
        (Provider::ModelPrime, AccessLevel::NoAccess),
        (Provider::ModelPrime, AccessLevel::Unknown),
        (Provider::Paradime, AccessLevel::Owner),
        (Provider::Paradime, AccessLevel::NoAccess),
        (Provider::Axiom, AccessLevel::Unknown),
    ] {
        let result = directory.change_role(provider, "some-id", level).await;
        match result {
            Err(Error::InvalidInput {
                provider: Some(refused),
                message,
            }) => {
                assert_eq!(refused, provider);
                assert!(
                    message.contains(&format!("no role for access level {level}")),
                    "{message}"
                );
            }
            other => panic!("{provider} {level}: expected a refusal, got {other:?}"),
        }
    }
    let owner = Invite::new(Person::new("x@acme.example").unwrap(), AccessLevel::Owner);
    for provider in [Provider::ModelPrime, Provider::Paradime] {
        let result = directory.invite(provider, &owner).await;
        assert!(
            matches!(result, Err(Error::InvalidInput { .. })),
            "{provider}: {result:?}"
        );
    }
    silent.verify().await;
}

#[tokio::test]
async fn invalid_invitations_are_refused_before_any_request() {
    let silent = Silent::start().await;
    let directory = &silent.directory;
    // Adverity grants access through groups, so a level cannot be honoured.
    let member = Invite::new(Person::new("x@acme.example").unwrap(), AccessLevel::Member);
    let result = directory.invite(Provider::Adverity, &member).await;
    assert!(
        matches!(&result, Err(Error::InvalidInput { provider: Some(Provider::Adverity), message }) if message.contains("groups")),
        "{result:?}"
    );
    // Axolo needs the organization, the GitHub login and the Slack id.
    let result = directory.invite(Provider::Axolo, &member).await;
    assert!(
        matches!(&result, Err(Error::InvalidInput { provider: Some(Provider::Axolo), message }) if message.contains("GitHub organization")),
        "{result:?}"
    );
    // Adverity ids are numbers.
    let result = directory.remove(Provider::Adverity, "not-a-number").await;
    assert!(
        matches!(result, Err(Error::InvalidInput { .. })),
        "{result:?}"
    );
    silent.verify().await;
}

#[tokio::test]
async fn a_provider_that_is_not_configured_is_named_with_its_variables() {
    let directory = Directory::new();
    let result = directory
        .change_role(Provider::ModelPrime, "id", AccessLevel::Member)
        .await;
    match result {
        Err(Error::InvalidInput { message, .. }) => {
            assert!(message.contains("not configured"), "{message}");
            assert!(
                message.contains("MODELPRIME_URL, MODELPRIME_EMAIL, MODELPRIME_TOKEN"),
                "{message}"
            );
        }
        other => panic!("expected a configuration error, got {other:?}"),
    }
    let users: Vec<_> = directory.list_users().collect().await;
    assert!(users.is_empty(), "an empty directory lists nobody");
}
