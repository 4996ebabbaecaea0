//! The discovery resources (RFC 7644 section 4): `ServiceProviderConfig`,
//! `ResourceTypes` and `Schemas`, describing what this bridge supports. They are built
//! from the same constants the handlers use, so they cannot drift from the behaviour.

use serde_json::{Value, json};

use crate::{ACCOUNTS_SCHEMA, AXOLO_SCHEMA, GROUP_SCHEMA, MAX_RESULTS, USER_SCHEMA};

const SPC_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/// `GET /ServiceProviderConfig`: what the bridge supports.
pub(crate) fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": [SPC_SCHEMA],
        "documentationUri": "https://example.invalid/usermgmt#scim-bridge",
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": false},
        "sort": {"supported": true},
        "etag": {"supported": true},
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "The token in USERMGMT_SCIM_TOKEN, sent as `Authorization: Bearer <token>`",
            "primary": true,
        }],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": format!("{base}/ServiceProviderConfig"),
        },
    })
}

/// The `ResourceType` of users.
fn user_type(base: &str) -> Value {
    json!({
        "schemas": [RESOURCE_TYPE_SCHEMA],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A person, grouped by email across every provider",
        "schema": USER_SCHEMA,
        "schemaExtensions": [
            {"schema": ACCOUNTS_SCHEMA, "required": false},
            {"schema": AXOLO_SCHEMA, "required": false},
        ],
        "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User")},
    })
}

/// The `ResourceType` of groups.
fn group_type(base: &str) -> Value {
    json!({
        "schemas": [RESOURCE_TYPE_SCHEMA],
        "id": "Group",
        "name": "Group",
        "endpoint": "/Groups",
        "description": "An access profile of usermgmt.toml (members are the people who have its access; adding one gives it, removing one offboards), or a group an identity provider pushed (kept as written)",
        "schema": GROUP_SCHEMA,
        "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group")},
    })
}

/// Every resource type, by id.
pub(crate) fn resource_types(base: &str) -> Vec<Value> {
    vec![user_type(base), group_type(base)]
}

/// One attribute definition (RFC 7643 section 7).
fn attribute(name: &str, kind: &str, multi: bool, mutability: &str, case_exact: bool) -> Value {
    json!({
        "name": name,
        "type": kind,
        "multiValued": multi,
        "required": name == "userName",
        "caseExact": case_exact,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": if name == "userName" { "server" } else { "none" },
    })
}

fn complex(name: &str, multi: bool, mutability: &str, sub: Vec<Value>) -> Value {
    let mut value = attribute(name, "complex", multi, mutability, false);
    value["subAttributes"] = Value::Array(sub);
    value
}

fn schema(base: &str, id: &str, name: &str, description: &str, attributes: Vec<Value>) -> Value {
    json!({
        "schemas": [SCHEMA_SCHEMA],
        "id": id,
        "name": name,
        "description": description,
        "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{id}")},
    })
}

/// Every schema: the core User and Group schemas (the attributes this bridge serves)
/// and the read-only extension listing a person's accounts.
pub(crate) fn schemas(base: &str) -> Vec<Value> {
    let rw = "readWrite";
    let ro = "readOnly";
    let user = schema(
        base,
        USER_SCHEMA,
        "User",
        "User Account",
        vec![
            attribute("userName", "string", false, "immutable", false),
            complex(
                "name",
                false,
                rw,
                vec![
                    attribute("formatted", "string", false, rw, false),
                    attribute("familyName", "string", false, rw, false),
                    attribute("givenName", "string", false, rw, false),
                ],
            ),
            attribute("displayName", "string", false, rw, false),
            attribute("externalId", "string", false, rw, true),
            // Every user is active or not: the providers' state answers it.
            required(attribute("active", "boolean", false, rw, false)),
            // Required: the providers need an email (userName, or the primary one here).
            required(complex(
                "emails",
                true,
                rw,
                vec![
                    required(attribute("value", "string", false, rw, false)),
                    attribute("type", "string", false, rw, false),
                    attribute("primary", "boolean", false, rw, false),
                ],
            )),
            complex(
                "groups",
                true,
                ro,
                vec![
                    attribute("value", "string", false, ro, false),
                    attribute("display", "string", false, ro, false),
                ],
            ),
        ],
    );
    let group = schema(
        base,
        GROUP_SCHEMA,
        "Group",
        "Group",
        vec![
            required(attribute("displayName", "string", false, rw, false)),
            attribute("externalId", "string", false, rw, true),
            complex(
                "members",
                true,
                rw,
                vec![
                    attribute("value", "string", false, rw, true),
                    attribute("display", "string", false, ro, false),
                    attribute("type", "string", false, ro, false),
                ],
            ),
        ],
    );
    let accounts = schema(
        base,
        ACCOUNTS_SCHEMA,
        "UsermgmtAccounts",
        "The person's accounts in each provider, as the providers report them",
        vec![complex(
            "accounts",
            true,
            ro,
            vec![
                attribute("provider", "string", false, ro, true),
                attribute("id", "string", false, ro, true),
                attribute("roles", "string", true, ro, true),
                attribute("access", "string", false, ro, true),
                attribute("status", "string", false, ro, true),
            ],
        )],
    );
    let axolo = schema(
        base,
        AXOLO_SCHEMA,
        "UsermgmtAxolo",
        "What Axolo knows an engineer by: users whose profile includes Axolo are onboarded \
         there with these, and offboarded by the login",
        vec![
            attribute("githubLogin", "string", false, rw, false),
            attribute("slackId", "string", false, rw, true),
        ],
    );
    vec![
        user,
        group,
        accounts,
        axolo,
        meta_schema(
            base,
            SPC_SCHEMA,
            "ServiceProviderConfig",
            &["documentationUri"],
            &[
                "patch",
                "bulk",
                "filter",
                "changePassword",
                "sort",
                "etag",
                "authenticationSchemes",
            ],
        ),
        meta_schema(
            base,
            RESOURCE_TYPE_SCHEMA,
            "ResourceType",
            &["id", "name", "description", "endpoint", "schema"],
            &["schemaExtensions"],
        ),
        meta_schema(
            base,
            SCHEMA_SCHEMA,
            "Schema",
            &["id", "name", "description"],
            &["attributes"],
        ),
    ]
}

/// `attribute` marked required.
fn required(mut attribute: Value) -> Value {
    attribute["required"] = json!(true);
    attribute
}

/// One of the schemas describing the discovery resources themselves (RFC 7643 section
/// 5 to 7): read-only strings and complex attributes, named as RFC 7643 names them.
fn meta_schema(base: &str, id: &str, name: &str, strings: &[&str], complexes: &[&str]) -> Value {
    let ro = "readOnly";
    let attributes = strings
        .iter()
        .map(|a| attribute(a, "string", false, ro, false))
        .chain(complexes.iter().map(|a| {
            let multi = matches!(
                *a,
                "authenticationSchemes" | "schemaExtensions" | "attributes"
            );
            complex(a, multi, ro, Vec::new())
        }))
        .collect();
    schema(
        base,
        id,
        name,
        &format!("The {name} resource (RFC 7643)"),
        attributes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_resource_type_names_a_schema_that_is_served() {
        let served: Vec<Value> = schemas("http://x")
            .iter()
            .map(|s| s["id"].clone())
            .collect();
        for kind in resource_types("http://x") {
            assert!(served.contains(&kind["schema"]), "{kind}");
            for extension in kind["schemaExtensions"].as_array().into_iter().flatten() {
                assert!(served.contains(&extension["schema"]), "{extension}");
            }
        }
    }

    #[test]
    fn user_name_is_required_and_unique_and_locations_use_the_base() {
        let user = &schemas("https://scim.acme.example/scim/v2")[0];
        let user_name = &user["attributes"][0];
        assert_eq!(user_name["name"], "userName");
        assert_eq!(user_name["required"], true);
        assert_eq!(user_name["uniqueness"], "server");
        assert_eq!(
            user["meta"]["location"],
            format!("https://scim.acme.example/scim/v2/Schemas/{USER_SCHEMA}")
        );
    }
}
