//! `usermgmt-sandbox`: runs the five fake APIs until Ctrl-C and prints `export` lines that
//! point the SDK and CLI at them (`eval "$(usermgmt-sandbox ...)"` style use is possible
//! only for the first lines; run it in another terminal and copy them).

use std::process::ExitCode;

use usermgmt_sandbox::{FakeApi, Sandbox, Seed};

const USAGE: &str = "usage: usermgmt-sandbox [--port-base N] [--empty]

Runs fakes of the Axiom, Adverity, Paradime, Model-Prime and Axolo user-management APIs
on 127.0.0.1 until Ctrl-C, and prints export lines for the SDK and CLI.

  --port-base N   listen on ports N..N+4 (axiom, adverity, paradime, modelprime, axolo);
                  default: ports chosen by the OS
  --empty         start without the demo organisation (only the credentials' owner)
  -h, --help      show this help";

struct Options {
    port_base: Option<u16>,
    seed: Seed,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        port_base: None,
        seed: Seed::Demo,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--empty" => options.seed = Seed::Empty,
            "--port-base" => {
                let value = inline
                    .or_else(|| args.next())
                    .ok_or("--port-base needs a value, e.g. --port-base 48100")?;
                let base = value
                    .parse::<u16>()
                    .map_err(|_| format!("--port-base {value:?} is not a port number (1-65531)"))?;
                options.port_base = Some(base);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(options))
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("usermgmt-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Sandbox::builder().seed(options.seed);
    if let Some(base) = options.port_base {
        builder = builder.port_base(base);
    }
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("usermgmt-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("# usermgmt sandbox running on 127.0.0.1 (Ctrl-C stops it)");
    for provider in FakeApi::ALL {
        println!("# {provider:<10} {}", sandbox.endpoint(provider).base_url);
    }
    for (name, value) in sandbox.env_vars() {
        println!("export {name}={value}");
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("usermgmt-sandbox: cannot wait for Ctrl-C: {e}");
        return ExitCode::FAILURE;
    }
    drop(sandbox);
    eprintln!("usermgmt-sandbox: stopped");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Options>, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn parses_port_base_in_both_spellings_and_rejects_garbage() {
        assert_eq!(
            args(&["--port-base", "48100"]).unwrap().unwrap().port_base,
            Some(48100)
        );
        assert_eq!(
            args(&["--port-base=48100"]).unwrap().unwrap().port_base,
            Some(48100)
        );
        assert_eq!(args(&["--empty"]).unwrap().unwrap().seed, Seed::Empty);
        assert!(args(&["--help"]).unwrap().is_none());
        assert!(args(&["--port-base"]).is_err());
        assert!(args(&["--port-base", "99999"]).is_err());
        assert!(args(&["--verbose"]).is_err());
    }
}
