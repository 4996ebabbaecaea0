//! Paradime's GraphQL schema as data: object types with their fields and arguments, and
//! the enums — what the executor checks a query against.
//!
//! Written from the same facts as `specs/paradime/schema.graphql` but independently of it,
//! so a wrong spec shows up as a disagreement with this fake (`introspect.rs` tests that
//! they agree). The introspection types come from `introspect.rs`.

use super::introspect;

/// One field of an object type.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldDef {
    pub(super) name: &'static str,
    /// GraphQL type notation, e.g. `[ActiveUser!]!`.
    pub(super) ty: &'static str,
    /// Arguments (name, type).
    pub(super) args: &'static [(&'static str, &'static str)],
}

const fn field(name: &'static str, ty: &'static str) -> FieldDef {
    FieldDef {
        name,
        ty,
        args: &[],
    }
}

/// The account types Paradime documents plus those of its official SDK.
pub(crate) const ACCOUNT_TYPES: &[&str] = &[
    "ADMIN",
    "DEVELOPER",
    "BUSINESS",
    "BILLING_ADMIN",
    "SECURITY_ADMIN",
    "WORKSPACE_SETTINGS_ADMIN",
    "WORKSPACE_ADMIN",
    "ANALYST",
    "SANDBOX_USER",
];

/// Invitation states seen in Paradime's docs (ACTIVE, EXPIRED) and SDK (SENT).
pub(super) const INVITE_STATUSES: &[&str] = &["ACTIVE", "SENT", "EXPIRED"];

const QUERY: &[FieldDef] = &[
    field("listUsers", "ListUsersPayload"),
    field("listWorkspaces", "ListWorkspacesPayload"),
];

const MUTATION: &[FieldDef] = &[
    FieldDef {
        name: "inviteUser",
        ty: "InviteUserPayload",
        args: &[("email", "String!"), ("accountType", "UserAccountType!")],
    },
    FieldDef {
        name: "updateUserAccountType",
        ty: "UpdateUserAccountTypePayload",
        args: &[("uid", "String!"), ("accountType", "UserAccountType!")],
    },
    FieldDef {
        name: "disableUser",
        ty: "DisableUserPayload",
        args: &[("uid", "String!")],
    },
];

const LIST_USERS_PAYLOAD: &[FieldDef] = &[
    field("ok", "Boolean!"),
    field("activeUsers", "[ActiveUser!]!"),
    field("invitedUsers", "[InvitedUser!]!"),
];

const ACTIVE_USER: &[FieldDef] = &[
    field("uid", "String!"),
    field("email", "String!"),
    field("name", "String!"),
    field("accountType", "UserAccountType!"),
];

const INVITED_USER: &[FieldDef] = &[
    field("email", "String!"),
    field("accountType", "UserAccountType!"),
    field("inviteStatus", "InviteStatus!"),
];

const LIST_WORKSPACES_PAYLOAD: &[FieldDef] = &[
    field("ok", "Boolean!"),
    field("workspaces", "[Workspace!]!"),
];

const WORKSPACE: &[FieldDef] = &[field("uid", "String!"), field("name", "String!")];

const OK_PAYLOAD: &[FieldDef] = &[field("ok", "Boolean!")];

/// The fields of object type `name`.
pub(super) fn object_fields(name: &str) -> Option<&'static [FieldDef]> {
    Some(match name {
        "Query" => QUERY,
        "Mutation" => MUTATION,
        "ListUsersPayload" => LIST_USERS_PAYLOAD,
        "ActiveUser" => ACTIVE_USER,
        "InvitedUser" => INVITED_USER,
        "ListWorkspacesPayload" => LIST_WORKSPACES_PAYLOAD,
        "Workspace" => WORKSPACE,
        "InviteUserPayload" | "UpdateUserAccountTypePayload" | "DisableUserPayload" => OK_PAYLOAD,
        _ => return introspect::meta_object_fields(name),
    })
}

/// Field `field` of object type `type_name`.
pub(super) fn lookup(type_name: &str, field: &str) -> Option<&'static FieldDef> {
    match (type_name, field) {
        ("Query", "__schema") => return Some(&introspect::SCHEMA_FIELD),
        ("Query", "__type") => return Some(&introspect::TYPE_FIELD),
        _ => {}
    }
    object_fields(type_name)?.iter().find(|f| f.name == field)
}

/// The values of enum type `name`.
pub(super) fn enum_values(name: &str) -> Option<&'static [&'static str]> {
    match name {
        "UserAccountType" => Some(ACCOUNT_TYPES),
        "InviteStatus" => Some(INVITE_STATUSES),
        _ => introspect::meta_enum_values(name),
    }
}

/// Built-in scalars.
pub(super) fn is_scalar(name: &str) -> bool {
    matches!(name, "String" | "Boolean" | "Int" | "Float" | "ID")
}

/// Scalars and enums: types without subfields, usable as variables.
pub(super) fn is_leaf(name: &str) -> bool {
    is_scalar(name) || enum_values(name).is_some()
}

/// `[ActiveUser!]!` -> `ActiveUser`.
pub(super) fn named_type(ty: &str) -> &str {
    ty.trim_matches(|c| c == '[' || c == ']' || c == '!')
}

/// `String!` -> `Some("String")`; `None` if nullable.
pub(super) fn strip_non_null(ty: &str) -> Option<&str> {
    ty.strip_suffix('!')
}

/// `[X!]` (nullability already stripped) -> `Some("X!")`; `None` if not a list.
pub(super) fn list_item(ty: &str) -> Option<&str> {
    ty.strip_prefix('[')?.strip_suffix(']')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_notation_helpers() {
        assert_eq!(named_type("[ActiveUser!]!"), "ActiveUser");
        assert_eq!(strip_non_null("[ActiveUser!]!"), Some("[ActiveUser!]"));
        assert_eq!(list_item("[ActiveUser!]"), Some("ActiveUser!"));
        assert!(is_leaf("UserAccountType") && !is_leaf("Workspace"));
        assert_eq!(lookup("Mutation", "disableUser").unwrap().args.len(), 1);
    }
}
