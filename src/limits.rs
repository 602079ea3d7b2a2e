//! Request limits checked before any routing: an address no longer than `MAX_URI_BYTES`
//! (414) and no request body (413: the site only answers GET and HEAD). Header size,
//! timeouts and keep-alive are set on the server in `main`.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, TRANSFER_ENCODING};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};

/// Longest accepted request target (path and query), in bytes.
pub const MAX_URI_BYTES: usize = 4096;

fn has_body(req: &ServiceRequest) -> bool {
    let length = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    length.is_some_and(|n| n > 0) || req.headers().contains_key(TRANSFER_ENCODING)
}

pub async fn check(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let status = if req.uri().to_string().len() > MAX_URI_BYTES {
        Some(StatusCode::URI_TOO_LONG)
    } else if has_body(&req) {
        Some(StatusCode::PAYLOAD_TOO_LARGE)
    } else {
        None
    };
    match status {
        Some(status) => Ok(req.into_response(HttpResponse::new(status))),
        None => Ok(next.call(req).await?.map_into_boxed_body()),
    }
}
