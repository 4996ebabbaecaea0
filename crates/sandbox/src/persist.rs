//! A sandbox's state in a file, so the fakes remember changes between processes (the
//! CLI's `--sandbox` runs one command per process).
//!
//! The file is JSON (`{"format": 1, "axiom": {..}, ...}`), loaded once at start and
//! rewritten whole after every change (written beside the file, then renamed over it, so a
//! crash leaves the old or the new state, never half of one). A lock file next to it
//! (`<file>.lock`, an OS advisory lock released when the process ends, even by a crash)
//! keeps a second sandbox from using the same state at the same time, which would lose
//! one side's changes.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::shared::{Shared, lock};
use crate::{SandboxError, adverity, axiom, axolo, modelprime, paradime};

/// The version of the file's layout; a file of another version is refused, not guessed at.
const FORMAT: u32 = 1;

/// The five fakes' state, as read from a file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Snapshot {
    format: u32,
    pub(crate) axiom: axiom::State,
    pub(crate) adverity: adverity::State,
    pub(crate) paradime: paradime::State,
    pub(crate) modelprime: modelprime::State,
    pub(crate) axolo: axolo::State,
}

/// The five fakes' state, borrowed for writing.
#[derive(Serialize)]
struct SnapshotRef<'a> {
    format: u32,
    axiom: &'a axiom::State,
    adverity: &'a adverity::State,
    paradime: &'a paradime::State,
    modelprime: &'a modelprime::State,
    axolo: &'a axolo::State,
}

/// The live states a [`StateFile`] saves.
#[derive(Clone)]
pub(crate) struct States {
    pub(crate) axiom: Shared<axiom::State>,
    pub(crate) adverity: Shared<adverity::State>,
    pub(crate) paradime: Shared<paradime::State>,
    pub(crate) modelprime: Shared<modelprime::State>,
    pub(crate) axolo: Shared<axolo::State>,
}

/// An open, locked state file.
pub(crate) struct StateFile {
    path: PathBuf,
    states: States,
    /// Held while the sandbox runs: the advisory lock is released when it closes, at
    /// [`StateFile::close`] (servers may outlive the sandbox by a moment) or process end.
    lock: Mutex<Option<File>>,
    /// One save at a time, so the last save to finish holds every change made before it.
    saving: Mutex<()>,
}

/// Locks the state file at `path` for this process; fails when another process holds it.
pub(crate) fn lock_state(path: &Path) -> Result<File, SandboxError> {
    let fail = |reason: String| SandboxError::StateFile {
        path: path.to_path_buf(),
        reason,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    }
    let lock_path = lock_path(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| fail(format!("cannot open {}: {e}", lock_path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(SandboxError::StateInUse {
            path: path.to_path_buf(),
        }),
        Err(TryLockError::Error(e)) => {
            Err(fail(format!("cannot lock {}: {e}", lock_path.display())))
        }
    }
}

/// Reads the state at `path`: `None` when there is none yet (no file, or an empty one such
/// as `mktemp` makes); an error, never a silent fresh start, when the file is not a state.
pub(crate) fn read(path: &Path) -> Result<Option<Snapshot>, SandboxError> {
    let fail = |reason: String| SandboxError::StateFile {
        path: path.to_path_buf(),
        reason,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(fail(format!("cannot read it: {e}"))),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let snapshot: Snapshot = serde_json::from_slice(&bytes).map_err(|e| {
        fail(format!(
            "it is not a sandbox state ({e}); remove it to start again from the seed"
        ))
    })?;
    if snapshot.format != FORMAT {
        return Err(fail(format!(
            "it has format {} and this sandbox reads format {FORMAT}; remove it to start again from the seed",
            snapshot.format
        )));
    }
    Ok(Some(snapshot))
}

/// Removes the state at `path` so the next start seeds afresh; `Ok(false)` when there was
/// none. Refused while a sandbox uses it.
pub(crate) fn remove(path: &Path) -> Result<bool, SandboxError> {
    let _lock = lock_state(path)?;
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(SandboxError::StateFile {
            path: path.to_path_buf(),
            reason: format!("cannot remove it: {e}"),
        }),
    }
}

impl StateFile {
    /// Keeps `states` in `path`, whose lock `lock` this process holds.
    pub(crate) fn new(path: PathBuf, lock: File, states: States) -> StateFile {
        StateFile {
            path,
            states,
            lock: Mutex::new(Some(lock)),
            saving: Mutex::new(()),
        }
    }

    /// The state file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Stops saving and releases the lock, so another sandbox may take the file at once.
    pub(crate) fn close(&self) {
        let _no_save_in_flight = lock(&self.saving);
        lock(&self.lock).take();
    }

    /// Writes the current state (beside the file, then renamed over it); a no-op once
    /// closed.
    pub(crate) fn save(&self) -> Result<(), SandboxError> {
        let _one_at_a_time = lock(&self.saving);
        if lock(&self.lock).is_none() {
            return Ok(());
        }
        let bytes = {
            let axiom = lock(&self.states.axiom);
            let adverity = lock(&self.states.adverity);
            let paradime = lock(&self.states.paradime);
            let modelprime = lock(&self.states.modelprime);
            let axolo = lock(&self.states.axolo);
            serde_json::to_vec(&SnapshotRef {
                format: FORMAT,
                axiom: &axiom,
                adverity: &adverity,
                paradime: &paradime,
                modelprime: &modelprime,
                axolo: &axolo,
            })
        };
        let fail = |reason: String| SandboxError::StateFile {
            path: self.path.clone(),
            reason,
        };
        let bytes = bytes.map_err(|e| fail(format!("cannot encode the state: {e}")))?;
        let mut temporary = self.path.clone().into_os_string();
        temporary.push(".tmp");
        let temporary = PathBuf::from(temporary);
        let written = File::create(&temporary)
            .and_then(|mut file| file.write_all(&bytes).and_then(|()| file.sync_all()));
        written.map_err(|e| fail(format!("cannot write {}: {e}", temporary.display())))?;
        std::fs::rename(&temporary, &self.path).map_err(|e| fail(format!("cannot replace it: {e}")))
    }

    /// Saves, logging (not failing) when the disk refuses: the request that changed the
    /// state has been answered already.
    pub(crate) fn save_or_log(&self) {
        if let Err(error) = self.save() {
            tracing::error!(%error, "sandbox state not saved");
        }
    }
}

/// `<path>.lock`.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_empty_file_is_no_state_and_garbage_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert!(read(&path).unwrap().is_none());
        std::fs::write(&path, "\n").unwrap();
        assert!(read(&path).unwrap().is_none());
        std::fs::write(&path, "{\"format\": 1, \"axiom\": 3}").unwrap();
        let error = read(&path).err().unwrap().to_string();
        assert!(
            error.contains("state.json") && error.contains("not a sandbox state"),
            "{error}"
        );
    }

    #[test]
    fn a_second_lock_on_the_same_state_is_refused_until_the_first_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("state.json");
        let first = lock_state(&path).unwrap();
        assert!(matches!(
            lock_state(&path),
            Err(SandboxError::StateInUse { .. })
        ));
        assert!(matches!(
            remove(&path),
            Err(SandboxError::StateInUse { .. })
        ));
        drop(first);
        assert!(!remove(&path).unwrap());
    }
}
