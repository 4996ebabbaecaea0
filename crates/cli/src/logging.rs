//! Logs on stderr: nothing by default, `-v` info, `-vv` debug, `-vvv` trace (`RUST_LOG`
//! overrides). Every line passes [`sanitize`](crate::output::sanitize) on its way out,
//! so a credential a server echoes into a logged body is redacted and control
//! characters are escaped.

use std::io::{self, Write};

use tracing_subscriber::fmt::MakeWriter;

/// Install the subscriber for `verbose` (the count of `-v`).
pub(crate) fn init(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    // No colour: its escape codes could not be told from ones a server smuggled into a
    // logged value, and every escape is neutralised on the way out.
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(SanitizedStderr)
        .with_ansi(false)
        .with_target(false)
        .init();
}

/// Stderr, with each log event sanitized as a whole (the formatter writes one event
/// per `write` call; a split event is still sanitized piece by piece).
struct SanitizedStderr;

impl<'a> MakeWriter<'a> for SanitizedStderr {
    type Writer = SanitizedWriter;

    fn make_writer(&'a self) -> Self::Writer {
        SanitizedWriter
    }
}

struct SanitizedWriter;

impl Write for SanitizedWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(bytes);
        let mut stderr = io::stderr().lock();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                stderr.write_all(b"\n")?;
            }
            stderr.write_all(crate::output::sanitize(line).as_bytes())?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}
