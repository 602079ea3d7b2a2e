//! Every URL of the site and its handler, in one table. These URLs are cited: never
//! change one; add a redirect instead.

use actix_web::{FromRequest, Handler};
use actix_web::{Resource, Responder, web};

use crate::handlers::{
    about, commentary, countries, home, principles, search, statements, supporters,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(page("/", home::show))
        .service(page("/about", about::show))
        .service(page("/principles", principles::index))
        .service(page("/principles/{number}", principles::show))
        .service(page("/commentary", commentary::index))
        .service(page("/commentary/{slug}", commentary::show))
        .service(page("/supporters", supporters::index))
        .service(page("/supporters/{id}", supporters::show))
        .service(page("/countries", countries::index))
        .service(page("/countries/{iso2}", countries::show))
        .service(page("/non-signatories", statements::non_signatories))
        .service(page("/disputed", statements::disputed))
        .service(page("/search", search::show));
}

/// A page answers GET and HEAD; any other method gets a 405 page.
fn page<F, Args>(path: &str, handler: F) -> Resource
where
    F: Handler<Args> + Clone,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler.clone()))
        .route(web::head().to(handler))
}
