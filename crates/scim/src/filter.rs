//! SCIM filters (RFC 7644 section 3.4.2.2): parsing and evaluation.
