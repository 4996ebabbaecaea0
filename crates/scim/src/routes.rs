//! The resource endpoints, one module per resource type.

pub(crate) mod groups;
pub(crate) mod users;
