//! `--export DIR`: every page the cache renders ahead of time, written as static files with
//! the same bytes the server sends, for any static host or CDN.

use crate::AppState;

/// The file a cached URL is exported to: `/` → `index.html`, `/supporters` →
/// `supporters/index.html`, `/fr/` → `fr/index.html`, `/supporters.csv` → `supporters.csv`.
/// URLs with a query have no file of their own on a static host and are skipped.
pub fn export_path(url: &str) -> Option<String> {
    if url.contains('?') {
        return None;
    }
    let path = url.trim_matches('/');
    let last = path.rsplit('/').next().unwrap_or_default();
    Some(if path.is_empty() {
        "index.html".to_string()
    } else if last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/index.html")
    })
}

/// Writes every cached page into `dir`, as the same bytes the server sends.
pub fn export(state: &AppState, dir: &std::path::Path) -> std::io::Result<usize> {
    let mut written = 0;
    for url in state.pages.keys() {
        let (Some(relative), Some(page)) = (export_path(&url), state.pages.get(&url)) else {
            continue;
        };
        let target = dir.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, page.body()?)?;
        written += 1;
    }
    Ok(written)
}
