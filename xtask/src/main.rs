//! `cargo xtask`: maintainer tasks for the usermgmt workspace.
//!
//! `cargo xtask codegen` regenerates every `crates/<provider>/src/generated.rs` from
//! `specs/`; `cargo xtask codegen --check` regenerates in memory and fails, with a diff,
//! when a checked-in file is stale.

mod check;
mod graphql;
mod header;
mod openapi;
mod targets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use targets::{Generator, TARGETS, Target};

const USAGE: &str = "usage: cargo xtask codegen [--check]

  codegen          regenerate crates/*/src/generated.rs from specs/
  codegen --check  regenerate in memory; exit 1 and print a diff if any file is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = workspace_root();
    let mut failed = false;
    for target in TARGETS {
        match run_target(&root, target, check) {
            Ok(Outcome::Written) => println!("✅ {}: wrote {}", target.name, target.output),
            Ok(Outcome::UpToDate) => {
                println!("✅ {}: {} is up to date", target.name, target.output)
            }
            Ok(Outcome::Stale(diff)) => {
                failed = true;
                println!(
                    "❌ {}: {} is stale; run `cargo xtask codegen`\n{diff}",
                    target.name, target.output
                );
            }
            Err(message) => {
                failed = true;
                println!("❌ {}: {message}", target.name);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What happened to one generated file.
enum Outcome {
    Written,
    UpToDate,
    Stale(String),
}

fn run_target(root: &Path, target: &Target, check: bool) -> Result<Outcome, String> {
    let specs: Vec<(&str, Vec<u8>)> = target
        .specs
        .iter()
        .map(|spec| {
            std::fs::read(root.join(spec))
                .map(|bytes| (*spec, bytes))
                .map_err(|e| format!("{spec}: cannot read: {e}"))
        })
        .collect::<Result<_, _>>()?;
    let body = match &target.generator {
        Generator::OpenApi(settings) => openapi::generate(specs[0].0, &specs[0].1, settings)?,
        Generator::GraphQl(settings) => graphql::generate(root, &specs, settings)?,
    };
    let versions = header::generator_versions(root, target.generator.crates())?;
    let contents = format!("{}{}", header::render(&versions, &specs), body);

    let output = root.join(target.output);
    let current = std::fs::read_to_string(&output).unwrap_or_default();
    if current == contents {
        return Ok(Outcome::UpToDate);
    }
    if check {
        return Ok(Outcome::Stale(check::diff(
            &current,
            &contents,
            target.output,
        )));
    }
    std::fs::write(&output, contents)
        .map_err(|e| format!("{}: cannot write: {e}", target.output))?;
    Ok(Outcome::Written)
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}
