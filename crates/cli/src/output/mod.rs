//! Printing results as a table, JSON or CSV. Every record type has fixed columns
//! ([`columns`]); lists stream: JSON as an array written item by item, CSV row by row,
//! so memory stays flat however many users there are. Tables buffer (they need every
//! width) up to [`TABLE_ROW_CAP`] rows. Every server-supplied string is escaped on the
//! way out ([`escape`]); CSV cells are also neutralised against formula injection.

mod action;
pub(crate) mod by_person;
mod columns;
mod csv;
mod escape;
mod shorten;
mod table;

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use futures::{Stream, StreamExt};

pub(crate) use action::ActionResult;
pub(crate) use columns::Record;
pub(crate) use escape::sanitize;
pub(crate) use shorten::shorten;

use crate::args::Output;
use crate::error::{CliError, CliResult};
use crate::progress::Progress;

/// Tables stop at this many rows (the rest is counted, and stderr says to use CSV or JSON).
pub(crate) const TABLE_ROW_CAP: usize = 10_000;

/// Cleared by `--no-headers`. A process-wide setting because every command prints
/// through this module and the flag is global (`usermgmt --no-headers ...`).
static HEADERS: AtomicBool = AtomicBool::new(true);

/// Whether tables and CSV print their header row.
pub(crate) fn set_headers(on: bool) {
    HEADERS.store(on, Ordering::Relaxed);
}

fn headers() -> bool {
    HEADERS.load(Ordering::Relaxed)
}

/// Writes a list of `R` one item at a time in the chosen format.
pub(crate) struct ListWriter<R: Record> {
    sink: Sink,
    closed: bool,
    _record: std::marker::PhantomData<fn(&R)>,
}

enum Sink {
    Json {
        out: BufWriter<Stdout>,
        first: bool,
    },
    Csv(Box<::csv::Writer<Stdout>>),
    Table {
        rows: Vec<Vec<String>>,
        left_out: u64,
    },
}

impl<R: Record> ListWriter<R> {
    /// Start a list on stdout (a CSV header is written at once, so an empty CSV has one).
    pub(crate) fn new(output: Output) -> CliResult<Self> {
        let sink = match output {
            Output::Json => Sink::Json {
                out: BufWriter::new(io::stdout()),
                first: true,
            },
            Output::Csv => Sink::Csv(Box::new(::csv::Writer::from_writer(io::stdout()))),
            Output::Table => Sink::Table {
                rows: Vec::new(),
                left_out: 0,
            },
        };
        let mut writer = Self {
            sink,
            closed: false,
            _record: std::marker::PhantomData,
        };
        if let Sink::Csv(csv) = &mut writer.sink
            && headers()
        {
            let result = csv.write_record(R::COLUMNS);
            writer.check(result.map_err(csv_io))?;
        }
        Ok(writer)
    }

    /// Whether stdout was closed (`usermgmt ... | head`): the caller can stop early.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed
    }

    /// Write one item.
    pub(crate) fn write(&mut self, item: &R) -> CliResult<()> {
        if self.closed {
            return Ok(());
        }
        let result = match &mut self.sink {
            Sink::Json { out, first } => {
                let text = escape::to_safe_json(item, false).map_err(print_error)?;
                let separator = if *first { "[\n" } else { ",\n" };
                *first = false;
                out.write_all(separator.as_bytes())
                    .and_then(|()| out.write_all(text.as_bytes()))
            }
            Sink::Csv(csv) => {
                let row = row_of::<R>(item)?;
                csv.write_record(row.iter().map(|c| csv::cell(c).into_owned()))
                    .map_err(csv_io)
            }
            Sink::Table { rows, left_out } => {
                if rows.len() < TABLE_ROW_CAP {
                    let row = row_of::<R>(item)?;
                    rows.push(row.iter().map(|c| sanitize(c).into_owned()).collect());
                } else {
                    *left_out += 1;
                }
                Ok(())
            }
        };
        self.check(result)
    }

    /// End the list (closing the JSON array, printing the table) and flush.
    pub(crate) fn finish(self) -> CliResult<()> {
        self.end(false)
    }

    /// End a list a failure cut short: the rows so far are printed as by
    /// [`finish`](Self::finish), but an empty table prints nothing rather than
    /// `(none)`, which would claim there is nothing.
    pub(crate) fn finish_failed(self) -> CliResult<()> {
        self.end(true)
    }

    fn end(mut self, failed: bool) -> CliResult<()> {
        if self.closed {
            return Ok(());
        }
        let sink = std::mem::replace(
            &mut self.sink,
            Sink::Table {
                rows: Vec::new(),
                left_out: 0,
            },
        );
        let result = match sink {
            Sink::Json { mut out, first } => {
                let end = if first { "[]\n" } else { "\n]\n" };
                out.write_all(end.as_bytes()).and_then(|()| out.flush())
            }
            Sink::Csv(mut csv) => csv.flush(),
            Sink::Table { rows, .. } if failed && rows.is_empty() => Ok(()),
            Sink::Table { rows, left_out } => {
                let text = if rows.is_empty() {
                    "(none)".to_string()
                } else {
                    table::render(R::COLUMNS, &rows, headers(), table::Layout::of_stdout())
                };
                let result = write_stdout(&format!("{text}\n"));
                if left_out > 0 {
                    eprintln!(
                        "usermgmt: the table shows the first {TABLE_ROW_CAP} rows; {left_out} more \
                         were left out: use --output csv or --output json for all of them"
                    );
                }
                result
            }
        };
        self.check(result)
    }

    fn check(&mut self, result: io::Result<()>) -> CliResult<()> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other.map_err(|e| CliError::Message(format!("cannot write output: {e}"))),
        }
    }
}

fn row_of<R: Record>(item: &R) -> CliResult<Vec<String>> {
    let value = serde_json::to_value(item).map_err(print_error)?;
    Ok(columns::cells(&value, R::COLUMNS))
}

fn print_error(error: serde_json::Error) -> CliError {
    CliError::Message(format!("cannot print the result: {error}"))
}

fn csv_io(error: ::csv::Error) -> io::Error {
    match error.into_kind() {
        ::csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Print a whole list: a JSON array, or one table/CSV row per item.
pub(crate) fn print_list<R: Record>(output: Output, items: &[R]) -> CliResult<()> {
    let mut writer = ListWriter::<R>::new(output)?;
    for item in items {
        writer.write(item)?;
    }
    writer.finish()
}

/// Print a listing stream as it arrives, with a progress spinner; the first error ends
/// the list (the rows printed so far stay printed, and the error is returned).
pub(crate) async fn print_stream<R: Record>(
    output: Output,
    what: &str,
    stream: impl Stream<Item = Result<R, usermgmt::Error>>,
) -> CliResult<()> {
    let progress = Progress::for_output(what, output);
    let mut writer = ListWriter::<R>::new(output)?;
    futures::pin_mut!(stream);
    while let Some(item) = stream.next().await {
        match item {
            Ok(item) => {
                writer.write(&item)?;
                progress.inc();
                if writer.is_closed() {
                    break;
                }
            }
            Err(error) => {
                progress.finish();
                writer.finish_failed()?;
                return Err(error.into());
            }
        }
    }
    progress.finish();
    writer.finish()
}

/// Print one record: a JSON object, or a one-row table/CSV.
pub(crate) fn print_one<R: Record>(output: Output, item: &R) -> CliResult<()> {
    match output {
        Output::Json => {
            let text = escape::to_safe_json(item, true).map_err(print_error)?;
            write_stdout(&format!("{text}\n"))
                .map_err(|e| CliError::Message(format!("cannot write output: {e}")))
        }
        Output::Table | Output::Csv => print_list(output, std::slice::from_ref(item)),
    }
}

/// Print the result of an action as its fixed-shape object.
pub(crate) fn print_action(output: Output, result: ActionResult) -> CliResult<()> {
    print_one(output, &result)
}

/// Print text a command has already laid out (sanitized by its maker).
pub(crate) fn write_text(text: &str) -> CliResult<()> {
    write_stdout(text).map_err(|e| CliError::Message(format!("cannot write output: {e}")))
}

/// Write to stdout; a closed pipe (`usermgmt ... | head`) is not an error worth a message.
fn write_stdout(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
