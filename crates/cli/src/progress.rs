//! Progress for long operations: a spinner with a count on a terminal, nothing on a
//! pipe (so scripts and CI logs stay clean), and nothing while JSON or CSV stream to the
//! same terminal (the spinner would be drawn between the rows).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A spinner that counts items; hidden unless stderr is a terminal.
pub(crate) struct Progress(ProgressBar);

impl Progress {
    /// Start counting `what` (e.g. "users").
    pub(crate) fn new(what: &str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self(ProgressBar::hidden());
        }
        let bar = ProgressBar::new_spinner();
        if let Ok(style) =
            ProgressStyle::with_template(&format!("{{spinner}} {{pos}} {what} {{msg}}"))
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(100));
        Self(bar)
    }

    /// Like [`Progress::new`], but hidden when `output` streams to a terminal stdout.
    pub(crate) fn for_output(what: &str, output: crate::args::Output) -> Self {
        if output != crate::args::Output::Table && std::io::stdout().is_terminal() {
            return Self(ProgressBar::hidden());
        }
        Self::new(what)
    }

    /// One more item.
    pub(crate) fn inc(&self) {
        self.0.inc(1);
    }

    /// Remove the spinner from the screen.
    pub(crate) fn finish(self) {
        self.0.finish_and_clear();
    }
}
