//! Answers that are not the provider's documented shape: an HTML page from a gateway
//! keeps its status, provider, operation and an excerpt, and a 404 page on a removal
//! still counts as already gone.

use usermgmt::{Outcome, Person, Provider};
use usermgmt_sandbox::{FakeApi as Fake, demo};

use crate::{directory, start};

#[tokio::test]
async fn an_html_gateway_error_keeps_status_provider_operation_and_an_excerpt() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    // More than the retries: every attempt of the lookup gets the page.
    sandbox.faults(Fake::Axiom).next_html_errors(10, 502);
    let person = Person::new(demo::LEAVER_EMAIL).unwrap();
    let found = directory.find(&person).await;
    sandbox.faults(Fake::Axiom).clear();
    let (_, axiom) = found.iter().find(|(p, _)| *p == Provider::Axiom).unwrap();
    let error = axiom.as_ref().unwrap_err();
    assert_eq!(error.status(), Some(502), "{error:?}");
    assert_eq!(error.provider(), Some(Provider::Axiom));
    let line = error.to_string();
    assert!(line.starts_with("502 from Axiom list_users"), "{line}");
    assert!(line.contains("502 Gateway Page"), "no excerpt: {line}");
    assert!(line.len() < 400, "the excerpt is short: {line}");
}

#[tokio::test]
async fn a_404_html_page_on_delete_counts_as_already_gone() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let person = Person::new(demo::LEAVER_EMAIL).unwrap();
    let plan = directory.plan_offboard(&person, None).await.unwrap();
    let before = sandbox.faults(Fake::Axiom).requests().len();
    sandbox.faults(Fake::Axiom).next_html_errors(1, 404);
    let report = directory.apply(&plan).await;
    let axiom = report
        .steps
        .iter()
        .find(|s| s.step.provider == Provider::Axiom)
        .unwrap();
    assert_eq!(axiom.outcome, Outcome::AlreadyDone, "{axiom:?}");
    let sent = sandbox.faults(Fake::Axiom).requests();
    assert_eq!(sent[before].method, "DELETE", "{sent:?}");
}
