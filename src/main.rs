//! Flags → logging → database from content/ → HTTP server.

use std::time::Instant;

use actix_web::{HttpServer, web};
use clap::Parser;
use paris_call_observatory::config::Config;
use paris_call_observatory::{AppState, Settings, build_app};
use tracing_subscriber::EnvFilter;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let config = Config::parse();
    let filter = EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| EnvFilter::new("info"));
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
    let mut server = HttpServer::new(move || build_app(data.clone())).bind(&config.bind)?;
    if let Some(workers) = config.workers {
        server = server.workers(workers);
    }
    tracing::info!("serving on http://{}", config.bind);
    server.run().await
}
