//! The Paris Call Observatory: an independent reference site on the Paris Call for
//! Trust and Security in Cyberspace, served from `content/` through SQLite.

pub mod allocator;
pub mod cache;
mod canonical;
mod chart;
pub mod config;
pub mod content;
pub mod db;
pub mod error;
mod facts;
mod formats;
mod handlers;
mod headers;
pub mod i18n;
pub mod import;
mod limits;
mod listing;
pub mod logging;
mod map;
pub mod model;
mod openapi;
mod page_meta;
pub mod params;
pub mod reference;
pub mod routes;
mod search;
mod share_image;
pub mod static_export;
pub mod timeline;
pub mod vocabulary;

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, middleware, web};

use config::Config;
use db::{countries, reported_counts};
use vocabulary::Vocabulary;

/// Who runs the site and how readers reach them (`--operator-name`, `--contact-email`,
/// `--report-url`). Nothing is invented: what is not given is said to be missing.
#[derive(Clone, Debug, Default)]
pub struct Contact {
    /// None: "the Paris Call Observatory team".
    pub operator_name: Option<String>,
    pub email: Option<String>,
    /// Where "Report an error" leads, with `{url}` and `{page}` placeholders: the given URL,
    /// else a message to `email`, else None (pages then say no address is set up).
    pub report_url: Option<String>,
}

impl Contact {
    /// The contact the flags give (blank flags count as not given).
    pub fn from_config(config: &Config) -> Self {
        let filled = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let email = filled(&config.contact_email);
        let report_url = filled(&config.report_url).or_else(|| {
            email.as_ref().map(|address| {
                format!(
                    "mailto:{address}?subject=Paris%20Call%20Observatory%3A%20error%20on%20{{page}}&body=Page%3A%20{{url}}%0A%0AWhat%20is%20wrong%2C%20and%20your%20source%3A%0A"
                )
            })
        });
        Contact {
            operator_name: filled(&config.operator_name),
            email,
            report_url,
        }
    }
}

/// The loaded content: the database pool and what was read from it once, replaced whole
/// on reload. What every handler reads (through `State`).
pub struct AppState {
    pub pool: db::Pool,
    pub vocab: Arc<Vocabulary>,
    pub public_url: String,
    /// Who runs the site, and the "Report an error" link template.
    pub contact: Contact,
    pub static_dir: PathBuf,
    /// The world map in each language (`Lang::ALL` order), drawn once when the content is loaded.
    map_svgs: [String; 2],
    /// The map's projected shapes, to draw it for a past day.
    pub map_shapes: Vec<map::Shape>,
    /// The growth chart, drawn once when the content is loaded.
    pub chart: chart::Chart,
    /// The stylesheet's fingerprinted URL.
    pub stylesheet_url: String,
    /// The copy buttons' script, fingerprinted like the stylesheet.
    pub copy_script_url: String,
    /// Content-only pages, rendered and compressed once.
    pub pages: cache::PageCache,
    /// Whether responses carry Strict-Transport-Security.
    pub hsts: bool,
    /// Every supporter and country name, for "Did you mean".
    pub names: Arc<search::NameIndex>,
}

impl AppState {
    /// Builds (or reuses) the database for `--content` at `--db` and opens it.
    pub fn load(config: &Config) -> Result<(AppState, db::Outcome), db::StartupError> {
        let (pool, outcome) = db::open(&config.content, &config.db)?;
        let public_url = config.public_url.trim_end_matches('/').to_string();
        let conn = pool.get()?;
        let vocab = db::vocabulary::load(&conn)?;
        let countries = countries::list(&conn, &countries::CountryFilter::default())?;
        let reported = reported_counts::list(&conn)?;
        let names = search::NameIndex::new(db::names::all(&conn)?);
        drop(conn);
        let chart = chart::Chart::new(
            &vocab.timeline,
            vocab.launch,
            vocab.as_of,
            &reported,
            &vocab.sources,
        );
        let shapes = map::load(&config.content.join("geo").join("countries-110m.json"))?;
        let map_for = |lang| map::render(&shapes, &countries, vocab.as_of, &public_url, lang, true);
        let map_svgs = [map_for(i18n::Lang::En)?, map_for(i18n::Lang::Fr)?];
        let static_dir = &config.static_dir;
        Ok((
            AppState {
                pool,
                vocab: Arc::new(vocab),
                public_url,
                contact: Contact::from_config(config),
                static_dir: static_dir.clone(),
                map_svgs,
                map_shapes: shapes,
                chart,
                stylesheet_url: handlers::assets::fingerprinted(static_dir, "css/site.css"),
                copy_script_url: handlers::assets::fingerprinted(static_dir, "js/copy.js"),
                pages: cache::PageCache::default(),
                hsts: config.hsts,
                names: Arc::new(names),
            },
            outcome,
        ))
    }
}

impl AppState {
    /// Today's map, drawn at load.
    pub fn map_svg(&self, lang: i18n::Lang) -> &str {
        &self.map_svgs[lang.index()]
    }
}

/// The site being served, shared by every worker: the flags it was started with and its
/// current `AppState`, swapped for a new one when the content is reloaded.
pub struct Site {
    current: RwLock<Arc<AppState>>,
    config: Config,
    /// Threads rendering cache misses (`cache::render`), started on the first miss.
    render_pool: std::sync::OnceLock<cache::render::RenderPool>,
}

impl Site {
    pub fn new(state: AppState, config: Config) -> Self {
        Site {
            current: RwLock::new(Arc::new(state)),
            config,
            render_pool: std::sync::OnceLock::new(),
        }
    }

    /// Render threads and the length of their queue (`--render-threads`, `--render-queue`).
    pub fn render_limits(&self) -> (usize, usize) {
        (self.config.render_threads, self.config.render_queue)
    }

    /// Loads the content `config` names into a fresh state.
    pub fn load(config: Config) -> Result<(Site, db::Outcome), db::StartupError> {
        let (state, outcome) = AppState::load(&config)?;
        Ok((Site::new(state, config), outcome))
    }

    pub fn current(&self) -> Arc<AppState> {
        match self.current.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Rebuilds the database from the content (into a new file, renamed into place) and
    /// swaps the new state in. On bad content the current state keeps serving unchanged.
    pub fn reload(&self) -> Result<db::Outcome, db::StartupError> {
        let (state, outcome) = AppState::load(&self.config)?;
        let state = Arc::new(state);
        match self.current.write() {
            Ok(mut current) => *current = state,
            Err(poisoned) => *poisoned.into_inner() = state,
        }
        Ok(outcome)
    }
}

/// A handler's view of the current `AppState`, taken once per request so that a reload
/// never mixes old and new data within one answer.
pub struct State(Arc<AppState>);

impl std::ops::Deref for State {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.0
    }
}

impl actix_web::FromRequest for State {
    type Error = error::AppError;
    type Future = std::future::Ready<Result<State, error::AppError>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(
            req.app_data::<web::Data<Site>>()
                .map(|site| State(site.current()))
                .ok_or(error::AppError::NoSite),
        )
    }
}

/// The whole application, as served and as tested.
pub fn build_app(
    site: web::Data<Site>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(site)
        .configure(routes::configure)
        .default_service(web::to(handlers::not_found))
        // Innermost first: compression's own refusals (406) still get the error page.
        .wrap(middleware::Compress::default())
        .wrap(middleware::from_fn(cache::policy::apply))
        .wrap(middleware::from_fn(limits::check))
        .wrap(middleware::from_fn(error::error_pages))
        .wrap(middleware::from_fn(headers::security))
        .wrap(middleware::from_fn(cache::serve))
}
