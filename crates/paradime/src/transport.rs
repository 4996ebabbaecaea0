//! Sending one GraphQL operation: a JSON POST to the endpoint through the runtime's
//! [`Context::execute`] (retries, timeouts, tracing). graphql_client's own reqwest
//! integration stays off: it pins an older reqwest than the workspace's.

use graphql_client::{GraphQLQuery, QueryBody};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use serde_json::Value;
use usermgmt_runtime::{ClientOptions, Context, Error, ParadimeCredentials, connect};

use crate::response::{self, PROVIDER, Reply};

/// An authenticated HTTP client bound to one GraphQL endpoint. Cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    endpoint: String,
    http: reqwest::Client,
    context: Context,
}

impl Transport {
    /// Checks the endpoint (https, or plain http to loopback only) and builds the HTTP
    /// client with the auth headers. No request is made.
    pub(crate) fn new(
        endpoint: &str,
        credentials: &ParadimeCredentials,
        options: &ClientOptions,
    ) -> Result<Self, Error> {
        let connection = connect(endpoint, credentials, options)?;
        Ok(Self {
            // The endpoint is the whole URL, so it is used as given: the runtime's
            // normalised base URL drops a trailing slash that a server may require.
            endpoint: endpoint.trim().to_string(),
            http: connection.http,
            context: connection.context,
        })
    }

    /// The GraphQL endpoint requests go to.
    pub(crate) fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// POST operation `Q` with `variables` and decode the answer (see [`response::decode`]).
    pub(crate) async fn send<Q: GraphQLQuery>(
        &self,
        variables: Q::Variables,
    ) -> Result<Reply<Q::ResponseData>, Error> {
        let query = Q::build_query(variables);
        let operation = query.operation_name;
        let request = self
            .http
            .post(&self.endpoint)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .body(encode(&query)?)
            .build()
            .map_err(|error| Error::InvalidInput {
                provider: Some(PROVIDER),
                message: format!("{operation}: could not build the request: {error}"),
            })?;
        // Queries change nothing, so they retry like GETs although GraphQL sends POST.
        let read_only = query.query.trim_start().starts_with("query");
        let sent = if read_only {
            self.context
                .execute_read_only(&self.http, request, operation)
                .await
        } else {
            self.context.execute(&self.http, request, operation).await
        };
        // A mutation that failed after it left may still have been carried out.
        let failed =
            |error: reqwest::Error| Error::from_reqwest_sent(PROVIDER, operation, error, read_only);
        let response = sent.map_err(failed)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(failed)?;
        // Strict UTF-8: a lossy decode would silently replace bytes in names and emails.
        let raw = String::from_utf8(bytes.to_vec()).map_err(|error| Error::Decode {
            provider: PROVIDER,
            operation: operation.to_string(),
            message: format!(
                "the response is not valid UTF-8 (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            ),
            raw: String::from_utf8_lossy(error.as_bytes()).into_owned(),
        })?;
        // A credential the server echoes (in an error message, say) is never kept.
        let raw = usermgmt_runtime::redact::scrub(&raw).into_owned();
        response::decode(operation, status, raw)
    }
}

/// The body `{"query", "variables", "operationName"}`. `variables` is left out when the
/// operation has none, as Paradime's own examples do, rather than sent as `null`.
fn encode<V: serde::Serialize>(query: &QueryBody<V>) -> Result<Vec<u8>, Error> {
    let invalid = |error: serde_json::Error| Error::InvalidInput {
        provider: Some(PROVIDER),
        message: format!(
            "{}: the variables cannot be encoded as JSON: {error}",
            query.operation_name
        ),
    };
    let mut body = serde_json::to_value(query).map_err(invalid)?;
    if let Value::Object(fields) = &mut body
        && fields.get("variables").is_some_and(Value::is_null)
    {
        fields.remove("variables");
    }
    serde_json::to_vec(&body).map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserAccountType;
    use crate::operations::{InviteUser, ListUsers, invite_user, list_users};
    use serde_json::json;

    #[test]
    fn the_body_carries_query_variables_and_operation_name() {
        let query = InviteUser::build_query(invite_user::Variables {
            email: "alice@acme.io".into(),
            account_type: UserAccountType::Developer,
        });
        let body: Value = serde_json::from_slice(&encode(&query).unwrap()).unwrap();
        assert_eq!(
            body,
            json!({
                "query": invite_user::QUERY,
                "variables": {"email": "alice@acme.io", "accountType": "DEVELOPER"},
                "operationName": "InviteUser",
            })
        );
    }

    #[test]
    fn an_operation_without_variables_sends_none() {
        let query = ListUsers::build_query(list_users::Variables);
        let body: Value = serde_json::from_slice(&encode(&query).unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"query": list_users::QUERY, "operationName": "ListUsers"})
        );
    }
}
