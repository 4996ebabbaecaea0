//! Parsing and evaluating the filters identity providers send.
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use super::*;

fn ada() -> Value {
    json!({
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "00u1AbC",
        "userName": "ada@acme.example",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [
            {"value": "ada@acme.example", "type": "work", "primary": true},
            {"value": "ada@home.example", "type": "home"}
        ],
        "active": true,
        "title": "",
        "meta": {"lastModified": "2024-01-02T03:04:05Z"},
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Engineering"},
    })
}

/// `id` and `externalId` exact, as the bridge says.
fn exact(path: &AttrPath) -> bool {
    path.sub_attribute.is_none()
        && (path.attribute.eq_ignore_ascii_case("id")
            || path.attribute.eq_ignore_ascii_case("externalId"))
}

fn matches(filter: &str) -> bool {
    Filter::parse(filter)
        .unwrap_or_else(|e| panic!("{filter}: {e}"))
        .matches(&ada(), &exact)
}

#[test]
fn the_filters_okta_and_entra_send_match_as_rfc_7643_says() {
    for filter in [
        r#"userName eq "ada@acme.example""#,
        r#"userName eq "ADA@acme.example""#,
        r#"USERNAME EQ "ada@acme.example""#,
        r#"externalId eq "00u1AbC""#,
        r#"emails[type eq "work"].value eq "ada@acme.example""#,
        r#"emails[type eq "work" and primary eq true]"#,
        r#"emails.value co "acme""#,
        r#"emails.value eq "ada@home.example""#,
        r#"active eq true and not (name.familyName sw "X")"#,
        r#"userName sw "a" or userName ew ".org""#,
        r#"meta.lastModified gt "2011-05-13T04:42:34Z""#,
        r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "ada@acme.example""#,
        r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "engineering""#,
        r#"name pr and name.givenName pr"#,
        r#"nickName ne "x""#,
        r#"(userName eq "nobody@acme.example") or (active eq true)"#,
        r#"userName eq "x" or userName eq "y" or userName eq "ada@acme.example""#,
    ] {
        assert!(matches(filter), "{filter} should match");
    }
}

#[test]
fn what_should_not_match_does_not() {
    for filter in [
        r#"active eq true and not (name.familyName sw "L")"#,
        r#"externalId eq "00U1ABC""#,
        r#"emails[type eq "home"].value eq "ada@acme.example""#,
        r#"title pr"#,
        r#"nickName pr"#,
        r#"userName ne "ADA@acme.example""#,
        r#"active eq "true""#,
        r#"active gt true"#,
        r#"userName gt 5"#,
        r#"meta.lastModified lt "2011-05-13T04:42:34Z""#,
        r#"userName eq "ada@acme.example" and active eq false"#,
        r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales""#,
    ] {
        assert!(!matches(filter), "{filter} should not match");
    }
}

#[test]
fn not_binds_tighter_than_and_which_binds_tighter_than_or() {
    let filter = Filter::parse(r#"a eq "1" or b eq "2" and c eq "3""#).unwrap();
    let Filter::Or(_, right) = filter else {
        panic!("or at the top: {filter:?}")
    };
    assert!(matches!(*right, Filter::And(_, _)));
}

#[test]
fn values_parse_as_json_strings_numbers_booleans_and_null() {
    let Filter::Compare { value, .. } = Filter::parse(r#"title eq "a \"b\" \u0063""#).unwrap()
    else {
        panic!("a comparison")
    };
    assert_eq!(value, json!("a \"b\" c"));
    let Filter::Compare { value, .. } = Filter::parse("age ge 42.5").unwrap() else {
        panic!("a comparison")
    };
    assert_eq!(value, json!(42.5));
    assert!(
        Filter::parse("nickName eq null")
            .unwrap()
            .matches(&ada(), &exact)
    );
    assert!(
        !Filter::parse("userName eq null")
            .unwrap()
            .matches(&ada(), &exact)
    );
}

#[test]
fn bad_filters_are_errors_that_say_what_and_where() {
    for (filter, expected) in [
        ("", "empty"),
        ("   ", "empty"),
        ("userName eq", "expected a value"),
        (
            "userName",
            "expected a comparison operator after `userName`",
        ),
        ("userName is \"x\"", "expected a comparison operator"),
        ("userName eq \"x", "unterminated string"),
        ("userName eq \"x\" garbage", "unexpected text"),
        ("userName eq \"x\" and", "expected an attribute"),
        ("(userName eq \"x\"", "expected `)`"),
        ("emails[type eq \"work\"", "expected `]`"),
        ("userName pr \"x\"", "unexpected text"),
        ("not userName pr", "expected `(` after `not`"),
        ("userName eq bare", "not a value"),
        ("userName eq 12abc", "not a number"),
        ("1userName eq \"x\"", "not a number"),
        ("user%Name eq \"x\"", "unexpected character"),
    ] {
        let error = Filter::parse(filter).expect_err(filter).to_string();
        assert!(error.contains(expected), "{filter:?}: {error}");
        assert!(error.contains("at position"), "{error}");
    }
    let error = Filter::parse("userName is \"x\"").unwrap_err().to_string();
    assert!(error.ends_with("at position 9"), "{error}");
}

#[test]
fn deep_nesting_and_long_input_are_refused_not_overflowed() {
    let deep = format!("{}userName pr{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(Filter::parse(&deep).is_err());
    let nots = format!("{}userName pr{}", "not (".repeat(40), ")".repeat(40));
    assert!(
        Filter::parse(&nots)
            .unwrap_err()
            .to_string()
            .contains("deeper")
    );
    let ok = format!(
        "{}userName pr{}",
        "(".repeat(MAX_DEPTH),
        ")".repeat(MAX_DEPTH)
    );
    assert!(Filter::parse(&ok).is_ok());
    let long = format!("userName eq \"{}\"", "a".repeat(MAX_LEN));
    assert!(
        Filter::parse(&long)
            .unwrap_err()
            .to_string()
            .contains("longer")
    );
}

#[test]
fn no_input_panics_every_prefix_and_generated_garbage() {
    let valid = [
        r#"emails[type eq "work"].value eq "ada@acme.example""#,
        r#"active eq true and not (name.familyName sw "L")"#,
        r#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a\"b""#,
        r#"members[value eq "2819c223"]"#,
        "age ge -4.5e3 or x pr",
    ];
    for text in valid {
        for end in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            let _ = Filter::parse(&text[..end]).map(|f| f.matches(&ada(), &exact));
            let _ = PatchPath::parse(&text[..end]);
        }
    }
    let alphabet: Vec<char> = "()[]\"\\ .:aeqnotprsw1-$é\u{0}".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
        let len = (state % 24) as usize;
        let text: String = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                alphabet[(state % alphabet.len() as u64) as usize]
            })
            .collect();
        let _ = Filter::parse(&text).map(|f| f.matches(&ada(), &exact));
        let _ = PatchPath::parse(&text);
    }
}

#[test]
fn patch_paths_of_okta_and_entra_parse() {
    let members = PatchPath::parse(r#"members[value eq "2819c223"]"#).unwrap();
    assert_eq!(members.attribute.attribute, "members");
    let filter = members.filter.unwrap();
    assert!(filter.matches(&json!({"value": "2819c223"}), &|_| true));
    assert!(!filter.matches(&json!({"value": "other"}), &|_| true));

    let work = PatchPath::parse(r#"emails[type eq "work"].value"#).unwrap();
    assert_eq!(work.sub_attribute.as_deref(), Some("value"));

    let active = PatchPath::parse("active").unwrap();
    assert_eq!(active.attribute.attribute, "active");
    assert!(active.filter.is_none());

    let given = PatchPath::parse("name.givenName").unwrap();
    assert_eq!(given.attribute.sub_attribute.as_deref(), Some("givenName"));

    let department =
        PatchPath::parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")
            .unwrap();
    assert_eq!(
        department.attribute.uri.as_deref(),
        Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
    );
    assert_eq!(department.attribute.attribute, "department");

    for bad in [
        "",
        "emails[type eq \"work\"]value",
        "active extra",
        "emails[]",
    ] {
        assert!(PatchPath::parse(bad).is_err(), "{bad:?}");
    }
}
