//! Introspection (`__schema`, `__type(name:)`) answered from the checked-in SDL
//! (`specs/paradime/schema.graphql`) plus the spec's introspection types written as SDL
//! below, so standard tools (graphql-core's `build_client_schema`, which Python's `gql`
//! runs for `fetch_schema_from_transport=True`) can build a client schema.
//!
//! Written by hand over graphql-parser's schema AST (already a dependency): the type
//! system is ten small types, whereas async-graphql would bring a second executor, a
//! derive-macro schema and dozens of crates just to print them.

use std::collections::HashMap;
use std::sync::OnceLock;

use graphql_parser::schema::{self as s, Definition, TypeDefinition};
use serde_json::{Map, Value};

use super::resolve::{Node, Obj};
use super::schema::FieldDef;

/// The spec's introspection types, directives and built-in scalars (GraphQL spec,
/// October 2021, plus `includeDeprecated` on arguments as graphql-js 16 has it).
const META_SDL: &str = r#"
"The `String` scalar type represents textual data, represented as UTF-8 character sequences."
scalar String
"The `Boolean` scalar type represents `true` or `false`."
scalar Boolean
"The `Int` scalar type represents non-fractional signed whole numeric values between -(2^31) and 2^31 - 1."
scalar Int
"The `Float` scalar type represents signed double-precision fractional values as specified by IEEE 754."
scalar Float
"The `ID` scalar type represents a unique identifier, serialized as a String."
scalar ID

"A GraphQL Schema defines the capabilities of a GraphQL server."
type __Schema {
  description: String
  "A list of all types supported by this server."
  types: [__Type!]!
  "The type that query operations will be rooted at."
  queryType: __Type!
  "If this server supports mutation, the type that mutation operations will be rooted at."
  mutationType: __Type
  "If this server support subscription, the type that subscription operations will be rooted at."
  subscriptionType: __Type
  "A list of all directives supported by this server."
  directives: [__Directive!]!
}

"The fundamental unit of any GraphQL Schema is the type."
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
}

"An enum describing what kind of type a given `__Type` is."
enum __TypeKind {
  SCALAR
  OBJECT
  INTERFACE
  UNION
  ENUM
  INPUT_OBJECT
  LIST
  NON_NULL
}

"Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type."
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}

"Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value."
type __InputValue {
  name: String!
  description: String
  type: __Type!
  "A GraphQL-formatted string representing the default value for this input value."
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"One possible value for a given Enum."
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document."
type __Directive {
  name: String!
  description: String
  isRepeatable: Boolean!
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
}

"A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies."
enum __DirectiveLocation {
  QUERY
  MUTATION
  SUBSCRIPTION
  FIELD
  FRAGMENT_DEFINITION
  FRAGMENT_SPREAD
  INLINE_FRAGMENT
  VARIABLE_DEFINITION
  SCHEMA
  SCALAR
  OBJECT
  FIELD_DEFINITION
  ARGUMENT_DEFINITION
  INTERFACE
  UNION
  ENUM
  ENUM_VALUE
  INPUT_OBJECT
  INPUT_FIELD_DEFINITION
}

"Directs the executor to include this field or fragment only when the `if` argument is true."
directive @include("Included when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
"Directs the executor to skip this field or fragment when the `if` argument is true."
directive @skip("Skipped when true." if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
"Marks an element of a GraphQL schema as no longer supported."
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
"Exposes a URL that specifies the behavior of this scalar."
directive @specifiedBy(url: String!) on SCALAR
"#;

type Doc = s::Document<'static, &'static str>;
type TypeDef = TypeDefinition<'static, &'static str>;
type TypeRef = s::Type<'static, &'static str>;
type SField = s::Field<'static, &'static str>;
type SInputValue = s::InputValue<'static, &'static str>;
type SEnumValue = s::EnumValue<'static, &'static str>;
type SDirective = s::DirectiveDefinition<'static, &'static str>;
type SDirectiveUse = s::Directive<'static, &'static str>;

/// The parsed type system: Paradime's types first, then the built-in ones.
pub(super) struct TypeSystem {
    types: Vec<&'static TypeDef>,
    by_name: HashMap<&'static str, &'static TypeDef>,
    directives: Vec<&'static SDirective>,
    query: &'static str,
    mutation: Option<&'static str>,
    subscription: Option<&'static str>,
    /// Field definitions of the introspection types, for validation.
    meta_fields: HashMap<&'static str, &'static [FieldDef]>,
}

/// The type system, parsed once.
pub(super) fn system() -> &'static TypeSystem {
    static SYSTEM: OnceLock<TypeSystem> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let parse = |sdl: &'static str| -> &'static Doc {
            // Both documents are compiled in; a parse failure is a bug caught by the tests.
            Box::leak(Box::new(
                s::parse_schema::<&'static str>(sdl).expect("built-in SDL parses"),
            ))
        };
        build(&[
            parse(include_str!("../../../../specs/paradime/schema.graphql")),
            parse(META_SDL),
        ])
    })
}

fn build(docs: &[&'static Doc]) -> TypeSystem {
    let mut system = TypeSystem {
        types: Vec::new(),
        by_name: HashMap::new(),
        directives: Vec::new(),
        query: "Query",
        mutation: None,
        subscription: None,
        meta_fields: HashMap::new(),
    };
    for doc in docs {
        for definition in &doc.definitions {
            match definition {
                Definition::SchemaDefinition(schema) => {
                    system.query = schema.query.unwrap_or("Query");
                    system.mutation = schema.mutation;
                    system.subscription = schema.subscription;
                }
                Definition::TypeDefinition(ty) => {
                    system.types.push(ty);
                    system.by_name.insert(type_name(ty), ty);
                }
                Definition::DirectiveDefinition(d) => system.directives.push(d),
                Definition::TypeExtension(_) => {}
            }
        }
    }
    for ty in &system.types {
        if let TypeDefinition::Object(object) = ty
            && object.name.starts_with("__")
        {
            let defs: Vec<FieldDef> = object
                .fields
                .iter()
                .map(|f| FieldDef {
                    name: f.name,
                    ty: f.field_type.to_string().leak(),
                    args: f
                        .arguments
                        .iter()
                        .map(|a| (a.name, &*a.value_type.to_string().leak()))
                        .collect::<Vec<_>>()
                        .leak(),
                })
                .collect();
            system.meta_fields.insert(object.name, defs.leak());
        }
    }
    system
}

fn type_name(ty: &TypeDef) -> &'static str {
    match ty {
        TypeDefinition::Scalar(t) => t.name,
        TypeDefinition::Object(t) => t.name,
        TypeDefinition::Interface(t) => t.name,
        TypeDefinition::Union(t) => t.name,
        TypeDefinition::Enum(t) => t.name,
        TypeDefinition::InputObject(t) => t.name,
    }
}

/// The fields of introspection type `name` (`__Type`, ...).
pub(super) fn meta_object_fields(name: &str) -> Option<&'static [FieldDef]> {
    system().meta_fields.get(name).copied()
}

/// The values of introspection enum `name` (`__TypeKind`, `__DirectiveLocation`).
pub(super) fn meta_enum_values(name: &str) -> Option<&'static [&'static str]> {
    static VALUES: OnceLock<HashMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    VALUES
        .get_or_init(|| {
            system()
                .types
                .iter()
                .filter_map(|ty| match ty {
                    TypeDefinition::Enum(e) if e.name.starts_with("__") => {
                        let values: Vec<&'static str> = e.values.iter().map(|v| v.name).collect();
                        Some((e.name, &*values.leak()))
                    }
                    _ => None,
                })
                .collect()
        })
        .get(name)
        .copied()
}

/// The two introspection fields of the query root.
pub(super) const SCHEMA_FIELD: FieldDef = FieldDef {
    name: "__schema",
    ty: "__Schema!",
    args: &[],
};
/// `__type(name: String!): __Type`.
pub(super) const TYPE_FIELD: FieldDef = FieldDef {
    name: "__type",
    ty: "__Type",
    args: &[("name", "String!")],
};

/// A root introspection field: `__schema` or `__type(name:)`.
pub(super) fn root_field(field: &str, args: &Map<String, Value>) -> Node<'static> {
    match field {
        "__schema" => Node::Object(Obj::Meta(Meta::Schema)),
        "__type" => args
            .get("name")
            .and_then(Value::as_str)
            .and_then(|name| system().by_name.get(name))
            .map_or(Node::Null, |ty| Node::Object(Obj::Meta(Meta::Named(ty)))),
        _ => Node::Null,
    }
}

/// An introspection object.
#[derive(Clone, Copy)]
pub(super) enum Meta {
    /// `__Schema`.
    Schema,
    /// A named type as `__Type`.
    Named(&'static TypeDef),
    /// A list or non-null wrapper as `__Type` (named references resolve to `Named`).
    Wrapper(&'static TypeRef),
    /// `__Field`.
    Field(&'static SField),
    /// `__InputValue`.
    InputValue(&'static SInputValue),
    /// `__EnumValue`.
    EnumValue(&'static SEnumValue),
    /// `__Directive`.
    Directive(&'static SDirective),
}

fn type_ref(ty: &'static TypeRef) -> Node<'static> {
    match ty {
        s::Type::NamedType(name) => system()
            .by_name
            .get(name)
            .map_or(Node::Null, |t| Node::Object(Obj::Meta(Meta::Named(t)))),
        wrapper => Node::Object(Obj::Meta(Meta::Wrapper(wrapper))),
    }
}

fn named(name: Option<&'static str>) -> Node<'static> {
    name.and_then(|n| system().by_name.get(n))
        .map_or(Node::Null, |t| Node::Object(Obj::Meta(Meta::Named(t))))
}

fn text(value: Option<&'static str>) -> Node<'static> {
    value.map_or(Node::Null, Node::Str)
}

fn description(value: &'static Option<String>) -> Node<'static> {
    text(value.as_deref())
}

/// The `reason` of an `@deprecated` directive, if the element carries one.
fn deprecation(directives: &'static [SDirectiveUse]) -> Option<&'static str> {
    let d = directives.iter().find(|d| d.name == "deprecated")?;
    Some(
        d.arguments
            .iter()
            .find_map(|(n, v)| match (n, v) {
                (&"reason", s::Value::String(reason)) => Some(reason.as_str()),
                _ => None,
            })
            .unwrap_or("No longer supported"),
    )
}

fn include_deprecated(args: &Map<String, Value>) -> bool {
    args.get("includeDeprecated")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn list<T: 'static>(
    items: &'static [T],
    args: &Map<String, Value>,
    directives: impl Fn(&'static T) -> &'static [SDirectiveUse],
    node: impl Fn(&'static T) -> Meta,
) -> Node<'static> {
    let all = include_deprecated(args);
    Node::List(
        items
            .iter()
            .filter(|item| all || deprecation(directives(item)).is_none())
            .map(|item| Node::Object(Obj::Meta(node(item))))
            .collect(),
    )
}

fn deprecated_fields(directives: &'static [SDirectiveUse], field: &str) -> Node<'static> {
    match field {
        "isDeprecated" => Node::Bool(deprecation(directives).is_some()),
        "deprecationReason" => text(deprecation(directives)),
        _ => Node::Null,
    }
}

impl Meta {
    /// Field `field` of this introspection object, with its coerced arguments.
    pub(super) fn field(self, field: &str, args: &Map<String, Value>) -> Node<'static> {
        let system = system();
        match self {
            Meta::Schema => match field {
                "types" => Node::List(
                    system
                        .types
                        .iter()
                        .map(|t| Node::Object(Obj::Meta(Meta::Named(t))))
                        .collect(),
                ),
                "queryType" => named(Some(system.query)),
                "mutationType" => named(system.mutation),
                "subscriptionType" => named(system.subscription),
                "directives" => Node::List(
                    system
                        .directives
                        .iter()
                        .map(|d| Node::Object(Obj::Meta(Meta::Directive(d))))
                        .collect(),
                ),
                _ => Node::Null,
            },
            Meta::Named(ty) => named_type_field(ty, field, args),
            Meta::Wrapper(ty) => match (ty, field) {
                (s::Type::ListType(_), "kind") => Node::Str("LIST"),
                (_, "kind") => Node::Str("NON_NULL"),
                (s::Type::ListType(inner) | s::Type::NonNullType(inner), "ofType") => {
                    type_ref(inner)
                }
                // name, description, fields, ...: null on wrappers.
                _ => Node::Null,
            },
            Meta::Field(f) => match field {
                "name" => Node::Str(f.name),
                "description" => description(&f.description),
                "args" => list(&f.arguments, args, |a| &a.directives, Meta::InputValue),
                "type" => type_ref(&f.field_type),
                other => deprecated_fields(&f.directives, other),
            },
            Meta::InputValue(v) => match field {
                "name" => Node::Str(v.name),
                "description" => description(&v.description),
                "type" => type_ref(&v.value_type),
                "defaultValue" => v
                    .default_value
                    .as_ref()
                    .map_or(Node::Null, |d| Node::Owned(d.to_string())),
                other => deprecated_fields(&v.directives, other),
            },
            Meta::EnumValue(v) => match field {
                "name" => Node::Str(v.name),
                "description" => description(&v.description),
                other => deprecated_fields(&v.directives, other),
            },
            Meta::Directive(d) => match field {
                "name" => Node::Str(d.name),
                "description" => description(&d.description),
                "isRepeatable" => Node::Bool(d.repeatable),
                "locations" => {
                    Node::List(d.locations.iter().map(|l| Node::Str(l.as_str())).collect())
                }
                "args" => list(&d.arguments, args, |a| &a.directives, Meta::InputValue),
                _ => Node::Null,
            },
        }
    }
}

fn named_type_field(ty: &'static TypeDef, field: &str, args: &Map<String, Value>) -> Node<'static> {
    let empty = || Node::List(Vec::new());
    match (ty, field) {
        (_, "name") => Node::Str(type_name(ty)),
        (_, "kind") => Node::Str(match ty {
            TypeDefinition::Scalar(_) => "SCALAR",
            TypeDefinition::Object(_) => "OBJECT",
            TypeDefinition::Interface(_) => "INTERFACE",
            TypeDefinition::Union(_) => "UNION",
            TypeDefinition::Enum(_) => "ENUM",
            TypeDefinition::InputObject(_) => "INPUT_OBJECT",
        }),
        (TypeDefinition::Scalar(t), "description") => description(&t.description),
        (TypeDefinition::Object(t), "description") => description(&t.description),
        (TypeDefinition::Interface(t), "description") => description(&t.description),
        (TypeDefinition::Union(t), "description") => description(&t.description),
        (TypeDefinition::Enum(t), "description") => description(&t.description),
        (TypeDefinition::InputObject(t), "description") => description(&t.description),
        (TypeDefinition::Object(t), "fields") => {
            list(&t.fields, args, |f| &f.directives, Meta::Field)
        }
        (TypeDefinition::Interface(t), "fields") => {
            list(&t.fields, args, |f| &f.directives, Meta::Field)
        }
        (TypeDefinition::Object(t), "interfaces") => Node::List(
            t.implements_interfaces
                .iter()
                .map(|name| named(Some(name)))
                .collect(),
        ),
        (TypeDefinition::Interface(_), "interfaces") => empty(),
        (TypeDefinition::Union(t), "possibleTypes") => {
            Node::List(t.types.iter().map(|name| named(Some(name))).collect())
        }
        (TypeDefinition::Interface(t), "possibleTypes") => Node::List(
            system()
                .types
                .iter()
                .filter(|o| {
                    matches!(o, TypeDefinition::Object(o) if o.implements_interfaces.contains(&t.name))
                })
                .map(|o| Node::Object(Obj::Meta(Meta::Named(o))))
                .collect(),
        ),
        (TypeDefinition::Enum(t), "enumValues") => {
            list(&t.values, args, |v| &v.directives, Meta::EnumValue)
        }
        (TypeDefinition::InputObject(t), "inputFields") => {
            list(&t.fields, args, |v| &v.directives, Meta::InputValue)
        }
        // specifiedByURL, ofType, and the list fields of kinds that lack them: null.
        _ => Node::Null,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::Seed;
    use crate::paradime::exec::{GraphqlRequest, execute};
    use crate::paradime::schema;
    use crate::paradime::state::State;

    /// graphql-js 16's `getIntrospectionQuery` with every option on (what graphql-core,
    /// and so Python's gql, sends is this with fewer fields).
    const INTROSPECTION_QUERY: &str = r#"
    query IntrospectionQuery {
      __schema {
        description
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types { ...FullType }
        directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
      }
    }
    fragment FullType on __Type {
      kind name description specifiedByURL
      fields(includeDeprecated: true) {
        name description args(includeDeprecated: true) { ...InputValue }
        type { ...TypeRef } isDeprecated deprecationReason
      }
      inputFields(includeDeprecated: true) { ...InputValue }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
    fragment InputValue on __InputValue {
      name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
    }
    fragment TypeRef on __Type {
      kind name
      ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
        kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
    }
    "#;

    fn run(query: &str) -> Value {
        let mut state = State::new(Seed::Demo);
        execute(
            &mut state,
            &GraphqlRequest {
                query,
                variables: &Map::new(),
                operation_name: None,
            },
        )
    }

    fn find<'v>(list: &'v Value, name: &str) -> &'v Value {
        list.as_array()
            .and_then(|items| items.iter().find(|i| i["name"] == name))
            .unwrap_or_else(|| panic!("{name} missing from {list}"))
    }

    #[test]
    fn the_standard_introspection_query_describes_the_whole_schema() {
        let response = run(INTROSPECTION_QUERY);
        assert!(response.get("errors").is_none(), "{response}");
        let schema = &response["data"]["__schema"];
        assert_eq!(schema["queryType"], json!({"name": "Query"}));
        assert_eq!(schema["mutationType"], json!({"name": "Mutation"}));
        assert_eq!(schema["subscriptionType"], Value::Null);
        let types = &schema["types"];
        for name in [
            "String",
            "Boolean",
            "__Schema",
            "__Type",
            "__TypeKind",
            "Workspace",
        ] {
            find(types, name);
        }
        let account = find(types, "UserAccountType");
        assert_eq!(account["kind"], "ENUM");
        assert_eq!(account["enumValues"].as_array().unwrap().len(), 9);
        assert_eq!(account["fields"], Value::Null);
        let invite = find(&find(types, "Mutation")["fields"], "inviteUser");
        assert_eq!(
            find(&invite["args"], "accountType")["type"],
            json!({"kind": "NON_NULL", "name": null, "ofType":
                {"kind": "ENUM", "name": "UserAccountType", "ofType": null}})
        );
        assert_eq!(invite["type"]["name"], "InviteUserPayload");
        let active = find(&find(types, "ListUsersPayload")["fields"], "activeUsers");
        assert_eq!(
            active["type"]["ofType"]["ofType"]["ofType"]["name"],
            "ActiveUser"
        );
        assert_eq!(active["type"]["ofType"]["kind"], "LIST");
        assert_eq!(active["isDeprecated"], false);
        assert_eq!(find(types, "ActiveUser")["interfaces"], json!([]));
        let skip = find(&schema["directives"], "skip");
        assert_eq!(
            skip["locations"],
            json!(["FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"])
        );
        let deprecated = find(&schema["directives"], "deprecated");
        assert_eq!(
            deprecated["args"][0]["defaultValue"],
            "\"No longer supported\""
        );
        let fields = &find(types, "__Type")["fields"];
        assert_eq!(
            find(&find(fields, "fields")["args"], "includeDeprecated")["defaultValue"],
            "false"
        );
    }

    #[test]
    fn type_lookup_and_typename_work_on_introspection_objects() {
        let response = run(
            r#"{ __type(name: "InvitedUser") { __typename kind name description
                  fields { name type { kind ofType { name } } } }
                 missing: __type(name: "Nope") { name }
                 __schema { __typename queryType { fields { name } } } }"#,
        );
        let ty = &response["data"]["__type"];
        assert_eq!(ty["__typename"], "__Type");
        assert_eq!(ty["kind"], "OBJECT");
        assert!(ty["description"].as_str().unwrap().contains("no uid"));
        assert_eq!(
            ty["fields"][2],
            json!({"name": "inviteStatus", "type": {"kind": "NON_NULL", "ofType": {"name": "InviteStatus"}}})
        );
        assert_eq!(response["data"]["missing"], Value::Null);
        assert_eq!(response["data"]["__schema"]["__typename"], "__Schema");
        // The introspection fields are not fields of Query itself.
        assert_eq!(
            response["data"]["__schema"]["queryType"]["fields"],
            json!([{"name": "listUsers"}, {"name": "listWorkspaces"}])
        );
        let bad = run("{ __type { name } __schema { nope } }");
        let messages: Vec<&str> = bad["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["message"].as_str().unwrap())
            .collect();
        assert_eq!(
            messages,
            [
                "Field \"__type\" argument \"name\" of type \"String!\" is required, but it was not provided.",
                "Cannot query field \"nope\" on type \"__Schema\"."
            ]
        );
    }

    #[test]
    fn the_checked_in_sdl_agrees_with_the_executors_schema() {
        let system = system();
        for ty in &system.types {
            match ty {
                TypeDefinition::Object(object) if !object.name.starts_with("__") => {
                    let defs = schema::object_fields(object.name)
                        .unwrap_or_else(|| panic!("schema.rs lacks type {}", object.name));
                    assert_eq!(defs.len(), object.fields.len(), "{}", object.name);
                    for f in &object.fields {
                        let def = schema::lookup(object.name, f.name).unwrap_or_else(|| {
                            panic!("schema.rs lacks {}.{}", object.name, f.name)
                        });
                        let args: Vec<(&str, String)> = f
                            .arguments
                            .iter()
                            .map(|a| (a.name, a.value_type.to_string()))
                            .collect();
                        let expected: Vec<(&str, String)> = def
                            .args
                            .iter()
                            .map(|(n, t)| (*n, (*t).to_owned()))
                            .collect();
                        assert_eq!(args, expected, "{}.{}", object.name, f.name);
                        // Root fields are nullable in the SDL so errors can carry partial data.
                        assert_eq!(
                            f.field_type.to_string().trim_end_matches('!'),
                            def.ty.trim_end_matches('!'),
                            "{}.{}",
                            object.name,
                            f.name
                        );
                    }
                }
                TypeDefinition::Enum(e) if !e.name.starts_with("__") => {
                    let values: Vec<&str> = e.values.iter().map(|v| v.name).collect();
                    assert_eq!(Some(values.as_slice()), schema::enum_values(e.name));
                }
                _ => {}
            }
        }
        assert_eq!(system.mutation, Some("Mutation"));
        assert_eq!(meta_object_fields("__Type").map(<[_]>::len), Some(10));
        assert_eq!(meta_enum_values("__TypeKind").map(<[_]>::len), Some(8));
    }
}
