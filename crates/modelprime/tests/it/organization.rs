//! `GET /organization`, decoded from the reference page's response sample.

use serde_json::json;
use usermgmt_modelprime::types::Organization;

use crate::support::{exact_query, json_answer, request, setup};

#[tokio::test]
async fn get_organization_gets_organization_and_decodes_the_reference_sample() {
    let (server, client) = setup().await;
    request("GET", "/organization")
        .and(exact_query(&[]))
        .respond_with(json_answer(
            200,
            json!({
                "created_at": "2019-08-24T14:15:22Z",
                "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
                "name": "string",
                "short_name": "string",
                "updated_at": "2019-08-24T14:15:22Z"
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let organization = client.get_organization().send().await.unwrap().into_inner();

    let at = "2019-08-24T14:15:22Z".parse().unwrap();
    assert_eq!(
        organization,
        Organization {
            created_at: at,
            id: "497f6eca-6276-4993-bfeb-53cbbbba6f08".parse().unwrap(),
            name: "string".into(),
            short_name: "string".into(),
            updated_at: at,
        }
    );
}
