//! The SQLite database: built from `content/` into a temporary file and renamed into
//! place, reused while the content is unchanged, then read through a pool.

mod build;
mod columns;
pub mod commentary;
pub mod corrections;
pub mod countries;
pub mod explainers;
pub mod history;
pub mod names;
pub mod principles;
pub mod reported_counts;
pub mod search;
pub mod site_index;
pub mod sources;
pub mod supporters;
pub mod vocabulary;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, OpenFlags};

use crate::content::{self, ContentError};
use crate::error::AppError;

pub type Pool = r2d2::Pool<SqliteConnectionManager>;

/// Why a query failed: SQLite's own error, or a row that does not fit the type it is read
/// into (`columns`), which names the column.
pub type QueryError = serde_rusqlite::Error;
pub type QueryResult<T> = Result<T, QueryError>;

const SCHEMA: &str = include_str!("schema.sql");

/// Why the site could not load: bad content (which names the file and line), or a fault
/// building, opening or reading the database (which names the file where one is involved).
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("bad content: {0}")]
    Content(#[from] ContentError),
    #[error("database: {}: {source}", path.display())]
    Build {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("database: cannot create {}: {source}", path.display())]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: cannot move {} into place: {source}", path.display())]
    MoveIntoPlace {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {}: {source}", path.display())]
    Open { path: PathBuf, source: r2d2::Error },
    /// Reading what the app keeps in memory (`AppState::load`).
    #[error("database: {0}")]
    Read(#[from] QueryError),
    #[error("database: {0}")]
    Connection(#[from] r2d2::Error),
    /// Drawing today's map at load.
    #[error("map: {0}")]
    Map(#[from] askama::Error),
}

fn build_error(path: &Path) -> impl Fn(rusqlite::Error) -> StartupError + '_ {
    move |source| StartupError::Build {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether `open` built a new database or reused the one on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Built,
    Reused,
}

/// Makes sure `db_path` holds the current content, then opens a read-only pool on it.
pub fn open(content_dir: &Path, db_path: &Path) -> Result<(Pool, Outcome), StartupError> {
    let hash = content_hash(content_dir)?;
    let outcome = if stored_hash(db_path).as_deref() == Some(hash.as_str()) {
        Outcome::Reused
    } else {
        let content = content::load(content_dir)?;
        rebuild(&content, db_path, &hash)?;
        Outcome::Built
    };
    Ok((pool(db_path)?, outcome))
}

/// Builds the database next to `db_path` and renames it into place, so that a failed
/// build never leaves a half-written database where the server reads.
fn rebuild(content: &content::Content, db_path: &Path, hash: &str) -> Result<(), StartupError> {
    if let Some(parent) = db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| StartupError::CreateFolder {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let tmp = temporary_path(db_path);
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut conn = Connection::open(&tmp).map_err(build_error(&tmp))?;
        // A crash mid-build only loses the temporary file, so durability is not needed here.
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;",
        )
        .map_err(build_error(&tmp))?;
        conn.execute_batch(SCHEMA).map_err(build_error(&tmp))?;
        build::insert_all(&mut conn, content, hash).map_err(build_error(&tmp))?;
        conn.close().map_err(|(_, e)| build_error(&tmp)(e))?;
        std::fs::rename(&tmp, db_path).map_err(|source| StartupError::MoveIntoPlace {
            path: tmp.clone(),
            source,
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn temporary_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".building-{}", std::process::id()));
    db_path.with_file_name(name)
}

fn stored_hash(db_path: &Path) -> Option<String> {
    let conn = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row(
        "SELECT value FROM meta WHERE key = 'content_hash'",
        [],
        |r| r.get(0),
    )
    .ok()
}

/// A fingerprint of every file under `content/`, the schema and this program's sources
/// (`build.rs`): if any of them changes, the database is rebuilt. Only ever compared with itself, so a
/// hasher that may differ between Rust releases merely costs one rebuild after an upgrade.
fn content_hash(dir: &Path) -> Result<String, StartupError> {
    let mut files = Vec::new();
    collect_files(dir, &mut files).map_err(|e| {
        StartupError::Content(ContentError::new(dir, None, format!("cannot read: {e}")))
    })?;
    files.sort();
    let mut hasher = DefaultHasher::new();
    SCHEMA.hash(&mut hasher);
    env!("OBSERVATORY_SOURCE_HASH").hash(&mut hasher);
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| {
            StartupError::Content(ContentError::new(&file, None, format!("cannot read: {e}")))
        })?;
        file.strip_prefix(dir).unwrap_or(&file).hash(&mut hasher);
        bytes.hash(&mut hasher);
    }
    Ok(format!("{:016x}", hasher.finish()))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn pool(db_path: &Path) -> Result<Pool, StartupError> {
    // The file is never written after it is renamed into place (a rebuild makes a new
    // file), so readers can skip locking.
    let manager = SqliteConnectionManager::file(db_path)
        .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .with_init(|c| {
            c.execute_batch(
                "PRAGMA query_only = ON; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -256;",
            )
        });
    r2d2::Pool::builder()
        .max_size(8)
        .build(manager)
        .map_err(|source| StartupError::Open {
            path: db_path.to_path_buf(),
            source,
        })
}

/// Runs a query on a pooled connection off the async workers.
pub async fn run<T, F>(pool: &Pool, query: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&Connection) -> QueryResult<T> + Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let conn = pool.get()?;
        Ok(query(&conn)?)
    })
    .await?
}
