//! `usermgmt users find` and `usermgmt audit`: a demo person's accounts everywhere; the
//! access review against the sandbox with a roster raising every flag; its CSV header;
//! the HTML page with the matrix and provider values escaped.

use usermgmt_sandbox::FakeApi;

use crate::support::{
    array, bare, fails, find, json, ok, run_json, sandbox, stderr, stdout, usermgmt,
};

const PROFILES: &str = "\
[profiles.developer]
axiom = \"user\"
adverity = { groups = [2], workspaces = [1] }
paradime = \"DEVELOPER\"
modelprime = [\"developer\"]
";

/// Ada matches nothing of the profile but is listed; Alan is an Axiom admin where the
/// profile says user; Barbara has no account anywhere; everyone else is an orphan.
const ROSTER: &str = "\
people:
  - email: ada@acme.example
    name: Ada Lovelace
    profile: developer
  - email: alan@acme.example
    name: Alan Turing
    profile: developer
  - email: barbara@acme.example
    name: Barbara Liskov
    profile: developer
";

/// A config file with the profile, a roster and one sandbox state for a test's commands.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("usermgmt.toml"), PROFILES).unwrap();
        std::fs::write(dir.path().join("roster.yaml"), ROSTER).unwrap();
        World { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_owned()
    }

    fn usermgmt(&self, args: &[&str]) -> assert_cmd::Command {
        let mut command = bare();
        command
            .arg("--sandbox")
            .arg("--config")
            .arg(self.path("usermgmt.toml"))
            .arg("--sandbox-state")
            .arg(self.path("state.json"))
            .arg("--journal")
            .arg(self.path("journal.db"))
            .args(args);
        command
    }

    fn audit(&self, extra: &[&str]) -> serde_json::Value {
        let roster = self.path("roster.yaml");
        run_json(&mut self.usermgmt(&[&["audit", "--roster", &roster][..], extra].concat()))
    }
}

fn flags(person: &serde_json::Value) -> Vec<&str> {
    array(&person["flags"])
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect()
}

#[test]
fn users_find_lists_a_demo_persons_accounts_in_every_listable_provider() {
    let world = World::new();
    let found = run_json(&mut world.usermgmt(&["users", "find", "--email", "ADA@acme.example"]));
    let providers: Vec<&str> = array(&found)
        .iter()
        .map(|u| u["provider"].as_str().unwrap())
        .collect();
    assert_eq!(providers, ["axiom", "adverity", "paradime", "modelprime"]);
    assert!(
        array(&found)
            .iter()
            .all(|u| u["email"] == "ada@acme.example")
    );
    let axiom = find(&found, "provider", "axiom").unwrap();
    assert_eq!(axiom["access"], "owner");
    assert_eq!(axiom["name"], "Ada Lovelace");

    let nobody =
        run_json(&mut world.usermgmt(&["users", "find", "--email", "nobody@acme.example"]));
    assert!(array(&nobody).is_empty(), "{nobody:#}");
}

#[test]
fn users_find_refuses_an_invalid_email_with_exit_2_before_any_request() {
    // No provider is configured: getting as far as a request would be exit 1.
    let output = fails(bare().args(["users", "find", "--email", "not-an-email"]));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not an email address"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn users_find_prints_the_others_rows_when_a_provider_fails_and_exits_1() {
    let sandbox = sandbox().await;
    sandbox
        .faults(FakeApi::Paradime)
        .next_server_errors(100, 500);
    let output = fails(usermgmt(&sandbox).args([
        "users",
        "find",
        "--email",
        "ada@acme.example",
        "-o",
        "json",
    ]));
    assert_eq!(output.status.code(), Some(1));
    let found = json(&output);
    let providers: Vec<&str> = array(&found)
        .iter()
        .map(|u| u["provider"].as_str().unwrap())
        .collect();
    assert_eq!(providers, ["axiom", "adverity", "modelprime"]);
    let text = stderr(&output);
    assert!(text.contains("usermgmt: Paradime failed: "), "{text}");
    assert!(
        text.contains("the search is incomplete: Paradime failed"),
        "{text}"
    );
}

#[test]
fn the_audit_with_a_roster_raises_every_flag_on_the_demo_people() {
    let world = World::new();
    let review = world.audit(&["--dormant-days", "30"]);
    let person = |email: &str| {
        find(&review, "email", email).unwrap_or_else(|| panic!("no {email} in {review:#}"))
    };
    // Not in the roster, with active accounts.
    assert_eq!(flags(person("claude@acme.example")), ["orphan"]);
    // In the roster, no account anywhere.
    let barbara = person("barbara@acme.example");
    assert_eq!(flags(barbara), ["missing"]);
    assert_eq!(barbara["name"], "Barbara Liskov");
    assert_eq!(barbara["axiom"], "");
    // An Axiom admin where the profile grants user (and more that differs).
    let alan = person("alan@acme.example");
    assert!(flags(alan).contains(&"differs-from-profile"), "{alan:#}");
    assert!(
        array(&alan["findings"])
            .iter()
            .any(|f| f["detail"] == "Axiom: has role admin, the roster grants role user"),
        "{alan:#}"
    );
    assert_eq!(alan["axiom"], "admin (active)");
    // The demo's Adverity logins are from 2024: dormant after 30 days.
    let ada = person("ada@acme.example");
    assert!(flags(ada).contains(&"dormant"), "{ada:#}");
    assert!(
        array(&ada["findings"])
            .iter()
            .any(|f| f["provider"] == "adverity"
                && f["detail"]
                    .as_str()
                    .unwrap()
                    .starts_with("Adverity: last login 2024-")),
        "{ada:#}"
    );
    // Paradime's EXPIRED invitation; Edsger's custom Axiom role.
    let mary = person("mary@acme.example");
    assert_eq!(flags(mary), ["orphan", "stale-invitation"]);
    assert_eq!(mary["paradime"], "BUSINESS (invited)");
    let edsger = person("edsger@acme.example");
    assert_eq!(flags(edsger), ["orphan", "unknown-access"]);
    assert_eq!(edsger["axiom"], "Data Steward (active)");
    // Dorothy's only account is disabled: shown, but not an orphan.
    let dorothy = person("dorothy@acme.example");
    assert_eq!(dorothy["adverity"], "group:2 (disabled)");
    assert!(flags(dorothy).is_empty(), "{dorothy:#}");
    assert_eq!(array(&review).len(), 13, "12 demo people and Barbara");
}

#[test]
fn the_dormancy_threshold_is_the_flags_and_the_summary_is_on_stderr() {
    let world = World::new();
    let roster = world.path("roster.yaml");
    let output = ok(&mut world.usermgmt(&[
        "audit",
        "--roster",
        &roster,
        "--dormant-days",
        "36500",
        "-o",
        "json",
    ]));
    let review = json(&output);
    let ada = find(&review, "email", "ada@acme.example").unwrap();
    assert!(!flags(ada).contains(&"dormant"), "{ada:#}");
    let text = stderr(&output);
    assert!(
        text.contains(
            "usermgmt: 13 people, 9 orphan, 1 missing, 2 differs-from-profile, 0 dormant, \
             1 stale-invitation, 1 unknown-access; accounts: Axiom 7, Adverity 7, Paradime 7, \
             Model-Prime 6"
        ),
        "{text}"
    );
}

#[test]
fn the_audit_csv_has_the_fixed_header_and_one_row_per_person() {
    let world = World::new();
    let output = ok(&mut world.usermgmt(&["audit", "-o", "csv"]));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("email,name,axiom,adverity,paradime,modelprime,flags")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 12, "{text}");
    assert!(
        rows.contains(&"annie@acme.example,,,,DEVELOPER (invited),,"),
        "{text}"
    );
}

#[test]
fn a_roster_with_an_unknown_profile_is_exit_2_before_any_request() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.yaml");
    std::fs::write(
        &roster,
        "people:\n  - email: ada@acme.example\n    name: Ada\n    profile: manager\n",
    )
    .unwrap();
    // No provider is configured: a request would fail with exit 1.
    let output = fails(bare().arg("audit").arg("--roster").arg(&roster));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no profile \"manager\""),
        "{}",
        stderr(&output)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_html_page_has_the_matrix_and_escapes_what_providers_say() {
    let sandbox = sandbox().await;
    ok(usermgmt(&sandbox).args([
        "axiom",
        "users",
        "create",
        "--name",
        "<script>alert('x')</script>",
        "--email",
        "mallory@acme.example",
        "--role",
        "user",
    ]));
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("review.html");
    let output = ok(usermgmt(&sandbox)
        .args(["audit", "-o", "json", "--html"])
        .arg(&page));
    assert_eq!(array(&json(&output)).len(), 13);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains(
            "<td>mallory@acme.example</td><td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"
        ),
        "{html}"
    );
    assert!(!html.contains("alert('x')"), "the name is never markup");
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    assert!(
        html.contains("<td>ada@acme.example</td><td>Ada Lovelace</td><td>owner (active)</td>"),
        "{html}"
    );
    assert!(html.contains("<td data-count=\"people\">13</td>"), "{html}");
    assert!(!dir.path().join("review.html.tmp").exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_prints_nothing_when_a_provider_fails() {
    let sandbox = sandbox().await;
    sandbox
        .faults(FakeApi::Adverity)
        .next_server_errors(100, 500);
    let output = fails(usermgmt(&sandbox).args(["audit", "-o", "json"]));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "{}", stdout(&output));
    let text = stderr(&output);
    assert!(text.contains("Adverity"), "{text}");
    assert!(
        !text.contains("people"),
        "no summary of a partial review: {text}"
    );
}
