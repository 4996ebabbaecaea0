//! SCIM errors (RFC 7644 section 3.12): a status, an optional `scimType` and a detail,
//! sent as `application/scim+json` in the error schema.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::SCIM_JSON;

/// The schema URI of SCIM error responses.
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// A SCIM error answer.
///
/// ```
/// use usermgmt_scim::ScimError;
/// let error = ScimError::invalid_filter("expected an operator at position 9");
/// assert_eq!(error.status().as_u16(), 400);
/// assert_eq!(error.scim_type(), Some("invalidFilter"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimError {
    status: StatusCode,
    scim_type: Option<&'static str>,
    detail: String,
}

impl ScimError {
    /// An error with `status`, no `scimType`, and `detail`.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        ScimError {
            status,
            scim_type: None,
            detail: detail.into(),
        }
    }

    fn typed(status: StatusCode, scim_type: &'static str, detail: impl Into<String>) -> Self {
        ScimError {
            status,
            scim_type: Some(scim_type),
            detail: detail.into(),
        }
    }

    /// 400 `invalidFilter`: the `filter` parameter does not parse or cannot be evaluated.
    pub fn invalid_filter(detail: impl Into<String>) -> Self {
        Self::typed(StatusCode::BAD_REQUEST, "invalidFilter", detail)
    }

    /// 400 `invalidValue`: a parameter or attribute value is not acceptable.
    pub fn invalid_value(detail: impl Into<String>) -> Self {
        Self::typed(StatusCode::BAD_REQUEST, "invalidValue", detail)
    }

    /// 400 `invalidSyntax`: the request body is not a SCIM message of the right kind.
    pub fn invalid_syntax(detail: impl Into<String>) -> Self {
        Self::typed(StatusCode::BAD_REQUEST, "invalidSyntax", detail)
    }

    /// 400 `invalidPath`: a PATCH path does not parse.
    pub fn invalid_path(detail: impl Into<String>) -> Self {
        Self::typed(StatusCode::BAD_REQUEST, "invalidPath", detail)
    }

    /// 400 `noTarget`: a PATCH operation names nothing to act on.
    pub fn no_target(detail: impl Into<String>) -> Self {
        Self::typed(StatusCode::BAD_REQUEST, "noTarget", detail)
    }

    /// 400 `mutability`: the attribute cannot be changed (here, or at all).
    pub fn mutability(detail: impl Into<String>) -> Self {
        Self::typed(StatusCode::BAD_REQUEST, "mutability", detail)
    }

    /// 409 `uniqueness`: the resource exists already.
    pub fn uniqueness(detail: impl Into<String>) -> Self {
        Self::typed(StatusCode::CONFLICT, "uniqueness", detail)
    }

    /// 412: `If-Match` names another version than the resource has.
    pub fn precondition_failed(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::PRECONDITION_FAILED, detail)
    }

    /// 404: no resource with that id.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }

    /// 401: the bearer token is missing or wrong.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "authentication required: send `Authorization: Bearer <token>` with the bridge's token",
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `scimType`, where RFC 7644 defines one for the error.
    pub fn scim_type(&self) -> Option<&'static str> {
        self.scim_type
    }

    /// The human-readable detail.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The error as the JSON body RFC 7644 section 3.12 describes.
    pub fn to_json(&self) -> serde_json::Value {
        let mut body = json!({
            "schemas": [ERROR_SCHEMA],
            "status": self.status.as_u16().to_string(),
            "detail": self.detail,
        });
        if let Some(scim_type) = self.scim_type {
            body["scimType"] = json!(scim_type);
        }
        body
    }
}

impl std::fmt::Display for ScimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.detail)
    }
}

impl std::error::Error for ScimError {}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.to_json().to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON));
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"usermgmt-scim\""),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_carries_the_schema_the_status_as_a_string_and_the_scim_type() {
        let body = ScimError::invalid_filter("bad").to_json();
        assert_eq!(body["schemas"][0], ERROR_SCHEMA);
        assert_eq!(body["status"], "400");
        assert_eq!(body["scimType"], "invalidFilter");
        assert_eq!(body["detail"], "bad");
        let body = ScimError::not_found("gone").to_json();
        assert!(body.get("scimType").is_none());
    }

    #[test]
    fn a_401_says_how_to_authenticate() {
        let response = ScimError::unauthorized().into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(response.headers().contains_key(header::WWW_AUTHENTICATE));
        assert_eq!(response.headers()[header::CONTENT_TYPE], SCIM_JSON);
    }
}
