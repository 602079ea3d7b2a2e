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
mod export;
mod facts;
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
mod page;
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

use db::{countries, reported_counts};
use vocabulary::Vocabulary;

/// Where the app finds its content and how it presents itself (from `Config`, or set by tests).
pub struct Settings {
    pub content_dir: PathBuf,
    pub db_path: PathBuf,
    pub public_url: String,
    pub contact: Contact,
    pub static_dir: PathBuf,
    /// Whether responses carry Strict-Transport-Security (`--hsts`).
    pub hsts: bool,
    /// Threads rendering what the cache does not hold, and how many renders may wait.
    pub render_threads: usize,
    pub render_queue: usize,
}

impl Settings {
    pub fn from_config(config: &config::Config) -> Self {
        Settings {
            content_dir: config.content.clone(),
            db_path: config.db.clone(),
            public_url: config.public_url.clone(),
            contact: Contact::new(
                config.operator_name.clone(),
                config.contact_email.clone(),
                config.report_url.clone(),
            ),
            static_dir: config.static_dir.clone(),
            hsts: config.hsts,
            render_threads: config.render_threads,
            render_queue: config.render_queue,
        }
    }
}

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
    pub fn new(
        operator_name: Option<String>,
        email: Option<String>,
        report_url: Option<String>,
    ) -> Self {
        let filled = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let email = filled(email);
        let report_url = filled(report_url).or_else(|| {
            email.as_ref().map(|address| {
                format!(
                    "mailto:{address}?subject=Paris%20Call%20Observatory%3A%20error%20on%20{{page}}&body=Page%3A%20{{url}}%0A%0AWhat%20is%20wrong%2C%20and%20your%20source%3A%0A"
                )
            })
        });
        Contact {
            operator_name: filled(operator_name),
            email,
            report_url,
        }
    }
}

/// What every handler can reach: the database pool and what was read from it once.
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
    /// Builds (or reuses) the database for `content_dir` at `db_path` and opens it.
    pub fn load(settings: &Settings) -> Result<(AppState, db::Outcome), db::StartupError> {
        let Settings {
            content_dir,
            db_path,
            public_url,
            contact,
            static_dir,
            hsts,
            ..
        } = settings;
        let (pool, outcome) = db::open(content_dir, db_path)?;
        let public_url = public_url.trim_end_matches('/').to_string();
        let database = |e: rusqlite::Error| db::StartupError::Database(e.to_string());
        let conn = pool
            .get()
            .map_err(|e| db::StartupError::Database(e.to_string()))?;
        let vocab = db::vocabulary::load(&conn).map_err(database)?;
        let countries =
            countries::list(&conn, &countries::CountryFilter::default()).map_err(database)?;
        let reported = reported_counts::list(&conn).map_err(database)?;
        let names = search::NameIndex::new(db::names::all(&conn).map_err(database)?);
        drop(conn);
        let chart = chart::Chart::new(&vocab.timeline, vocab.as_of, &reported, &vocab.sources);
        let shapes = map::load(&content_dir.join("geo").join("countries-110m.json"))?;
        let map_for = |lang| {
            map::render(&shapes, &countries, vocab.as_of, &public_url, lang, true)
                .map_err(|e| db::StartupError::Database(format!("map: {e}")))
        };
        let map_svgs = [map_for(i18n::Lang::En)?, map_for(i18n::Lang::Fr)?];
        Ok((
            AppState {
                pool,
                vocab: Arc::new(vocab),
                public_url,
                contact: contact.clone(),
                static_dir: static_dir.clone(),
                map_svgs,
                map_shapes: shapes,
                chart,
                stylesheet_url: handlers::assets::fingerprinted(static_dir, "css/site.css"),
                copy_script_url: handlers::assets::fingerprinted(static_dir, "js/copy.js"),
                pages: cache::PageCache::default(),
                hsts: *hsts,
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

/// The site being served: its current state, replaced whole when the content is reloaded.
pub struct Site {
    current: RwLock<Arc<AppState>>,
    settings: Settings,
    /// Threads rendering cache misses (`cache::render`), started on the first miss.
    render_pool: std::sync::OnceLock<cache::render::RenderPool>,
}

impl Site {
    pub fn new(state: AppState, settings: Settings) -> Self {
        Site {
            current: RwLock::new(Arc::new(state)),
            settings,
            render_pool: std::sync::OnceLock::new(),
        }
    }

    /// Render threads and the length of their queue (`--render-threads`, `--render-queue`).
    pub fn render_limits(&self) -> (usize, usize) {
        (self.settings.render_threads, self.settings.render_queue)
    }

    /// Loads the settings' content into a fresh state.
    pub fn load(settings: Settings) -> Result<(Site, db::Outcome), db::StartupError> {
        let (state, outcome) = AppState::load(&settings)?;
        Ok((Site::new(state, settings), outcome))
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
        let (state, outcome) = AppState::load(&self.settings)?;
        let state = Arc::new(state);
        match self.current.write() {
            Ok(mut current) => *current = state,
            Err(poisoned) => *poisoned.into_inner() = state,
        }
        Ok(outcome)
    }
}

/// A handler's view of the current state (taken once per request, so a reload never
/// mixes old and new data within one answer).
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
                .ok_or_else(|| error::AppError::Internal("the app has no site".to_string())),
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
