//! A SCIM 2.0 service provider (RFC 7643 and RFC 7644) in front of the usermgmt
//! directory: identity providers such as Okta and Entra ID read and provision people
//! in all five tools through one endpoint.

pub mod filter;
