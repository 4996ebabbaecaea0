//! GraphQL schema + operations document to a graphql_client module (Paradime): one
//! module per operation, each carrying only its own operation text.

use std::path::Path;

use graphql_client_codegen::{
    CodegenMode, GraphQLClientCodegenOptions, generate_module_token_stream_from_string,
};
use graphql_parser::query::{Definition, OperationDefinition};

use crate::openapi::quiet_catch_unwind;
use crate::targets::GraphQlSettings;

/// Generate the module from `specs`: the schema first, then the operations document.
pub(crate) fn generate(
    root: &Path,
    specs: &[(&str, Vec<u8>)],
    settings: &GraphQlSettings,
) -> Result<String, String> {
    let [(schema_path, schema), (operations_path, operations)] = specs else {
        return Err("a GraphQL target takes a schema and an operations document".into());
    };
    let schema = std::str::from_utf8(schema).map_err(|e| format!("{schema_path}: {e}"))?;
    // graphql_client unwraps its own schema parse; parse first for a message with the file.
    graphql_parser::parse_schema::<&str>(schema).map_err(|e| format!("{schema_path}: {e}"))?;
    let operations =
        std::str::from_utf8(operations).map_err(|e| format!("{operations_path}: {e}"))?;

    let mut tokens = proc_macro2::TokenStream::new();
    for (name, text) in split_operations(operations_path, operations)? {
        let mut options = GraphQLClientCodegenOptions::new(CodegenMode::Cli);
        options.set_operation_name(name.clone());
        options.set_response_derives(settings.response_derives.to_string());
        options.set_variables_derives(settings.variables_derives.to_string());
        options.set_module_visibility(syn::parse_quote!(pub));
        options.set_extern_enums(
            settings
                .extern_enums
                .iter()
                .map(|e| e.to_string())
                .collect(),
        );
        let schema_file = root.join(schema_path);
        let module = quiet_catch_unwind(|| {
            generate_module_token_stream_from_string(&text, &schema_file, options)
        })
        .map_err(|panic| {
            format!("{operations_path}: operation `{name}`: the generator panicked: {panic}")
        })?
        .map_err(|e| format!("{operations_path}: operation `{name}`: {e}"))?;
        tokens.extend(module);
    }
    let file = syn::parse2::<syn::File>(tokens)
        .map_err(|e| format!("{operations_path}: generated code does not parse: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// Each named operation of the document with its own text, in document order.
fn split_operations(path: &str, document: &str) -> Result<Vec<(String, String)>, String> {
    let parsed =
        graphql_parser::parse_query::<&str>(document).map_err(|e| format!("{path}: {e}"))?;
    let mut operations: Vec<(String, String)> = Vec::new();
    for definition in &parsed.definitions {
        let name = match definition {
            Definition::Operation(OperationDefinition::Query(q)) => q.name,
            Definition::Operation(OperationDefinition::Mutation(m)) => m.name,
            Definition::Operation(OperationDefinition::Subscription(s)) => s.name,
            Definition::Operation(OperationDefinition::SelectionSet(_)) => None,
            Definition::Fragment(f) => {
                return Err(format!(
                    "{path}: fragment `{}`: fragments are not supported",
                    f.name
                ));
            }
        }
        .ok_or_else(|| format!("{path}: every operation needs a name"))?;
        if operations.iter().any(|(seen, _)| seen == name) {
            return Err(format!("{path}: operation `{name}` is defined twice"));
        }
        operations.push((name.to_string(), definition.to_string()));
    }
    if operations.is_empty() {
        return Err(format!("{path}: no operations"));
    }
    Ok(operations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_split_with_their_own_text() {
        let ops = split_operations(
            "ops.graphql",
            "query A { a }\nmutation B($x: Int!) { b(x: $x) { ok } }",
        )
        .unwrap();
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].0, "A");
        assert!(ops[0].1.starts_with("query A"));
        assert!(!ops[0].1.contains("mutation"));
        assert!(ops[1].1.contains("b(x: $x)"));
    }

    #[test]
    fn anonymous_duplicate_and_fragment_documents_are_refused() {
        let err = split_operations("o.graphql", "{ a }").unwrap_err();
        assert!(err.contains("needs a name"), "{err}");
        let err = split_operations("o.graphql", "query A { a } query A { b }").unwrap_err();
        assert!(err.contains("`A` is defined twice"), "{err}");
        let err = split_operations("o.graphql", "fragment F on T { a }").unwrap_err();
        assert!(err.contains("fragments are not supported"), "{err}");
        let err = split_operations("o.graphql", "query {").unwrap_err();
        assert!(err.starts_with("o.graphql: "), "{err}");
    }
}
