//! Adverity's five operations through the generated client against the sandbox: DRF pages,
//! creation with groups and workspaces, edits, deletion.

use usermgmt::{Provider, call};
use usermgmt_adverity::Client;
use usermgmt_adverity::types::{User, UserList};
use usermgmt_sandbox::demo;

use crate::{adverity, expect_status, message_of, options, start};

const ADVERITY: Provider = Provider::Adverity;

async fn page(client: &Client, page: u64, size: u64) -> UserList {
    call(
        ADVERITY,
        "list_users",
        client.list_users().page(page).page_size(size).send(),
    )
    .await
    .unwrap()
}

async fn find(client: &Client, email: &str) -> Option<User> {
    page(client, 1, 100)
        .await
        .results
        .into_iter()
        .find(|u| u.email == email)
}

fn demo_count() -> usize {
    demo::PEOPLE.iter().filter(|p| p.adverity.is_some()).count()
}

#[tokio::test]
async fn list_users_pages_the_demo_users_with_count_and_links() {
    let sandbox = start().await;
    let client = adverity(&sandbox, &options());
    let all = page(&client, 1, 50).await;
    assert_eq!(all.count, demo_count() as i64);
    assert_eq!(all.results.len(), demo_count());
    assert_eq!((all.next.as_deref(), all.previous.as_deref()), (None, None));

    let dorothy = all
        .results
        .iter()
        .find(|u| u.email == "dorothy@acme.example")
        .unwrap();
    assert!(!dorothy.active);
    let hedy = all
        .results
        .iter()
        .find(|u| u.email == "hedy@acme.example")
        .unwrap();
    assert_eq!(hedy.last_login, None, "Hedy never logged in");
    assert_eq!(hedy.workspace_names, vec!["Acme Marketing".to_string()]);
    assert_eq!(
        (hedy.first_name.as_str(), hedy.last_name.as_str()),
        ("Hedy", "Lamarr")
    );

    let first = page(&client, 1, 3).await;
    assert_eq!(first.results.len(), 3);
    assert_eq!(first.count, demo_count() as i64);
    assert!(first.next.as_deref().unwrap().contains("page=2"));
    let second = page(&client, 2, 3).await;
    assert!(second.previous.is_some());
    let ids: Vec<i64> = first
        .results
        .iter()
        .chain(&second.results)
        .map(|u| u.id)
        .collect();
    let expected: Vec<i64> = all.results.iter().take(6).map(|u| u.id).collect();
    assert_eq!(ids, expected, "pages follow one another without overlap");
}

#[tokio::test]
async fn create_user_answers_with_the_new_user_and_the_list_then_counts_it() {
    let sandbox = start().await;
    let client = adverity(&sandbox, &options());
    let created = call(
        ADVERITY,
        "create_user",
        client
            .create_user()
            .body_map(|b| {
                b.email("barbara@acme.example")
                    .first_name("Barbara")
                    .last_name("Liskov")
                    .groups(vec![2])
                    .workspaces(vec![1, 3])
                    .active(true)
            })
            .send(),
    )
    .await
    .unwrap();
    assert!(created.id > 0);
    assert_eq!(created.email, "barbara@acme.example");
    assert_eq!(created.groups, vec![2]);
    assert_eq!(created.workspaces, vec![1, 3]);
    assert_eq!(
        created.workspace_names,
        vec!["Acme".to_string(), "Acme Finance".to_string()]
    );
    assert!(created.active);
    assert_eq!(created.last_login, None);

    assert_eq!(page(&client, 1, 100).await.count, demo_count() as i64 + 1);
    assert_eq!(find(&client, "barbara@acme.example").await, Some(created));

    let duplicate = call(
        ADVERITY,
        "create_user",
        client
            .create_user()
            .body_map(|b| {
                b.email("Barbara@acme.example")
                    .first_name("B")
                    .last_name("L")
                    .groups(vec![])
                    .workspaces(vec![])
                    .active(true)
            })
            .send(),
    )
    .await;
    let error = expect_status(duplicate, 400);
    assert_eq!(
        message_of(&error),
        Some("email: user with this email already exists.")
    );
    assert_eq!(page(&client, 1, 100).await.count, demo_count() as i64 + 1);
}

#[tokio::test]
async fn get_user_returns_the_listed_user_and_an_unknown_id_is_404() {
    let sandbox = start().await;
    let client = adverity(&sandbox, &options());
    let listed = find(&client, demo::LEAVER_EMAIL).await.unwrap();
    let alan = call(ADVERITY, "get_user", client.get_user().id(listed.id).send())
        .await
        .unwrap();
    assert_eq!(alan, listed);
    assert_eq!(alan.groups, vec![2]);

    let missing = call(ADVERITY, "get_user", client.get_user().id(999_999).send()).await;
    let error = expect_status(missing, 404);
    assert_eq!(message_of(&error), Some("Not found."));
}

#[tokio::test]
async fn update_user_changes_only_the_fields_sent_and_get_shows_it() {
    let sandbox = start().await;
    let client = adverity(&sandbox, &options());
    let before = find(&client, "charles@acme.example").await.unwrap();
    let updated = call(
        ADVERITY,
        "update_user",
        client
            .update_user()
            .id(before.id)
            .body_map(|b| b.active(Some(false)).groups(Some(vec![3])))
            .send(),
    )
    .await
    .unwrap();
    assert!(!updated.active);
    assert_eq!(updated.groups, vec![3]);
    assert_eq!(updated.email, before.email);
    assert_eq!(updated.first_name, before.first_name);
    assert_eq!(updated.workspaces, before.workspaces);

    let fetched = call(ADVERITY, "get_user", client.get_user().id(before.id).send())
        .await
        .unwrap();
    assert_eq!(fetched, updated);
}

#[tokio::test]
async fn delete_user_removes_the_user_so_get_is_404_and_the_count_drops() {
    let sandbox = start().await;
    let client = adverity(&sandbox, &options());
    let charles = find(&client, "charles@acme.example").await.unwrap();
    call(
        ADVERITY,
        "delete_user",
        client.delete_user().id(charles.id).send(),
    )
    .await
    .unwrap();

    let gone = call(
        ADVERITY,
        "get_user",
        client.get_user().id(charles.id).send(),
    )
    .await;
    assert!(expect_status(gone, 404).is_not_found());
    assert_eq!(page(&client, 1, 100).await.count, demo_count() as i64 - 1);
    assert_eq!(find(&client, "charles@acme.example").await, None);
    let again = call(
        ADVERITY,
        "delete_user",
        client.delete_user().id(charles.id).send(),
    )
    .await;
    expect_status(again, 404);
}
