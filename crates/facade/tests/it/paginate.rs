//! The pagination streams over real HTTP: Model-Prime's `{count, items}` pages and
//! Adverity's `{count, next, previous, results}` pages served by wiremock, through the
//! generated clients. Requests are counted from wiremock's record.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use serde_json::{Value, json};
use usermgmt::paginate::PageOptions;
use usermgmt::{ClientOptions, Error, Provider, RetryPolicy, adverity, modelprime};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::options;

const MODELPRIME_PREFIX: &str = "/api/oum/v1";
const ADVERITY_PREFIX: &str = "/api/v1";

/// Which provider's page shape a [`Listing`] answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    ModelPrime,
    Adverity,
}

/// A listing of `total` numbered users answering page requests the provider's way.
/// `fail` makes one page a 500 while it is set; `delay` slows each page down.
#[derive(Clone)]
struct Listing {
    shape: Shape,
    total: u64,
    fail: Option<(u64, Arc<AtomicBool>)>,
    delay: fn(u64) -> Duration,
}

impl Listing {
    fn new(shape: Shape, total: u64) -> Self {
        Self {
            shape,
            total,
            fail: None,
            delay: |_| Duration::ZERO,
        }
    }

    fn item(&self, i: u64) -> Value {
        let email = format!("user{i:05}@load.example");
        match self.shape {
            Shape::ModelPrime => {
                json!({"id": format!("auth0|{i:05}"), "email": email, "name": format!("User {i}")})
            }
            Shape::Adverity => json!({
                "id": i,
                "email": email,
                "first_name": "User",
                "last_name": i.to_string(),
                "active": true,
                "groups": [],
                "workspaces": [1],
                "workspace_names": ["Acme"],
                "created": "2024-01-01T09:00:00Z",
                "last_login": null,
                "last_modified": "2024-01-02T09:00:00Z",
            }),
        }
    }
}

impl Respond for Listing {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let param = |name: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<u64>().ok())
        };
        let page_param = match self.shape {
            Shape::ModelPrime => "page_number",
            Shape::Adverity => "page",
        };
        let page = param(page_param).unwrap_or(1);
        let size = param("page_size").unwrap_or(100);
        if let Some((failing, on)) = &self.fail
            && *failing == page
            && on.load(Ordering::SeqCst)
        {
            return ResponseTemplate::new(500).set_body_json(json!({"detail": "boom"}));
        }
        let start = (page - 1) * size;
        let items: Vec<Value> = (start..self.total.min(start + size))
            .map(|i| self.item(i))
            .collect();
        let body = match self.shape {
            Shape::ModelPrime => json!({"count": self.total, "items": items}),
            Shape::Adverity => {
                let link = |p: u64| format!("http://adverity.test/api/v1/users/?page={p}");
                json!({
                    "count": self.total,
                    "next": (start + size < self.total).then(|| link(page + 1)),
                    "previous": (page > 1).then(|| link(page - 1)),
                    "results": items,
                })
            }
        };
        ResponseTemplate::new(200)
            .set_body_json(body)
            .set_delay((self.delay)(page))
    }
}

/// A wiremock server serving `listing` at the provider's users path; any other request
/// fails the test.
async fn serve(listing: Listing) -> MockServer {
    let server = MockServer::start().await;
    let users = match listing.shape {
        Shape::ModelPrime => format!("{MODELPRIME_PREFIX}/users"),
        Shape::Adverity => format!("{ADVERITY_PREFIX}/users/"),
    };
    Mock::given(method("GET"))
        .and(path(users))
        .respond_with(listing)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(418))
        .with_priority(u8::MAX)
        .expect(0)
        .named("a request no test expected")
        .mount(&server)
        .await;
    server
}

fn modelprime_client(server: &MockServer, options: &ClientOptions) -> modelprime::Client {
    modelprime::Client::connect(
        &format!("{}{MODELPRIME_PREFIX}", server.uri()),
        &modelprime::ModelPrimeCredentials::new("me@acme.example", "mpat_test"),
        options,
    )
    .unwrap()
}

fn adverity_client(server: &MockServer, options: &ClientOptions) -> adverity::Client {
    adverity::Client::connect(
        &format!("{}{ADVERITY_PREFIX}", server.uri()),
        &adverity::AdverityCredentials::new("key"),
        options,
    )
    .unwrap()
}

/// The (page, page_size) of every request the server received, in arrival order.
async fn requests(server: &MockServer, page_param: &str) -> Vec<(u64, u64)> {
    let param = |request: &Request, name: &str| {
        request
            .url
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.parse::<u64>().unwrap())
            .unwrap_or_else(|| panic!("{} lacks {name}", request.url))
    };
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| (param(r, page_param), param(r, "page_size")))
        .collect()
}

/// The numbers of the users a Model-Prime stream yielded, and the error it ended with.
async fn modelprime_numbers(
    client: &modelprime::Client,
    options: PageOptions,
) -> (Vec<u64>, Option<Error>) {
    let mut stream = modelprime::users(client, options, None);
    let mut numbers = Vec::new();
    while let Some(item) = stream.next().await {
        match item {
            Ok(user) => numbers.push(user.id.trim_start_matches("auth0|").parse().unwrap()),
            Err(error) => {
                assert!(stream.next().await.is_none(), "an error ends the stream");
                return (numbers, Some(error));
            }
        }
    }
    (numbers, None)
}

async fn adverity_numbers(client: &adverity::Client, options: PageOptions) -> Vec<u64> {
    adverity::users(client, options)
        .map_ok(|user| u64::try_from(user.id).unwrap())
        .try_collect()
        .await
        .unwrap()
}

fn sorted_pages(requests: &[(u64, u64)]) -> Vec<u64> {
    let mut pages: Vec<u64> = requests.iter().map(|(page, _)| *page).collect();
    pages.sort_unstable();
    pages
}

#[tokio::test]
async fn modelprime_users_stream_over_zero_one_exactly_full_and_many_pages() {
    for (total, pages) in [(0, 1), (7, 1), (10, 1), (95, 10)] {
        let server = serve(Listing::new(Shape::ModelPrime, total)).await;
        let client = modelprime_client(&server, &options());
        let (numbers, error) =
            modelprime_numbers(&client, PageOptions::default().page_size(10)).await;
        assert!(error.is_none(), "total {total}: {error:?}");
        assert_eq!(numbers, (0..total).collect::<Vec<_>>(), "total {total}");
        let sent = requests(&server, "page_number").await;
        assert_eq!(
            sorted_pages(&sent),
            (1..=pages).collect::<Vec<_>>(),
            "total {total}"
        );
        assert!(sent.iter().all(|(_, size)| *size == 10), "{sent:?}");
    }
}

#[tokio::test]
async fn adverity_users_stream_over_zero_one_exactly_full_and_many_pages() {
    for (total, pages) in [(0, 1), (7, 1), (10, 1), (95, 10)] {
        let server = serve(Listing::new(Shape::Adverity, total)).await;
        let client = adverity_client(&server, &options());
        let numbers = adverity_numbers(&client, PageOptions::default().page_size(10)).await;
        assert_eq!(numbers, (0..total).collect::<Vec<_>>(), "total {total}");
        let sent = requests(&server, "page").await;
        assert_eq!(
            sorted_pages(&sent),
            (1..=pages).collect::<Vec<_>>(),
            "total {total}"
        );
        assert!(sent.iter().all(|(_, size)| *size == 10), "{sent:?}");
    }
}

#[tokio::test]
async fn the_modelprime_name_search_is_sent_with_every_page() {
    let server = serve(Listing::new(Shape::ModelPrime, 25)).await;
    let client = modelprime_client(&server, &options());
    let users: Vec<_> =
        modelprime::users(&client, PageOptions::default().page_size(10), Some("ada"))
            .try_collect()
            .await
            .unwrap();
    assert_eq!(users.len(), 25);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    for request in received {
        assert!(
            request
                .url
                .query_pairs()
                .any(|(k, v)| k == "name_search" && v == "ada"),
            "{}",
            request.url
        );
    }
}

#[tokio::test]
async fn a_failing_middle_page_yields_the_pages_before_it_then_an_error_naming_the_page() {
    let failing = Arc::new(AtomicBool::new(true));
    let listing = Listing {
        fail: Some((3, failing.clone())),
        ..Listing::new(Shape::ModelPrime, 50)
    };
    let server = serve(listing).await;
    let client = modelprime_client(
        &server,
        &ClientOptions::default().with_retry(RetryPolicy::none()),
    );
    let (numbers, error) = modelprime_numbers(&client, PageOptions::default().page_size(10)).await;
    assert_eq!(
        numbers,
        (0..20).collect::<Vec<_>>(),
        "pages 1 and 2, nothing after"
    );
    let error = error.expect("the stream ends with an error");
    assert!(
        error.to_string().contains("resume from that page"),
        "{error}"
    );
    match error {
        Error::Page { page: 3, source } => match *source {
            Error::Status {
                provider,
                operation,
                status,
                ..
            } => {
                assert_eq!(provider, Provider::ModelPrime);
                assert_eq!(operation, "list_users");
                assert_eq!(status, 500);
            }
            other => panic!("expected the 500, got {other:?}"),
        },
        other => panic!("expected a page 3 error, got {other:?}"),
    }
    let page_three = requests(&server, "page_number")
        .await
        .iter()
        .filter(|(page, _)| *page == 3)
        .count();
    assert_eq!(page_three, 1, "a client without retries asks once");

    failing.store(false, Ordering::SeqCst);
    let (rest, error) =
        modelprime_numbers(&client, PageOptions::default().page_size(10).start_page(3)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(
        rest,
        (20..50).collect::<Vec<_>>(),
        "resuming at page 3 gives the rest"
    );
}

#[tokio::test]
async fn a_page_size_above_the_provider_maximum_is_sent_as_the_maximum() {
    let server = serve(Listing::new(Shape::ModelPrime, 250)).await;
    let client = modelprime_client(&server, &options());
    let (numbers, error) = modelprime_numbers(&client, PageOptions::default().page_size(500)).await;
    assert!(error.is_none());
    assert_eq!(numbers, (0..250).collect::<Vec<_>>());
    let sent = requests(&server, "page_number").await;
    assert_eq!(sorted_pages(&sent), vec![1, 2, 3]);
    assert!(sent.iter().all(|(_, size)| *size == 100), "{sent:?}");

    let server = serve(Listing::new(Shape::Adverity, 150)).await;
    let client = adverity_client(&server, &options());
    let numbers = adverity_numbers(&client, PageOptions::default().page_size(1_000)).await;
    assert_eq!(numbers.len(), 150);
    let sent = requests(&server, "page").await;
    assert_eq!(sorted_pages(&sent), vec![1, 2]);
    assert!(
        sent.iter()
            .all(|(_, size)| *size == adverity::MAX_PAGE_SIZE),
        "{sent:?}"
    );
}

#[tokio::test]
async fn concurrent_prefetch_yields_items_in_page_order_when_later_pages_answer_first() {
    const STEP_MS: u64 = 120;
    let listing = Listing {
        // Page 2 answers last, page 8 first.
        delay: |page| Duration::from_millis(if page == 1 { 0 } else { (9 - page) * STEP_MS }),
        ..Listing::new(Shape::ModelPrime, 80)
    };
    let server = serve(listing).await;
    let client = modelprime_client(&server, &options());
    let started = Instant::now();
    let (numbers, error) =
        modelprime_numbers(&client, PageOptions::default().page_size(10).concurrency(4)).await;
    let elapsed = started.elapsed();
    assert!(error.is_none(), "{error:?}");
    assert_eq!(numbers, (0..80).collect::<Vec<_>>());
    assert_eq!(
        sorted_pages(&requests(&server, "page_number").await),
        (1..=8).collect::<Vec<_>>()
    );
    // One page at a time would take the sum of the delays (28 steps); four at once about 10.
    let sequential = Duration::from_millis(28 * STEP_MS);
    assert!(
        elapsed < sequential * 3 / 4,
        "{elapsed:?}: the pages were not fetched concurrently"
    );
}

#[tokio::test]
async fn limit_stops_requests_early() {
    let server = serve(Listing::new(Shape::ModelPrime, 1_000)).await;
    let client = modelprime_client(&server, &options());
    let (numbers, _) =
        modelprime_numbers(&client, PageOptions::default().page_size(10).limit(25)).await;
    assert_eq!(numbers, (0..25).collect::<Vec<_>>());
    assert_eq!(
        sorted_pages(&requests(&server, "page_number").await),
        vec![1, 2, 3]
    );

    let server = serve(Listing::new(Shape::ModelPrime, 1_000)).await;
    let client = modelprime_client(&server, &options());
    let (numbers, _) =
        modelprime_numbers(&client, PageOptions::default().page_size(10).limit(10)).await;
    assert_eq!(numbers.len(), 10);
    assert_eq!(
        requests(&server, "page_number").await.len(),
        1,
        "a limit on a page boundary needs no second page"
    );

    let server = serve(Listing::new(Shape::Adverity, 1_000)).await;
    let client = adverity_client(&server, &options());
    let numbers = adverity_numbers(&client, PageOptions::default().page_size(10).limit(25)).await;
    assert_eq!(numbers, (0..25).collect::<Vec<_>>());
    assert_eq!(
        sorted_pages(&requests(&server, "page").await),
        vec![1, 2, 3]
    );
}

#[tokio::test]
async fn nothing_is_requested_until_the_stream_is_polled() {
    let server = serve(Listing::new(Shape::ModelPrime, 10)).await;
    let client = modelprime_client(&server, &options());
    let stream = modelprime::users(&client, PageOptions::default(), None);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(server.received_requests().await.unwrap().is_empty());
    drop(stream);
}
