//! One wiremock server per provider: a catch-all mock whose responder applies faults and
//! then hands the request to the provider's fake.
//!
//! wiremock does everything needed here (fixed listener, no request recording, a custom
//! `Respond`, delays), so there is no hand-written HTTP server.

use std::net::TcpListener;
use std::sync::Arc;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::FakeApi;
use crate::faults::{Fault, Faults};
use crate::persist::StateFile;
use crate::reply::Reply;

/// A body that is not JSON, sent by [`Faults::next_malformed`].
pub(crate) const MALFORMED_BODY: &str =
    r#"{"sandbox": "malformed response injected by usermgmt-sandbox",, "#;

/// The behaviour of one fake API.
pub(crate) trait Api: Send + Sync + 'static {
    /// Which provider this is (for logs).
    fn provider(&self) -> FakeApi;

    /// Answers a request (auth, routing, validation, state).
    fn handle(&self, request: &Request) -> Reply;

    /// The provider's error answer for an injected 429 (with its `Retry-After` seconds) or 5xx.
    fn fault_reply(&self, status: u16, retry_after_secs: Option<u64>) -> Reply;

    /// Headers the provider adds to every answer, faults included.
    fn decorate(&self, _reply: &mut Reply) {}
}

/// The page a gateway sends in place of the API's answer.
fn html_page(status: u16) -> String {
    format!(
        "<html>\n<head><title>{status} Gateway Page</title></head>\n\
         <body><center><h1>{status} Gateway Page</h1></center><hr><center>nginx</center></body>\n</html>\n"
    )
}

/// The wiremock responder: faults first, then the fake, then (with a state file) a save
/// after every successful change.
struct Served<A> {
    api: A,
    faults: Faults,
    state_file: Option<Arc<StateFile>>,
}

/// Whether a request with this method and answer may have changed a fake's state.
fn may_have_changed(method: &str, status: u16) -> bool {
    !matches!(method, "GET" | "HEAD" | "OPTIONS") && status < 400
}

impl<A: Api> Respond for Served<A> {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.faults.record(crate::faults::ReceivedRequest {
            method: request.method.to_string(),
            path: request.url.path().to_string(),
            body: String::from_utf8_lossy(&request.body).into_owned(),
        });
        let (fault, delay) = self.faults.take();
        let mut reply = match fault {
            Some(Fault::RateLimited { retry_after_secs }) => self
                .api
                .fault_reply(429, Some(retry_after_secs))
                .header("Retry-After", retry_after_secs.to_string()),
            Some(Fault::ServerError { status }) => self.api.fault_reply(status, None),
            Some(Fault::Malformed) => Reply::raw(200, MALFORMED_BODY.as_bytes().to_vec()),
            Some(Fault::Html { status }) => Reply::raw(status, html_page(status).into_bytes())
                .header("Content-Type", "text/html"),
            Some(Fault::Truncated) => {
                let mut reply = self.api.handle(request);
                reply.truncate();
                reply
            }
            None => self.api.handle(request),
        };
        self.api.decorate(&mut reply);
        if let Some(file) = &self.state_file
            && may_have_changed(request.method.as_str(), reply.status)
        {
            file.save_or_log();
        }
        tracing::debug!(
            provider = %self.api.provider(),
            method = %request.method,
            path = request.url.path(),
            status = reply.status,
            fault = ?fault,
            "sandbox request"
        );
        reply.into_template(delay)
    }
}

/// Starts a server for `api` on `listener` and mounts the catch-all responder.
pub(crate) async fn serve<A: Api>(
    api: A,
    faults: Faults,
    state_file: Option<Arc<StateFile>>,
    listener: TcpListener,
) -> MockServer {
    let server = MockServer::builder()
        .listener(listener)
        .disable_request_recording()
        .start()
        .await;
    Mock::given(any())
        .respond_with(Served {
            api,
            faults,
            state_file,
        })
        .mount(&server)
        .await;
    server
}
