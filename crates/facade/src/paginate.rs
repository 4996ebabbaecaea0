//! Auto-pagination: any page-numbered listing as a lazy [`Stream`] of items.
//!
//! Written here rather than taken from a crate: the behaviour that matters (known-total
//! prefetch yielded in order, resume page on error, repeated-page detection, page size
//! clamping) is specific to these APIs; `futures`' `buffered` does the concurrency.

use std::future::Future;

use futures::stream::{self, BoxStream, Stream, StreamExt, TryStreamExt};
use usermgmt_runtime::Error;

/// One page as a provider returned it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items on the page, in server order.
    pub items: Vec<T>,
    /// The total number of items across all pages, when the server says.
    pub total: Option<u64>,
}

/// How to walk a listing. `page_size` and `limit` are separate knobs: the first is how
/// many items each request asks for, the second how many items the stream yields in all.
///
/// No setting is required: the default walks every page at the provider's maximum page
/// size, 4 pages at a time, from page 1, without a limit.
///
/// ```
/// use usermgmt::paginate::PageOptions;
/// let options = PageOptions::default().page_size(500).limit(1_000);
/// assert_eq!(options.page_size_for(100), 100); // clamped to the provider's maximum
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageOptions {
    page_size: Option<u64>,
    limit: Option<u64>,
    concurrency: usize,
    start_page: u64,
}

impl Default for PageOptions {
    fn default() -> Self {
        Self {
            page_size: None,
            limit: None,
            concurrency: 4,
            start_page: 1,
        }
    }
}

impl PageOptions {
    /// Items per request; clamped to the provider's maximum. Default: the provider's maximum.
    pub fn page_size(mut self, size: u64) -> Self {
        self.page_size = Some(size.max(1));
        self
    }

    /// Stop after this many items (no further pages are requested).
    pub fn limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Pages fetched at once once the total is known (at least 1). Default 4.
    pub fn concurrency(mut self, pages: usize) -> Self {
        self.concurrency = pages.max(1);
        self
    }

    /// Start at this page (1-based), e.g. the one an [`Error::Page`] said to resume from.
    pub fn start_page(mut self, page: u64) -> Self {
        self.start_page = page.max(1);
        self
    }

    /// The page size to request from a provider whose maximum is `max`.
    pub fn page_size_for(&self, max: u64) -> u64 {
        self.page_size.unwrap_or(max).clamp(1, max.max(1))
    }
}

/// Stream every item of a listing, fetching pages with `fetch(page, page_size)`.
///
/// Lazy: nothing is requested until the stream is polled. The first page is fetched
/// alone; when it tells the total, the remaining pages are fetched `concurrency` at a
/// time and still yielded in order. Without a total, pages are fetched one by one until
/// an empty, short or repeated page. A failing page ends the stream with
/// [`Error::Page`] naming the page to resume from: never a silently short list.
/// Boxed, so callers can `.next().await` on it without pinning.
pub fn paginate<T, F, Fut>(
    fetch: F,
    options: PageOptions,
    max_page_size: u64,
) -> BoxStream<'static, Result<T, Error>>
where
    T: PartialEq + Clone + Send + 'static,
    F: Fn(u64, u64) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Page<T>, Error>> + Send + 'static,
{
    let page_size = options.page_size_for(max_page_size);
    let first = options.start_page;
    let limit = options.limit;
    let pages = stream::once({
        let fetch = fetch.clone();
        async move { fetch(first, page_size).await.map_err(|e| at_page(first, e)) }
    })
    .map_ok(move |page| {
        let rest: BoxStream<'static, Result<Page<T>, Error>> =
            match (page.total, pages_needed(first, page_size, limit)) {
                _ if page.items.is_empty() => stream::empty().boxed(),
                (Some(total), wanted) => {
                    let last_by_total = total.div_ceil(page_size);
                    let last = wanted.map_or(last_by_total, |w| w.min(last_by_total));
                    prefetch(
                        fetch.clone(),
                        first + 1,
                        last,
                        page_size,
                        options.concurrency,
                    )
                }
                (None, _) if (page.items.len() as u64) < page_size => stream::empty().boxed(),
                (None, _) => sequential(fetch.clone(), first + 1, page_size),
            };
        stream::once(async move { Ok(page) }).chain(rest)
    })
    .try_flatten();

    stop_on_repeat(pages)
        .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
        .try_flatten()
        // `take` stops polling at the limit, so no page past it is requested.
        .take(limit.map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX)))
        .boxed()
}

/// How many pages from `first` cover `limit` items, if there is a limit.
fn pages_needed(first: u64, page_size: u64, limit: Option<u64>) -> Option<u64> {
    limit.map(|l| first + l.div_ceil(page_size).max(1) - 1)
}

fn at_page(page: u64, error: Error) -> Error {
    match error {
        Error::Page { .. } => error,
        source => Error::Page {
            page,
            source: Box::new(source),
        },
    }
}

/// Pages `from..=to`, `concurrency` requests in flight, yielded in page order.
fn prefetch<T, F, Fut>(
    fetch: F,
    from: u64,
    to: u64,
    page_size: u64,
    concurrency: usize,
) -> BoxStream<'static, Result<Page<T>, Error>>
where
    T: Send + 'static,
    F: Fn(u64, u64) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Page<T>, Error>> + Send + 'static,
{
    stream::iter(from..=to)
        .map(move |page| {
            let fetch = fetch.clone();
            async move { fetch(page, page_size).await.map_err(|e| at_page(page, e)) }
        })
        .buffered(concurrency)
        // An empty page before the computed end means the listing shrank meanwhile.
        .take_while(|page| futures::future::ready(!matches!(page, Ok(p) if p.items.is_empty())))
        .boxed()
}

/// Pages from `from` on, one at a time, until an empty or short page.
fn sequential<T, F, Fut>(
    fetch: F,
    from: u64,
    page_size: u64,
) -> BoxStream<'static, Result<Page<T>, Error>>
where
    T: Send + 'static,
    F: Fn(u64, u64) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Page<T>, Error>> + Send + 'static,
{
    stream::unfold(Some(from), move |next| {
        let fetch = fetch.clone();
        async move {
            let page_number = next?;
            match fetch(page_number, page_size).await {
                Ok(page) if page.items.is_empty() => None,
                Ok(page) => {
                    let more = (page.items.len() as u64) >= page_size;
                    Some((Ok(page), more.then_some(page_number + 1)))
                }
                Err(error) => Some((Err(at_page(page_number, error)), None)),
            }
        }
    })
    .boxed()
}

/// End the stream when a page repeats the previous one (a server ignoring the page
/// parameter would otherwise loop forever); an error ends it too. Pages are compared by
/// length and first and last item, which is cheap and tells a repeat from a next page.
fn stop_on_repeat<T: PartialEq + Clone + Send + 'static>(
    pages: impl Stream<Item = Result<Page<T>, Error>> + Send + 'static,
) -> impl Stream<Item = Result<Page<T>, Error>> {
    type Fingerprint<T> = (usize, Option<T>, Option<T>);
    pages.scan((None::<Fingerprint<T>>, false), |(previous, done), page| {
        if *done {
            return futures::future::ready(None);
        }
        let out = match page {
            Ok(page) => {
                let print = (
                    page.items.len(),
                    page.items.first().cloned(),
                    page.items.last().cloned(),
                );
                if previous.as_ref() == Some(&print) {
                    None
                } else {
                    *previous = Some(print);
                    Some(Ok(page))
                }
            }
            Err(error) => {
                *done = true;
                Some(Err(error))
            }
        };
        futures::future::ready(out)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use usermgmt_runtime::Provider;

    use super::*;

    /// A fake listing of `total` numbered items; counts requests; `fail` makes one page 500.
    #[derive(Clone)]
    struct Listing {
        total: u64,
        tells_total: bool,
        fail: Option<u64>,
        requests: Arc<AtomicUsize>,
        /// Later pages answer sooner, so concurrent fetches complete out of order.
        reverse_delays: bool,
    }

    impl Listing {
        fn new(total: u64) -> Self {
            Self {
                total,
                tells_total: true,
                fail: None,
                requests: Arc::default(),
                reverse_delays: false,
            }
        }

        fn fetcher(
            &self,
        ) -> impl Fn(u64, u64) -> futures::future::BoxFuture<'static, Result<Page<u64>, Error>>
        + Clone
        + Send
        + 'static {
            let this = self.clone();
            move |page, size| {
                let this = this.clone();
                Box::pin(async move {
                    this.requests.fetch_add(1, Ordering::SeqCst);
                    if this.reverse_delays {
                        tokio::time::sleep(Duration::from_millis(1000 / page)).await;
                    }
                    if this.fail == Some(page) {
                        return Err(Error::from_status(
                            Provider::ModelPrime,
                            "list_users",
                            500,
                            "{}".into(),
                        ));
                    }
                    let start = (page - 1) * size;
                    let items = (start..this.total.min(start + size)).collect();
                    Ok(Page {
                        items,
                        total: this.tells_total.then_some(this.total),
                    })
                })
            }
        }

        fn requests(&self) -> usize {
            self.requests.load(Ordering::SeqCst)
        }
    }

    async fn collect(
        listing: &Listing,
        options: PageOptions,
        max: u64,
    ) -> (Vec<u64>, Option<Error>) {
        let mut items = Vec::new();
        let stream = paginate(listing.fetcher(), options, max);
        futures::pin_mut!(stream);
        while let Some(item) = stream.next().await {
            match item {
                Ok(item) => items.push(item),
                Err(error) => return (items, Some(error)),
            }
        }
        (items, None)
    }

    #[tokio::test]
    async fn streams_over_zero_one_exactly_full_and_many_pages() {
        for (total, expected_requests) in [(0, 1), (7, 1), (10, 1), (95, 10)] {
            let listing = Listing::new(total);
            let (items, error) = collect(&listing, PageOptions::default(), 10).await;
            assert!(error.is_none());
            assert_eq!(items, (0..total).collect::<Vec<_>>(), "total {total}");
            assert_eq!(listing.requests(), expected_requests, "total {total}");
        }
    }

    #[tokio::test]
    async fn without_a_total_pages_are_fetched_until_a_short_or_empty_page() {
        for (total, expected_requests) in [(0, 1), (10, 2), (25, 3)] {
            let listing = Listing {
                tells_total: false,
                ..Listing::new(total)
            };
            let (items, error) = collect(&listing, PageOptions::default(), 10).await;
            assert!(error.is_none());
            assert_eq!(items.len() as u64, total);
            assert_eq!(listing.requests(), expected_requests, "total {total}");
        }
    }

    #[tokio::test]
    async fn a_failing_middle_page_ends_the_stream_with_the_page_to_resume_from() {
        let listing = Listing {
            fail: Some(3),
            ..Listing::new(50)
        };
        let (items, error) = collect(&listing, PageOptions::default().concurrency(1), 10).await;
        assert_eq!(items, (0..20).collect::<Vec<_>>());
        let error = error.expect("the stream must end with an error");
        assert!(matches!(error, Error::Page { page: 3, .. }), "{error:?}");
        assert!(
            error.to_string().contains("resume from that page"),
            "{error}"
        );

        let resumed = Listing::new(50);
        let (rest, error) = collect(&resumed, PageOptions::default().start_page(3), 10).await;
        assert!(error.is_none());
        assert_eq!(rest, (20..50).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_failing_first_page_is_an_error_for_page_one() {
        let listing = Listing {
            fail: Some(1),
            ..Listing::new(50)
        };
        let (items, error) = collect(&listing, PageOptions::default(), 10).await;
        assert!(items.is_empty());
        assert!(matches!(error, Some(Error::Page { page: 1, .. })));
    }

    #[tokio::test]
    async fn a_page_size_above_the_provider_maximum_is_clamped() {
        let listing = Listing::new(250);
        let (items, _) = collect(&listing, PageOptions::default().page_size(1_000), 100).await;
        assert_eq!(items.len(), 250);
        assert_eq!(listing.requests(), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_prefetch_yields_pages_in_order_even_when_they_answer_out_of_order() {
        let listing = Listing {
            reverse_delays: true,
            ..Listing::new(80)
        };
        let (items, error) = collect(&listing, PageOptions::default().concurrency(4), 10).await;
        assert!(error.is_none());
        assert_eq!(items, (0..80).collect::<Vec<_>>());
        assert_eq!(listing.requests(), 8);
    }

    #[tokio::test]
    async fn limit_stops_requests_early() {
        let listing = Listing::new(1_000);
        let (items, _) = collect(&listing, PageOptions::default().limit(25), 10).await;
        assert_eq!(items, (0..25).collect::<Vec<_>>());
        assert_eq!(listing.requests(), 3);

        let unknown_total = Listing {
            tells_total: false,
            ..Listing::new(1_000)
        };
        let (items, _) = collect(&unknown_total, PageOptions::default().limit(20), 10).await;
        assert_eq!(items.len(), 20);
        assert_eq!(
            unknown_total.requests(),
            2,
            "a limit on a page boundary needs no next page"
        );
    }

    #[tokio::test]
    async fn a_server_that_repeats_the_same_page_does_not_loop_forever() {
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        let fetch = move |_page: u64, size: u64| {
            counter.fetch_add(1, Ordering::SeqCst);
            async move {
                Ok(Page {
                    items: (0..size).collect::<Vec<u64>>(),
                    total: None,
                })
            }
        };
        let items: Vec<u64> = paginate(fetch, PageOptions::default(), 10)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items, (0..10).collect::<Vec<_>>());
        assert_eq!(requests.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn nothing_is_requested_until_the_stream_is_polled() {
        let listing = Listing::new(10);
        let stream = paginate(listing.fetcher(), PageOptions::default(), 10);
        tokio::task::yield_now().await;
        assert_eq!(listing.requests(), 0);
        drop(stream);
    }
}
