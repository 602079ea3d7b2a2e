//! Flags → logging → database from content/ → HTTP server.

use std::time::{Duration, Instant};

use actix_web::rt::signal::unix::{SignalKind, signal};
use actix_web::{HttpServer, web};
use clap::Parser;
use paris_call_observatory::config::Config;
use paris_call_observatory::{Settings, Site, allocator, build_app, cache, logging, static_export};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    allocator::limit_arenas();
    let config = Config::parse();
    logging::init(&config.log_level);

    let started = Instant::now();
    let (site, outcome) = match Site::load(Settings::from_config(&config)) {
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

    let site = web::Data::new(site);
    if let Some(dir) = &config.export {
        return export(site, dir).await;
    }
    let app_site = site.clone();
    let mut server = HttpServer::new(move || build_app(app_site.clone())).bind(&config.bind)?;
    // Slow or idle clients must not hold workers: short request and keep-alive timeouts.
    server = server
        .client_request_timeout(Duration::from_secs(5))
        .client_disconnect_timeout(Duration::from_secs(2))
        .keep_alive(Duration::from_secs(15))
        .shutdown_timeout(10);
    if let Some(workers) = config.workers {
        server = server.workers(workers);
    }
    tracing::info!("serving on http://{}", config.bind);
    let server = server.run();
    actix_web::rt::spawn(cache::keep_warm(site.clone()));
    actix_web::rt::spawn(reload_on_hangup(site));
    server.await
}

/// SIGHUP: rebuild from content/ and swap the new data in; bad content keeps the old data.
async fn reload_on_hangup(site: web::Data<Site>) {
    let Ok(mut hangups) = signal(SignalKind::hangup()) else {
        tracing::error!("cannot listen for SIGHUP: reloading is off");
        return;
    };
    while hangups.recv().await.is_some() {
        let started = Instant::now();
        let reloading = site.clone();
        match web::block(move || reloading.reload()).await {
            Ok(Ok(outcome)) => {
                tracing::info!(
                    ?outcome,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "content reloaded"
                );
                if let Ok(urls) = cache::warm_set(&site.current()).await {
                    cache::warm(site.clone(), urls).await;
                }
            }
            Ok(Err(e)) => {
                tracing::error!("reload failed, still serving the last good content: {e}")
            }
            Err(e) => tracing::error!("reload failed: {e}"),
        }
    }
}

/// `--export DIR`: render every cacheable page and write it out as static files.
async fn export(site: web::Data<Site>, dir: &std::path::Path) -> std::io::Result<()> {
    let urls = cache::urls(&site.current())
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    cache::warm(site.clone(), urls).await;
    let written = static_export::export(&site.current(), dir)?;
    tracing::info!(files = written, folder = %dir.display(), "exported");
    Ok(())
}
