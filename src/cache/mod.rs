//! The page cache, in front of everything: a GET is answered from memory, by its canonical
//! URL (`crate::canonical`), with the representation the client prefers and an ETag per
//! representation (`negotiate`). Pages that depend only on content are rendered ahead of
//! time (`warm`); anything else is rendered on a bounded pool of its own threads (`render`)
//! and, when small, kept in a store bounded in bytes (`store`). No request header can skip
//! the cache, and a flood of misses meets a full queue and a fast 503, never a stalled
//! worker.

mod negotiate;
pub mod policy;
pub mod render;
mod store;
mod warm;

use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{CONTENT_LENGTH, HeaderValue, RETRY_AFTER, TRANSFER_ENCODING};
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::{Error, HttpMessage, HttpResponse};

pub use store::{CachedPage, PageCache};
pub use warm::{keep_warm, urls, warm, warm_set};

use crate::Site;
use render::{Internal, Rendered};

/// Seconds a client is asked to wait when the render queue is full.
const RETRY_AFTER_SECONDS: &str = "5";

/// Middleware: answers from the cache; sends misses to the render pool.
pub async fn serve(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let internal = req.extensions().contains::<Internal>();
    let has_body =
        req.headers().contains_key(CONTENT_LENGTH) || req.headers().contains_key(TRANSFER_ENCODING);
    let site = req.app_data::<Data<Site>>().cloned();
    // Other methods and bodies get their 405 or 413 from the app at once; renders from
    // inside the server go to the handlers.
    let (Some(site), false, false, true) = (
        site,
        internal,
        has_body,
        matches!(*req.method(), Method::GET | Method::HEAD),
    ) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let state = site.current();
    let negotiation = negotiate::Negotiation::of(&req);
    let Ok(key) = crate::canonical::canonical(req.path(), req.query_string(), &state.vocab) else {
        // A query its handler refuses: the 400 is rendered on the pool, and not kept.
        let raw = req_path_and_query(&req);
        return Ok(req.into_response(miss(&site, &state, raw, &negotiation).await));
    };
    if let Some(page) = state.pages.get(&key) {
        return Ok(req.into_response(negotiate::respond(&negotiation, &page)));
    }
    let response = miss(&site, &state, key, &negotiation).await;
    Ok(req.into_response(response))
}

/// The site's render pool, started on first use.
fn pool(site: &Data<Site>) -> &render::RenderPool {
    site.render_pool.get_or_init(|| {
        let (threads, queue) = site.render_limits();
        render::RenderPool::start(Arc::downgrade(&site.clone().into_inner()), threads, queue)
    })
}

fn req_path_and_query(req: &ServiceRequest) -> String {
    req.uri()
        .path_and_query()
        .map_or_else(|| req.path().to_string(), |p| p.as_str().to_string())
}

/// Renders `key` on the pool and keeps a 200; a full queue is a 503.
async fn miss(
    site: &Data<Site>,
    state: &crate::AppState,
    key: String,
    negotiation: &negotiate::Negotiation,
) -> HttpResponse {
    match pool(site).render(key.clone()).await {
        Ok(Rendered::Page(page)) => {
            state.pages.remember(key, page.clone());
            negotiate::respond(negotiation, &page)
        }
        Ok(Rendered::Other {
            status,
            headers,
            body,
        }) => {
            let mut response = HttpResponse::build(status);
            // Appended, not inserted: a header may come more than once.
            for (name, value) in headers {
                response.append_header((name, value));
            }
            response.body(body)
        }
        Err(render::Busy) => {
            let path = key.split('?').next().unwrap_or_default();
            let mut response = crate::error::busy_page(state, path);
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
            crate::headers::apply(response.headers_mut(), path, state.hsts);
            response
        }
    }
}
