//! `scim serve --tls-cert/--tls-key`: the PEM certificate chain and private key read into
//! a rustls server configuration, every way they can be wrong said in one line that
//! names the file (never its contents: a key file's bytes are secret).

use std::path::Path;
use std::sync::Arc;

use axum_server::tls_rustls::RustlsConfig;
use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{Error as TlsError, InconsistentKeys, ServerConfig};

use crate::error::{CliError, CliResult};

/// The server configuration for the chain in `cert` (end-entity certificate first) and
/// the private key in `key`, both PEM, offering HTTP/1.1 only (see `serve_tls`).
pub(crate) fn load(cert: &Path, key: &Path) -> CliResult<RustlsConfig> {
    let chain = certificates(cert)?;
    let private_key = private_key(key)?;
    // The provider reqwest already builds rustls with, named rather than taken from
    // the process default, which would panic if a second one were ever compiled in.
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| CliError::Message(format!("cannot set up TLS: {e}")))?
        .with_no_client_auth()
        .with_single_cert(chain, private_key)
        .map_err(|e| unusable(e, cert, key))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(RustlsConfig::from_config(Arc::new(config)))
}

/// Every certificate in the PEM file `path`; at least one.
fn certificates(path: &Path) -> CliResult<Vec<CertificateDer<'static>>> {
    let flag = "--tls-cert";
    let bytes = read(flag, path)?;
    let chain = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| malformed(flag, path, &e))?;
    if !chain.is_empty() {
        return Ok(chain);
    }
    let hint = if PrivateKeyDer::from_pem_slice(&bytes).is_ok() {
        "it holds a private key: were --tls-cert and --tls-key swapped?"
    } else {
        "it has no -----BEGIN CERTIFICATE----- section"
    };
    Err(CliError::Usage(format!(
        "{flag} {}: no certificate in it ({hint})",
        path.display()
    )))
}

/// The first private key (PKCS#8, PKCS#1 or SEC1) in the PEM file `path`.
fn private_key(path: &Path) -> CliResult<PrivateKeyDer<'static>> {
    let flag = "--tls-key";
    let bytes = read(flag, path)?;
    match PrivateKeyDer::from_pem_slice(&bytes) {
        Ok(key) => Ok(key),
        Err(pem::Error::NoItemsFound) => {
            let hint = if contains(&bytes, b"ENCRYPTED PRIVATE KEY") {
                "it is encrypted, which is not supported: decrypt it with `openssl pkey -in \
                 FILE -out FILE.plain` and keep that file readable by this user only"
            } else if contains(&bytes, b"BEGIN CERTIFICATE") {
                "it holds a certificate: were --tls-cert and --tls-key swapped?"
            } else {
                "it has no -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY section"
            };
            Err(CliError::Usage(format!(
                "{flag} {}: no private key in it ({hint})",
                path.display()
            )))
        }
        Err(e) => Err(malformed(flag, path, &e)),
    }
}

/// The bytes of the file `path` given to `flag`.
fn read(flag: &str, path: &Path) -> CliResult<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| CliError::Usage(format!("{flag} {}: cannot read it: {e}", path.display())))
}

/// A PEM file that does not parse; said without quoting any of it.
fn malformed(flag: &str, path: &Path, error: &pem::Error) -> CliError {
    let what = match error {
        pem::Error::MissingSectionEnd { .. } => "a section has no -----END ...----- line",
        pem::Error::IllegalSectionStart { .. } => "a -----BEGIN ...----- line is malformed",
        pem::Error::Base64Decode(_) => "a section's base64 does not decode",
        pem::Error::SectionTooLarge => "a section is too large",
        _ => "it cannot be read as PEM",
    };
    CliError::Usage(format!("{flag} {}: not valid PEM: {what}", path.display()))
}

/// Why rustls refused the pair, naming the file at fault where the error tells which.
fn unusable(error: TlsError, cert: &Path, key: &Path) -> CliError {
    let (cert, key) = (cert.display(), key.display());
    CliError::Usage(match error {
        TlsError::InconsistentKeys(InconsistentKeys::KeyMismatch) => format!(
            "--tls-key {key} does not match --tls-cert {cert}: the key is not the one the \
             certificate was issued for (the end-entity certificate must come first)"
        ),
        TlsError::InvalidCertificate(why) => {
            format!("--tls-cert {cert}: the first certificate cannot be used ({why})")
        }
        // The provider's parse failure ("failed to parse private key as RSA, ECDSA, or
        // EdDSA") names the key types, never the key's bytes.
        TlsError::General(why) => format!("--tls-key {key}: the private key cannot be used: {why}"),
        other => format!("--tls-cert {cert} with --tls-key {key}: cannot be used: {other}"),
    })
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
