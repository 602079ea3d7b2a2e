//! How long browsers and shared caches may keep an answer, declared per page family: every
//! 200 gets `Page` unless its handler marks the response with another policy (as docs.rs
//! does), so a family's policy sits in its handler and is written out in one place here.
//! Errors and refusals get none: they must not outlive the fault.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CachePolicy {
    /// Pages, data and images drawn from the data: fresh for five minutes, so a correction
    /// reaches readers quickly, then served stale for a day while the cache revalidates.
    #[default]
    Page,
    /// Fingerprinted static files: a new version has a new name, so a copy never goes stale.
    Immutable,
}

impl CachePolicy {
    pub fn header_value(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            CachePolicy::Page => "public, max-age=300, stale-while-revalidate=86400",
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
        })
    }

    /// Marks `response` with this policy, for `apply` to write out.
    pub fn mark(self, response: &mut HttpResponse) {
        response.extensions_mut().insert(self);
    }
}

/// Middleware: writes the policy of every 200 as its `Cache-Control`.
pub async fn apply(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut res = next.call(req).await?;
    if res.status() == StatusCode::OK {
        let policy = res
            .response()
            .extensions()
            .get::<CachePolicy>()
            .copied()
            .unwrap_or_default();
        res.headers_mut()
            .insert(CACHE_CONTROL, policy.header_value());
    }
    Ok(res)
}
