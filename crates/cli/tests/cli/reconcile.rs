//! `usermgmt reconcile ROSTER`: the roster against every provider, grouped by person,
//! through plan files and the journal; guard rails refuse the whole plan.

use crate::support::{World, array, fails, json, ok, one_error_line, stderr, stdout};

const CONFIG: &str = "\
exclude = [\"claude@*\"]

[profiles.engineer]
axiom = \"user\"
adverity = { groups = [2], workspaces = [1] }
";

/// The world's current state as a roster file, then `edit` applied to its text.
fn roster(world: &World, edit: impl FnOnce(String) -> String) -> std::path::PathBuf {
    let path = world.dir.path().join("roster.yaml");
    ok(world.usermgmt(&["roster", "dump", "--out"]).arg(&path));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    path
}

/// The YAML without the entry of `email`.
fn without(text: String, email: &str) -> String {
    let mut entries = text.split("\n- email: ");
    let head = entries.next().unwrap().to_string();
    entries
        .filter(|e| !e.starts_with(email))
        .fold(head, |all, e| all + "\n- email: " + e)
}

const BARBARA: &str =
    "- email: barbara@acme.example\n  name: Barbara Liskov\n  profile: engineer\n";

#[test]
fn the_dump_reconciles_to_nothing_and_a_leaver_and_a_joiner_go_through_a_plan_file() {
    let world = World::new(CONFIG);
    let same = roster(&world, |t| t);
    let nothing = world
        .usermgmt(&["reconcile", "--detailed-exitcode"])
        .arg(&same)
        .output()
        .unwrap();
    assert_eq!(nothing.status.code(), Some(0), "{}", stderr(&nothing));
    assert_eq!(
        stdout(&nothing),
        "Plan: 0 to add, 0 to change, 0 to remove.\n"
    );

    let changed = roster(&world, |t| without(t, "alan@acme.example") + BARBARA);
    let plan_file = world.dir.path().join("reconcile.plan.json");
    let planned = world
        .usermgmt(&["reconcile", "--detailed-exitcode", "--out"])
        .arg(&plan_file)
        .arg(&changed)
        .output()
        .unwrap();
    assert_eq!(planned.status.code(), Some(2), "{}", stderr(&planned));
    let shown = stdout(&planned);
    assert!(
        shown.contains("- alan@acme.example\n    - delete Axiom user alan@acme.example"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "+ barbara@acme.example\n    + create Axiom user barbara@acme.example with role user"
        ),
        "{shown}"
    );
    assert!(
        shown.ends_with("Plan: 2 to add, 0 to change, 4 to remove.\n"),
        "{shown}"
    );

    let report = json(&ok(world
        .usermgmt(&["-o", "json", "apply"])
        .arg(&plan_file)));
    assert_eq!(array(&report).len(), 6);
    assert!(
        array(&report).iter().all(|s| s["outcome"] == "done"),
        "{report:#}"
    );
    let again = world
        .usermgmt(&["reconcile", "--detailed-exitcode"])
        .arg(&changed)
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(0),
        "reconciling twice plans nothing: {}",
        stdout(&again)
    );
    // The plan file applies once.
    let twice = fails(world.usermgmt(&["apply"]).arg(&plan_file));
    assert!(
        one_error_line(&twice).contains("already applied"),
        "{}",
        one_error_line(&twice)
    );
}

#[test]
fn guard_rails_refuse_the_whole_plan_and_say_which_flag_allows_it() {
    let world = World::new(CONFIG);
    let two_leave = roster(&world, |t| {
        without(without(t, "john@acme.example"), "grace@acme.example")
    });
    let refused = fails(
        world
            .usermgmt(&["reconcile", "--apply", "--yes"])
            .arg(&two_leave),
    );
    let line = one_error_line(&refused);
    assert!(
        line.contains("more than the limit of 1") && line.contains("--max-removals"),
        "{line}"
    );
    // Nothing was sent: John is still there.
    let listed = json(&ok(
        &mut world.usermgmt(&["-o", "json", "axiom", "users", "list"])
    ));
    assert!(
        array(&listed)
            .iter()
            .any(|u| u["email"] == "john@acme.example")
    );
    ok(world
        .usermgmt(&["reconcile", "--max-removals", "2"])
        .arg(&two_leave));
    ok(world
        .usermgmt(&["reconcile", "--max-removals", "34%"])
        .arg(&two_leave));
    let bad = fails(
        world
            .usermgmt(&["reconcile", "--max-removals", "lots"])
            .arg(&two_leave),
    );
    assert_eq!(bad.status.code(), Some(2));

    let no_admins = roster(&world, |t| {
        without(without(t, "ada@acme.example"), "alan@acme.example")
    });
    let refused = fails(
        world
            .usermgmt(&["reconcile", "--max-removals", "100%"])
            .arg(&no_admins),
    );
    let line = one_error_line(&refused);
    assert!(
        line.contains("every active owner and admin") && line.contains("--allow-last-admin"),
        "{line}"
    );
}

#[test]
fn excluded_accounts_are_shown_left_alone_and_json_keeps_the_plan_columns() {
    let world = World::new(CONFIG);
    let claude_left = roster(&world, |t| without(t, "claude@acme.example"));
    let plan = world
        .usermgmt(&["-o", "json", "reconcile"])
        .arg(&claude_left)
        .output()
        .unwrap();
    assert!(plan.status.success(), "{}", stderr(&plan));
    let steps = json(&plan);
    assert!(!array(&steps).is_empty());
    for step in array(&steps) {
        assert_eq!(step["action"], "skip", "{steps:#}");
        assert!(
            step["detail"].as_str().unwrap().contains("excluded"),
            "{steps:#}"
        );
    }
    assert!(
        stderr(&plan).contains("Plan: 0 to add, 0 to change, 0 to remove."),
        "{}",
        stderr(&plan)
    );
    let table = stdout(&ok(world.usermgmt(&["reconcile"]).arg(&claude_left)));
    assert!(
        table.starts_with(
            "! claude@acme.example\n    ! skip Axiom: claude@acme.example is excluded"
        ),
        "{table}"
    );
}

#[test]
fn a_bad_roster_is_refused_before_any_provider_is_read() {
    let world = World::new(CONFIG);
    let path = world.dir.path().join("roster.csv");
    std::fs::write(&path, "email,name,profile\nada@acme.example,Ada,manager\n").unwrap();
    let refused = fails(world.usermgmt(&["reconcile"]).arg(&path));
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        one_error_line(&refused).contains("no profile \"manager\""),
        "{}",
        one_error_line(&refused)
    );
}

#[test]
fn a_joiner_s_model_prime_invitation_counts_as_present_when_reconciling_again() {
    // Model-Prime's API cannot list invitations: only the journal knows one was sent.
    let world = World::new("[profiles.modeller]\naxiom = \"user\"\nmodelprime = [\"developer\"]\n");
    let joiner = roster(&world, |t| {
        t + "- email: barbara@acme.example\n  name: Barbara Liskov\n  profile: modeller\n"
    });
    let applied = stdout(&ok(world
        .usermgmt(&["reconcile", "--apply", "--yes"])
        .arg(&joiner)));
    assert!(
        applied.contains("+ create Model-Prime user barbara@acme.example with roles developer"),
        "{applied}"
    );
    let again = world
        .usermgmt(&["reconcile", "--detailed-exitcode"])
        .arg(&joiner)
        .output()
        .unwrap();
    let shown = stdout(&again);
    assert_eq!(
        again.status.code(),
        Some(0),
        "reconciling twice plans nothing: {shown}"
    );
    assert!(
        shown.contains("! barbara@acme.example\n    ! ")
            && shown.contains("is pending (Model-Prime's API cannot list invitations"),
        "{shown}"
    );
    assert!(
        shown.ends_with("Plan: 0 to add, 0 to change, 0 to remove. 1 left alone.\n"),
        "{shown}"
    );
}
