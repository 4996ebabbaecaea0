//! Django REST Framework's `PageNumberPagination`, as Adverity's lists use it: `page` and
//! `page_size` parameters and absolute `next` / `previous` links.
//!
//! Faithful details: a bad `page` (not a number, 0, past the end) is 404 "Invalid page.",
//! `page=last` works, and the link to page 1 drops `page` from the query, which is
//! re-encoded sorted by key. One choice where DRF's default differs: a `page_size` that
//! is not an integer of at least 1 is a 400 field error (DRF would silently use the
//! default), because the spec documents `minimum: 1` and a client that asked for another
//! size should learn that it did not get it.

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

/// Why a page cannot be served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageError {
    /// DRF's "Invalid page." (404).
    InvalidPage,
    /// `page_size` is not an integer of at least 1 (400).
    InvalidSize,
}

/// The requested page.
pub(crate) fn resolve(
    page: Option<&str>,
    page_size: Option<&str>,
    count: usize,
) -> Result<Page, PageError> {
    let size = match page_size {
        None => DEFAULT_PAGE_SIZE,
        // Any integer of at least 1, however large (more than there are users is fine).
        Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            match s.parse::<usize>() {
                Ok(0) => return Err(PageError::InvalidSize),
                Ok(n) => n,
                Err(_) => usize::MAX,
            }
        }
        Some(_) => return Err(PageError::InvalidSize),
    };
    let pages = count.div_ceil(size).max(1);
    let number = match page {
        None => 1,
        Some("last") => pages,
        Some(s) => s.parse::<usize>().map_err(|_| PageError::InvalidPage)?,
    };
    if !(1..=pages).contains(&number) {
        return Err(PageError::InvalidPage);
    }
    Ok(Page {
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
    fn the_default_is_50_and_bad_page_sizes_are_refused() {
        let page = resolve(None, None, 120).unwrap();
        assert_eq!((page.number, page.size, page.pages), (1, 50, 3));
        for bad in ["0", "abc", "-1", " 5", ""] {
            assert_eq!(
                resolve(None, Some(bad), 120),
                Err(PageError::InvalidSize),
                "{bad:?}"
            );
        }
        assert_eq!(resolve(Some("last"), Some("100"), 120).unwrap().number, 2);
        let huge = resolve(None, Some("1262745759138277426263490560"), 120).unwrap();
        assert_eq!((huge.number, huge.pages), (1, 1));
    }

    #[test]
    fn invalid_pages_are_rejected_but_page_one_of_nothing_is_fine() {
        for (page, count) in [("4", 120), ("0", 120), ("x", 120), ("2", 0)] {
            assert_eq!(
                resolve(Some(page), None, count),
                Err(PageError::InvalidPage),
                "{page}"
            );
        }
        assert_eq!(resolve(Some("1"), None, 0).unwrap().pages, 1);
    }
}
