//! A small GraphQL executor for Paradime's five operations: parse with graphql-parser,
//! validate (`validate.rs`), coerce variables (`coerce.rs`), then resolve root fields and
//! answer only the selected fields, aliases and fragments included.
//!
//! Parse and validation failures answer `{"errors": [...]}` with no `data`, and nothing
//! is executed.

use std::collections::HashMap;

use graphql_parser::query::{self as q, Definition, Selection};
use serde_json::{Map, Value, json};

use super::coerce::coerce_variables;
use super::document::{
    Collected, Directive, Field, Fragments, GqlValue, Operation, SelectionSet, error, select,
    syntax_error,
};
use super::introspect;
use super::resolve::{self, Node, Obj};
use super::schema;
use super::state::State;
use super::validate::validate_document;

/// The parts of a GraphQL request body.
#[derive(Debug, Clone, Copy)]
pub(super) struct GraphqlRequest<'r> {
    pub(super) query: &'r str,
    pub(super) variables: &'r Map<String, Value>,
    pub(super) operation_name: Option<&'r str>,
}

/// Runs `request` against `state`: `{"data": ...}` or `{"errors": [...]}`.
pub(super) fn execute(state: &mut State, request: &GraphqlRequest<'_>) -> Value {
    match run(state, request) {
        Ok(data) => json!({ "data": data }),
        Err(errors) => json!({ "errors": errors }),
    }
}

fn run(state: &mut State, request: &GraphqlRequest<'_>) -> Result<Value, Vec<Value>> {
    let doc = q::parse_query::<&str>(request.query).map_err(|e| vec![syntax_error(&e)])?;
    let mut fragments: Fragments<'_, '_> = HashMap::new();
    let mut operations = Vec::new();
    let mut errors = Vec::new();
    for definition in &doc.definitions {
        match definition {
            Definition::Fragment(f) => {
                if fragments.insert(f.name, f).is_some() {
                    errors.push(error(
                        format!("There can be only one fragment named \"{}\".", f.name),
                        Some(f.position),
                    ));
                }
            }
            Definition::Operation(op) => operations.push(op),
        }
    }
    let errors = validate_document(&doc, &fragments, errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let operation = select(&operations, request.operation_name)?;
    let executor = Executor {
        fragments: &fragments,
        vars: coerce_variables(&operation, request.variables)?,
    };
    Ok(executor.root(state, &operation))
}

/// Runs a validated operation.
struct Executor<'v, 'd, 'a> {
    fragments: &'v Fragments<'d, 'a>,
    vars: Map<String, Value>,
}

impl<'d, 'a> Executor<'_, 'd, 'a> {
    /// The spec's CollectFields: fields by response key, in order, honouring @skip/@include.
    fn collect(&self, set: &'d SelectionSet<'a>, out: &mut Collected<'d, 'a>) {
        for selection in &set.items {
            match selection {
                Selection::Field(f) if self.included(&f.directives) => {
                    let key = f.alias.unwrap_or(f.name);
                    match out.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, fields)) => fields.push(f),
                        None => out.push((key, vec![f])),
                    }
                }
                Selection::FragmentSpread(spread) if self.included(&spread.directives) => {
                    if let Some(fragment) = self.fragments.get(spread.fragment_name) {
                        self.collect(&fragment.selection_set, out);
                    }
                }
                Selection::InlineFragment(inline) if self.included(&inline.directives) => {
                    self.collect(&inline.selection_set, out);
                }
                _ => {}
            }
        }
    }

    fn included(&self, directives: &[Directive<'a>]) -> bool {
        directives.iter().all(|d| {
            let condition = d
                .arguments
                .iter()
                .find(|(n, _)| *n == "if")
                .and_then(|(_, v)| self.argument(v).as_bool())
                .unwrap_or(false);
            match d.name {
                "skip" => !condition,
                "include" => condition,
                _ => true,
            }
        })
    }

    fn argument(&self, value: &GqlValue<'a>) -> Value {
        match value {
            q::Value::Variable(name) => self.vars.get(*name).cloned().unwrap_or(Value::Null),
            q::Value::Int(n) => n.as_i64().map(Value::from).unwrap_or(Value::Null),
            q::Value::Float(f) => Value::from(*f),
            q::Value::String(s) => Value::String(s.clone()),
            q::Value::Boolean(b) => Value::Bool(*b),
            q::Value::Null => Value::Null,
            q::Value::Enum(e) => Value::String((*e).to_owned()),
            q::Value::List(items) => Value::Array(items.iter().map(|v| self.argument(v)).collect()),
            q::Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| ((*k).to_owned(), self.argument(v)))
                    .collect(),
            ),
        }
    }

    /// A field's arguments, coerced (absent ones are left out: every argument with a
    /// default is read with that default).
    fn arguments(&self, field: &Field<'a>) -> Map<String, Value> {
        field
            .arguments
            .iter()
            .map(|(n, v)| ((*n).to_owned(), self.argument(v)))
            .collect()
    }

    fn root(&self, state: &mut State, op: &Operation<'d, 'a>) -> Value {
        let mut fields = Vec::new();
        self.collect(op.selection_set, &mut fields);
        let mut data = Map::new();
        // Root fields run one after the other, as the spec requires for mutations.
        for (key, group) in fields {
            let Some(first) = group.first() else {
                continue;
            };
            let value = if first.name == "__typename" {
                Value::String(op.root.to_owned())
            } else if let Some(def) = schema::lookup(op.root, first.name) {
                if first.name.starts_with("__") {
                    let node = introspect::root_field(first.name, &self.arguments(first));
                    self.complete(node, def.ty, &group)
                } else if op.root == "Mutation" {
                    let node = resolve::mutate(state, first.name, &self.arguments(first));
                    self.complete(node, def.ty, &group)
                } else {
                    self.complete(resolve::query(state, first.name), def.ty, &group)
                }
            } else {
                Value::Null
            };
            data.insert(key.to_owned(), value);
        }
        Value::Object(data)
    }

    /// Shapes a resolved node to the selection: lists item by item (collecting the
    /// item selection once), objects field by field, asking only for selected fields.
    fn complete(&self, node: Node<'_>, ty: &str, fields: &[&'d Field<'a>]) -> Value {
        let ty = schema::strip_non_null(ty).unwrap_or(ty);
        match node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(b),
            Node::Str(s) => Value::String(s.to_owned()),
            Node::Owned(s) => Value::String(s),
            Node::List(items) => {
                let item = schema::list_item(ty).unwrap_or(ty);
                let named = schema::named_type(item);
                let nested = schema::list_item(schema::strip_non_null(item).unwrap_or(item));
                if schema::is_leaf(named) || nested.is_some() {
                    return Value::Array(
                        items
                            .into_iter()
                            .map(|n| self.complete(n, item, fields))
                            .collect(),
                    );
                }
                let sub = self.sub_fields(fields);
                Value::Array(
                    items
                        .into_iter()
                        .map(|n| match n {
                            Node::Object(obj) => self.object(&obj, named, &sub),
                            other => self.complete(other, item, fields),
                        })
                        .collect(),
                )
            }
            Node::Object(obj) => {
                let sub = self.sub_fields(fields);
                self.object(&obj, schema::named_type(ty), &sub)
            }
        }
    }

    fn sub_fields(&self, fields: &[&'d Field<'a>]) -> Collected<'d, 'a> {
        let mut sub = Vec::new();
        for f in fields {
            self.collect(&f.selection_set, &mut sub);
        }
        sub
    }

    fn object(&self, obj: &Obj<'_>, type_name: &str, sub: &Collected<'d, 'a>) -> Value {
        let mut out = Map::new();
        for (key, group) in sub {
            let Some(first) = group.first() else {
                continue;
            };
            let value = if first.name == "__typename" {
                Value::String(type_name.to_owned())
            } else if let Some(def) = schema::lookup(type_name, first.name) {
                self.complete(obj.field(first.name, &self.arguments(first)), def.ty, group)
            } else {
                Value::Null
            };
            out.insert((*key).to_owned(), value);
        }
        Value::Object(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Seed;
    use crate::demo;

    fn run_query(state: &mut State, query: &str, variables: Value) -> Value {
        let variables = variables.as_object().cloned().unwrap_or_default();
        execute(
            state,
            &GraphqlRequest {
                query,
                variables: &variables,
                operation_name: None,
            },
        )
    }

    fn message(response: &Value) -> &str {
        response["errors"][0]["message"].as_str().unwrap()
    }

    #[test]
    fn answers_only_the_selected_fields_with_aliases_and_fragments() {
        let mut state = State::new(Seed::Demo);
        let response = run_query(
            &mut state,
            "query { users: listUsers { ok activeUsers { ...U } } }
             fragment U on ActiveUser { email who: name }",
            Value::Null,
        );
        let users = &response["data"]["users"];
        assert_eq!(users["ok"], true);
        let first = users["activeUsers"][0].as_object().unwrap();
        assert_eq!(first.len(), 2);
        assert_eq!(first["email"], demo::OWNER_EMAIL);
        assert_eq!(first["who"], "Ada Lovelace");
        assert!(users.get("invitedUsers").is_none());
    }

    #[test]
    fn skip_and_include_and_typename_work() {
        let mut state = State::new(Seed::Demo);
        let response = run_query(
            &mut state,
            "query Q($no: Boolean!) { listWorkspaces { __typename ok @skip(if: true) workspaces @include(if: $no) { uid } } }",
            json!({"no": false}),
        );
        assert_eq!(
            response,
            json!({"data": {"listWorkspaces": {"__typename": "ListWorkspacesPayload"}}})
        );
    }

    #[test]
    fn validation_errors_name_the_problem_and_execute_nothing() {
        let mut state = State::new(Seed::Demo);
        let uid = super::super::state::uid_for(demo::LEAVER_EMAIL);
        let response = run_query(
            &mut state,
            &format!("mutation {{ disableUser(uid: \"{uid}\") {{ ok }} listUsers {{ ok }} }}"),
            Value::Null,
        );
        assert_eq!(
            message(&response),
            "Cannot query field \"listUsers\" on type \"Mutation\"."
        );
        assert!(response.get("data").is_none());
        assert!(state.members().iter().all(|m| !m.disabled));

        let cases = [
            (
                "{ listUsers { nope } }",
                "Cannot query field \"nope\" on type \"ListUsersPayload\".",
            ),
            (
                "{ listUsers }",
                "Field \"listUsers\" of type \"ListUsersPayload\" must have a selection of subfields. Did you mean \"listUsers { ... }\"?",
            ),
            (
                "{ listUsers { ok { x } } }",
                "Field \"ok\" must not have a selection since type \"Boolean!\" has no subfields.",
            ),
            (
                "mutation { disableUser { ok } }",
                "Field \"disableUser\" argument \"uid\" of type \"String!\" is required, but it was not provided.",
            ),
            (
                "mutation { inviteUser(email: \"a@b.co\", accountType: OWNER) { ok } }",
                "Value \"OWNER\" does not exist in \"UserAccountType\" enum.",
            ),
            (
                "mutation { inviteUser(email: \"a@b.co\", accountType: \"ADMIN\") { ok } }",
                "Enum \"UserAccountType\" cannot represent non-enum value: \"ADMIN\".",
            ),
            (
                "mutation M { disableUser(uid: $u) { ok } }",
                "Variable \"$u\" is not defined by operation \"M\".",
            ),
            (
                "mutation M($u: Int!) { disableUser(uid: $u) { ok } }",
                "Variable \"$u\" of type \"Int!\" used in position expecting type \"String!\".",
            ),
            ("{ listUsers { ...F } }", "Unknown fragment \"F\"."),
            ("{ listUsers { ok ", "Syntax Error"),
        ];
        for (query, expected) in cases {
            let response = run_query(&mut state, query, Value::Null);
            assert!(
                message(&response).starts_with(expected),
                "{query}: {response}"
            );
        }
    }

    #[test]
    fn variables_are_coerced_and_checked() {
        let mut state = State::new(Seed::Demo);
        let query = "mutation Invite($email: String!, $accountType: UserAccountType!) { inviteUser(email: $email, accountType: $accountType) { ok } }";
        let missing = run_query(&mut state, query, json!({"email": "new@acme.example"}));
        assert_eq!(
            message(&missing),
            "Variable \"$accountType\" of required type \"UserAccountType!\" was not provided."
        );
        let bad = run_query(
            &mut state,
            query,
            json!({"email": "new@acme.example", "accountType": "OWNER"}),
        );
        assert_eq!(
            message(&bad),
            "Variable \"$accountType\" got invalid value \"OWNER\"; Value \"OWNER\" does not exist in \"UserAccountType\" enum."
        );
        let ok = run_query(
            &mut state,
            query,
            json!({"email": "new@acme.example", "accountType": "ANALYST"}),
        );
        assert_eq!(ok, json!({"data": {"inviteUser": {"ok": true}}}));
        assert!(
            state
                .invitations()
                .iter()
                .any(|i| i.email == "new@acme.example")
        );
    }

    #[test]
    fn several_operations_need_an_operation_name() {
        let mut state = State::new(Seed::Demo);
        let variables = Map::new();
        let query = "query A { listUsers { ok } } query B { listWorkspaces { ok } }";
        let request = GraphqlRequest {
            query,
            variables: &variables,
            operation_name: None,
        };
        assert_eq!(
            message(&execute(&mut state, &request)),
            "Must provide operation name if query contains multiple operations."
        );
        let request = GraphqlRequest {
            operation_name: Some("B"),
            ..request
        };
        assert_eq!(
            execute(&mut state, &request),
            json!({"data": {"listWorkspaces": {"ok": true}}})
        );
    }
}
