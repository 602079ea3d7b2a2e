//! `/static/…`: files from the static folder. A name carrying the file's content hash
//! (`site.1a2b3c4d5e6f7a8b.css`, made by `fingerprinted`) is cached by browsers forever.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Component, Path, PathBuf};

use actix_files::NamedFile;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::State;
use crate::cache::policy::CachePolicy;
use crate::error::AppError;

fn content_hash(bytes: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The URL of a static file with its content hash in the name: `css/site.css` →
/// `/static/css/site.<hash>.css`. Falls back to the plain URL if the file is unreadable.
pub fn fingerprinted(static_dir: &Path, file: &str) -> String {
    let Ok(bytes) = std::fs::read(static_dir.join(file)) else {
        return format!("/static/{file}");
    };
    match file.rsplit_once('.') {
        Some((stem, extension)) => format!("/static/{stem}.{}.{extension}", content_hash(&bytes)),
        None => format!("/static/{file}"),
    }
}

/// `css/site.<16 hex>.css` → (`css/site.css`, Some(hash)).
fn split_fingerprint(requested: &str) -> (String, Option<&str>) {
    let mut parts: Vec<&str> = requested.rsplitn(3, '.').collect();
    if let [extension, hash, stem] = parts[..] {
        if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return (format!("{stem}.{extension}"), Some(hash));
        }
    }
    parts.clear();
    (requested.to_string(), None)
}

/// Only plain relative paths: no `..`, no root, no prefixes.
fn safe_path(static_dir: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| static_dir.join(path))
}

pub async fn file(
    state: State,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let requested = path.into_inner();
    let (name, hash) = split_fingerprint(&requested);
    let full = safe_path(&state.static_dir, &name).ok_or(AppError::NotFound)?;
    let bytes_match = |hash: &str| std::fs::read(&full).is_ok_and(|b| content_hash(&b) == hash);
    if hash.is_some_and(|h| !bytes_match(h)) {
        return Err(AppError::NotFound);
    }
    if !full.is_file() {
        return Err(AppError::NotFound);
    }
    let file = NamedFile::open(&full).map_err(|_| AppError::NotFound)?;
    let mut response = file.into_response(&req);
    if hash.is_some() {
        CachePolicy::Immutable.mark(&mut response);
    }
    Ok(response)
}
