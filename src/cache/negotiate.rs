//! Answering from a cached page: the encoding the request prefers (q-values and `*`
//! honoured, by actix's typed `Accept-Encoding`), one strong ETag per representation
//! (RFC 9110 §8.8.3: the gzip, brotli and identity bodies differ, so their tags do too), and
//! 304 when `If-None-Match` names any of our tags for that content.

use actix_web::HttpResponse;
use actix_web::dev::ServiceRequest;
use std::cell::RefCell;
use std::collections::HashMap;

use actix_web::http::header::{
    ACCEPT_ENCODING, AcceptEncoding, CONTENT_ENCODING, ETAG, Encoding, EntityTag, Header,
    HeaderName, HeaderValue, IF_NONE_MATCH, IfNoneMatch, VARY,
};
use actix_web::web::Bytes;

use super::store::CachedPage;

/// The representations we hold, in our order of preference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    pub const ALL: [Coding; 3] = [Coding::Brotli, Coding::Gzip, Coding::Identity];

    fn suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "-br",
            Coding::Gzip => "-gz",
            Coding::Identity => "",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The coding for a request's `Accept-Encoding`. Browsers send a handful of distinct values,
/// so each worker remembers its last few answers rather than parse the same header again.
fn coding_for(req: &ServiceRequest) -> Coding {
    thread_local! {
        static SEEN: RefCell<HashMap<HeaderValue, Coding>> = RefCell::new(HashMap::new());
    }
    let Some(value) = req.headers().get(ACCEPT_ENCODING) else {
        return Coding::Identity;
    };
    if let Some(coding) = SEEN.with(|seen| seen.borrow().get(value).copied()) {
        return coding;
    }
    let supported = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
    // A header that does not parse counts as absent: any coding is then acceptable.
    let coding = match AcceptEncoding::parse(req)
        .ok()
        .and_then(|accept| accept.negotiate(supported.iter()))
    {
        Some(e) if e == Encoding::brotli() => Coding::Brotli,
        Some(e) if e == Encoding::gzip() => Coding::Gzip,
        // Identity, or nothing acceptable: the plain body is the most widely readable.
        _ => Coding::Identity,
    };
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if seen.len() >= 64 {
            seen.clear();
        }
        seen.insert(value.clone(), coding);
    });
    coding
}

/// What a request says about the answers it can take.
pub struct Negotiation {
    pub coding: Coding,
    if_none_match: Option<IfNoneMatch>,
}

impl Negotiation {
    pub fn of(req: &ServiceRequest) -> Self {
        Negotiation {
            coding: coding_for(req),
            if_none_match: req
                .headers()
                .contains_key(IF_NONE_MATCH)
                .then(|| IfNoneMatch::parse(req).ok())
                .flatten(),
        }
    }

    /// Whether `If-None-Match` names one of the tags of content `tag` (weak comparison, as
    /// RFC 9110 asks for If-None-Match; `*` matches any).
    fn not_modified(&self, tag: &str) -> bool {
        match &self.if_none_match {
            Some(IfNoneMatch::Any) => true,
            Some(IfNoneMatch::Items(tags)) => tags.iter().any(|t| {
                [Coding::Brotli, Coding::Gzip, Coding::Identity]
                    .iter()
                    .any(|c| t.weak_eq(&etag(tag, *c)))
            }),
            None => false,
        }
    }
}

fn etag(tag: &str, coding: Coding) -> EntityTag {
    EntityTag::new_strong(format!("{tag}{}", coding.suffix()))
}

/// The ETag header values of content `tag`, in `Coding::ALL` order (made once per page).
pub fn etags(tag: &str) -> [HeaderValue; 3] {
    Coding::ALL.map(|c| {
        HeaderValue::from_str(&etag(tag, c).to_string()).unwrap_or(HeaderValue::from_static("\"\""))
    })
}

/// The answer to `req` from `page`: 304, or 200 with the chosen representation.
pub fn respond(req: &Negotiation, page: &CachedPage) -> HttpResponse {
    let tag_value = page.etags[req.coding.index()].clone();
    if req.not_modified(&page.tag) {
        let mut response = HttpResponse::NotModified();
        // A 304 repeats the 200's caching and security headers, not its body's.
        let repeated =
            |name: &HeaderName| !matches!(name.as_str(), "content-type" | "content-disposition");
        for (name, value) in page.headers.iter().filter(|(n, _)| repeated(n)) {
            response.insert_header((name.clone(), value.clone()));
        }
        return response
            .insert_header((ETAG, tag_value))
            .insert_header((VARY, HeaderValue::from_static("accept-encoding")))
            .finish();
    }
    let mut response = HttpResponse::Ok();
    for (name, value) in &page.headers {
        response.insert_header((name.clone(), value.clone()));
    }
    response
        .insert_header((ETAG, tag_value))
        .insert_header((VARY, HeaderValue::from_static("accept-encoding")));
    let body = match req.coding {
        Coding::Brotli => {
            response.insert_header((CONTENT_ENCODING, HeaderValue::from_static("br")));
            page.brotli.clone()
        }
        Coding::Gzip => {
            response.insert_header((CONTENT_ENCODING, HeaderValue::from_static("gzip")));
            page.gzip.clone()
        }
        Coding::Identity => match page.body() {
            Ok(body) => Bytes::from(body),
            Err(e) => {
                tracing::error!("cached page does not decompress: {e}");
                return HttpResponse::InternalServerError().finish();
            }
        },
    };
    response.body(body)
}
