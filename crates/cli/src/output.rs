//! Printing results as a table, JSON or CSV. Any serialisable value works: objects are
//! flattened into columns (`role.id`, `role.name`), lists joined with `,`, so every
//! command gets all three formats from one code path and the columns follow the API's
//! own field names.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::args::Output;

/// Print a list: a JSON array, or one table/CSV row per item.
pub(crate) fn print_list<T: Serialize>(output: Output, items: &[T]) -> Result<(), String> {
    let values = items.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
    match output {
        Output::Json => print_json(&Value::Array(values)),
        Output::Table | Output::Csv => print_rows(output, &values),
    }
}

/// Print one object: a JSON object, or a one-row table/CSV.
pub(crate) fn print_one<T: Serialize>(output: Output, item: &T) -> Result<(), String> {
    let value = to_value(item)?;
    match output {
        Output::Json => print_json(&value),
        Output::Table | Output::Csv => print_rows(output, std::slice::from_ref(&value)),
    }
}

/// Print a short confirmation for commands whose API answers with no body.
pub(crate) fn print_done(output: Output, what: &str) -> Result<(), String> {
    print_one(
        output,
        &serde_json::json!({ "result": "ok", "action": what }),
    )
}

fn to_value<T: Serialize>(item: &T) -> Result<Value, String> {
    serde_json::to_value(item).map_err(|e| format!("cannot print the result: {e}"))
}

fn print_json(value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    write_stdout(&format!("{text}\n"))
}

fn print_rows(output: Output, values: &[Value]) -> Result<(), String> {
    let rows: Vec<Vec<(String, String)>> = values.iter().map(flatten).collect();
    let mut headers: Vec<String> = Vec::new();
    for row in &rows {
        for (key, _) in row {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let cells = |row: &Vec<(String, String)>| -> Vec<String> {
        headers
            .iter()
            .map(|h| {
                row.iter()
                    .find(|(k, _)| k == h)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            })
            .collect()
    };
    match output {
        Output::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(&headers).map_err(|e| e.to_string())?;
            for row in &rows {
                writer.write_record(cells(row)).map_err(|e| e.to_string())?;
            }
            let bytes = writer.into_inner().map_err(|e| e.to_string())?;
            write_stdout(&String::from_utf8_lossy(&bytes))
        }
        _ => {
            if rows.is_empty() {
                return write_stdout("(none)\n");
            }
            let mut table = Table::new();
            table
                .load_preset(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(&headers);
            for row in &rows {
                table.add_row(cells(row));
            }
            write_stdout(&format!("{table}\n"))
        }
    }
}

/// `{"a": {"b": 1}, "c": [1, 2]}` -> `[("a.b", "1"), ("c", "1,2")]`; a scalar is one `value` column.
fn flatten(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match value {
        Value::Object(map) => flatten_into(&mut out, "", map),
        other => out.push(("value".to_string(), scalar(other))),
    }
    out
}

fn flatten_into(out: &mut Vec<(String, String)>, prefix: &str, map: &Map<String, Value>) {
    for (key, value) in map {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) if !inner.is_empty() => flatten_into(out, &key, inner),
            other => out.push((key, scalar(other))),
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// Write to stdout; a closed pipe (`usermgmt ... | head`) is not an error worth a message.
fn write_stdout(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| format!("cannot write output: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_objects_become_dotted_columns_and_lists_join() {
        // serde_json's `preserve_order` is on: columns keep the fields' order.
        let row = flatten(
            &json!({"id": "a", "role": {"id": "admin", "name": "Admin"}, "groups": [1, 2], "x": null}),
        );
        assert_eq!(
            row,
            vec![
                ("id".into(), "a".into()),
                ("role.id".into(), "admin".into()),
                ("role.name".into(), "Admin".into()),
                ("groups".into(), "1,2".into()),
                ("x".into(), String::new()),
            ]
        );
    }
}
