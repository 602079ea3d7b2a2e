//! Security headers on every response. Only the badge and the map may be embedded by
//! other sites; every other response refuses framing.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    CONTENT_SECURITY_POLICY, HeaderMap, HeaderName, HeaderValue, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use actix_web::middleware::Next;

/// No inline scripts or styles anywhere: JSON-LD is data, and the only script is our own
/// file under `/static/js/` (the citation copy buttons, an enhancement every page works
/// without), so `script-src 'self'` says it outright.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const EMBED_POLICY: &str = "default-src 'none'; img-src 'self' data:";
/// One year, subdomains included (`--hsts`); a browser then refuses plain HTTP for the site.
const HSTS: &str = "max-age=31536000; includeSubDomains";
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

pub fn embeddable(path: &str) -> bool {
    matches!(
        path,
        "/map.svg" | "/badge.svg" | "/fr/map.svg" | "/fr/badge.svg"
    )
}

pub async fn security(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let path = req.path().to_string();
    let hsts = req
        .app_data::<actix_web::web::Data<crate::Site>>()
        .is_some_and(|site| site.current().hsts);
    let mut res = next.call(req).await?;
    apply(res.headers_mut(), &path, hsts);
    Ok(res)
}

/// The security headers of an answer to `path`.
pub fn apply(headers: &mut HeaderMap, path: &str, hsts: bool) {
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    if hsts {
        headers.insert(
            HeaderName::from_static("strict-transport-security"),
            HeaderValue::from_static(HSTS),
        );
    }
    if embeddable(path) {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(EMBED_POLICY),
        );
        headers.insert(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("cross-origin"),
        );
    } else {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_POLICY),
        );
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        );
    }
}
