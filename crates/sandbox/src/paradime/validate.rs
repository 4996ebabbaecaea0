//! Static validation of the chosen operation against `schema.rs`: fields, arguments,
//! variables, fragments and directives, with graphql-js's messages.
//!
//! Every problem is collected; a request with any of them executes nothing.

use graphql_parser::Pos;
use graphql_parser::query::{self as q, Selection, TypeCondition};
use serde_json::Value;

use super::coerce::coerce_literal;
use super::document::{Directive, Field, Fragments, GqlValue, Operation, SelectionSet, error};
use super::schema;

/// Static checks of the chosen operation; collects every error.
pub(super) struct Validator<'v, 'd, 'a> {
    pub(super) fragments: &'v Fragments<'d, 'a>,
    pub(super) op: &'v Operation<'d, 'a>,
    pub(super) errors: Vec<Value>,
}

impl<'d, 'a> Validator<'_, 'd, 'a> {
    fn fail(&mut self, message: String, pos: Pos) {
        self.errors.push(error(message, Some(pos)));
    }

    /// Checks the variable definitions (input types, defaults).
    pub(super) fn variable_definitions(&mut self) {
        for def in self.op.var_defs {
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
    pub(super) fn selection_set(
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
