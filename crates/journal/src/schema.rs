//! The database schema and its migrations, keyed by SQLite's `user_version`.
//!
//! Hand-written rather than with rusqlite_migration: that crate pins an older rusqlite
//! (and so a second bundled SQLite), and what is needed here is a list of SQL batches
//! applied in order inside one transaction, which is a dozen lines.

use rusqlite::Connection;

use crate::JournalError;

/// Each entry upgrades the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: runs, their steps, and the append-only event log.
    "
    CREATE TABLE runs (
        id           TEXT PRIMARY KEY,
        plan_id      TEXT NOT NULL UNIQUE,
        kind         TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        os_user      TEXT NOT NULL,
        command_line TEXT NOT NULL,
        plan         TEXT NOT NULL
    );
    CREATE INDEX runs_started ON runs (started_at DESC, id DESC);
    CREATE TABLE steps (
        run_id     TEXT NOT NULL REFERENCES runs (id),
        idx        INTEGER NOT NULL,
        provider   TEXT NOT NULL,
        target     TEXT NOT NULL,
        action     TEXT NOT NULL,
        idempotent INTEGER NOT NULL,
        detail     TEXT NOT NULL,
        before     TEXT,
        PRIMARY KEY (run_id, idx)
    );
    -- One row per thing that happened: a step's intent or outcome (idx set), or the
    -- run's end or resumption (idx null). Current state is derived from the latest rows.
    CREATE TABLE events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id      TEXT NOT NULL REFERENCES runs (id),
        idx         INTEGER,
        kind        TEXT NOT NULL CHECK (kind IN ('intent', 'outcome', 'end', 'resumed')),
        at          TEXT NOT NULL,
        status      TEXT,
        http_status INTEGER,
        request_id  TEXT,
        error       TEXT,
        detail      TEXT
    );
    CREATE INDEX events_by_step ON events (run_id, idx, id);
    CREATE TRIGGER runs_append_only_update BEFORE UPDATE ON runs
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER runs_append_only_delete BEFORE DELETE ON runs
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER steps_append_only_update BEFORE UPDATE ON steps
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER steps_append_only_delete BEFORE DELETE ON steps
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    ",
    // 2: the SCIM bridge's users and groups: what identity providers wrote that no provider keeps
    // (ids, externalId, the attributes they sent, meta), so ids are stable across
    // restarts. Not append-only: DELETE /Users/{id} forgets a row; the runs that changed
    // the person's accounts stay in the tables above.
    "
    CREATE TABLE scim_users (
        id            TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE,
        external_id   TEXT,
        attributes    TEXT NOT NULL,
        created       TEXT NOT NULL,
        last_modified TEXT NOT NULL,
        offboard_run  TEXT
    );
    CREATE TABLE scim_groups (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE,
        external_id   TEXT,
        attributes    TEXT NOT NULL,
        created       TEXT NOT NULL,
        last_modified TEXT NOT NULL
    );
    ",
];

/// The schema version this code writes.
pub(crate) const LATEST: i64 = MIGRATIONS.len() as i64;

/// Bring `connection` to [`LATEST`]; refuse a journal written by a newer version.
pub(crate) fn migrate(connection: &mut Connection) -> Result<(), JournalError> {
    let transaction =
        connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version: i64 = transaction.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > LATEST {
        return Err(JournalError::TooNew {
            found: version,
            supported: LATEST,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    transaction.commit()?;
    Ok(())
}
