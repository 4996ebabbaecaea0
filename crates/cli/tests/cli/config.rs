//! `usermgmt.toml` and `--context`: settings from the file, the environment winning over
//! the file's top level, a context winning over both, secrets only ever in the
//! environment, and errors that name the line.

use usermgmt_sandbox::{Sandbox, credentials};

use crate::support::{array, bare, fails, json, ok, one_error_line, stdout};

/// A config file in a fresh directory; the directory is kept alive by the returned guard.
fn config_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usermgmt.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[tokio::test]
async fn a_context_chooses_the_url_and_the_variable_of_the_secret() {
    let sandbox = Sandbox::start().await.unwrap();
    let (_dir, path) = config_file(&format!(
        "[providers.axiom]\n\
         url = \"http://127.0.0.1:9/v2\"\n\
         \n\
         [contexts.local.providers.axiom]\n\
         url = \"{}\"\n\
         token_var = \"LOCAL_AXIOM_TOKEN\"\n",
        sandbox.axiom().base_url
    ));
    // The shell points at a dead port with a wrong token: the context wins over both.
    let listed = json(&ok(bare()
        .arg("--config")
        .arg(&path)
        .args(["--context", "local", "-o", "json", "axiom", "users", "list"])
        .env("AXIOM_URL", "http://127.0.0.1:9/v2")
        .env("AXIOM_TOKEN", "wrong")
        .env("LOCAL_AXIOM_TOKEN", credentials::AXIOM_TOKEN)));
    assert!(!array(&listed).is_empty());

    // Without the context, the environment wins over the file's dead URL.
    let listed = json(&ok(bare()
        .arg("--config")
        .arg(&path)
        .args(["-o", "json", "axiom", "users", "list"])
        .env("AXIOM_URL", sandbox.axiom().base_url.as_str())
        .env("AXIOM_TOKEN", credentials::AXIOM_TOKEN)));
    assert!(!array(&listed).is_empty());
    // And with neither, the file's URL is the one used (nothing listens on port 9).
    let refused = fails(
        bare()
            .arg("--config")
            .arg(&path)
            .args(["axiom", "users", "list"])
            .env("AXIOM_TOKEN", credentials::AXIOM_TOKEN),
    );
    let line = one_error_line(&refused).to_lowercase();
    assert!(line.contains("connection refused"), "{line}");
}

#[test]
fn the_environment_wins_over_the_file_top_level() {
    let (_dir, path) = config_file("[providers.adverity]\nurl = \"https://file.example/api/v1\"\n");
    let shown = json(&ok(bare()
        .arg("--config")
        .arg(&path)
        .args(["-o", "json", "config", "show"])
        .env("ADVERITY_URL", "https://shell.example/api/v1")));
    let row = array(&shown)
        .iter()
        .find(|r| r["variable"] == "ADVERITY_URL")
        .unwrap();
    assert_eq!(row["value"], "https://shell.example/api/v1");
    assert_eq!(row["source"], "environment");
    let from_file = json(&ok(bare()
        .arg("--config")
        .arg(&path)
        .args(["-o", "json", "config", "show"])));
    let row = array(&from_file)
        .iter()
        .find(|r| r["variable"] == "ADVERITY_URL")
        .unwrap();
    assert_eq!(row["value"], "https://file.example/api/v1");
    assert_eq!(row["source"], "config file");
}

#[test]
fn config_show_never_prints_a_secret_and_says_where_it_is_read_from() {
    let (_dir, path) = config_file(
        "[contexts.staging.providers.modelprime]\n\
         email = \"ada@acme.example\"\n\
         token_var = \"STAGING_MODELPRIME_TOKEN\"\n",
    );
    let secret = "mpat_live_0123456789abcdef";
    let output = ok(bare()
        .arg("--config")
        .arg(&path)
        .args(["--context", "staging", "-o", "csv", "config", "show"])
        .env("STAGING_MODELPRIME_TOKEN", secret)
        .env("AXIOM_TOKEN", "xaat-also-secret"));
    let text = stdout(&output);
    assert!(
        !text.contains(secret) && !text.contains("xaat-also-secret"),
        "{text}"
    );
    assert!(
        text.starts_with("provider,variable,value,source\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "modelprime,MODELPRIME_TOKEN,(set),context staging ($STAGING_MODELPRIME_TOKEN)"
        ),
        "{text}"
    );
    assert!(
        text.contains("modelprime,MODELPRIME_EMAIL,ada@acme.example,context staging"),
        "{text}"
    );
    assert!(
        text.contains("axiom,AXIOM_TOKEN,(set),environment"),
        "{text}"
    );
}

#[test]
fn a_missing_secret_of_a_context_names_the_variable_to_set_and_never_falls_back() {
    let (_dir, path) = config_file(
        "[contexts.staging.providers.adverity]\n\
         url = \"https://acme-staging.example/api/v1\"\n\
         token_var = \"STAGING_ADVERITY_TOKEN\"\n",
    );
    // The production key is in the shell; the staging context must not send it.
    let refused = fails(
        bare()
            .arg("--config")
            .arg(&path)
            .args(["--context", "staging", "adverity", "users", "list"])
            .env("ADVERITY_TOKEN", "production-key"),
    );
    let line = one_error_line(&refused);
    assert!(line.contains("STAGING_ADVERITY_TOKEN is not set"), "{line}");
}

#[test]
fn bad_files_unknown_contexts_and_secrets_in_the_file_are_errors_naming_the_place() {
    let (_dir, path) = config_file("[providers.axiom]\norg_id = \"acme\"\ntoken = \"xaat-123\"\n");
    let refused = fails(bare().arg("--config").arg(&path).args(["users", "list"]));
    let line = one_error_line(&refused);
    assert!(
        line.contains("usermgmt.toml:3: unknown key `token`"),
        "{line}"
    );
    assert!(
        line.contains("secrets stay in the environment") && !line.contains("xaat-123"),
        "{line}"
    );

    let (_dir2, good) =
        config_file("[contexts.staging.providers.axolo]\nurl = \"https://axolo.example/v1\"\n");
    let unknown =
        fails(
            bare()
                .arg("--config")
                .arg(&good)
                .args(["--context", "prod", "users", "list"]),
        );
    let line = one_error_line(&unknown);
    assert!(
        line.contains("no context \"prod\"") && line.contains("staging"),
        "{line}"
    );

    let missing = fails(bare().args(["--config", "/nonexistent/usermgmt.toml", "users", "list"]));
    assert!(one_error_line(&missing).contains("cannot read the config file"));

    let no_file = fails(bare().args(["--context", "staging", "users", "list"]));
    assert!(one_error_line(&no_file).contains("needs a config file"));
}

#[test]
fn usermgmt_toml_in_the_working_directory_is_found_without_a_flag() {
    let (dir, _path) = config_file("[providers.axiom]\norg_id = \"found-in-cwd\"\n");
    let shown = json(&ok(bare()
        .current_dir(dir.path())
        .args(["-o", "json", "config", "show"])));
    let row = array(&shown)
        .iter()
        .find(|r| r["variable"] == "AXIOM_ORG_ID")
        .unwrap();
    assert_eq!(row["value"], "found-in-cwd");
}
