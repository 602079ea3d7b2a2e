//! Flags → logging → database from content/ → HTTP server.

use std::time::{Duration, Instant};

use actix_web::rt::signal::unix::{SignalKind, signal};
use actix_web::{HttpServer, web};
use clap::Parser;
use paris_call_observatory::config::{Command, Config, ImportArgs};
use paris_call_observatory::import::{self, Mode};
use paris_call_observatory::model::PartialDate;
use paris_call_observatory::{Site, allocator, build_app, cache, logging, static_export};

fn main() -> std::io::Result<()> {
    let config = Config::parse();
    match &config.command {
        Some(Command::Import(args)) => std::process::exit(run_import(args)),
        None => serve(config),
    }
}

/// `import`: 0 when done (or, with --check, when content/ is up to date), 1 when --check
/// finds changes, 2 on an error.
fn run_import(args: &ImportArgs) -> i32 {
    let today = match &args.today {
        None => PartialDate::today(),
        Some(day) => match day.parse::<PartialDate>() {
            Ok(day) if day.is_full() => day,
            _ => {
                eprintln!("error: --today {day:?} is not a YYYY-MM-DD date");
                return 2;
            }
        },
    };
    let mode = match (args.dry_run, args.check) {
        (true, _) => Mode::DryRun,
        (_, true) => Mode::Check,
        _ => Mode::Write,
    };
    let options = import::Options {
        official_repo: args.official_repo.clone(),
        commit: args.commit.clone(),
        content: args.content.clone(),
        mode,
        report: args.report.clone(),
        today,
    };
    match import::run(&options, &mut |step| eprintln!("{step}")) {
        Ok(outcome) => {
            print!("{}", outcome.report.summary);
            for path in &outcome.written {
                println!("written: {}", path.display());
            }
            match (mode, outcome.report.changed) {
                (Mode::Check, true) => {
                    println!("the official repository has changes that content/ does not");
                    1
                }
                (Mode::Check, false) => {
                    println!("content/ is up to date with the official repository");
                    0
                }
                (Mode::DryRun, _) => {
                    println!("\n{}", outcome.report.markdown);
                    0
                }
                (Mode::Write, _) => 0,
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

#[actix_web::main]
async fn serve(config: Config) -> std::io::Result<()> {
    allocator::limit_arenas();
    logging::init(&config.log_level);

    let started = Instant::now();
    let (site, outcome) = match Site::load(config.clone()) {
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
