//! Warns when specs/modelprime.yaml changed since `src/generated.rs` was generated.
fn main() {
    usermgmt_speccheck::warn_if_stale("src/generated.rs");
}
