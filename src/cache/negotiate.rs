//! Answering from a cached page: the encoding the request prefers (q-values and `*`
//! honoured, by actix's typed `Accept-Encoding`), one strong ETag per representation
//! (RFC 9110 §8.8.3: the gzip, brotli and identity bodies differ, so their tags do too), and
//! 304 when `If-None-Match` names any of our tags for that content.

use actix_web::HttpResponse;
use actix_web::dev::ServiceRequest;
use actix_web::http::header::{
    AcceptEncoding, CONTENT_ENCODING, ETAG, Encoding, EntityTag, Header, HeaderName, HeaderValue,
    IfNoneMatch, VARY,
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
    fn suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "-br",
            Coding::Gzip => "-gz",
            Coding::Identity => "",
        }
    }
}

/// What a request says about the answers it can take.
pub struct Negotiation {
    pub coding: Coding,
    if_none_match: Option<IfNoneMatch>,
}

impl Negotiation {
    pub fn of(req: &ServiceRequest) -> Self {
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
        Negotiation {
            coding,
            if_none_match: IfNoneMatch::parse(req).ok(),
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

/// The answer to `req` from `page`: 304, or 200 with the chosen representation.
pub fn respond(req: &Negotiation, page: &CachedPage) -> HttpResponse {
    let tag = etag(&page.tag, req.coding);
    let tag_value =
        HeaderValue::from_str(&tag.to_string()).unwrap_or(HeaderValue::from_static("\"\""));
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
