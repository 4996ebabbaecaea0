//! The query of a list request (RFC 7644 section 3.4.2): `filter`, `startIndex`,
//! `count`, `attributes` and `excludedAttributes`, and the `ListResponse` built from
//! them.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::filter::{AttrPath, Filter};
use crate::{MAX_RESULTS, ScimError, USER_SCHEMA};

const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/// A parsed list query.
#[derive(Debug)]
pub(crate) struct ListQuery {
    pub(crate) filter: Option<Filter>,
    /// 1-based; values below 1 read as 1 (RFC 7644 section 3.4.2.4).
    pub(crate) start_index: usize,
    /// At most [`MAX_RESULTS`]; negative reads as 0.
    pub(crate) count: usize,
    pub(crate) projection: Projection,
    /// `sortBy` and whether `sortOrder` is `descending`.
    pub(crate) sort: Option<(AttrPath, bool)>,
}

impl ListQuery {
    /// Read the query parameters (names case-insensitive, as IdPs vary).
    pub(crate) fn parse(params: &HashMap<String, String>) -> Result<ListQuery, ScimError> {
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let filter = match get("filter") {
            Some(text) if !text.trim().is_empty() => {
                Some(Filter::parse(text).map_err(|e| ScimError::invalid_filter(e.to_string()))?)
            }
            // An empty filter is refused, never read as "everyone".
            Some(_) => return Err(ScimError::invalid_filter("the filter is empty")),
            None => None,
        };
        let number = |name: &str| -> Result<Option<i64>, ScimError> {
            get(name)
                .map(|v| {
                    v.trim().parse::<i64>().map_err(|_| {
                        ScimError::invalid_value(format!("{name} must be an integer, not {v:?}"))
                    })
                })
                .transpose()
        };
        let start_index = number("startIndex")?.unwrap_or(1).max(1);
        let count = number("count")?
            .unwrap_or(MAX_RESULTS as i64)
            .clamp(0, MAX_RESULTS as i64);
        let sort = match get("sortBy").map(str::trim).filter(|s| !s.is_empty()) {
            Some(path) => {
                let parsed = crate::filter::PatchPath::parse(path)
                    .ok()
                    .filter(|p| p.filter.is_none() && p.sub_attribute.is_none())
                    .ok_or_else(|| {
                        ScimError::invalid_value(format!("sortBy {path:?} is no attribute path"))
                    })?;
                let descending = match get("sortOrder").map(str::trim) {
                    None | Some("") => false,
                    Some(o) if o.eq_ignore_ascii_case("ascending") => false,
                    Some(o) if o.eq_ignore_ascii_case("descending") => true,
                    Some(o) => {
                        return Err(ScimError::invalid_value(format!(
                            "sortOrder must be ascending or descending, not {o:?}"
                        )));
                    }
                };
                Some((parsed.attribute, descending))
            }
            None => None,
        };
        Ok(ListQuery {
            sort,
            filter,
            start_index: usize::try_from(start_index).unwrap_or(usize::MAX),
            count: usize::try_from(count).unwrap_or(0),
            projection: Projection::parse(get("attributes"), get("excludedAttributes")),
        })
    }
}

/// Which attributes to return: `attributes` keeps only those (plus `id` and
/// `schemas`, which are always returned), `excludedAttributes` drops those.
#[derive(Debug, Default)]
pub(crate) struct Projection {
    only: Vec<(String, Option<String>)>,
    without: Vec<(String, Option<String>)>,
}

/// `urn:...:User:name.givenName` -> (`name`, `givenName`), lower-cased; an extension
/// URN alone names the extension's top-level key.
fn attribute_path(text: &str) -> (String, Option<String>) {
    let text = text.trim().to_lowercase();
    let core = format!("{}:", USER_SCHEMA.to_lowercase());
    let text = text.strip_prefix(&core).map(str::to_string).unwrap_or(text);
    if text.starts_with("urn:") {
        return match text.rsplit_once(':') {
            Some((urn, attribute)) if !attribute.contains('.') && is_extension(urn) => {
                (urn.to_string(), Some(attribute.to_string()))
            }
            _ => (text, None),
        };
    }
    match text.split_once('.') {
        Some((attribute, sub)) => (attribute.to_string(), Some(sub.to_string())),
        None => (text, None),
    }
}

fn is_extension(urn: &str) -> bool {
    urn.contains(":extension:")
}

impl Projection {
    /// `attributes` and `excludedAttributes` of a request's query (names
    /// case-insensitive), as a GET of one resource takes them.
    pub(crate) fn from_params(params: &HashMap<String, String>) -> Projection {
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        Projection::parse(get("attributes"), get("excludedAttributes"))
    }

    fn parse(attributes: Option<&str>, excluded: Option<&str>) -> Projection {
        let list = |text: Option<&str>| {
            text.map(|t| {
                t.split(',')
                    .filter(|a| !a.trim().is_empty())
                    .map(attribute_path)
                    .collect()
            })
            .unwrap_or_default()
        };
        Projection {
            only: list(attributes),
            without: list(excluded),
        }
    }

    /// Apply to one resource.
    pub(crate) fn apply(&self, resource: Value) -> Value {
        let Value::Object(fields) = resource else {
            return resource;
        };
        let always = |key: &str| matches!(key, "id" | "schemas" | "meta");
        let mut out = Map::new();
        for (key, value) in fields {
            let lower = key.to_lowercase();
            let value = if !self.only.is_empty() && !always(&key) {
                let wanted: Vec<&Option<String>> = self
                    .only
                    .iter()
                    .filter(|(a, _)| *a == lower)
                    .map(|(_, sub)| sub)
                    .collect();
                if wanted.is_empty() {
                    continue;
                }
                if wanted.iter().any(|s| s.is_none()) {
                    value
                } else {
                    keep_subs(value, &wanted)
                }
            } else {
                value
            };
            if always(&key) {
                out.insert(key, value);
                continue;
            }
            let dropped: Vec<&Option<String>> = self
                .without
                .iter()
                .filter(|(a, _)| *a == lower)
                .map(|(_, sub)| sub)
                .collect();
            if dropped.iter().any(|s| s.is_none()) {
                continue;
            }
            out.insert(key, drop_subs(value, &dropped));
        }
        Value::Object(out)
    }
}

fn keep_subs(value: Value, wanted: &[&Option<String>]) -> Value {
    map_objects(value, &|object: Map<String, Value>| {
        object
            .into_iter()
            .filter(|(k, _)| {
                wanted
                    .iter()
                    .any(|w| w.as_deref() == Some(&k.to_lowercase()))
            })
            .collect()
    })
}

fn drop_subs(value: Value, dropped: &[&Option<String>]) -> Value {
    if dropped.is_empty() {
        return value;
    }
    map_objects(value, &|object: Map<String, Value>| {
        object
            .into_iter()
            .filter(|(k, _)| {
                !dropped
                    .iter()
                    .any(|w| w.as_deref() == Some(&k.to_lowercase()))
            })
            .collect()
    })
}

/// Apply `f` to an object, or to each object of an array.
fn map_objects(value: Value, f: &dyn Fn(Map<String, Value>) -> Map<String, Value>) -> Value {
    match value {
        Value::Object(object) => Value::Object(f(object)),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| match item {
                    Value::Object(object) => Value::Object(f(object)),
                    other => other,
                })
                .collect(),
        ),
        other => other,
    }
}

/// `id` and `externalId` are compared exactly (RFC 7643 section 3.1); the rest is
/// case-insensitive.
fn case_exact(path: &AttrPath) -> bool {
    path.sub_attribute.is_none()
        && (path.attribute.eq_ignore_ascii_case("id")
            || path.attribute.eq_ignore_ascii_case("externalId"))
}

/// The value `resources` sort by at `path`: of a multi-valued attribute, the primary
/// value (else the first), its `value` unless a sub-attribute is named.
fn sort_key(resource: &Value, path: &AttrPath) -> Option<Value> {
    use crate::filter::field;
    let container = match &path.uri {
        Some(uri) if uri.contains(":extension:") => field(resource, uri)?,
        _ => resource,
    };
    let mut value = field(container, &path.attribute)?;
    if let Value::Array(items) = value {
        value = items
            .iter()
            .find(|i| field(i, "primary") == Some(&Value::Bool(true)))
            .or_else(|| items.first())?;
        if path.sub_attribute.is_none() && value.is_object() {
            value = field(value, "value")?;
        }
    }
    if let Some(sub) = &path.sub_attribute {
        value = field(value, sub)?;
    }
    match value {
        Value::String(s) => Some(Value::String(s.to_lowercase())),
        Value::Null | Value::Object(_) | Value::Array(_) => None,
        other => Some(other.clone()),
    }
}

/// Sort by `path` (RFC 7644 section 3.4.2.3): strings ignoring case, numbers and
/// booleans by value; resources without a value last when ascending, first when
/// descending; stable, so equal keys keep the listing's order.
fn sort(resources: &mut [Value], path: &AttrPath, descending: bool) {
    use std::cmp::Ordering;
    let order = |a: &Option<Value>, b: &Option<Value>| match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(Value::String(x)), Some(Value::String(y))) => x.cmp(y),
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (Some(x), Some(y)) => x.to_string().cmp(&y.to_string()),
    };
    let mut keyed: Vec<(Option<Value>, Value)> = resources
        .iter_mut()
        .map(|r| (sort_key(r, path), std::mem::take(r)))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| {
        let ascending = order(a, b);
        if descending {
            ascending.reverse()
        } else {
            ascending
        }
    });
    for (slot, (_, resource)) in resources.iter_mut().zip(keyed) {
        *slot = resource;
    }
}

/// A `ListResponse` of the page `query` asks for out of the `resources` its filter
/// matches.
pub(crate) fn list_response(
    resources: impl IntoIterator<Item = Value>,
    query: &ListQuery,
) -> Value {
    let matching: Vec<Value> = resources
        .into_iter()
        .filter(|r| {
            query
                .filter
                .as_ref()
                .is_none_or(|f| f.matches(r, &case_exact))
        })
        .collect();
    let mut matching = matching;
    if let Some((path, descending)) = &query.sort {
        sort(&mut matching, path, *descending);
    }
    let total = matching.len();
    let page: Vec<Value> = matching
        .into_iter()
        .skip(query.start_index - 1)
        .take(query.count)
        .map(|r| query.projection.apply(r))
        .collect();
    json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": query.start_index,
        "itemsPerPage": page.len(),
        "Resources": page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Result<ListQuery, ScimError> {
        ListQuery::parse(
            &pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn resources(n: usize) -> Vec<Value> {
        (1..=n)
            .map(|i| json!({"id": i.to_string(), "schemas": [USER_SCHEMA], "userName": format!("u{i}"), "name": {"givenName": "G", "familyName": "F"}}))
            .collect()
    }

    #[test]
    fn sort_by_orders_ignoring_case_with_missing_values_last() {
        let resources = vec![
            json!({"userName": "bob", "emails": [{"value": "z@x"}, {"value": "A@x", "primary": true}]}),
            json!({"userName": "Alice", "emails": [{"value": "m@x"}]}),
            json!({"emails": [{"value": "b@x"}]}),
        ];
        let names = |q: &[(&str, &str)]| -> Vec<Value> {
            let answer = list_response(resources.clone(), &query(q).expect("query"));
            answer["Resources"]
                .as_array()
                .expect("resources")
                .iter()
                .map(|r| r["emails"][0]["value"].clone())
                .collect()
        };
        assert_eq!(
            names(&[("sortBy", "userName")]),
            [json!("m@x"), json!("z@x"), json!("b@x")]
        );
        assert_eq!(
            names(&[("sortBy", "userName"), ("sortOrder", "descending")]),
            [json!("b@x"), json!("z@x"), json!("m@x")]
        );
        // A multi-valued attribute sorts by its primary value.
        assert_eq!(
            names(&[("sortBy", "emails")]),
            [json!("z@x"), json!("b@x"), json!("m@x")]
        );
        assert!(query(&[("sortBy", "emails[type eq \"work\"]")]).is_err());
        assert!(query(&[("sortBy", "userName"), ("sortOrder", "up")]).is_err());
    }

    #[test]
    fn pages_are_one_based_and_bounded() {
        let q = query(&[("startIndex", "2"), ("count", "2")]).expect("a query");
        let page = list_response(resources(5), &q);
        assert_eq!(page["totalResults"], 5);
        assert_eq!(page["itemsPerPage"], 2);
        assert_eq!(page["Resources"][0]["id"], "2");
        let q = query(&[("startIndex", "0"), ("count", "-3")]).expect("a query");
        assert_eq!(q.start_index, 1);
        let page = list_response(resources(5), &q);
        assert_eq!(page["itemsPerPage"], 0, "count 0 asks only for the total");
        assert_eq!(page["totalResults"], 5);
        let past = query(&[("startIndex", "9")]).expect("a query");
        assert_eq!(list_response(resources(5), &past)["itemsPerPage"], 0);
    }

    #[test]
    fn bad_numbers_and_empty_or_bad_filters_are_refused() {
        let error = query(&[("count", "ten")]).expect_err("refused");
        assert_eq!(error.scim_type(), Some("invalidValue"));
        let error = query(&[("filter", "  ")]).expect_err("refused");
        assert_eq!(error.scim_type(), Some("invalidFilter"));
        let error = query(&[("filter", "userName eq")]).expect_err("refused");
        assert_eq!(error.scim_type(), Some("invalidFilter"));
    }

    #[test]
    fn attributes_keep_only_what_is_asked_plus_id_and_excluded_ones_drop() {
        let q = query(&[("attributes", "userName,name.givenName")]).expect("a query");
        let page = list_response(resources(1), &q);
        assert_eq!(
            page["Resources"][0],
            json!({"id": "1", "schemas": [USER_SCHEMA], "userName": "u1", "name": {"givenName": "G"}})
        );
        let q = query(&[(
            "excludedAttributes",
            "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName,userName,id",
        )])
        .expect("a query");
        let page = list_response(resources(1), &q);
        assert_eq!(
            page["Resources"][0],
            json!({"id": "1", "schemas": [USER_SCHEMA], "name": {"givenName": "G"}})
        );
    }
}
