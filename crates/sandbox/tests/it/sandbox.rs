//! The sandbox itself: endpoints and environment variables, fixed ports, seeds, synthetic
//! users and shutdown.

use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use serde_json::json;
use usermgmt_sandbox::{FakeApi, Sandbox, SandboxError, Seed};

use crate::{credential, http, send, start};

#[tokio::test]
async fn env_vars_name_every_url_and_credential() {
    let sandbox = start().await;
    let vars = sandbox.env_vars();
    let names: Vec<_> = vars.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "AXIOM_URL",
            "AXIOM_TOKEN",
            "AXIOM_ORG_ID",
            "AXIOM_PERSONAL_TOKEN",
            "ADVERITY_URL",
            "ADVERITY_TOKEN",
            "PARADIME_API_URL",
            "PARADIME_API_KEY",
            "PARADIME_API_SECRET",
            "PARADIME_API_TOKEN",
            "MODELPRIME_URL",
            "MODELPRIME_EMAIL",
            "MODELPRIME_TOKEN",
            "AXOLO_URL",
            "AXOLO_API_KEY",
        ]
    );
    let value = |name: &str| vars.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    assert_eq!(value("AXIOM_URL"), sandbox.axiom().base_url);
    assert!(sandbox.axiom().base_url.ends_with("/v2"));
    assert!(sandbox.adverity().base_url.ends_with("/api/v1"));
    assert!(sandbox.paradime().base_url.ends_with("/graphql"));
    assert!(sandbox.modelprime().base_url.ends_with("/api/oum/v1"));
    assert!(sandbox.axolo().base_url.ends_with("/v1"));
    for provider in FakeApi::ALL {
        assert!(
            sandbox
                .endpoint(provider)
                .base_url
                .starts_with("http://127.0.0.1:")
        );
    }
}

#[tokio::test]
async fn fixed_port_base_puts_providers_on_consecutive_ports() {
    let mut last_error = None;
    for _ in 0..20 {
        let probe = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = probe.local_addr().unwrap().port();
        drop(probe);
        if base > 65_000 {
            continue;
        }
        match Sandbox::builder().port_base(base).start().await {
            Ok(sandbox) => {
                for (i, provider) in FakeApi::ALL.into_iter().enumerate() {
                    let port = base + i as u16;
                    assert!(
                        sandbox
                            .endpoint(provider)
                            .base_url
                            .starts_with(&format!("http://127.0.0.1:{port}/"))
                    );
                }
                let axiom = http()
                    .get(format!("{}/user", sandbox.axiom().base_url))
                    .bearer_auth(credential(sandbox.axiom(), "AXIOM_PERSONAL_TOKEN"));
                send(axiom).await.expect(200);
                return;
            }
            Err(e) => last_error = Some(e),
        }
    }
    panic!("no free run of five ports found: {last_error:?}");
}

#[tokio::test]
async fn a_taken_port_is_a_bind_error_naming_the_provider() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = Sandbox::builder()
        .port_base(port)
        .start()
        .await
        .unwrap_err();
    match &err {
        SandboxError::Bind {
            provider, port: p, ..
        } => assert_eq!((*provider, *p), (FakeApi::Axiom, port)),
        other => panic!("unexpected error {other:?}"),
    }
    assert!(err.to_string().contains(&port.to_string()));
    let too_high = Sandbox::builder()
        .port_base(65_534)
        .start()
        .await
        .unwrap_err();
    assert!(matches!(too_high, SandboxError::PortRange { base: 65_534 }));
}

#[tokio::test]
async fn empty_seed_has_only_the_credentials_owner() {
    let sandbox = Sandbox::builder().seed(Seed::Empty).start().await.unwrap();
    let axiom = http()
        .get(format!("{}/users", sandbox.axiom().base_url))
        .bearer_auth(credential(sandbox.axiom(), "AXIOM_TOKEN"));
    assert_eq!(send(axiom).await.expect(200).as_array().unwrap().len(), 1);
    let adverity = http()
        .get(format!("{}/users/", sandbox.adverity().base_url))
        .bearer_auth(credential(sandbox.adverity(), "ADVERITY_TOKEN"));
    assert_eq!(send(adverity).await.expect(200)["count"], 0);
    let paradime = http()
        .post(&sandbox.paradime().base_url)
        .header(
            "X-API-KEY",
            credential(sandbox.paradime(), "PARADIME_API_KEY"),
        )
        .header(
            "X-API-SECRET",
            credential(sandbox.paradime(), "PARADIME_API_SECRET"),
        )
        .json(&json!({"query": "{ listUsers { activeUsers { uid } invitedUsers { email } } }"}));
    assert_eq!(
        send(paradime).await.expect(200),
        json!({"data": {"listUsers": {"activeUsers": [], "invitedUsers": []}}})
    );
    assert!(sandbox.axolo_engineers().is_empty());
    assert!(sandbox.modelprime_invitations().is_empty());
}

#[tokio::test]
async fn synthetic_users_are_deterministic_and_listable_at_scale() {
    let sandbox = Sandbox::builder()
        .seed(Seed::Empty)
        .synthetic_users(FakeApi::Adverity, 100_000)
        .synthetic_users(FakeApi::Axolo, 3)
        .start()
        .await
        .unwrap();
    let page = |query: &str| {
        http()
            .get(format!("{}/users/{query}", sandbox.adverity().base_url))
            .bearer_auth(credential(sandbox.adverity(), "ADVERITY_TOKEN"))
    };
    let first = send(page("")).await.expect(200);
    assert_eq!(first["count"], 100_000);
    assert_eq!(first["results"][0]["email"], "user00001@load.example");
    let last = send(page("?page=last&page_size=1000")).await.expect(200);
    assert_eq!(last["results"][999]["email"], "user100000@load.example");
    assert_eq!(last["next"], serde_json::Value::Null);

    sandbox.seed_synthetic_users(FakeApi::Adverity, 1);
    let tail = send(page("?page=100001&page_size=1")).await.expect(200);
    assert_eq!(tail["results"][0]["email"], "user100001@load.example");

    let logins: Vec<_> = sandbox
        .axolo_engineers()
        .into_iter()
        .map(|e| e.github_login)
        .collect();
    assert_eq!(
        logins,
        ["load-user00001", "load-user00002", "load-user00003"]
    );

    for provider in [FakeApi::Axiom, FakeApi::Paradime, FakeApi::ModelPrime] {
        sandbox.seed_synthetic_users(provider, 10);
    }
    let axiom = http()
        .get(format!("{}/users", sandbox.axiom().base_url))
        .bearer_auth(credential(sandbox.axiom(), "AXIOM_TOKEN"));
    let users = send(axiom).await.expect(200);
    assert_eq!(users.as_array().unwrap().len(), 11);
    assert_eq!(users[10]["email"], "user00010@load.example");
}

#[tokio::test]
async fn dropping_the_sandbox_stops_the_servers() {
    let sandbox = start().await;
    let url = url::Url::parse(&sandbox.axolo().base_url).unwrap();
    let addr = format!("127.0.0.1:{}", url.port().unwrap());
    assert!(TcpStream::connect(&addr).is_ok());
    drop(sandbox);
    let mut refused = false;
    for _ in 0..100 {
        if TcpStream::connect(&addr).is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(refused, "{addr} still accepts connections after drop");
}
