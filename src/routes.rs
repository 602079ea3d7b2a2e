//! Every URL of the site and its handler, in one table. These URLs are cited: never
//! change one; add a redirect instead.

use actix_web::{FromRequest, Handler};
use actix_web::{Resource, Responder, web};

use crate::handlers::{
    about, api, assets, changes, commentary, countries, counts, downloads, embeds, glossary, home,
    principles, search, seo, share, sources, statements, supporters,
};
use crate::i18n::Lang;

pub fn configure(cfg: &mut web::ServiceConfig) {
    for lang in Lang::ALL {
        pages(cfg, lang);
    }
    cfg.service(page("/fr", home::french_root))
        .service(page("/api/openapi.json", api::openapi))
        .service(page("/api/v1/supporters", api::supporters))
        .service(page("/api/v1/supporters/{id}", api::supporter))
        .service(page("/api/v1/countries", api::countries))
        .service(page("/api/v1/countries/{iso2}", api::country))
        .service(page("/api/v1/principles", api::principles))
        .service(page("/supporters.csv", downloads::supporters_csv))
        .service(page("/supporters.xlsx", downloads::supporters_xlsx))
        .service(page("/supporters.json", downloads::supporters_json))
        .service(page("/countries.csv", downloads::countries_csv))
        .service(page("/countries.xlsx", downloads::countries_xlsx))
        .service(page("/countries.json", downloads::countries_json))
        .service(page("/non-signatories.csv", downloads::non_signatories_csv))
        .service(page(
            "/non-signatories.xlsx",
            downloads::non_signatories_xlsx,
        ))
        .service(page("/datapackage.json", downloads::datapackage))
        .service(page("/changes.atom", changes::feed))
        .service(page("/sitemap.xml", seo::sitemap))
        .service(page("/robots.txt", seo::robots))
        .service(page("/static/{path:.*}", assets::file));
}

/// The pages readers see, at the same paths in each language (French under `/fr`).
fn pages(cfg: &mut web::ServiceConfig, lang: Lang) {
    let at = |path: &str| lang.path(path);
    cfg.service(page(&at("/"), home::show))
        .service(page(&at("/about"), about::show))
        .service(page(&at("/principles"), principles::index))
        .service(page(&at("/principles/{number}"), principles::show))
        .service(page(&at("/glossary"), glossary::index))
        .service(page(&at("/commentary"), commentary::index))
        .service(page(&at("/commentary/{slug}"), commentary::show))
        .service(page(&at("/data"), downloads::data))
        .service(page(&at("/supporters"), supporters::index))
        .service(page(&at("/supporters/{id}"), supporters::show))
        .service(page(&at("/countries"), countries::index))
        .service(page(&at("/countries/{iso2}"), countries::show))
        .service(page(&at("/non-signatories"), statements::non_signatories))
        .service(page(&at("/disputed"), statements::disputed))
        .service(page(&at("/search"), search::show))
        .service(page(&at("/changes"), changes::index))
        .service(page(&at("/counts"), counts::show))
        .service(page(&at("/sources"), sources::index))
        .service(page(&at("/map.svg"), embeds::map))
        .service(page(&at("/badge.svg"), embeds::badge))
        .service(page(&at("/embed"), embeds::embed))
        .service(page(&at("/share/site.png"), share::site))
        .service(page(&at("/share/principles/{file}"), share::principle));
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
