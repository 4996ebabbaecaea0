//! [`Journal`]: the SQLite file, opened in WAL mode, every recording call its own
//! committed transaction (so a step's intent is on disk before its request is sent).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::model::{
    Event, ListOptions, NewRun, RunDetail, RunEnd, RunSummary, StepDetail, StepOutcome, StepState,
    run_state,
};
use crate::{JournalError, schema};

/// How long a writer waits for another process holding the write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The journal. `Send + Sync`: one connection behind a mutex (recording calls are short).
///
/// Durability: WAL with `synchronous=NORMAL` keeps every committed transaction across a
/// killed process (SIGKILL); only a power loss may take the last ones.
pub struct Journal {
    connection: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish()
    }
}

impl Journal {
    /// Open the journal at `path`, creating it (and its directory, mode 0700 / file 0600
    /// on Unix: it holds who had what access) and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Journal, JournalError> {
        let at = |source: std::io::Error| JournalError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(parent).map_err(at)?;
        }
        create_private_file(path).map_err(at)?;
        let connection = Connection::open(path).map_err(|source| JournalError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Self::prepare(connection, Some(path.to_path_buf())).map_err(|error| match error {
            JournalError::Sqlite(source) => JournalError::Open {
                path: path.to_path_buf(),
                source,
            },
            other => other,
        })
    }

    /// A journal in memory, for tests and examples.
    pub fn open_in_memory() -> Result<Journal, JournalError> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut connection: Connection, path: Option<PathBuf>) -> Result<Journal, JournalError> {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        retry_while_locked(|| connection.pragma_update(None, "journal_mode", "WAL"))?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut connection)?;
        Ok(Journal {
            connection: Mutex::new(connection),
            path,
        })
    }

    /// The file, unless in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Record a run and all its steps in one transaction; returns the new run id.
    /// [`JournalError::PlanAlreadyApplied`] when the plan already has a run.
    pub fn begin_run(&self, run: NewRun) -> Result<String, JournalError> {
        let mut connection = self.lock();
        let transaction =
            connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if let Some(existing) = run_for_plan(&transaction, &run.plan_id)? {
            return Err(JournalError::PlanAlreadyApplied {
                plan_id: run.plan_id,
                run_id: existing,
            });
        }
        let id = uuid::Uuid::new_v4().to_string();
        transaction.execute(
            "INSERT INTO runs (id, plan_id, kind, started_at, os_user, command_line, plan)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                run.plan_id,
                run.kind,
                timestamp(run.started_at),
                run.os_user,
                run.command_line,
                run.plan.to_string()
            ],
        )?;
        for step in &run.steps {
            transaction.execute(
                "INSERT INTO steps (run_id, idx, provider, target, action, idempotent, detail, before)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    step.index,
                    step.provider,
                    step.target,
                    step.action,
                    step.idempotent,
                    step.detail.to_string(),
                    step.before.as_ref().map(Value::to_string)
                ],
            )?;
        }
        transaction.commit()?;
        Ok(id)
    }

    /// Record that step `index` of `run` is about to send its request.
    pub fn record_intent(
        &self,
        run: &str,
        index: u32,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        self.append(run, Some(index), "intent", at, None, None, None, None, None)
    }

    /// Record how step `index` of `run` ended.
    pub fn record_outcome(
        &self,
        run: &str,
        index: u32,
        outcome: StepOutcome,
    ) -> Result<(), JournalError> {
        self.append(
            run,
            Some(index),
            "outcome",
            outcome.at,
            Some(outcome.status.as_str()),
            outcome.http_status,
            outcome.request_id.as_deref(),
            outcome.error.as_deref(),
            outcome.detail.as_ref(),
        )
    }

    /// Record that `run` ended.
    pub fn end_run(&self, run: &str, at: DateTime<Utc>, end: RunEnd) -> Result<(), JournalError> {
        let status = match end {
            RunEnd::Finished => "finished",
            RunEnd::Interrupted => "interrupted",
        };
        self.append(run, None, "end", at, Some(status), None, None, None, None)
    }

    /// Record that `run` is being resumed by `os_user` with `command_line`.
    pub fn record_resumed(
        &self,
        run: &str,
        at: DateTime<Utc>,
        os_user: &str,
        command_line: &str,
    ) -> Result<(), JournalError> {
        let detail = serde_json::json!({"os_user": os_user, "command_line": command_line});
        self.append(
            run,
            None,
            "resumed",
            at,
            None,
            None,
            None,
            None,
            Some(&detail),
        )
    }

    #[allow(clippy::too_many_arguments)] // one column each; a struct would only rename them
    fn append(
        &self,
        run: &str,
        index: Option<u32>,
        kind: &str,
        at: DateTime<Utc>,
        status: Option<&str>,
        http_status: Option<u16>,
        request_id: Option<&str>,
        error: Option<&str>,
        detail: Option<&Value>,
    ) -> Result<(), JournalError> {
        let connection = self.lock();
        let changed = connection.execute(
            "INSERT INTO events (run_id, idx, kind, at, status, http_status, request_id, error, detail)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9
             WHERE EXISTS (SELECT 1 FROM runs WHERE id = ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM steps WHERE run_id = ?1 AND idx = ?2))",
            params![
                run,
                index,
                kind,
                timestamp(at),
                status,
                http_status,
                request_id,
                error,
                detail.map(Value::to_string)
            ],
        )?;
        if changed == 0 {
            return Err(JournalError::NoSuchRun(match index {
                Some(index) => format!("{run} step {index}"),
                None => run.to_string(),
            }));
        }
        Ok(())
    }

    /// The run that applied the plan `plan_id`, if any.
    pub fn run_for_plan(&self, plan_id: &str) -> Result<Option<RunSummary>, JournalError> {
        let connection = self.lock();
        match run_for_plan(&connection, plan_id)? {
            Some(id) => Ok(summaries(&connection, Some(&id), None)?.into_iter().next()),
            None => Ok(None),
        }
    }

    /// Runs, newest first.
    pub fn list_runs(&self, options: &ListOptions) -> Result<Vec<RunSummary>, JournalError> {
        summaries(&self.lock(), None, options.limit)
    }

    /// One run by id or unique id prefix (at least 4 characters), with every step.
    pub fn show_run(&self, id_or_prefix: &str) -> Result<RunDetail, JournalError> {
        let connection = self.lock();
        let id = resolve(&connection, id_or_prefix)?;
        let summary = summaries(&connection, Some(&id), None)?
            .into_iter()
            .next()
            .ok_or_else(|| JournalError::NoSuchRun(id.clone()))?;
        let plan: String =
            connection.query_row("SELECT plan FROM runs WHERE id = ?1", [&id], |r| r.get(0))?;
        let mut events_of = connection.prepare(
            "SELECT idx, kind, at, status, http_status, request_id, error FROM events
             WHERE run_id = ?1 ORDER BY id",
        )?;
        let mut step_events: std::collections::BTreeMap<u32, Vec<Event>> = Default::default();
        let mut run_events = Vec::new();
        let rows = events_of.query_map([&id], |row| {
            Ok((
                row.get::<_, Option<u32>>(0)?,
                Event {
                    kind: row.get(1)?,
                    at: parse_time(&row.get::<_, String>(2)?),
                    status: row.get(3)?,
                    http_status: row.get(4)?,
                    request_id: row.get(5)?,
                    error: row.get(6)?,
                },
            ))
        })?;
        for row in rows {
            match row? {
                (Some(index), event) => step_events.entry(index).or_default().push(event),
                (None, event) => run_events.push(event),
            }
        }
        let mut steps_of = connection.prepare(
            "SELECT idx, provider, target, action, idempotent, detail, before FROM steps
             WHERE run_id = ?1 ORDER BY idx",
        )?;
        let steps = steps_of
            .query_map([&id], |row| {
                Ok((
                    row.get::<_, u32>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, bool>(4)?,
                    row.get::<_, String>(5)?,
                    row.get::<_, Option<String>>(6)?,
                ))
            })?
            .map(|row| {
                let (index, provider, target, action, idempotent, detail, before) = row?;
                let events = step_events.remove(&index).unwrap_or_default();
                let latest = events.last();
                let state = StepState::from_latest(
                    latest.map(|e| e.kind.as_str()),
                    latest.and_then(|e| e.status.as_deref()),
                );
                let outcome = events
                    .iter()
                    .rev()
                    .find(|e| e.kind == "outcome")
                    .filter(|_| latest.is_some_and(|l| l.kind == "outcome"));
                Ok(StepDetail {
                    index,
                    provider,
                    target,
                    action,
                    idempotent,
                    state,
                    http_status: outcome.and_then(|e| e.http_status),
                    request_id: outcome.and_then(|e| e.request_id.clone()),
                    error: outcome.and_then(|e| e.error.clone()),
                    detail: serde_json::from_str(&detail).unwrap_or(Value::String(detail)),
                    before: before.map(|b| serde_json::from_str(&b).unwrap_or(Value::String(b))),
                    events,
                })
            })
            .collect::<Result<Vec<_>, JournalError>>()?;
        Ok(RunDetail {
            summary,
            plan: serde_json::from_str(&plan).unwrap_or(Value::String(plan)),
            steps,
            events: run_events,
        })
    }
}

fn run_for_plan(connection: &Connection, plan_id: &str) -> Result<Option<String>, JournalError> {
    Ok(connection
        .query_row("SELECT id FROM runs WHERE plan_id = ?1", [plan_id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The run id an id or prefix names: exactly one, or a clear error.
fn resolve(connection: &Connection, id_or_prefix: &str) -> Result<String, JournalError> {
    let prefix = id_or_prefix.trim().to_ascii_lowercase();
    if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(JournalError::BadId(id_or_prefix.to_string()));
    }
    let mut statement =
        connection.prepare("SELECT id FROM runs WHERE id LIKE ?1 || '%' LIMIT 2")?;
    let ids: Vec<String> = statement
        .query_map([&prefix], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    match ids.as_slice() {
        [id] => Ok(id.clone()),
        [] => Err(JournalError::NoSuchRun(id_or_prefix.to_string())),
        _ => Err(JournalError::Ambiguous(id_or_prefix.to_string())),
    }
}

/// Run summaries (one run, or the newest `limit`), states derived in two queries.
fn summaries(
    connection: &Connection,
    only: Option<&str>,
    limit: Option<usize>,
) -> Result<Vec<RunSummary>, JournalError> {
    let limit = limit.map_or(-1, |l| l as i64);
    let chosen = "SELECT id FROM runs WHERE (?1 IS NULL OR id = ?1)
                  ORDER BY started_at DESC, id DESC LIMIT ?2";
    let mut runs_query = connection.prepare(&format!(
        "SELECT r.id, r.plan_id, r.kind, r.started_at, r.os_user, r.command_line,
                (SELECT e.status || ' ' || e.at FROM events e
                  WHERE e.run_id = r.id AND e.kind = 'end' ORDER BY e.id DESC LIMIT 1),
                coalesce((SELECT max(e.id) FROM events e WHERE e.run_id = r.id AND e.kind = 'end'), 0)
                  > coalesce((SELECT max(e.id) FROM events e WHERE e.run_id = r.id AND e.kind = 'resumed'), 0)
         FROM runs r WHERE r.id IN ({chosen})
         ORDER BY r.started_at DESC, r.id DESC"
    ))?;
    let mut runs: Vec<(RunSummary, Option<RunEnd>)> = runs_query
        .query_map(params![only, limit], |row| {
            let end: Option<String> = row.get(6)?;
            let ended_after_resume: bool = row.get(7)?;
            let (end, finished_at) = match end.as_deref().and_then(|e| e.split_once(' ')) {
                Some((status, at)) if ended_after_resume => (
                    Some(if status == "finished" {
                        RunEnd::Finished
                    } else {
                        RunEnd::Interrupted
                    }),
                    Some(parse_time(at)),
                ),
                _ => (None, None),
            };
            Ok((
                RunSummary {
                    id: row.get(0)?,
                    plan_id: row.get(1)?,
                    kind: row.get(2)?,
                    started_at: parse_time(&row.get::<_, String>(3)?),
                    finished_at,
                    os_user: row.get(4)?,
                    command_line: row.get(5)?,
                    state: crate::RunState::Interrupted,
                    steps: 0,
                    ok: 0,
                    failed: 0,
                    unknown: 0,
                    not_started: 0,
                },
                end,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut states_query = connection.prepare(&format!(
        "SELECT s.run_id, e.kind, e.status FROM steps s
         LEFT JOIN events e ON e.id = (SELECT max(id) FROM events
                                        WHERE run_id = s.run_id AND idx = s.idx)
         WHERE s.run_id IN ({chosen})"
    ))?;
    let mut states: std::collections::HashMap<String, Vec<StepState>> = Default::default();
    let rows = states_query.query_map(params![only, limit], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, Option<String>>(2)?,
        ))
    })?;
    for row in rows {
        let (run, kind, status) = row?;
        states
            .entry(run)
            .or_default()
            .push(StepState::from_latest(kind.as_deref(), status.as_deref()));
    }
    for (summary, end) in &mut runs {
        let steps = states.remove(&summary.id).unwrap_or_default();
        summary.state = run_state(&steps, *end);
        summary.steps = steps.len();
        summary.ok = steps.iter().filter(|s| s.is_ok()).count();
        summary.failed = steps.iter().filter(|s| **s == StepState::Failed).count();
        summary.unknown = steps.iter().filter(|s| **s == StepState::Unknown).count();
        summary.not_started = steps
            .iter()
            .filter(|s| matches!(s, StepState::Pending | StepState::NotStarted))
            .count();
    }
    Ok(runs.into_iter().map(|(summary, _)| summary).collect())
}

/// RFC 3339 with microseconds, UTC: sorts as text.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn parse_time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.exists() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Create the file readable by its owner only, before SQLite opens it.
/// Run `statement` again while SQLite answers busy or locked, for up to
/// [`BUSY_TIMEOUT`]. Switching a new file to WAL needs an exclusive lock, and while
/// another connection opens the same file SQLite may answer `database is locked` at
/// once instead of waiting in the busy handler `busy_timeout` sets (seen in about one
/// round in ten of six connections opening a new file together: the test
/// `journals_opened_at_once_on_a_new_file_all_open`). Hand-written: rusqlite retries
/// nothing itself.
fn retry_while_locked<T>(
    mut statement: impl FnMut() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match statement() {
            Err(rusqlite::Error::SqliteFailure(error, _))
                if matches!(
                    error.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}
