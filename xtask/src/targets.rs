//! What `cargo xtask codegen` generates: one target per provider crate, as data.

/// One generated file and the specs and settings it is made from.
pub(crate) struct Target {
    /// Provider name, for messages.
    pub(crate) name: &'static str,
    /// Spec files, relative to the workspace root.
    pub(crate) specs: &'static [&'static str],
    /// The generated file, relative to the workspace root.
    pub(crate) output: &'static str,
    /// How to generate it.
    pub(crate) generator: Generator,
}

/// The generator behind a target.
pub(crate) enum Generator {
    /// progenitor, builder interface, from one OpenAPI 3.0 file.
    OpenApi(OpenApiSettings),
    /// graphql_client's codegen, from a schema and an operations document.
    GraphQl(GraphQlSettings),
}

impl Generator {
    /// The crates whose versions go in the header.
    pub(crate) fn crates(&self) -> &'static [&'static str] {
        match self {
            Generator::OpenApi(_) => &["progenitor-impl", "typify-impl"],
            Generator::GraphQl(_) => &["graphql_client_codegen"],
        }
    }
}

/// progenitor settings that differ per provider.
pub(crate) struct OpenApiSettings {
    /// Spec schemas replaced by hand-written types in the provider crate, as
    /// (schema name, Rust path). Used for server enums that must tolerate values the
    /// spec does not list: the spec keeps the documented `enum`, the Rust type adds an
    /// `Other(String)` variant.
    pub(crate) open_enums: &'static [(&'static str, &'static str)],
    /// The client's inner type: `usermgmt_runtime::Context`, or
    /// `usermgmt_runtime::ScopedContext` for a client some of whose operations must not
    /// send a credential header (the provider crate's `wire_provider_client!` says which).
    pub(crate) inner_type: &'static str,
}

/// The inner type of most clients.
const CONTEXT: &str = "usermgmt_runtime::Context";

/// graphql_client settings.
pub(crate) struct GraphQlSettings {
    /// Derives added to every response type.
    pub(crate) response_derives: &'static str,
    /// Derives added to every variables type.
    pub(crate) variables_derives: &'static str,
    /// Schema enums the crate defines by hand (one type shared by every operation, with
    /// an `Other(String)` variant); the generated modules refer to them as `super::Name`.
    pub(crate) extern_enums: &'static [&'static str],
}

/// Every generated file in the workspace.
pub(crate) const TARGETS: &[Target] = &[
    Target {
        name: "axiom",
        specs: &["specs/axiom.yaml"],
        output: "crates/axiom/src/generated.rs",
        generator: Generator::OpenApi(OpenApiSettings {
            open_enums: &[],
            // `GET`/`PUT /user` are org-less: X-Axiom-Org-Id is sent per operation.
            inner_type: "usermgmt_runtime::ScopedContext",
        }),
    },
    Target {
        name: "adverity",
        specs: &["specs/adverity.yaml"],
        output: "crates/adverity/src/generated.rs",
        generator: Generator::OpenApi(OpenApiSettings {
            open_enums: &[],
            inner_type: CONTEXT,
        }),
    },
    Target {
        name: "modelprime",
        specs: &["specs/modelprime.yaml"],
        output: "crates/modelprime/src/generated.rs",
        generator: Generator::OpenApi(OpenApiSettings {
            open_enums: &[("PermissionRole", "crate::open_enums::PermissionRole")],
            inner_type: CONTEXT,
        }),
    },
    Target {
        name: "axolo",
        specs: &["specs/axolo.yaml"],
        output: "crates/axolo/src/generated.rs",
        generator: Generator::OpenApi(OpenApiSettings {
            open_enums: &[],
            inner_type: CONTEXT,
        }),
    },
    Target {
        name: "paradime",
        specs: &[
            "specs/paradime/schema.graphql",
            "specs/paradime/operations.graphql",
        ],
        output: "crates/paradime/src/generated.rs",
        generator: Generator::GraphQl(GraphQlSettings {
            response_derives: "Debug, Clone, PartialEq",
            variables_derives: "Debug, Clone, PartialEq",
            extern_enums: &["UserAccountType", "InviteStatus"],
        }),
    },
];
