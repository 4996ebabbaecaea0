//! `--help`: every flag described, examples at the end, and the global options listed in
//! full only by `usermgmt --help` (subcommands name them in one footer line).

use crate::support::{array, bare, json, ok, stdout};

#[test]
fn subcommand_help_describes_its_flags_shows_examples_and_names_the_globals_once() {
    for flag in ["--help", "-h"] {
        let help = stdout(&ok(bare().args(["axiom", "users", "create", flag])));
        let described = |option: &str, words: &str| {
            help.lines()
                .skip_while(|line| !line.trim_start().starts_with(option))
                .take(2)
                .any(|line| line.contains(words))
        };
        assert!(described("--name <NAME>", "full name"), "{help}");
        assert!(described("--email <EMAIL>", "email address"), "{help}");
        assert!(
            help.contains("Examples:\n  usermgmt axiom users create --name"),
            "{help}"
        );
        assert!(!help.contains("--journal <PATH>"), "{help}");
        let options = help
            .split("\n\n")
            .find(|p| p.starts_with("Options:"))
            .unwrap();
        for global in [
            "--sandbox",
            "--journal",
            "--output",
            "--timeout",
            "--no-headers",
        ] {
            assert!(!options.contains(global), "{global} listed: {help}");
        }
        // The footer is the last paragraph; clap wraps it at the terminal width.
        let start = help.rfind("\n\n").unwrap() + 2;
        let footer = help[start..]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(footer.starts_with("Global options (--sandbox, "), "{help}");
        for global in [
            "--sandbox-state",
            "--config",
            "--context",
            "--journal",
            "-o/--output",
        ] {
            assert!(
                footer.contains(global),
                "{global} not in the footer: {help}"
            );
        }
        assert!(footer.ends_with("): see 'usermgmt --help'"), "{help}");
    }
}

#[test]
fn top_level_help_still_lists_every_global_option() {
    let help = stdout(&ok(bare().arg("--help")));
    for option in [
        "--sandbox",
        "--journal <PATH>",
        "--output <OUTPUT>",
        "--timeout <SECONDS>",
    ] {
        assert!(help.contains(option), "{option} missing:\n{help}");
    }
    assert!(!help.contains("Global options ("), "{help}");
}

#[test]
fn global_options_after_the_subcommand_still_work() {
    let output = ok(bare().args(["users", "list", "--output", "json", "--sandbox"]));
    assert!(!array(&json(&output)).is_empty());
}

#[test]
fn help_subcommand_shows_the_same_help() {
    let help = stdout(&ok(bare().args(["help", "axiom", "users", "create"])));
    assert!(
        help.contains("Examples:\n  usermgmt axiom users create"),
        "{help}"
    );
    assert!(!help.contains("--journal <PATH>"), "{help}");
}
