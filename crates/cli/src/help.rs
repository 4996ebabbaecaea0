//! The command as parsed and as its help is printed: `Cli::command()` with the global
//! options listed once, in `usermgmt --help`. Every subcommand's help hides them and ends
//! with a footer that names them, so a command's own options are not buried under them.

use clap::{Arg, CommandFactory, FromArgMatches};

use crate::args::Cli;

/// `Cli::command()` with every global option copied, hidden, into every subcommand and
/// named in a footer of the subcommand's help. clap propagates a global only to
/// subcommands that lack an argument of its id, so the hidden copies are what the
/// subcommands parse: `usermgmt users list --output json` keeps working. Completions and
/// the man page use the plain `Cli::command()`, where the globals stay visible.
pub(crate) fn command() -> clap::Command {
    let command = Cli::command();
    let globals: Vec<Arg> = command
        .get_arguments()
        .filter(|arg| arg.is_global_set() && !arg.is_hide_set())
        .cloned()
        .collect();
    let footer = footer(command.get_name(), &globals);
    command.mut_subcommands(|sub| hide_globals(sub, &globals, &footer))
}

/// Parse the process's arguments with [`command`], exiting like clap does on `--help`,
/// `--version` or a usage error.
pub(crate) fn parse() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.format(&mut command()).exit())
}

/// `Global options (--sandbox, -o/--output, ...): see 'usermgmt --help'`.
fn footer(bin: &str, globals: &[Arg]) -> String {
    let names: Vec<String> = globals
        .iter()
        .filter_map(|arg| match (arg.get_short(), arg.get_long()) {
            (Some(short), Some(long)) => Some(format!("-{short}/--{long}")),
            (None, Some(long)) => Some(format!("--{long}")),
            (Some(short), None) => Some(format!("-{short}")),
            (None, None) => None,
        })
        .collect();
    format!("Global options ({}): see '{bin} --help'", names.join(", "))
}

/// Give `command` and every command below it hidden copies of `globals` and end their
/// help with `footer` (after any examples).
///
/// The copies are added before clap builds the command, not hidden afterwards: changing
/// an argument of a built command reorders its arguments behind clap's lookup table
/// (with clap 4.6, `-vv` then parsed as `--timeout`).
fn hide_globals(mut command: clap::Command, globals: &[Arg], footer: &str) -> clap::Command {
    for global in globals {
        if command
            .get_arguments()
            .all(|arg| arg.get_id() != global.get_id())
        {
            command = command.arg(global.clone().hide(true));
        }
    }
    let after_help = append(command.get_after_help().map(ToString::to_string), footer);
    command = command.after_help(after_help);
    if let Some(long) = command.get_after_long_help().map(ToString::to_string) {
        command = command.after_long_help(append(Some(long), footer));
    }
    command.mut_subcommands(|sub| hide_globals(sub, globals, footer))
}

/// `text`, a blank line, then `footer` (or just `footer`).
fn append(text: Option<String>, footer: &str) -> String {
    match text {
        Some(text) if !text.trim().is_empty() => format!("{}\n\n{footer}", text.trim_end()),
        _ => footer.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::args::Output;

    /// Shell operators that end the `usermgmt` part of an example line.
    const SHELL_OPERATORS: &[&str] = &[">", ">>", "<", "|", "&&", "||", ";", "2>", "&"];

    /// Every command below the root with its path of names (without `usermgmt`),
    /// skipping clap's `help` subcommand trees.
    fn commands(command: &clap::Command) -> Vec<(Vec<String>, &clap::Command)> {
        fn walk<'a>(
            command: &'a clap::Command,
            path: &[String],
            out: &mut Vec<(Vec<String>, &'a clap::Command)>,
        ) {
            for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
                let mut path = path.to_vec();
                path.push(sub.get_name().to_string());
                out.push((path.clone(), sub));
                walk(sub, &path, out);
            }
        }
        let mut out = Vec::new();
        walk(command, &[], &mut out);
        out
    }

    /// Whether a command has no subcommands of its own (clap's `help` does not count).
    fn is_leaf(command: &clap::Command) -> bool {
        command.get_subcommands().all(|s| s.get_name() == "help")
    }

    /// The examples of the `Examples:` (or `Example:`) block of a command's after-help,
    /// one per command line (a line ending in `\` continues on the next).
    fn examples(command: &clap::Command) -> Vec<String> {
        let text = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        let mut examples: Vec<String> = Vec::new();
        let mut continued = false;
        for line in text
            .lines()
            .skip_while(|line| !matches!(line.trim_end(), "Examples:" | "Example:"))
            .skip(1)
            .take_while(|line| line.starts_with("  ") && !line.trim().is_empty())
        {
            let line = line.trim();
            let (line, continues) = match line.strip_suffix('\\') {
                Some(start) => (start.trim_end(), true),
                None => (line, false),
            };
            match examples.last_mut() {
                Some(last) if continued => {
                    last.push(' ');
                    last.push_str(line);
                }
                _ => examples.push(line.to_string()),
            }
            continued = continues;
        }
        examples
    }

    /// The example lines of a command's after-help as written (continuations apart).
    fn example_lines(command: &clap::Command) -> Vec<String> {
        let text = command
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        text.lines()
            .skip_while(|line| !matches!(line.trim_end(), "Examples:" | "Example:"))
            .skip(1)
            .take_while(|line| line.starts_with("  ") && !line.trim().is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The words an example passes to `usermgmt`: shell-split, up to a redirect or pipe.
    fn words(example: &str) -> Vec<String> {
        let words = shlex::split(example).unwrap_or_else(|| panic!("unbalanced quotes: {example}"));
        words
            .into_iter()
            .take_while(|word| !SHELL_OPERATORS.contains(&word.as_str()))
            .collect()
    }

    /// The subcommand names that `matches` selected, outermost first.
    fn chosen(matches: &clap::ArgMatches) -> Vec<String> {
        let mut path = Vec::new();
        let mut current = matches;
        while let Some((name, sub)) = current.subcommand() {
            path.push(name.to_string());
            current = sub;
        }
        path
    }

    #[test]
    fn the_command_with_hidden_globals_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn every_visible_argument_has_a_description() {
        let command = command();
        let mut all = vec![(Vec::new(), &command)];
        all.extend(commands(&command));
        let mut missing = Vec::new();
        for (path, cmd) in all {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.is_hide_set() || id == "help" || id == "version" {
                    continue;
                }
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                if help.trim().is_empty() {
                    missing.push(format!("usermgmt {} {id}", path.join(" ")));
                }
            }
        }
        assert!(missing.is_empty(), "arguments without help: {missing:#?}");
    }

    #[test]
    fn every_leaf_command_has_one_to_three_examples() {
        let command = command();
        let mut wrong = Vec::new();
        for (path, cmd) in commands(&command) {
            let name = path.join(" ");
            let count = examples(cmd).len();
            if is_leaf(cmd) && !(1..=3).contains(&count) {
                wrong.push(format!("usermgmt {name}: {count} examples"));
            }
        }
        assert!(
            wrong.is_empty(),
            "leaf commands without 1-3 examples: {wrong:#?}"
        );
    }

    #[test]
    fn every_example_parses_and_runs_the_command_it_documents() {
        let command = command();
        let mut checked = 0;
        for (path, cmd) in commands(&command) {
            for example in examples(cmd) {
                let words = words(&example);
                assert_eq!(
                    words.first().map(String::as_str),
                    Some("usermgmt"),
                    "{example}"
                );
                let matches = command
                    .clone()
                    .try_get_matches_from(&words)
                    .unwrap_or_else(|e| panic!("example `{example}` does not parse:\n{e}"));
                let chosen = chosen(&matches);
                assert!(
                    chosen.starts_with(&path),
                    "example `{example}` under `usermgmt {}` runs `usermgmt {}`",
                    path.join(" "),
                    chosen.join(" ")
                );
                checked += 1;
            }
        }
        assert!(checked >= 40, "only {checked} examples found");
    }

    #[test]
    fn examples_are_printed_unwrapped_in_a_100_column_terminal() {
        let command = command().term_width(100);
        let mut wrapped = Vec::new();
        for (path, _) in commands(&command) {
            let mut words = vec!["usermgmt".to_string()];
            words.extend(path.iter().cloned());
            for flag in ["-h", "--help"] {
                words.push(flag.to_string());
                let error = command.clone().try_get_matches_from(&words).unwrap_err();
                assert_eq!(error.kind(), clap::error::ErrorKind::DisplayHelp);
                let help = error.render().to_string();
                let cmd = commands(&command)
                    .into_iter()
                    .find(|(p, _)| *p == path)
                    .unwrap()
                    .1;
                for line in example_lines(cmd) {
                    if !help.lines().any(|l| l == line) {
                        wrapped.push(format!("usermgmt {} {flag}: {line}", path.join(" ")));
                    }
                }
                words.pop();
            }
        }
        assert!(
            wrapped.is_empty(),
            "examples wrapped or missing: {wrapped:#?}"
        );
    }

    #[test]
    fn examples_join_continued_lines() {
        let command = clap::Command::new("x").after_help(
            "Examples:\n  usermgmt a --b \\\n    c\n  usermgmt d\n\nGlobal options (--e): see 'x --help'",
        );
        assert_eq!(examples(&command), ["usermgmt a --b c", "usermgmt d"]);
    }

    #[test]
    fn example_words_stop_at_redirects_and_keep_quoted_spaces() {
        assert_eq!(
            words("usermgmt x --name \"Ada Lovelace\" > out.csv"),
            ["usermgmt", "x", "--name", "Ada Lovelace"]
        );
        assert_eq!(
            words("usermgmt man > usermgmt.1 && man ./usermgmt.1"),
            ["usermgmt", "man"]
        );
    }

    #[test]
    fn subcommand_help_hides_the_globals_and_names_them_in_a_footer() {
        let mut command = command();
        let globals: Vec<String> = Cli::command()
            .get_arguments()
            .filter(|arg| arg.is_global_set())
            .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
            .collect();
        assert!(globals.contains(&"--journal".to_string()));
        let root = command.render_long_help().to_string();
        for global in &globals {
            assert!(
                root.contains(global.as_str()),
                "`usermgmt --help` lacks {global}"
            );
        }
        let create = command
            .find_subcommand_mut("axiom")
            .and_then(|c| c.find_subcommand_mut("users"))
            .and_then(|c| c.find_subcommand_mut("create"))
            .unwrap();
        for help in [
            create.render_help().to_string(),
            create.render_long_help().to_string(),
        ] {
            assert!(!help.contains("--journal <PATH>"), "{help}");
            assert!(help.contains("--email <EMAIL>"), "{help}");
            let start = help
                .find("Global options (")
                .unwrap_or_else(|| panic!("{help}"));
            let footer = help[start..]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(footer.ends_with("): see 'usermgmt --help'"), "{help}");
            assert!(
                help[..start].contains("Examples:"),
                "examples after the footer: {help}"
            );
            for global in &globals {
                assert!(
                    footer.contains(global.as_str()),
                    "footer lacks {global}: {footer}"
                );
            }
            assert!(
                help.contains("Examples:\n  usermgmt axiom users create"),
                "{help}"
            );
        }
    }

    #[test]
    fn the_footer_names_short_and_long_forms() {
        let output = Arg::new("output").long("output").short('o');
        let sandbox = Arg::new("sandbox").long("sandbox");
        assert_eq!(
            footer("usermgmt", &[sandbox, output]),
            "Global options (--sandbox, -o/--output): see 'usermgmt --help'"
        );
    }

    #[test]
    fn hidden_globals_still_parse_after_the_subcommand() {
        let words = [
            "usermgmt",
            "users",
            "list",
            "-o",
            "json",
            "--sandbox",
            "-vv",
            "--timeout",
            "2.5",
            "--no-headers",
            "--journal",
            "j.db",
            "--strict",
        ];
        let matches = command().try_get_matches_from(words).unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert_eq!(cli.output, Output::Json);
        assert!(cli.sandbox && cli.no_headers);
        assert_eq!(cli.verbose, 2);
        assert_eq!(cli.timeout, Some(std::time::Duration::from_millis(2500)));
        assert_eq!(cli.journal, Some("j.db".into()));
        assert!(matches!(
            cli.command,
            crate::args::Command::Users(crate::args::UsersCommand::List { strict: true, .. })
        ));
    }
}
