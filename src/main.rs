//! Flags → logging → database from content/ → HTTP server.

use std::time::Instant;

use actix_web::{HttpServer, web};
use clap::Parser;
use paris_call_observatory::config::Config;
use paris_call_observatory::{AppState, Settings, build_app, cache};
use tracing_subscriber::EnvFilter;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let config = Config::parse();
    // The TopoJSON reader warns about the map's three shapes without a country code.
    let filter = EnvFilter::try_new(format!("{},topojson=error", config.log_level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();

    let started = Instant::now();
    let (state, outcome) = match AppState::load(&Settings::from_config(&config)) {
        Ok(loaded) => loaded,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    tracing::info!(
        database = %config.db.display(),
        ?outcome,
        elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
        "content loaded"
    );

    let data = web::Data::new(state);
    if let Some(dir) = &config.export {
        return export(data, dir).await;
    }
    let app_data = data.clone();
    let mut server = HttpServer::new(move || build_app(app_data.clone())).bind(&config.bind)?;
    if let Some(workers) = config.workers {
        server = server.workers(workers);
    }
    tracing::info!("serving on http://{}", config.bind);
    let server = server.run();
    actix_web::rt::spawn(cache::keep_warm(data));
    server.await
}

/// `--export DIR`: render every cacheable page and write it out as static files.
async fn export(data: web::Data<AppState>, dir: &std::path::Path) -> std::io::Result<()> {
    let urls = cache::urls(&data)
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    cache::warm(data.clone(), urls).await;
    let written = cache::export(&data, dir)?;
    tracing::info!(files = written, folder = %dir.display(), "exported");
    Ok(())
}
