//! `cargo run --release -p usermgmt-bench`: every benchmark of BENCHMARKS.md, against
//! local servers only, printing each ratio measured side by side in the same run (the
//! machines are shared and noisy, so absolute times mean little across runs).
//!
//! `usermgmt-bench [overhead|pagination|memory|offboard|journal|reconcile|scim]...` runs some
//! of them.

mod journal;
mod memory;
mod offboard;
mod overhead;
mod pagination;
mod reconcile;
mod scim;
mod stats;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Child-process mode for the memory benchmark (see memory.rs).
    if args.first().map(String::as_str) == Some(memory::CHILD_FLAG) {
        return memory::child(&args[1..]).await;
    }
    // Server-process mode for the reconcile benchmark (see reconcile.rs).
    if args.first().map(String::as_str) == Some(reconcile::SERVE_FLAG) {
        return reconcile::serve_child().await;
    }
    let all = [
        "overhead",
        "pagination",
        "memory",
        "offboard",
        "journal",
        "reconcile",
        "scim",
    ];
    let chosen: Vec<&str> = if args.is_empty() {
        all.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    for name in &chosen {
        let result = match *name {
            "overhead" => overhead::run().await,
            "pagination" => pagination::run().await,
            "memory" => memory::run().await,
            "offboard" => offboard::run().await,
            "journal" => journal::run().await,
            "reconcile" => reconcile::run().await,
            "scim" => scim::run().await,
            other => Err(format!(
                "unknown benchmark {other:?}; expected one of {all:?}"
            )),
        };
        if let Err(error) = result {
            eprintln!("usermgmt-bench {name}: {error}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
