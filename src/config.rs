//! Command-line flags, each with an environment-variable equivalent.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// What the server is started with: the one settings struct, which `Site` keeps for reloads.
#[derive(Parser, Debug, Clone)]
#[command(
    version,
    about = "Serves the Paris Call Observatory website from content/",
    args_conflicts_with_subcommands = true
)]
pub struct Config {
    /// A maintenance command instead of serving the site.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address and port to listen on.
    #[arg(long, env = "OBSERVATORY_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// SQLite database file, rebuilt from the content when the content changes.
    #[arg(
        long,
        env = "OBSERVATORY_DB",
        default_value = "target/observatory.sqlite"
    )]
    pub db: PathBuf,

    /// Folder holding data/*.csv and commentary/*.md.
    #[arg(long, env = "OBSERVATORY_CONTENT", default_value = "content")]
    pub content: PathBuf,

    /// Folder of static files served under /static/.
    #[arg(long = "static", env = "OBSERVATORY_STATIC", default_value = "static")]
    pub static_dir: PathBuf,

    /// Public base URL used in canonical links (no trailing slash needed).
    #[arg(
        long,
        env = "OBSERVATORY_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,

    /// "Report an error" link on every page; `{url}` and `{page}` are replaced by the page's
    /// address and path. A mailto: or an issue-tracker URL. Default: a message to
    /// --contact-email, if given; without either, pages say that no address is set up.
    #[arg(long, env = "OBSERVATORY_REPORT_URL")]
    pub report_url: Option<String>,

    /// Who runs this copy of the site, as /about names them (a person or an organisation).
    /// Default: "the Paris Call Observatory team".
    #[arg(long, env = "OBSERVATORY_OPERATOR_NAME")]
    pub operator_name: Option<String>,

    /// The address /about gives for reaching the people who run the site, and where
    /// "Report an error" writes to when --report-url is not given.
    #[arg(long, env = "OBSERVATORY_CONTACT_EMAIL", value_parser = email)]
    pub contact_email: Option<String>,

    /// Log filter: error, warn, info, debug, trace (or a tracing filter expression).
    #[arg(long, env = "OBSERVATORY_LOG_LEVEL", default_value = "info")]
    pub log_level: String,

    /// Write every content-only page, download, feed and the map into this folder as static
    /// files (the same bytes the server sends), then exit.
    #[arg(long, env = "OBSERVATORY_EXPORT")]
    pub export: Option<PathBuf>,

    /// Worker threads (default: one per core).
    #[arg(long, env = "OBSERVATORY_WORKERS")]
    pub workers: Option<usize>,

    /// Threads that render what the page cache does not hold (filtered lists, searches, API
    /// pages), apart from the workers that serve cached pages.
    #[arg(long, env = "OBSERVATORY_RENDER_THREADS", default_value_t = 1)]
    pub render_threads: usize,

    /// Renders that may wait for a render thread; beyond them a request gets a 503 with
    /// Retry-After at once.
    #[arg(long, env = "OBSERVATORY_RENDER_QUEUE", default_value_t = 16)]
    pub render_queue: usize,

    /// Send Strict-Transport-Security (one year, subdomains): only behind a TLS proxy that
    /// serves every request over HTTPS and redirects http to https.
    #[arg(long, env = "OBSERVATORY_HSTS")]
    pub hsts: bool,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Rebuild content/data/official_records.csv and official_list_history.csv from a clone
    /// of the official repository, and report what changed (needs the git command).
    Import(ImportArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// A clone of github.com/ambanum/pariscall.international (working copy or bare).
    #[arg(long, env = "OBSERVATORY_OFFICIAL_REPO")]
    pub official_repo: PathBuf,

    /// The commit to read: a branch, a tag or a commit id.
    #[arg(long, env = "OBSERVATORY_OFFICIAL_COMMIT", default_value = "HEAD")]
    pub commit: String,

    /// The content folder to update.
    #[arg(long, env = "OBSERVATORY_CONTENT", default_value = "content")]
    pub content: PathBuf,

    /// Report what would change; write nothing.
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,

    /// Write nothing; exit with 1 when the official repository has changes that content/
    /// does not (for a scheduled job), 0 when content/ is up to date.
    #[arg(long)]
    pub check: bool,

    /// Where to write the Markdown report (not written by --dry-run or --check).
    #[arg(
        long,
        env = "OBSERVATORY_IMPORT_REPORT",
        default_value = "target/import-report.md"
    )]
    pub report: PathBuf,

    /// The day recorded as `checked` in official_source.toml, YYYY-MM-DD (default: today, UTC).
    #[arg(long, env = "OBSERVATORY_IMPORT_TODAY")]
    pub today: Option<String>,
}

/// An e-mail address plain enough to sit in a `mailto:` link as it is.
fn email(value: &str) -> Result<String, String> {
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._+-".contains(&b))
    };
    match value.split_once('@') {
        Some((local, domain)) if plain(local) && plain(domain) && domain.contains('.') => {
            Ok(value.to_string())
        }
        _ => Err(format!(
            "{value:?} is not an e-mail address such as errors@example.org"
        )),
    }
}
