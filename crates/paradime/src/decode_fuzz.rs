//! Decode property test: 100,000 generated hostile bodies per operation family go
//! through what an answer goes through (strict UTF-8, the GraphQL envelope, the typed
//! selection, the public model) without a panic.

use reqwest::StatusCode;
use usermgmt_testkit::Garbler;

use crate::Users;
use crate::operations::{disable_user, list_users};
use crate::response::decode;

const CASES: usize = 100_000;

#[test]
fn paradime_bodies_never_panic() {
    let seeds = [
        r#"{"data":{"listUsers":{"ok":true,"activeUsers":[{"uid":"8566b784","email":"ada@acme.example","name":"Ada Lovelace","accountType":"ADMIN"},{"uid":"851b813e","email":"alan@acme.example","name":"Alan Turing","accountType":"SOMETHING_NEW"}],"invitedUsers":[{"email":"annie@acme.example","accountType":"DEVELOPER","inviteStatus":"SENT"}]}}}"#,
        r#"{"data":{"disableUser":{"ok":true}}}"#,
        r#"{"data":{"disableUser":{"ok":false}}}"#,
        r#"{"errors":[{"message":"Permission denied","path":["listUsers"],"locations":[{"line":1,"column":3}],"extensions":{"code":"FORBIDDEN"}}],"data":null}"#,
    ];
    let mut garbler = Garbler::new(0x9a7a, &seeds);
    let mut decoded = 0;
    for _ in 0..CASES {
        let body = garbler.body();
        let status = if body.len().is_multiple_of(5) {
            StatusCode::BAD_GATEWAY
        } else {
            StatusCode::OK
        };
        let outcome = std::panic::catch_unwind(|| {
            // The transport refuses invalid UTF-8 before decoding (a Decode error).
            let Ok(raw) = String::from_utf8(body.clone()) else {
                return false;
            };
            let list = decode::<list_users::ResponseData>("ListUsers", status, raw.clone())
                .and_then(|reply| reply.payload("listUsers", |data| data.list_users));
            let _ = decode::<disable_user::ResponseData>("DisableUser", status, raw)
                .map_err(|error| error.to_string());
            match list {
                Ok(users) => {
                    let users = Users::from(users);
                    let _ = format!("{users:?}");
                    true
                }
                Err(error) => {
                    let _ = error.to_string();
                    false
                }
            }
        });
        match outcome {
            Ok(true) => decoded += 1,
            Ok(false) => {}
            Err(_) => panic!("decoding panicked on {:?}", String::from_utf8_lossy(&body)),
        }
    }
    println!(
        "Paradime: {CASES} generated bodies decoded without a panic ({decoded} matched ListUsers)"
    );
    assert!(
        decoded > CASES / 200,
        "only {decoded} decoded: the generator misses the shape"
    );
}
