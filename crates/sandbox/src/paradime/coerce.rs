//! Input coercion: literals in the query and JSON variable values to the schema's input
//! types (String, Boolean, Int, Float, ID, the enums), with graphql-js's messages.

use graphql_parser::query as q;
use serde_json::{Map, Value};

use super::document::{GqlValue, Operation, error};
use super::schema;

/// A literal in the query coerced to `ty` (type notation), or graphql-js's message.
pub(super) fn coerce_literal(value: &GqlValue<'_>, ty: &str) -> Result<Value, String> {
    if let Some(inner) = schema::strip_non_null(ty) {
        if matches!(value, q::Value::Null) {
            return Err(format!("Expected value of type \"{ty}\", found null."));
        }
        return coerce_literal(value, inner);
    }
    if matches!(value, q::Value::Null) {
        return Ok(Value::Null);
    }
    if let Some(item) = schema::list_item(ty) {
        return match value {
            q::Value::List(items) => items
                .iter()
                .map(|v| coerce_literal(v, item))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            single => Ok(Value::Array(vec![coerce_literal(single, item)?])),
        };
    }
    match (ty, value) {
        (_, q::Value::Variable(name)) => Err(format!(
            "Unexpected variable \"${name}\" in constant value."
        )),
        ("String" | "ID", q::Value::String(s)) => Ok(Value::String(s.clone())),
        ("String" | "ID", other) => {
            Err(format!("{ty} cannot represent a non string value: {other}"))
        }
        ("Boolean", q::Value::Boolean(b)) => Ok(Value::Bool(*b)),
        ("Boolean", other) => Err(format!(
            "Boolean cannot represent a non boolean value: {other}"
        )),
        ("Int", q::Value::Int(n)) => n.as_i64().map(Value::from).ok_or_else(|| {
            format!("Int cannot represent non 32-bit signed integer value: {value}")
        }),
        ("Int", other) => Err(format!("Int cannot represent non-integer value: {other}")),
        ("Float", q::Value::Float(f)) => Ok(Value::from(*f)),
        ("Float", q::Value::Int(n)) => Ok(n.as_i64().map(Value::from).unwrap_or(Value::Null)),
        ("Float", other) => Err(format!("Float cannot represent non numeric value: {other}")),
        (name, value) => match schema::enum_values(name) {
            Some(values) => match value {
                q::Value::Enum(e) if values.contains(e) => Ok(Value::String((*e).to_owned())),
                q::Value::Enum(e) => {
                    Err(format!("Value \"{e}\" does not exist in \"{name}\" enum."))
                }
                other => Err(format!(
                    "Enum \"{name}\" cannot represent non-enum value: {other}."
                )),
            },
            None => Err(format!("Unknown type \"{name}\".")),
        },
    }
}

/// A JSON variable value coerced to `ty`, or graphql-js's message.
fn coerce_input(value: &Value, ty: &str) -> Result<Value, String> {
    if let Some(inner) = schema::strip_non_null(ty) {
        if value.is_null() {
            return Err(format!(
                "Expected non-nullable type \"{ty}\" not to be null."
            ));
        }
        return coerce_input(value, inner);
    }
    if value.is_null() {
        return Ok(Value::Null);
    }
    if let Some(item) = schema::list_item(ty) {
        return match value {
            Value::Array(items) => items
                .iter()
                .map(|v| coerce_input(v, item))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            single => Ok(Value::Array(vec![coerce_input(single, item)?])),
        };
    }
    match (ty, value) {
        ("String" | "ID", Value::String(_)) | ("Boolean", Value::Bool(_)) => Ok(value.clone()),
        ("String" | "ID", _) => Err(format!("{ty} cannot represent a non string value: {value}")),
        ("Boolean", _) => Err(format!(
            "Boolean cannot represent a non boolean value: {value}"
        )),
        ("Int", Value::Number(n)) if n.is_i64() => Ok(value.clone()),
        ("Int", _) => Err(format!("Int cannot represent non-integer value: {value}")),
        ("Float", Value::Number(_)) => Ok(value.clone()),
        ("Float", _) => Err(format!("Float cannot represent non numeric value: {value}")),
        (name, value) => match (schema::enum_values(name), value) {
            (Some(values), Value::String(s)) if values.contains(&s.as_str()) => Ok(value.clone()),
            (Some(_), Value::String(s)) => {
                Err(format!("Value \"{s}\" does not exist in \"{name}\" enum."))
            }
            (Some(_), other) => Err(format!(
                "Enum \"{name}\" cannot represent non-string value: {other}."
            )),
            (None, _) => Err(format!("Unknown type \"{name}\".")),
        },
    }
}

/// The operation's variables from the request, defaults applied, or every error.
pub(super) fn coerce_variables(
    op: &Operation<'_, '_>,
    provided: &Map<String, Value>,
) -> Result<Map<String, Value>, Vec<Value>> {
    let mut vars = Map::new();
    let mut errors = Vec::new();
    for def in op.var_defs {
        let ty = def.var_type.to_string();
        let name = def.name;
        let coerced = match (provided.get(name), &def.default_value) {
            (Some(value), _) => coerce_input(value, &ty)
                .map_err(|m| format!("Variable \"${name}\" got invalid value {value}; {m}")),
            (None, Some(default)) => coerce_literal(default, &ty),
            (None, None) if ty.ends_with('!') => Err(format!(
                "Variable \"${name}\" of required type \"{ty}\" was not provided."
            )),
            (None, None) => continue,
        };
        match coerced {
            Ok(value) => {
                vars.insert(name.to_owned(), value);
            }
            Err(message) => errors.push(error(message, Some(def.position))),
        }
    }
    if errors.is_empty() {
        Ok(vars)
    } else {
        Err(errors)
    }
}
