//! Static validation of a whole document against `schema.rs`, with graphql-js's
//! messages: the spec's rules that matter to clients (fields on the right type, arguments
//! known and required ones given, variables defined, used, unique and of the right type,
//! fragments known, used, spreadable and acyclic, operation names unique, fields with one
//! response name mergeable, directives known).
//!
//! Every problem is collected; a request with any of them executes nothing.

use std::collections::HashSet;

use graphql_parser::Pos;
use graphql_parser::query::{self as q, Definition, Selection, TypeCondition};
use serde_json::Value;

use super::coerce::coerce_literal;
use super::document::{
    Directive, Field, Fragments, GqlValue, Operation, SelectionSet, error, name_of, operation_of,
};
use super::schema;

type Document<'a> = q::Document<'a, &'a str>;

/// Every validation error of `doc`: document-level rules, then each query and mutation
/// (subscriptions are refused when chosen, see [`super::document::select`]).
pub(super) fn validate_document<'d, 'a>(
    doc: &'d Document<'a>,
    fragments: &Fragments<'d, 'a>,
    mut errors: Vec<Value>,
) -> Vec<Value> {
    let operations: Vec<_> = doc
        .definitions
        .iter()
        .filter_map(|d| match d {
            Definition::Operation(op) => Some(op),
            Definition::Fragment(_) => None,
        })
        .collect();
    let mut names = HashSet::new();
    for op in &operations {
        match name_of(op) {
            Some(name) if !names.insert(name) => errors.push(error(
                format!("There can be only one operation named \"{name}\"."),
                operation_of(op).ok().map(|o| o.position),
            )),
            None if operations.len() > 1 => errors.push(error(
                "This anonymous operation must be the only defined operation.",
                operation_of(op).ok().map(|o| o.position),
            )),
            _ => {}
        }
    }
    let in_order = doc.definitions.iter().filter_map(|d| match d {
        Definition::Fragment(f) => Some(f),
        Definition::Operation(_) => None,
    });
    for fragment in in_order {
        let TypeCondition::On(on) = fragment.type_condition;
        if schema::object_fields(on).is_none() {
            let message = if schema::is_leaf(on) {
                format!(
                    "Fragment \"{}\" cannot condition on non composite type \"{on}\".",
                    fragment.name
                )
            } else {
                format!("Unknown type \"{on}\".")
            };
            errors.push(error(message, Some(fragment.position)));
        }
    }
    let mut used_fragments = HashSet::new();
    for op in operations {
        let Ok(op) = operation_of(op) else { continue };
        let mut validator = Validator {
            fragments,
            op: &op,
            errors: Vec::new(),
            used_vars: HashSet::new(),
            used_fragments: HashSet::new(),
        };
        validator.operation();
        errors.append(&mut validator.errors);
        used_fragments.extend(validator.used_fragments);
    }
    let mut unused: Vec<_> = fragments
        .values()
        .filter(|f| !used_fragments.contains(f.name))
        .collect();
    unused.sort_by_key(|f| (f.position.line, f.position.column));
    for fragment in unused {
        errors.push(error(
            format!("Fragment \"{}\" is never used.", fragment.name),
            Some(fragment.position),
        ));
    }
    errors
}

/// Static checks of one operation; collects every error.
struct Validator<'v, 'd, 'a> {
    fragments: &'v Fragments<'d, 'a>,
    op: &'v Operation<'d, 'a>,
    errors: Vec<Value>,
    used_vars: HashSet<&'a str>,
    used_fragments: HashSet<&'a str>,
}

impl<'d, 'a> Validator<'_, 'd, 'a> {
    fn fail(&mut self, message: String, pos: Pos) {
        self.errors.push(error(message, Some(pos)));
    }

    fn operation(&mut self) {
        self.variable_definitions();
        self.selection_set(self.op.selection_set, self.op.root, &mut Vec::new());
        for def in self.op.var_defs {
            if !self.used_vars.contains(def.name) {
                let message = match self.op.name {
                    Some(op) => format!(
                        "Variable \"${}\" is never used in operation \"{op}\".",
                        def.name
                    ),
                    None => format!("Variable \"${}\" is never used.", def.name),
                };
                self.fail(message, def.position);
            }
        }
        self.mergeable(&[self.op.selection_set]);
    }

    /// OverlappingFieldsCanBeMerged: fields sharing a response name in one selection set
    /// (fragments included) must be the same field with the same arguments, and their
    /// subselections mergeable too. The schema has no interfaces or unions, so such
    /// fields always share their parent type and the spec's type-shape checks reduce to
    /// this.
    fn mergeable(&mut self, sets: &[&'d SelectionSet<'a>]) {
        let mut grouped: Vec<(&'a str, Vec<&'d Field<'a>>)> = Vec::new();
        let mut seen = Vec::new();
        for set in sets {
            self.flatten(set, &mut grouped, &mut seen);
        }
        for (key, fields) in grouped {
            let first = fields[0];
            let mut conflict = false;
            for other in &fields[1..] {
                let reason = if other.name != first.name {
                    format!(
                        "\"{}\" and \"{}\" are different fields",
                        first.name, other.name
                    )
                } else if !same_arguments(&first.arguments, &other.arguments) {
                    "they have differing arguments".to_owned()
                } else {
                    continue;
                };
                self.errors.push(serde_json::json!({
                    "message": format!(
                        "Fields \"{key}\" conflict because {reason}. Use different aliases on \
                         the fields to fetch both if this was intentional."
                    ),
                    "locations": [
                        {"line": first.position.line, "column": first.position.column},
                        {"line": other.position.line, "column": other.position.column},
                    ],
                }));
                conflict = true;
                break;
            }
            if !conflict {
                let subsets: Vec<_> = fields.iter().map(|f| &f.selection_set).collect();
                self.mergeable(&subsets);
            }
        }
    }

    fn flatten(
        &self,
        set: &'d SelectionSet<'a>,
        out: &mut Vec<(&'a str, Vec<&'d Field<'a>>)>,
        seen: &mut Vec<&'a str>,
    ) {
        for selection in &set.items {
            match selection {
                Selection::Field(f) => {
                    let key = f.alias.unwrap_or(f.name);
                    match out.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, fields)) => fields.push(f),
                        None => out.push((key, vec![f])),
                    }
                }
                Selection::FragmentSpread(spread) => {
                    // A fragment met twice adds the same fields again: nothing new to check,
                    // and cycles (reported elsewhere) stop here.
                    if seen.contains(&spread.fragment_name) {
                        continue;
                    }
                    seen.push(spread.fragment_name);
                    if let Some(fragment) = self.fragments.get(spread.fragment_name) {
                        self.flatten(&fragment.selection_set, out, seen);
                    }
                }
                Selection::InlineFragment(inline) => self.flatten(&inline.selection_set, out, seen),
            }
        }
    }

    /// Checks the variable definitions (unique names, input types, defaults).
    fn variable_definitions(&mut self) {
        let mut names = HashSet::new();
        for def in self.op.var_defs {
            if !names.insert(def.name) {
                self.fail(
                    format!("There can be only one variable named \"${}\".", def.name),
                    def.position,
                );
            }
            let ty = def.var_type.to_string();
            let named = schema::named_type(&ty);
            if !schema::is_leaf(named) {
                let message = if schema::object_fields(named).is_some() {
                    format!(
                        "Variable \"${}\" cannot be non-input type \"{ty}\".",
                        def.name
                    )
                } else {
                    format!("Unknown type \"{named}\".")
                };
                self.fail(message, def.position);
            } else if let Some(default) = &def.default_value
                && let Err(message) = coerce_literal(default, &ty)
            {
                self.fail(message, def.position);
            }
        }
    }

    /// Checks a selection set against `type_name`.
    fn selection_set(
        &mut self,
        set: &'d SelectionSet<'a>,
        type_name: &str,
        spreading: &mut Vec<&'a str>,
    ) {
        for selection in &set.items {
            match selection {
                Selection::Field(f) => self.field(f, type_name, spreading),
                Selection::FragmentSpread(spread) => {
                    self.directives(&spread.directives);
                    let name = spread.fragment_name;
                    self.used_fragments.insert(name);
                    let Some(fragment) = self.fragments.get(name).copied() else {
                        self.fail(format!("Unknown fragment \"{name}\"."), spread.position);
                        continue;
                    };
                    let TypeCondition::On(on) = fragment.type_condition;
                    if on != type_name {
                        self.fail(
                            format!(
                                "Fragment \"{name}\" cannot be spread here as objects of type \
                                 \"{type_name}\" can never be of type \"{on}\"."
                            ),
                            spread.position,
                        );
                    } else if spreading.contains(&name) {
                        self.fail(
                            format!("Cannot spread fragment \"{name}\" within itself."),
                            spread.position,
                        );
                    } else {
                        spreading.push(name);
                        self.selection_set(&fragment.selection_set, type_name, spreading);
                        spreading.pop();
                    }
                }
                Selection::InlineFragment(inline) => {
                    self.directives(&inline.directives);
                    match inline.type_condition {
                        Some(TypeCondition::On(on)) if on != type_name => self.fail(
                            format!(
                                "Fragment cannot be spread here as objects of type \
                                 \"{type_name}\" can never be of type \"{on}\"."
                            ),
                            inline.position,
                        ),
                        _ => self.selection_set(&inline.selection_set, type_name, spreading),
                    }
                }
            }
        }
    }

    fn field(&mut self, f: &'d Field<'a>, type_name: &str, spreading: &mut Vec<&'a str>) {
        self.directives(&f.directives);
        let (ty, args): (&str, &[(&str, &str)]) = if f.name == "__typename" {
            ("String!", &[])
        } else if let Some(def) = schema::lookup(type_name, f.name) {
            (def.ty, def.args)
        } else {
            self.fail(
                format!("Cannot query field \"{}\" on type \"{type_name}\".", f.name),
                f.position,
            );
            return;
        };
        for (name, value) in &f.arguments {
            match args.iter().find(|(n, _)| n == name) {
                Some((_, arg_ty)) => self.value(value, arg_ty, f.position),
                None => self.fail(
                    format!(
                        "Unknown argument \"{name}\" on field \"{type_name}.{}\".",
                        f.name
                    ),
                    f.position,
                ),
            }
        }
        for (name, arg_ty) in args {
            if arg_ty.ends_with('!') && !f.arguments.iter().any(|(n, _)| n == name) {
                self.fail(
                    format!(
                        "Field \"{}\" argument \"{name}\" of type \"{arg_ty}\" is required, \
                         but it was not provided.",
                        f.name
                    ),
                    f.position,
                );
            }
        }
        let named = schema::named_type(ty);
        let has_selection = !f.selection_set.items.is_empty();
        if schema::is_leaf(named) {
            if has_selection {
                self.fail(
                    format!(
                        "Field \"{}\" must not have a selection since type \"{ty}\" has no subfields.",
                        f.name
                    ),
                    f.position,
                );
            }
        } else if !has_selection {
            self.fail(
                format!(
                    "Field \"{0}\" of type \"{ty}\" must have a selection of subfields. \
                     Did you mean \"{0} {{ ... }}\"?",
                    f.name
                ),
                f.position,
            );
        } else {
            self.selection_set(&f.selection_set, named, spreading);
        }
    }

    fn directives(&mut self, directives: &[Directive<'a>]) {
        for d in directives {
            if !matches!(d.name, "skip" | "include") {
                self.fail(format!("Unknown directive \"@{}\".", d.name), d.position);
                continue;
            }
            for (name, _) in &d.arguments {
                if *name != "if" {
                    self.fail(
                        format!("Unknown argument \"{name}\" on directive \"@{}\".", d.name),
                        d.position,
                    );
                }
            }
            match d.arguments.iter().find(|(n, _)| *n == "if") {
                Some((_, value)) => self.value(value, "Boolean!", d.position),
                None => self.fail(
                    format!(
                        "Directive \"@{}\" argument \"if\" of type \"Boolean!\" is required, \
                         but it was not provided.",
                        d.name
                    ),
                    d.position,
                ),
            }
        }
    }

    fn value(&mut self, value: &GqlValue<'a>, expected: &str, pos: Pos) {
        let q::Value::Variable(name) = value else {
            if let Err(message) = coerce_literal(value, expected) {
                self.fail(message, pos);
            }
            return;
        };
        self.used_vars.insert(*name);
        let Some(def) = self.op.var_defs.iter().find(|d| d.name == *name) else {
            let message = match self.op.name {
                Some(op) => format!("Variable \"${name}\" is not defined by operation \"{op}\"."),
                None => format!("Variable \"${name}\" is not defined."),
            };
            self.fail(message, pos);
            return;
        };
        let ty = def.var_type.to_string();
        let nullable_ok =
            def.default_value.is_some() && schema::strip_non_null(expected) == Some(ty.as_str());
        if ty != expected && !nullable_ok {
            self.fail(
                format!(
                    "Variable \"${name}\" of type \"{ty}\" used in position expecting type \"{expected}\"."
                ),
                pos,
            );
        }
    }
}

fn same_arguments<'a>(a: &[(&'a str, GqlValue<'a>)], b: &[(&'a str, GqlValue<'a>)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(name, value)| b.iter().any(|(n, v)| n == name && v == value))
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    use crate::Seed;
    use crate::paradime::exec::{GraphqlRequest, execute};
    use crate::paradime::state::State;

    /// The errors of `query` (none if it ran), with nothing executed either way.
    fn errors(query: &str) -> Vec<Value> {
        let mut state = State::new(Seed::Demo);
        let response = execute(
            &mut state,
            &GraphqlRequest {
                query,
                variables: &Map::new(),
                operation_name: Some("A"),
            },
        );
        response["errors"].as_array().cloned().unwrap_or_default()
    }

    fn messages(query: &str) -> Vec<String> {
        errors(query)
            .iter()
            .map(|e| e["message"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn fields_with_one_response_name_must_merge() {
        assert_eq!(
            messages("query A { listUsers { x: ok x: activeUsers { uid } } }"),
            [
                "Fields \"x\" conflict because \"ok\" and \"activeUsers\" are different fields. \
              Use different aliases on the fields to fetch both if this was intentional."
            ]
        );
        let conflict = errors(
            "query A { listWorkspaces { ok } ...F }
             fragment F on Query { listWorkspaces { ok: workspaces { uid } } }",
        );
        assert_eq!(
            conflict[0]["locations"],
            json!([{"line": 1, "column": 28}, {"line": 2, "column": 53}])
        );
        assert_eq!(
            messages(
                "query A { __type(name: \"Workspace\") { name } __type(name: \"ActiveUser\") { name } }"
            ),
            [
                "Fields \"__type\" conflict because they have differing arguments. \
              Use different aliases on the fields to fetch both if this was intentional."
            ]
        );
        // The same field twice, and different fields under different names, are fine.
        assert!(
            messages("query A { listUsers { ok ok activeUsers { uid } activeUsers { email } } }")
                .is_empty()
        );
    }

    #[test]
    fn variables_must_be_used_and_unique() {
        assert_eq!(
            messages("query A($x: String, $y: Boolean!) { listUsers { ok @include(if: $y) } }"),
            ["Variable \"$x\" is never used in operation \"A\"."]
        );
        assert_eq!(
            messages("query A($y: Boolean!, $y: Boolean!) { listUsers { ok @skip(if: $y) } }"),
            ["There can be only one variable named \"$y\"."]
        );
        // Used only inside a fragment counts as used.
        assert!(
            messages(
                "query A($y: Boolean = true) { listUsers { ...F } }
                 fragment F on ListUsersPayload { ok @skip(if: $y) }"
            )
            .is_empty(),
            "{:?}",
            messages(
                "query A($y: Boolean = true) { listUsers { ...F } }
                 fragment F on ListUsersPayload { ok @skip(if: $y) }"
            )
        );
    }

    #[test]
    fn fragments_must_be_used_and_condition_on_known_object_types() {
        assert_eq!(
            messages(
                "query A { listUsers { ok } } fragment F on Workspace { uid }
                 fragment G on Nope { x } fragment H on String { x }"
            ),
            [
                "Unknown type \"Nope\".",
                "Fragment \"H\" cannot condition on non composite type \"String\".",
                "Fragment \"F\" is never used.",
                "Fragment \"G\" is never used.",
                "Fragment \"H\" is never used.",
            ]
        );
        // Used by another operation of the document counts as used.
        assert!(
            messages(
                "query A { listUsers { ok } } query B { listWorkspaces { ...W } }
                 fragment W on ListWorkspacesPayload { ok }"
            )
            .is_empty()
        );
    }

    #[test]
    fn operation_names_are_unique_and_an_anonymous_operation_stands_alone() {
        assert_eq!(
            messages("query A { listUsers { ok } } mutation A { disableUser(uid: \"x\") { ok } }"),
            ["There can be only one operation named \"A\"."]
        );
        assert_eq!(
            messages("{ listUsers { ok } } query A { listUsers { ok } }"),
            ["This anonymous operation must be the only defined operation."]
        );
        // Every operation is validated, not only the one chosen.
        assert_eq!(
            messages("query A { listUsers { ok } } query B { nope }"),
            ["Cannot query field \"nope\" on type \"Query\"."]
        );
    }

    #[test]
    fn directive_arguments_are_known() {
        assert_eq!(
            messages("query A { listUsers { ok @skip(if: true, unless: false) } }"),
            ["Unknown argument \"unless\" on directive \"@skip\"."]
        );
    }

    #[test]
    fn errors_carry_locations_syntax_errors_too() {
        let syntax = errors("query A {\n  listUsers { ok }\n  }}");
        assert!(
            syntax[0]["message"]
                .as_str()
                .unwrap()
                .starts_with("Syntax Error: "),
            "{syntax:?}"
        );
        assert_eq!(syntax[0]["locations"], json!([{"line": 3, "column": 4}]));
        let unknown = errors("query A {\n  listUsers { nope }\n}");
        assert_eq!(unknown[0]["locations"], json!([{"line": 2, "column": 15}]));
    }
}
