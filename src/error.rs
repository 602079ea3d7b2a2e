//! The one error type, and the middleware that turns every error response (ours,
//! actix's own, or a caught panic) into the site's HTML error page.

use std::fmt;
use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError, web};
use askama::Template;
use futures_util::FutureExt;

use crate::i18n::Lang;
use crate::page_meta::PageMeta;
use crate::{AppState, Site};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// A query-string value we cannot accept: names the parameter and what it may be.
    #[error("bad parameter {parameter}: {problem}")]
    BadRequest {
        parameter: String,
        problem: Problem,
        allowed: Vec<String>,
    },
    // The rest are faults on our side (500), each carrying its cause: logged, never shown
    // to the reader. `?` turns each cause into its variant.
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    #[error("database: {0}")]
    Database(#[from] crate::db::QueryError),
    #[error("database pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("blocking task: {0}")]
    Blocking(#[from] actix_web::error::BlockingError),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    ShareImage(#[from] crate::share_image::ShareImageError),
    #[error("the app has no site")]
    NoSite,
}

/// What is wrong with a parameter, in both languages, written side by side where the
/// error is raised (as labels are). The API's problem documents give the English one.
#[derive(Debug)]
pub struct Problem {
    en: String,
    fr: String,
}

impl Problem {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Problem {
            en: en.into(),
            fr: fr.into(),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        lang.tr(&self.en, &self.fr)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl AppError {
    pub fn bad(parameter: &str, problem: Problem, allowed: Vec<String>) -> Self {
        AppError::BadRequest {
            parameter: parameter.to_string(),
            problem,
            allowed,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare status: `error_pages` renders the page, since it can reach the app state.
    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!("internal error: {self}");
        }
        HttpResponse::new(status)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    meta: PageMeta,
    status: u16,
    heading: &'static str,
    explanation: &'static str,
    bad_request: Option<(&'a str, &'a str, &'a [String])>,
    path: String,
}

/// The heading and explanation of an error page, in `lang`.
fn heading_for(status: StatusCode, lang: Lang) -> (&'static str, &'static str) {
    let (heading, explanation) = match status.as_u16() {
        400 => (
            ("Bad request", "Requête incorrecte"),
            (
                "Something in the address could not be understood.",
                "Une partie de l’adresse n’a pas pu être comprise.",
            ),
        ),
        503 => (
            (
                "Busy: try again in a moment",
                "Occupé : réessayez dans un instant",
            ),
            (
                "The server has more requests for new pages than it can draw right now. Pages already prepared are still served; please try this one again in a few seconds.",
                "Le serveur reçoit plus de demandes de pages nouvelles qu’il ne peut en préparer en ce moment. Les pages déjà prêtes restent servies ; réessayez celle-ci dans quelques secondes.",
            ),
        ),
        404 => (
            ("Page not found", "Page introuvable"),
            (
                "There is no page at this address. It may have been mistyped.",
                "Il n’y a pas de page à cette adresse. Elle a peut-être été mal saisie.",
            ),
        ),
        405 => (
            ("Method not allowed", "Méthode non autorisée"),
            (
                "This address can only be read (GET or HEAD).",
                "Cette adresse ne peut qu’être lue (GET ou HEAD).",
            ),
        ),
        408 => (
            ("Request timeout", "Délai dépassé"),
            (
                "The request took too long to arrive.",
                "La requête a mis trop de temps à arriver.",
            ),
        ),
        413 => (
            ("Request too large", "Requête trop volumineuse"),
            (
                "This site does not accept request bodies.",
                "Ce site n’accepte pas de corps de requête.",
            ),
        ),
        414 => (
            ("Address too long", "Adresse trop longue"),
            (
                "The address is longer than this site accepts.",
                "L’adresse est plus longue que ce que ce site accepte.",
            ),
        ),
        431 => (
            ("Headers too large", "En-têtes trop volumineux"),
            (
                "The request's headers are larger than this site accepts.",
                "Les en-têtes de la requête dépassent ce que ce site accepte.",
            ),
        ),
        s if s >= 500 => (
            (
                "Something went wrong on our side",
                "Une erreur s’est produite de notre côté",
            ),
            (
                "This is our fault, not yours. Please try again later; the problem has been logged.",
                "C’est notre faute, pas la vôtre. Veuillez réessayer plus tard ; le problème a été enregistré.",
            ),
        ),
        _ => (
            ("Request not served", "Requête non servie"),
            (
                "This request could not be served.",
                "Cette requête n’a pas pu être servie.",
            ),
        ),
    };
    (
        lang.tr(heading.0, heading.1),
        lang.tr(explanation.0, explanation.1),
    )
}

/// An RFC 9457 problem document, for errors under /api/ and from JSON files.
fn problem(status: StatusCode, error: Option<&AppError>) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((
            CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ))
        .body(problem_json(status, error).to_string())
}

/// The same problem as a one-row CSV file, for errors from CSV downloads: a script reading
/// the file gets a table it can print, not an HTML page.
fn problem_csv(status: StatusCode, error: Option<&AppError>) -> HttpResponse {
    let body = problem_json(status, error);
    let field = |name: &str| body[name].as_str().unwrap_or_default().to_string();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written = writer
        .write_record(["status", "title", "parameter", "detail"])
        .and_then(|()| {
            writer.write_record([
                status.as_u16().to_string(),
                field("title"),
                field("parameter"),
                field("detail"),
            ])
        });
    let bytes = written
        .map_err(|e| e.to_string())
        .and_then(|()| writer.into_inner().map_err(|e| e.to_string()))
        .unwrap_or_else(|e| {
            tracing::error!("problem CSV failed: {e}");
            Vec::new()
        });
    HttpResponse::build(status)
        .insert_header((
            CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        ))
        .body(bytes)
}

fn problem_json(status: StatusCode, error: Option<&AppError>) -> serde_json::Value {
    let (title, _) = heading_for(status, Lang::En);
    let mut body = serde_json::json!({
        "type": "about:blank",
        "title": title,
        "status": status.as_u16(),
    });
    if let Some(AppError::BadRequest {
        parameter,
        problem,
        allowed,
    }) = error
    {
        body["detail"] = serde_json::json!(format!("{parameter}: {problem}"));
        body["parameter"] = serde_json::json!(parameter);
        if !allowed.is_empty() {
            body["allowed"] = serde_json::json!(allowed);
        }
    }
    body
}

/// The 503 for a full render queue, in the format `path` asks for (the cache answers it
/// itself, outside the middleware that renders other errors).
pub fn busy_page(state: &AppState, path: &str) -> HttpResponse {
    error_page(Some(state), StatusCode::SERVICE_UNAVAILABLE, None, path)
}

/// The error answer for `path`, in the format asked for: problem+json under /api/ and for
/// `.json` files, a CSV problem for `.csv` files, the HTML page elsewhere.
fn error_page(
    state: Option<&AppState>,
    status: StatusCode,
    error: Option<&AppError>,
    path: &str,
) -> HttpResponse {
    let mut response = if path.starts_with("/api/") || path.ends_with(".json") {
        problem(status, error)
    } else if path.ends_with(".csv") {
        problem_csv(status, error)
    } else {
        html_error_page(state, status, error, path)
    };
    if status == StatusCode::METHOD_NOT_ALLOWED {
        response.headers_mut().insert(
            actix_web::http::header::ALLOW,
            HeaderValue::from_static("GET, HEAD"),
        );
    }
    response
}

/// Renders the HTML error page for `status`, with the parameter details of a 400.
fn html_error_page(
    state: Option<&AppState>,
    status: StatusCode,
    error: Option<&AppError>,
    path: &str,
) -> HttpResponse {
    let lang = Lang::of_path(path);
    let (heading, explanation) = heading_for(status, lang);
    let bad_request = match error {
        Some(AppError::BadRequest {
            parameter,
            problem,
            allowed,
        }) => Some((parameter.as_str(), problem.text(lang), allowed.as_slice())),
        _ => None,
    };
    let meta = PageMeta::for_error(state, lang, heading);
    let page = ErrorPage {
        meta,
        status: status.as_u16(),
        heading,
        explanation,
        bad_request,
        path: path.chars().take(200).collect(),
    };
    let body = page.render().unwrap_or_else(|e| {
        tracing::error!("error page failed to render: {e}");
        heading.to_string()
    });
    HttpResponse::build(status)
        .insert_header((
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        .body(body)
}

/// Middleware: every response with an error status gets the error page (or problem), and a
/// panic in a handler becomes a 500 page instead of a dropped connection.
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // The request itself must not be cloned before routing, so keep what the page needs.
    let state = req.app_data::<web::Data<Site>>().map(|site| site.current());
    let path = req.path().to_string();
    let state = state.as_deref();
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(Ok(response)) => {
            let status = response.status();
            if !(status.is_client_error() || status.is_server_error()) {
                return Ok(response.map_into_boxed_body());
            }
            let app_error = response
                .response()
                .error()
                .and_then(|e| e.as_error::<AppError>());
            let page = error_page(state, status, app_error, &path);
            let (request, _) = response.into_parts();
            Ok(ServiceResponse::new(request, page))
        }
        Ok(Err(error)) => {
            let status = error.as_response_error().status_code();
            let page = error_page(state, status, error.as_error::<AppError>(), &path);
            Err(InternalError::from_response(error.to_string(), page).into())
        }
        Err(_) => {
            tracing::error!("handler panicked on {path}");
            let page = error_page(state, StatusCode::INTERNAL_SERVER_ERROR, None, &path);
            Err(InternalError::from_response("handler panicked", page).into())
        }
    }
}
