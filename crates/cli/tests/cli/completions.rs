//! `usermgmt completions SHELL` and `usermgmt man`.

use crate::support::{bare, fails, ok, stdout};

#[test]
fn completions_print_a_script_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = ok(bare().args(["completions", shell]));
        let script = stdout(&output);
        assert!(script.len() > 200, "{shell}: {script}");
        assert!(script.contains("usermgmt"), "{shell}: {script}");
        // The subcommands and global flags are in there.
        assert!(script.contains("offboard"), "{shell}");
        assert!(script.contains("no-headers"), "{shell}");
    }
}

#[test]
fn the_bash_script_completes_provider_names_for_users_list() {
    let script = stdout(&ok(bare().args(["completions", "bash"])));
    assert!(
        script.contains("axiom adverity paradime modelprime axolo"),
        "{script}"
    );
}

#[test]
fn completions_for_an_unknown_shell_are_a_usage_error() {
    let output = fails(bare().args(["completions", "tcsh"]));
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn man_prints_a_roff_page_with_every_command() {
    let page = stdout(&ok(bare().arg("man")));
    // clap_mangen opens with the two-line quote-string preamble, then the title.
    let first = page
        .lines()
        .find(|line| !line.starts_with(".ie ") && !line.starts_with(".el "))
        .unwrap();
    assert!(first.starts_with(".TH usermgmt 1"), "{first}");
    for command in ["users", "offboard", "completions", "sandbox"] {
        assert!(page.contains(command), "no {command}");
    }
}
