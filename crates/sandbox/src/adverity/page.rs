//! Django REST Framework's `PageNumberPagination`, as Adverity's lists use it: `page` and
//! `page_size` parameters and absolute `next` / `previous` links.
//!
//! Faithful details: a bad `page` (not a number, 0, past the end) is 404 "Invalid page.",
//! a bad `page_size` falls back to the default, `page=last` works, and the link to page 1
//! drops `page` from the query, which is re-encoded sorted by key.

use url::form_urlencoded;
use wiremock::Request;

use crate::request::{header, query_pairs};

/// Adverity's documented default page size.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 50;

/// The page the request asks for, resolved against the number of items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page {
    /// 1-based page number.
    pub(crate) number: usize,
    /// Items per page.
    pub(crate) size: usize,
    /// Number of pages (at least 1).
    pub(crate) pages: usize,
}

impl Page {
    /// Index of the first item on this page.
    pub(crate) fn start(&self) -> usize {
        (self.number - 1).saturating_mul(self.size)
    }
}

/// The requested page, or `None` for DRF's "Invalid page." (404).
pub(crate) fn resolve(page: Option<&str>, page_size: Option<&str>, count: usize) -> Option<Page> {
    let size = page_size
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_PAGE_SIZE);
    let pages = count.div_ceil(size).max(1);
    let number = match page.map(str::trim) {
        None => 1,
        Some("last") => pages,
        Some(s) => s.parse::<usize>().ok()?,
    };
    (1..=pages).contains(&number).then_some(Page {
        number,
        size,
        pages,
    })
}

/// The absolute URL of page `number` of the same list (DRF's `replace_query_param`, or
/// `remove_query_param` for page 1), built from the request's `Host` like Django does.
pub(crate) fn link(request: &Request, fallback_host: &str, number: usize) -> String {
    let host = header(request, "host").unwrap_or(fallback_host);
    let mut pairs: Vec<(String, String)> = query_pairs(request)
        .into_iter()
        .filter(|(k, _)| k != "page")
        .collect();
    if number > 1 {
        pairs.push(("page".into(), number.to_string()));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let path = request.url.path();
    if query.is_empty() {
        format!("http://{host}{path}")
    } else {
        format!("http://{host}{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bad_page_sizes_fall_back_to_50() {
        let page = resolve(None, None, 120).unwrap();
        assert_eq!((page.number, page.size, page.pages), (1, 50, 3));
        assert_eq!(resolve(None, Some("0"), 120).unwrap().size, 50);
        assert_eq!(resolve(None, Some("abc"), 120).unwrap().size, 50);
        assert_eq!(resolve(Some("last"), Some("100"), 120).unwrap().number, 2);
    }

    #[test]
    fn invalid_pages_are_rejected_but_page_one_of_nothing_is_fine() {
        assert_eq!(resolve(Some("4"), None, 120), None);
        assert_eq!(resolve(Some("0"), None, 120), None);
        assert_eq!(resolve(Some("x"), None, 120), None);
        assert_eq!(resolve(Some("1"), None, 0).unwrap().pages, 1);
        assert_eq!(resolve(Some("2"), None, 0), None);
    }
}
