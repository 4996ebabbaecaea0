//! The parsed request: type aliases over graphql-parser's AST, choosing the operation
//! to run, and GraphQL error objects.
//!
//! Shared by validation, coercion and execution, which each live in their own module.

use std::collections::HashMap;

use graphql_parser::Pos;
use graphql_parser::query::{self as q, OperationDefinition};
use serde_json::{Value, json};

pub(super) type SelectionSet<'a> = q::SelectionSet<'a, &'a str>;
pub(super) type Field<'a> = q::Field<'a, &'a str>;
pub(super) type GqlValue<'a> = q::Value<'a, &'a str>;
pub(super) type VarDef<'a> = q::VariableDefinition<'a, &'a str>;
pub(super) type Fragment<'a> = q::FragmentDefinition<'a, &'a str>;
pub(super) type Directive<'a> = q::Directive<'a, &'a str>;
/// Fragment definitions by name.
pub(super) type Fragments<'d, 'a> = HashMap<&'a str, &'d Fragment<'a>>;
/// Fields grouped by response key, in order (the spec's CollectFields result).
pub(super) type Collected<'d, 'a> = Vec<(&'a str, Vec<&'d Field<'a>>)>;

/// A GraphQL error object.
pub(super) fn error(message: impl Into<String>, pos: Option<Pos>) -> Value {
    match pos {
        Some(p) => json!({
            "message": message.into(),
            "locations": [{ "line": p.line, "column": p.column }],
        }),
        None => json!({ "message": message.into() }),
    }
}

/// The operation chosen for execution.
pub(super) struct Operation<'d, 'a> {
    pub(super) root: &'static str,
    pub(super) name: Option<&'a str>,
    pub(super) var_defs: &'d [VarDef<'a>],
    pub(super) selection_set: &'d SelectionSet<'a>,
    /// Where the operation starts (for errors about the operation itself).
    pub(super) position: Pos,
}

/// The operation named `wanted`, or the only one.
pub(super) fn select<'d, 'a>(
    operations: &[&'d OperationDefinition<'a, &'a str>],
    wanted: Option<&str>,
) -> Result<Operation<'d, 'a>, Vec<Value>> {
    let chosen = match wanted {
        Some(wanted) => operations
            .iter()
            .find(|op| name_of(op) == Some(wanted))
            .ok_or_else(|| {
                vec![error(
                    format!("Unknown operation named \"{wanted}\"."),
                    None,
                )]
            })?,
        None => match operations {
            [op] => op,
            [] => return Err(vec![error("Must provide an operation.", None)]),
            _ => {
                return Err(vec![error(
                    "Must provide operation name if query contains multiple operations.",
                    None,
                )]);
            }
        },
    };
    operation_of(chosen)
}

/// An operation definition as the executor sees it; subscriptions are refused (the
/// schema has no subscription type).
pub(super) fn operation_of<'d, 'a>(
    definition: &'d OperationDefinition<'a, &'a str>,
) -> Result<Operation<'d, 'a>, Vec<Value>> {
    Ok(match definition {
        OperationDefinition::SelectionSet(set) => Operation {
            root: "Query",
            name: None,
            var_defs: &[],
            selection_set: set,
            position: set.span.0,
        },
        OperationDefinition::Query(query) => Operation {
            root: "Query",
            name: query.name,
            var_defs: &query.variable_definitions,
            selection_set: &query.selection_set,
            position: query.position,
        },
        OperationDefinition::Mutation(mutation) => Operation {
            root: "Mutation",
            name: mutation.name,
            var_defs: &mutation.variable_definitions,
            selection_set: &mutation.selection_set,
            position: mutation.position,
        },
        OperationDefinition::Subscription(s) => {
            return Err(vec![error(
                "Schema is not configured to execute subscription operation.",
                Some(s.position),
            )]);
        }
    })
}

/// A syntax error with graphql-js's prefix and the position graphql-parser reports
/// (only inside its message text: its error type is opaque), as `locations`.
pub(super) fn syntax_error(parse_error: &impl std::fmt::Display) -> Value {
    let text = parse_error.to_string();
    let detail = text.strip_prefix("query parse error: ").unwrap_or(&text);
    let position = detail.strip_prefix("Parse error at ").and_then(|rest| {
        let (at, _) = rest
            .split_once(|c: char| c.is_whitespace())
            .unwrap_or((rest, ""));
        let (line, column) = at.split_once(':')?;
        Some(Pos {
            line: line.parse().ok()?,
            column: column.parse().ok()?,
        })
    });
    let message = detail
        .split_once('\n')
        .map_or(detail, |(_, rest)| rest)
        .trim()
        .replace('\n', "; ");
    error(format!("Syntax Error: {message}"), position)
}

pub(super) fn name_of<'a>(op: &OperationDefinition<'a, &'a str>) -> Option<&'a str> {
    match op {
        OperationDefinition::SelectionSet(_) => None,
        OperationDefinition::Query(q) => q.name,
        OperationDefinition::Mutation(m) => m.name,
        OperationDefinition::Subscription(s) => s.name,
    }
}
