//! Hostile text from a server: control characters never reach the terminal raw, CSV
//! cells cannot run as spreadsheet formulas, and JSON stays valid and lossless.

use crate::support::{json, ok, run_json, sandbox, stdout, usermgmt};

/// A name with a colour escape, a bell, a C1 CSI and a right-to-left override.
const HOSTILE_NAME: &str = "Eve\u{1b}[31mRed\u{7}\u{9b}2J\u{202e}evil";

fn raw_control_characters(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{202a}'..='\u{202e}'))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_user_name_with_escape_sequences_prints_as_visible_escapes_in_tables_and_csv() {
    let sandbox = sandbox().await;
    // Axiom takes any name, so a hostile one can be created through the API itself.
    let created = run_json(usermgmt(&sandbox).args([
        "axiom",
        "users",
        "create",
        "--name",
        HOSTILE_NAME,
        "--email",
        "eve@acme.example",
        "--role",
        "user",
    ]));
    assert_eq!(
        created["name"], HOSTILE_NAME,
        "JSON keeps the value exactly"
    );

    for args in [
        &["axiom", "users", "list"][..],
        &["axiom", "users", "list", "-o", "csv"][..],
        &["users", "list", "--provider", "axiom"][..],
        &["users", "list", "--provider", "axiom", "-o", "csv"][..],
    ] {
        let output = ok(usermgmt(&sandbox).args(args));
        let text = stdout(&output);
        assert_eq!(
            raw_control_characters(&text),
            Vec::<char>::new(),
            "{args:?}: {text:?}"
        );
        assert!(
            text.contains("Eve\\u{1b}[31mRed\\u{7}\\u{9b}2J\\u{202e}evil"),
            "{args:?}: {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn json_output_escapes_c1_and_bidi_controls_and_parses_back_to_the_same_name() {
    let sandbox = sandbox().await;
    run_json(usermgmt(&sandbox).args([
        "axiom",
        "users",
        "create",
        "--name",
        HOSTILE_NAME,
        "--email",
        "eve@acme.example",
        "--role",
        "user",
    ]));
    for args in [
        &["axiom", "users", "list", "-o", "json"][..],
        &["users", "list", "--provider", "axiom", "-o", "json"][..],
    ] {
        let output = ok(usermgmt(&sandbox).args(args));
        let text = stdout(&output);
        assert_eq!(
            raw_control_characters(&text),
            Vec::<char>::new(),
            "{args:?}: {text:?}"
        );
        let users = json(&output);
        let eve = users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == "eve@acme.example")
            .unwrap();
        assert_eq!(eve["name"], HOSTILE_NAME, "{args:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn csv_cells_that_start_like_formulas_get_a_leading_quote() {
    let sandbox = sandbox().await;
    run_json(usermgmt(&sandbox).args([
        "adverity",
        "users",
        "create",
        "--email",
        "mallory@acme.example",
        "--first-name==HYPERLINK(\"http://evil.example\",\"x\")",
        "--last-name=-5+cmd",
    ]));
    run_json(usermgmt(&sandbox).args([
        "axiom",
        "users",
        "create",
        "--name",
        "@SUM(A1:A9)",
        "--email",
        "trudy@acme.example",
        "--role",
        "user",
    ]));

    let output = ok(usermgmt(&sandbox).args(["adverity", "users", "list", "-o", "csv"]));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mallory = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[column("email")] == "mallory@acme.example")
        .unwrap();
    assert_eq!(
        &mallory[column("first_name")],
        "'=HYPERLINK(\"http://evil.example\",\"x\")"
    );
    assert_eq!(&mallory[column("last_name")], "'-5+cmd");

    let output = ok(usermgmt(&sandbox).args(["users", "list", "--provider", "axiom", "-o", "csv"]));
    let text = stdout(&output);
    assert!(text.contains(",'@SUM(A1:A9),"), "{text}");
    // No cell anywhere starts like a formula.
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}
