//! Build-script helper shared by the usermgmt provider crates.
//!
//! Each generated file starts with `// spec-sha256: <path> <hex>` lines (written by
//! `cargo xtask codegen`). In a checkout, where `specs/` exists, [`warn_if_stale`]
//! compares those hashes with the specs and prints a cargo warning naming the command
//! to run. It never fails the build: a published crate has no `specs/`.
//!
//! In a provider crate's `build.rs`, `main` calls:
//!
//! ```no_run
//! usermgmt_speccheck::warn_if_stale("src/generated.rs");
//! ```

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The header prefix `cargo xtask codegen` writes before each spec's path and hash.
pub const SPEC_HASH_PREFIX: &str = "// spec-sha256: ";

/// Warn (never fail) when a spec named in `generated`'s header changed since generation.
/// `generated` is relative to the crate's manifest directory.
pub fn warn_if_stale(generated: &str) {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        return;
    };
    println!("cargo:rerun-if-changed={generated}");
    let Ok(contents) = std::fs::read_to_string(manifest_dir.join(generated)) else {
        build_print::warn!("{generated} is missing: run `cargo xtask codegen`");
        return;
    };
    let Some(workspace) = manifest_dir.parent().and_then(Path::parent) else {
        return;
    };
    for stale in stale_specs(&contents, workspace, |path| {
        println!("cargo:rerun-if-changed={}", path.display());
    }) {
        build_print::warn!(
            "{stale} changed since {generated} was generated: run `cargo xtask codegen`"
        );
    }
}

/// The specs listed in `header` whose current contents under `workspace` hash
/// differently. Specs that do not exist (a published crate) are skipped; `watch` is
/// called with each one that does.
pub fn stale_specs(header: &str, workspace: &Path, mut watch: impl FnMut(&Path)) -> Vec<String> {
    header
        .lines()
        .take_while(|line| line.starts_with("//"))
        .filter_map(|line| line.strip_prefix(SPEC_HASH_PREFIX))
        .filter_map(|rest| rest.rsplit_once(' '))
        .filter_map(|(spec, recorded)| {
            let path = workspace.join(spec);
            let bytes = std::fs::read(&path).ok()?;
            watch(&path);
            (sha256_hex(&bytes) != recorded).then(|| spec.to_string())
        })
        .collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_specs_are_reported_and_missing_ones_skipped() {
        let dir = std::env::temp_dir().join(format!("speccheck-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("specs")).unwrap();
        std::fs::write(dir.join("specs/same.yaml"), b"abc").unwrap();
        std::fs::write(dir.join("specs/changed.yaml"), b"abd").unwrap();
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let header = format!(
            "// @generated\n{SPEC_HASH_PREFIX}specs/same.yaml {abc}\n\
             {SPEC_HASH_PREFIX}specs/changed.yaml {abc}\n{SPEC_HASH_PREFIX}specs/gone.yaml {abc}\n\nfn x() {{}}\n"
        );
        let mut watched = 0;
        let stale = stale_specs(&header, &dir, |_| watched += 1);
        assert_eq!(stale, vec!["specs/changed.yaml".to_string()]);
        assert_eq!(watched, 2);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
