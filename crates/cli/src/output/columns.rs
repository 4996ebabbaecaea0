//! Fixed columns per record type: CSV and tables show exactly these columns, in this
//! order, whatever the data holds (an empty list still has its header; a field the
//! server left out is an empty cell). Each column is a dotted path into the record's
//! JSON form (`role.id`); lists are joined with `,`. Each list command's `--help` names them.

use serde::Serialize;
use serde_json::Value;

/// A record type that can be printed as rows.
pub(crate) trait Record: Serialize {
    /// The CSV and table columns, as dotted paths into the record's JSON form.
    const COLUMNS: &'static [&'static str];
}

impl Record for usermgmt::User {
    const COLUMNS: &'static [&'static str] = &[
        "provider", "id", "email", "name", "roles", "access", "status",
    ];
}

impl Record for usermgmt::axiom::types::User {
    const COLUMNS: &'static [&'static str] = &["id", "name", "email", "role.id", "role.name"];
}

impl Record for usermgmt::axiom::types::RoleDetails {
    const COLUMNS: &'static [&'static str] = &["id", "name", "description", "members"];
}

impl Record for usermgmt::adverity::types::User {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "email",
        "first_name",
        "last_name",
        "active",
        "groups",
        "workspaces",
        "workspace_names",
        "created",
        "last_modified",
        "last_login",
    ];
}

impl Record for usermgmt::paradime::Workspace {
    const COLUMNS: &'static [&'static str] = &["uid", "name"];
}

impl Record for usermgmt::modelprime::types::UserSummary {
    const COLUMNS: &'static [&'static str] = &["id", "email", "name"];
}

impl Record for usermgmt::modelprime::types::User {
    const COLUMNS: &'static [&'static str] = &["id", "email", "name", "roles"];
}

impl Record for usermgmt::modelprime::types::Me {
    const COLUMNS: &'static [&'static str] = &["id", "email", "name", "roles"];
}

impl Record for usermgmt::modelprime::types::UpdatedMe {
    const COLUMNS: &'static [&'static str] = &["id", "email", "name"];
}

impl Record for usermgmt::modelprime::types::Organization {
    const COLUMNS: &'static [&'static str] =
        &["id", "name", "short_name", "created_at", "updated_at"];
}

impl Record for usermgmt::Step {
    const COLUMNS: &'static [&'static str] = &[
        "provider",
        "action",
        "id",
        "email",
        "organization",
        "github_login",
        "reason",
        "error",
    ];
}

impl Record for usermgmt::StepReport {
    const COLUMNS: &'static [&'static str] = &[
        "provider",
        "action",
        "id",
        "email",
        "organization",
        "github_login",
        "outcome",
        "reason",
        "error",
        "answer",
    ];
}

/// The cells of `value` for `columns`, unescaped (the sinks escape them).
pub(crate) fn cells(value: &Value, columns: &[&str]) -> Vec<String> {
    columns
        .iter()
        .map(|path| {
            path.split('.')
                .try_fold(value, |v, key| v.get(key))
                .map(scalar)
                .unwrap_or_default()
        })
        .collect()
}

impl Record for usermgmt_journal::RunSummary {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "kind",
        "state",
        "started_at",
        "os_user",
        "steps",
        "ok",
        "failed",
        "unknown",
        "not_started",
        "plan_id",
        "finished_at",
        "command_line",
    ];
}

impl Record for usermgmt_journal::StepDetail {
    const COLUMNS: &'static [&'static str] = &[
        "index",
        "provider",
        "action",
        "target",
        "state",
        "http_status",
        "request_id",
        "error",
    ];
}

/// Printed whole as JSON; as rows it is its summary's columns.
impl Record for usermgmt_journal::RunDetail {
    const COLUMNS: &'static [&'static str] = &[
        "summary.id",
        "summary.kind",
        "summary.state",
        "summary.started_at",
        "summary.os_user",
        "summary.steps",
    ];
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_follow_the_columns_not_the_data() {
        let value = json!({"x": 1, "id": "a", "role": {"id": "admin"}, "groups": [1, 2]});
        assert_eq!(
            cells(&value, &["id", "role.id", "role.name", "groups", "missing"]),
            vec!["a", "admin", "", "1,2", ""]
        );
    }

    #[test]
    fn a_null_is_an_empty_cell_and_numbers_and_booleans_print_plainly() {
        let value = json!({"a": null, "b": 5, "c": false});
        assert_eq!(cells(&value, &["a", "b", "c"]), vec!["", "5", "false"]);
    }
}
