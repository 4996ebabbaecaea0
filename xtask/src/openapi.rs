//! OpenAPI 3.0 specs to progenitor clients: validation with messages that name the spec
//! and operation, then generation with panics caught and reported.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use progenitor_impl::{
    GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl,
};
use quote::quote;

use crate::targets::OpenApiSettings;

/// Validate `bytes` (the spec at `path`) and generate the formatted client module.
pub(crate) fn generate(
    path: &str,
    bytes: &[u8],
    settings: &OpenApiSettings,
) -> Result<String, String> {
    let spec: OpenAPI = serde_yaml_ng::from_slice(bytes)
        .map_err(|e| format!("{path}: not a valid OpenAPI 3.0 document: {e}"))?;
    validate(&spec).map_err(|e| format!("{path}: {e}"))?;

    let mut generation = GenerationSettings::new();
    generation
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        // Every request goes through the provider crate's `ClientHooks` impl, which hands
        // it to usermgmt-runtime (retries, tracing); a missing impl is a compile error.
        .with_hooks(HooksMode::Expected)
        .with_inner_type(inner_type(settings.inner_type)?)
        .with_derive("PartialEq");
    for (schema, rust_type) in settings.open_enums {
        generation.with_replacement(
            schema,
            rust_type,
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        );
    }

    let tokens = quiet_catch_unwind(|| Generator::new(&generation).generate_tokens(&spec))
        .map_err(|panic| format!("{path}: the generator panicked: {panic}"))?
        .map_err(|e| format!("{path}: {}", describe_generator_error(&spec, e)))?;
    let file = syn::parse2::<syn::File>(tokens)
        .map_err(|e| format!("{path}: generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// The configured inner type as tokens.
fn inner_type(path: &str) -> Result<proc_macro2::TokenStream, String> {
    let path: syn::Path =
        syn::parse_str(path).map_err(|e| format!("inner type `{path}` is not a path: {e}"))?;
    Ok(quote!(#path))
}

/// The rules progenitor needs and does not report well itself.
fn validate(spec: &OpenAPI) -> Result<(), String> {
    if !spec.openapi.starts_with("3.0.") {
        return Err(format!("`openapi: {}` is not 3.0.x", spec.openapi));
    }
    let mut seen = BTreeSet::new();
    for (path, method, operation) in spec.operations() {
        let where_ = format!("{} {path}", method.to_uppercase());
        let id = operation
            .operation_id
            .as_deref()
            .ok_or_else(|| format!("operation {where_} has no operationId"))?;
        if !seen.insert(id) {
            return Err(format!(
                "operation `{id}` ({where_}): operationId is not unique"
            ));
        }
        let bodies = success_bodies(operation);
        if bodies.len() > 1 {
            let listed: Vec<String> = bodies
                .into_iter()
                .map(|b| b.unwrap_or("no body".into()))
                .collect();
            return Err(format!(
                "operation `{id}` ({where_}): more than one success body type: {}",
                listed.join(", ")
            ));
        }
    }
    Ok(())
}

/// The distinct body types of an operation's 2xx responses (`None` is "no body").
fn success_bodies(operation: &openapiv3::Operation) -> BTreeSet<Option<String>> {
    operation
        .responses
        .responses
        .iter()
        .filter(|(status, _)| match status {
            StatusCode::Code(code) => (200..300).contains(code),
            StatusCode::Range(range) => *range == 2,
        })
        .map(|(_, response)| match response {
            ReferenceOr::Reference { reference } => Some(reference.clone()),
            ReferenceOr::Item(response) => {
                response
                    .content
                    .get("application/json")
                    .map(|media| match &media.schema {
                        Some(ReferenceOr::Reference { reference }) => reference.clone(),
                        Some(ReferenceOr::Item(schema)) => inline_kind(&schema.schema_kind),
                        None => "untyped JSON".into(),
                    })
            }
        })
        .collect()
}

/// A short name for an inline schema, for messages ("an inline integer schema").
fn inline_kind(kind: &openapiv3::SchemaKind) -> String {
    use openapiv3::{SchemaKind, Type};
    let name = match kind {
        SchemaKind::Type(Type::String(_)) => "string",
        SchemaKind::Type(Type::Number(_)) => "number",
        SchemaKind::Type(Type::Integer(_)) => "integer",
        SchemaKind::Type(Type::Object(_)) => "object",
        SchemaKind::Type(Type::Array(_)) => "array",
        SchemaKind::Type(Type::Boolean(_)) => "boolean",
        SchemaKind::OneOf { .. } => "oneOf",
        SchemaKind::AllOf { .. } => "allOf",
        SchemaKind::AnyOf { .. } => "anyOf",
        SchemaKind::Not { .. } => "not",
        SchemaKind::Any(_) => "untyped",
    };
    format!("an inline {name} schema")
}

/// progenitor's errors mention the operation only sometimes; add which one where we can.
fn describe_generator_error(spec: &OpenAPI, error: progenitor_impl::Error) -> String {
    let message = error.to_string();
    let named = spec
        .operations()
        .filter_map(|(_, _, op)| op.operation_id.as_deref())
        .any(|id| message.contains(id));
    if named {
        message
    } else {
        format!("{message} (progenitor did not name the operation)")
    }
}

/// Run `f`, turning a panic into its message without printing a backtrace.
pub(crate) fn quiet_catch_unwind<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    result.map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "unknown panic".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: get_a
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: string}}}}
"#;

    fn settings() -> OpenApiSettings {
        OpenApiSettings {
            open_enums: &[],
            inner_type: "usermgmt_runtime::Context",
        }
    }

    #[test]
    fn a_minimal_spec_generates_a_builder_method() {
        let code = generate("specs/t.yaml", MINIMAL.as_bytes(), &settings()).unwrap();
        assert!(code.contains("pub fn get_a(&self) -> builder::GetA"));
    }

    #[test]
    fn openapi_3_1_is_refused_with_the_file_named() {
        let spec = MINIMAL.replace("3.0.3", "3.1.0");
        let err = generate("specs/t.yaml", spec.as_bytes(), &settings()).unwrap_err();
        assert_eq!(err, "specs/t.yaml: `openapi: 3.1.0` is not 3.0.x");
    }

    #[test]
    fn duplicate_operation_ids_name_the_operation() {
        let spec = format!(
            "{MINIMAL}  /b:\n    get:\n      operationId: get_a\n      responses:\n        \"204\": {{description: ok}}\n"
        );
        let err = generate("specs/t.yaml", spec.as_bytes(), &settings()).unwrap_err();
        assert!(
            err.contains("`get_a` (GET /b): operationId is not unique"),
            "{err}"
        );
    }

    #[test]
    fn two_success_body_types_are_refused() {
        let spec = MINIMAL.replace(
            "\"200\": {description: ok, content: {application/json: {schema: {type: string}}}}",
            "\"200\": {description: ok, content: {application/json: {schema: {type: string}}}}\n        \"204\": {description: none}",
        );
        let err = generate("specs/t.yaml", spec.as_bytes(), &settings()).unwrap_err();
        assert!(
            err.contains("`get_a` (GET /a): more than one success body type"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_operation_id_names_method_and_path() {
        let spec = MINIMAL.replace("operationId: get_a", "summary: no id");
        let err = generate("specs/t.yaml", spec.as_bytes(), &settings()).unwrap_err();
        assert_eq!(err, "specs/t.yaml: operation GET /a has no operationId");
    }

    #[test]
    fn yaml_that_is_not_openapi_is_refused() {
        let err = generate("specs/t.yaml", b"just: text", &settings()).unwrap_err();
        assert!(
            err.starts_with("specs/t.yaml: not a valid OpenAPI 3.0 document"),
            "{err}"
        );
    }
}
