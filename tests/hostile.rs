//! Hostile input against the real server: the release binary is started on a free port and
//! receives more than 10,000 generated requests over raw TCP, so that malformed request lines,
//! invalid percent-encoding, raw invalid UTF-8, odd methods, huge or duplicate headers and
//! broken body framing really reach actix's HTTP parser and then our handlers.
//!
//! For every request the test asserts: a parseable HTTP answer; no status ≥ 500; every error
//! answered by the app is our HTML error page (problem+json under /api/); nothing outside
//! content/ or static/ leaks. Requests that are not well-formed HTTP (marked `Kind::Malformed`)
//! may instead be rejected by actix's parser before routing (a bare 400/408/413/414/431, a
//! closed connection, or an answer cut off when the broken body is detected): those are
//! counted separately, and must still be < 500. HTML and SVG must not echo injected markup.
//! One more client sends an unfinished head and must be timed out, not held forever.
//! Afterwards the server must still answer, with the right data, and its log must show no
//! panic and no ERROR line: the requests actix cannot parse are the client's fault, logged
//! at WARN (operators page on ERROR).
//!
//! Deterministic: the requests come from a fixed-seed xorshift generator (only the order in
//! which the client threads interleave varies). `HOSTILE_DEBUG=1` also prints every failure and what
//! each malformed request got. Run: `cargo test --release --test hostile -- --nocapture`.

mod common;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How many generated requests (on top of the fixed crafted list).
const GENERATED: usize = 10_000;
/// Client threads: enough to keep the server's two workers busy.
const CLIENTS: usize = 4;
/// Per-request read and write timeout: a request that gets no answer in this time is a hang.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The whole flood must finish in this time (it takes well under half of it on 2 cores).
const FLOOD_LIMIT: Duration = Duration::from_secs(90);
/// Keep well-formed request heads under actix's 128 KiB head buffer.
const MAX_CLEAN_HEAD: usize = 100_000;
/// Longest request target the `http` crate accepts (`u16::MAX - 1`, less a margin).
const MAX_CLEAN_TARGET: usize = 65_000;

// ---------------------------------------------------------------------------------------------
// The server under test

/// The running binary; killed when dropped, so a failing assertion never leaves it behind.
struct Server {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = TempDir::new().unwrap();
        // Ask the OS for a free port, then release it for the server.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = File::create(dir.path().join("server.log")).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_paris-call-observatory"))
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--db")
            .arg(dir.path().join("x.sqlite"))
            .arg("--content")
            .arg(common::content_dir())
            .arg("--static")
            .arg(common::static_dir())
            .args(["--workers", "2", "--log-level", "warn"])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("the server binary must start");
        let mut server = Server { child, port, dir };
        // The server binds only after building its database, so a connection means ready.
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("server exited early ({status}):\n{}", server.log());
            }
            assert!(
                Instant::now() < deadline,
                "server did not accept connections within 20 s:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    fn log(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(self.log_path()).unwrap_or_default()).into_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/// xorshift64*: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Requests

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Well-formed HTTP/1.1 within the server's limits: the app itself must answer it.
    Clean,
    /// Not well-formed, or beyond the HTTP layer's limits: actix may reject it before routing.
    Malformed,
}

struct Request {
    bytes: Vec<u8>,
    kind: Kind,
    /// The request target's path as the server sees it: decides HTML or problem+json errors.
    path: String,
    /// HEAD: the answer has headers only.
    head: bool,
    /// The connection may carry another request after this one.
    keep_alive: bool,
}

impl Request {
    /// A request given as bytes.
    fn raw(bytes: Vec<u8>, kind: Kind) -> Request {
        let line_end = bytes
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(bytes.len());
        let line = &bytes[..line_end];
        let mut parts = line.split(|&b| b == b' ');
        let method = parts.next().unwrap_or_default();
        let target = parts.next().unwrap_or_default();
        Request {
            head: method == b"HEAD",
            path: server_path(target),
            kind,
            keep_alive: false,
            bytes,
        }
    }

    /// The request, printable, shortened: for failure reports.
    fn label(&self) -> String {
        printable(&self.bytes, 300)
    }
}

/// A request built from parts, serialized exactly as given (nothing is normalized).
struct Spec {
    method: Vec<u8>,
    target: Vec<u8>,
    version: &'static str,
    /// Headers after the Host header.
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// Send `Host: localhost` first (false when the test sends its own Host headers).
    host: bool,
    body: Vec<u8>,
}

impl Spec {
    fn new(method: &[u8], target: impl Into<Vec<u8>>) -> Spec {
        Spec {
            method: method.to_vec(),
            target: target.into(),
            version: "HTTP/1.1",
            headers: Vec::new(),
            host: true,
            body: Vec::new(),
        }
    }

    fn get(target: impl Into<Vec<u8>>) -> Spec {
        Spec::new(b"GET", target)
    }

    fn header(mut self, name: impl Into<Vec<u8>>, value: impl Into<Vec<u8>>) -> Spec {
        self.headers.push((name.into(), value.into()));
        self
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
    }

    /// Serializes the request, adding a Content-Length for a body unless one (or
    /// Transfer-Encoding) was given, and classifies it.
    fn build(mut self) -> Request {
        if !self.body.is_empty()
            && !self.has_header("content-length")
            && !self.has_header("transfer-encoding")
        {
            let length = self.body.len().to_string();
            self.headers
                .push((b"Content-Length".to_vec(), length.into_bytes()));
        }
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&self.method);
        bytes.push(b' ');
        bytes.extend_from_slice(&self.target);
        bytes.push(b' ');
        bytes.extend_from_slice(self.version.as_bytes());
        bytes.extend_from_slice(b"\r\n");
        if self.host {
            bytes.extend_from_slice(b"Host: localhost\r\n");
        }
        for (name, value) in &self.headers {
            bytes.extend_from_slice(name);
            bytes.extend_from_slice(b": ");
            bytes.extend_from_slice(value);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(b"\r\n");
        let head_len = bytes.len();
        bytes.extend_from_slice(&self.body);
        let kind = if self.well_formed(head_len) {
            Kind::Clean
        } else {
            Kind::Malformed
        };
        let close = self.headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case(b"connection") && v.to_ascii_lowercase().starts_with(b"close")
        });
        let keep_alive = kind == Kind::Clean && self.version == "HTTP/1.1" && !close;
        let mut request = Request::raw(bytes, kind);
        request.keep_alive = keep_alive;
        request
    }

    /// Whether actix must route this request to the app: valid syntax (RFC 9112 and the
    /// `http` crate's URI rules), one sane Host, unambiguous framing, within the limits.
    fn well_formed(&self, head_len: usize) -> bool {
        let method = !self.method.is_empty()
            && self.method.iter().all(|&b| method_char(b))
            && self.method != b"CONNECT";
        let version = matches!(self.version, "HTTP/1.1" | "HTTP/1.0");
        let fields = self.headers.iter().all(|(name, value)| {
            !name.is_empty()
                && name.iter().all(|&b| tchar(b))
                && value
                    .iter()
                    .all(|&b| b == b'\t' || (0x20..0x7f).contains(&b))
        });
        let named = |name: &str| {
            self.headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
                .map(|(_, v)| v.as_slice())
                .collect::<Vec<_>>()
        };
        let hosts = named("host");
        let host = if self.host {
            hosts.is_empty()
        } else {
            hosts.len() == 1 && sane_host(hosts[0])
        };
        let lengths = named("content-length");
        let framing = named("transfer-encoding").is_empty()
            && match lengths.as_slice() {
                [] => self.body.is_empty(),
                [length] => *length == self.body.len().to_string().as_bytes(),
                _ => false,
            };
        let expect = named("expect")
            .iter()
            .all(|v| v.eq_ignore_ascii_case(b"100-continue"));
        method
            && uri_ok(&self.target)
            && version
            && fields
            && host
            && framing
            && expect
            && named("upgrade").is_empty()
            && self.headers.len() < 90
            && head_len < MAX_CLEAN_HEAD
    }
}

/// RFC 9110 token characters (header names).
fn tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The token characters the `http` crate accepts in a method: it refuses `#$%&'`.
fn method_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!*+-.^_`|~".contains(&b)
}

fn sane_host(value: &[u8]) -> bool {
    let text = String::from_utf8_lossy(value);
    let (name, port) = text.split_once(':').unwrap_or((&text, "80"));
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && port.parse::<u16>().is_ok()
}

/// Whether the `http` crate (which actix uses) accepts `target` as an origin-form URI:
/// its byte rules for path and query, no fragment, below its length limit.
fn uri_ok(target: &[u8]) -> bool {
    if target.first() != Some(&b'/') || target.len() > MAX_CLEAN_TARGET {
        return false;
    }
    let (path, query) = match target.iter().position(|&b| b == b'?') {
        Some(i) => (&target[..i], &target[i + 1..]),
        None => (target, &[][..]),
    };
    path.iter().all(|&b| {
        matches!(b, 0x21 | 0x24..=0x3B | 0x3D | 0x40..=0x5F | 0x61..=0x7A | 0x7C | 0x7E)
            || matches!(b, b'"' | b'{' | b'}')
    }) && query
        .iter()
        .all(|&b| matches!(b, 0x21 | 0x24..=0x3B | 0x3D | 0x3F..=0x7E))
}

/// The path `req.path()` gives the app for a request target (origin or absolute form).
fn server_path(target: &[u8]) -> String {
    let target = String::from_utf8_lossy(target);
    // Absolute form (`http://host/path`) only when the target does not start with a path:
    // `/x/${jndi:ldap://y/a}` is a path that happens to contain `://`.
    let rest = match target.split_once("://") {
        Some((_, after)) if !target.starts_with('/') => {
            after.find('/').map_or("/", |i| &after[i..])
        }
        _ => &target,
    };
    rest.split(['?', '#']).next().unwrap_or("").to_string()
}

/// Percent-encodes every byte outside RFC 3986's unreserved set.
fn enc(text: impl AsRef<[u8]>) -> String {
    let mut out = String::new();
    for &b in text.as_ref() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Bytes as escaped ASCII for reports: runs of one byte are shortened (`h…×8192…`) so that
/// every header of a request with a huge one still shows, and the whole is cut at `max`.
fn printable(bytes: &[u8], max: usize) -> String {
    let mut shown = String::new();
    let mut i = 0;
    while i < bytes.len() && shown.len() < max {
        let run = bytes[i..].iter().take_while(|&&b| b == bytes[i]).count();
        let escaped: String = std::ascii::escape_default(bytes[i])
            .map(char::from)
            .collect();
        if run > 16 {
            shown.push_str(&format!("{escaped}…×{run}…"));
            i += run;
        } else {
            shown.push_str(&escaped);
            i += 1;
        }
    }
    if i < bytes.len() {
        shown.push_str(&format!(" … ({} bytes)", bytes.len()));
    }
    shown
}

// ---------------------------------------------------------------------------------------------
// What the requests are made of

/// Every route, with placeholders for its variable segment.
const ROUTES: &[&str] = &[
    "/",
    "/about",
    "/principles",
    "/principles/{n}",
    "/commentary",
    "/commentary/{slug}",
    "/api/openapi.json",
    "/api/v1/supporters",
    "/api/v1/supporters/{id}",
    "/api/v1/countries",
    "/api/v1/countries/{iso2}",
    "/api/v1/principles",
    "/supporters.csv",
    "/supporters.json",
    "/countries.csv",
    "/countries.json",
    "/non-signatories.csv",
    "/datapackage.json",
    "/data",
    "/supporters",
    "/supporters/{id}",
    "/countries",
    "/countries/{iso2}",
    "/non-signatories",
    "/disputed",
    "/search",
    "/changes",
    "/changes.atom",
    "/counts",
    "/sitemap.xml",
    "/robots.txt",
    "/map.svg",
    "/badge.svg",
    "/embed",
    "/static/{asset}",
    "/fr",
    "/fr/",
    "/fr/supporters",
    "/fr/supporters/{id}",
    "/fr/countries",
    "/fr/countries/{iso2}",
    "/fr/commentary/{slug}",
    "/fr/search",
    "/fr/changes",
    "/fr/map.svg",
];

/// Routes that read the /supporters filters from the query string.
const FILTERED: &[&str] = &[
    "/supporters",
    "/fr/supporters",
    "/api/v1/supporters",
    "/supporters.csv",
    "/supporters.json",
    "/badge.svg",
];

const IDS: &[&str] = &[
    "microsoft-private-sector-usa",
    "albanie-state-alb",
    "united_states-state-usa",
    "MICROSOFT-PRIVATE-SECTOR-USA",
    "nope",
    "a",
    "-",
    "_",
];
/// Static files: real, fingerprinted with a wrong hash, and the folders themselves.
const ASSETS: &[&str] = &[
    "css/site.css",
    "css/site.css",
    "css/site.0123456789abcdef.css",
    "css/site.zzzzzzzzzzzzzzzz.css",
    "css/site",
    "css",
    "css/",
    "",
];
const ISO2: &[&str] = &["fr", "us", "FR", "zz", "usa", "tw", "gh", "ro", "f", "XK"];
const NUMBERS: &[&str] = &[
    "1",
    "2",
    "5",
    "9",
    "10",
    "0",
    "-0",
    "00",
    "03",
    "-1",
    "+5",
    " 5",
    "5 ",
    "1.5",
    "1e3",
    "0x10",
    "NaN",
    "inf",
    "499",
    "500",
    "501",
    "65535",
    "1000000",
    "1000001",
    "2147483647",
    "-2147483648",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551616",
    "99999999999999999999999999999999",
    "١",
    "１",
];
const SLUGS: &[&str] = &[
    "what-critics-said",
    "who-did-not-sign",
    "what-the-paris-call-is",
    "how-many-signed-at-launch",
    "nope",
    "SOURCES",
];

/// Query-string parameter names: the real ones, and near misses.
const NAMES: &[&str] = &[
    "category",
    "category",
    "country",
    "region",
    "listed",
    "joined",
    "q",
    "q",
    "sort",
    "per_page",
    "page",
    "status",
    "utm_source",
    "",
    "Q",
    "q[]",
    "category[]",
    "%71",
    "q%00",
    "%ff",
    "page%20",
    "+q",
    "q%3D",
    "%zz",
    "per_page",
    "as_of",
    "from",
    "to",
];

/// Real vocabulary, so that some queries pass validation and reach the database.
const VOCABULARY: &[&str] = &[
    "2019-11-12",
    "2019-10-30",
    "2018-11-12",
    "2099-01-01",
    "2019-02-30",
    "state",
    "public_authority",
    "private_sector",
    "civil_society",
    "other",
    "fr",
    "us",
    "Europe",
    "europe",
    "Asia",
    "Africa",
    "Americas",
    "Oceania",
    "2018",
    "2019",
    "2020",
    "2021",
    "name",
    "-name",
    "listed",
    "-listed",
    "country",
    "supporter",
    "not_listed",
    "non_signatory",
    "disputed",
    "micro",
    "paris",
    "université",
];

/// Already in URL form, and left as is: broken escapes, overlong UTF-8, encoded traversal.
const VERBATIM: &[&str] = &[
    "%",
    "%%",
    "%z",
    "%zz",
    "%g0",
    "%0",
    "%00",
    "%00%00",
    "%ff",
    "%ff%fe",
    "%fe%ff",
    "%c0%ae%c0%ae",
    "%c0%af",
    "%c0%80",
    "%e0%80%ae",
    "%f0%80%80%ae",
    "%f8%80%80%80%ae",
    "%ed%a0%80",
    "%ef%bf%be",
    "%f4%90%80%80",
    "%2e%2e",
    "%2e%2e%2f",
    "..%2f..%2f..%2fetc%2fpasswd",
    "..%5c..%5cwindows",
    "%252e%252e%252f",
    "%u002e%u002e",
    "%e2%80%ae",
    "%f0%9f%92%a9",
    "e%CC%81",
    "%0d%0aSet-Cookie:%20x=1",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "%27%20OR%201=1--",
    "%22",
    "+",
    "+++",
    "a+b",
    "%2B",
    "&",
    "=",
    "==",
    ";",
    "%3B",
    "*",
    "(",
    ")",
    "'",
    "!",
    "$",
    ":",
    "@",
    "~",
    ",",
];

/// Plain text, percent-encoded before use: FTS5 syntax, SQL, scripts, odd Unicode.
const TEXT: &[&str] = &[
    "' OR 1=1--",
    "' OR '1'='1",
    "'; DROP TABLE supporters; --",
    "\" OR \"\"=\"",
    "1; SELECT sqlite_version()",
    "x' UNION SELECT name, sql FROM sqlite_master--",
    "%' AND 1=0 UNION SELECT 1--",
    "\\'",
    "NEAR(micro soft, 2)",
    "NEAR(",
    "micro*",
    "*",
    "**",
    "\"microsoft\"",
    "\"unterminated",
    "a AND b",
    "a OR b",
    "NOT a",
    "AND",
    "OR OR OR",
    "^start",
    "name:microsoft",
    "supporters_fts:x",
    "{name country}: x",
    "(a OR b) NOT c",
    "((((",
    "))))",
    "-a",
    "+a",
    "a - b",
    "\"",
    "\"\"\"",
    "\0",
    "a\0b",
    "\r\n",
    "\t",
    " ",
    "   ",
    "ÿ",
    "日本語",
    "Ῥόδος",
    "مرحبا",
    "\u{202e}evil",
    "\u{feff}bom",
    "\u{200b}",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "ǅ",
    "ß",
    "İstanbul",
    "e\u{301}",
    "ﬁ",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "${jndi:ldap://x/a}",
    "{{7*7}}",
    "{% raw %}",
    "../../etc/passwd",
    "..\\..\\boot.ini",
    "%s%s%s%n",
    "%",
    "&",
    "=",
    "#",
    "?",
    "/",
];

/// Whole query strings (with the `?`) that are odd as a whole.
const ODD_QUERIES: &[&str] = &[
    "?",
    "??",
    "?&",
    "?&&&&",
    "?=",
    "?==",
    "?=&=",
    "?%",
    "?%%",
    "?q",
    "?q=",
    "?q==",
    "?q=%",
    "?&q=a&",
    "?;q=a",
    "?q=a;b",
    "?%zz=%zz",
    "?%ff%fe=%c0%ae",
    "?%00=%00",
    "?q%3Dx",
    "?q=a&q=b",
    "?page=2",
    "?per_page=0",
    "?per_page=&page=",
    "?category=&country=&region=",
    "?category=state&category=state",
    "?category=STATE",
    "?category=state%00",
    "?country=fr&country=us",
    "?country=%66%72",
    "?q=%ff",
    "?q=%c0%ae",
    "?q=%ed%a0%80",
    "?q=+",
    "?sort=",
    "?sort=name;DROP",
    "?status=supporter&status=disputed",
    "?listed=2018&joined=2018",
    "?q=\"",
    "?q=<>",
    "?q={}|\\^`",
];

const METHODS: &[&str] = &[
    "POST",
    "PUT",
    "DELETE",
    "PATCH",
    "OPTIONS",
    "TRACE",
    "PROPFIND",
    "PROPPATCH",
    "MKCOL",
    "COPY",
    "MOVE",
    "LOCK",
    "UNLOCK",
    "SEARCH",
    "REPORT",
    "PURGE",
    "LINK",
    "QUERY",
    "get",
    "Get",
    "head",
    "BREW",
    "X",
    "M-SEARCH",
    "GET'",
    "G*T",
];

/// Unusual but valid headers.
fn odd_header(rng: &mut Rng) -> (String, String) {
    let (name, value): (&str, String) = match rng.below(40) {
        0 => ("Accept", "*/*".into()),
        1 => ("Accept", "application/json".into()),
        2 => ("Accept", "text/html;q=0".into()),
        3 => ("Accept", "garbage/;;;q=x".into()),
        4 => ("Accept-Language", "fr-FR,fr;q=0.9,*;q=0.1".into()),
        5 => ("Accept-Language", enc(rng.pick(TEXT))),
        6 => ("Accept-Encoding", "gzip".into()),
        7 => ("Accept-Encoding", "br, zstd".into()),
        8 => ("Accept-Encoding", "gzip;q=abc".into()),
        9 => ("Accept-Encoding", "identity;q=0".into()),
        10 => ("Accept-Encoding", "*;q=0".into()),
        11 => ("Accept-Encoding", "x".repeat(1000)),
        12 => ("Cookie", format!("a=b; c={}", enc(rng.pick(TEXT)))),
        13 => ("Cookie", "c".repeat(8192)),
        14 => ("X-Huge", "h".repeat(8192)),
        15 => ("X-Huge", "h".repeat(32 * 1024)),
        16 => ("X-Huge", "h".repeat(64 * 1024)),
        17 => ("Referer", enc(rng.pick(TEXT))),
        18 => ("User-Agent", "() { :; }; echo vulnerable".into()),
        19 => ("User-Agent", String::new()),
        20 => (
            "X-Forwarded-For",
            "1.2.3.4, ::1, not-an-ip, 999.999.999.999".into(),
        ),
        21 => (
            "Forwarded",
            "for=\"[::1]\";proto=gopher;host=evil.example".into(),
        ),
        22 => ("X-Forwarded-Host", "evil.example".into()),
        23 => ("X-Forwarded-Proto", "javascript".into()),
        24 => ("X-Original-URL", "/admin".into()),
        25 => ("Range", "bytes=0-10".into()),
        26 => ("Range", "bytes=999999999-".into()),
        27 => ("Range", "bytes=5-1".into()),
        28 => ("Range", "chars=0-1".into()),
        29 => (
            "Range",
            (0..500)
                .map(|i| format!("{i}-{i}"))
                .collect::<Vec<_>>()
                .join(","),
        ),
        30 => ("If-None-Match", "*".into()),
        31 => ("If-None-Match", "\"x\", W/\"y\"".into()),
        32 => ("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT".into()),
        33 => ("If-Modified-Since", "garbage".into()),
        34 => ("If-Match", "\"nope\"".into()),
        35 => (
            "If-Unmodified-Since",
            "Thu, 01 Jan 1970 00:00:00 GMT".into(),
        ),
        36 => ("Content-Type", "text/html; charset=utf-99".into()),
        37 => ("Connection", "close".into()),
        38 => ("Connection", "keep-alive, x-hop".into()),
        _ => ("X-HTTP-Method-Override", "DELETE".into()),
    };
    (name.to_string(), value)
}

// ---------------------------------------------------------------------------------------------
// Generators

/// A query-string value, in URL form.
fn value(rng: &mut Rng) -> String {
    match rng.below(20) {
        0..=4 => rng.pick(VERBATIM).to_string(),
        5..=9 => enc(rng.pick(TEXT)),
        10..=11 => {
            let len = 1 + rng.below(40);
            enc(rng.bytes(len))
        }
        12..=14 => enc(rng.pick(NUMBERS)),
        15..=18 => enc(rng.pick(VOCABULARY)),
        // Long: past the 200-character limit, or far past it.
        _ => match rng.below(3) {
            0 => "a".repeat(201),
            1 => enc("é".repeat(2000)),
            _ => "x".repeat(8 * 1024),
        },
    }
}

/// A query string (with its `?`, or empty).
fn query(rng: &mut Rng, names: &[&str]) -> String {
    match rng.below(14) {
        0..=1 => String::new(),
        2 => rng.pick(ODD_QUERIES).to_string(),
        3 => {
            // The same parameter many times: at, and far past, the 64-parameter limit.
            let count = rng.pick(&[2, 63, 64, 65, 200, 1000]);
            let pair = format!("{}={}", rng.pick(names), value(rng));
            format!("?{}", vec![pair; count].join("&"))
        }
        4 => {
            // A huge value: 100 KB is past the URI limit (the HTTP layer rejects it).
            let size = rng.pick(&[30_000, 60_000, 100_000]);
            format!("?{}={}", rng.pick(names), "q".repeat(size))
        }
        _ => {
            let count = 1 + rng.below(6);
            let pairs: Vec<String> = (0..count)
                .map(|_| format!("{}={}", rng.pick(names), value(rng)))
                .collect();
            format!("?{}", pairs.join("&"))
        }
    }
}

/// A path segment in URL form, meant to be wrong.
fn junk_segment(rng: &mut Rng) -> String {
    match rng.below(8) {
        0..=2 => rng.pick(VERBATIM).to_string(),
        3..=4 => enc(rng.pick(TEXT)),
        5 => {
            let len = 1 + rng.below(30);
            enc(rng.bytes(len))
        }
        6 => rng.pick(NUMBERS).trim().to_string(),
        _ => match rng.below(3) {
            0 => "s".repeat(8 * 1024),
            1 => "%ff".repeat(2731),
            _ => enc("日".repeat(900)),
        },
    }
}

/// A route with its placeholder filled, validly or not.
fn route(rng: &mut Rng, junk: bool) -> String {
    let template = rng.pick(ROUTES);
    let Some(start) = template.find('{') else {
        return template.to_string();
    };
    let filler = if junk && rng.chance(50) {
        junk_segment(rng)
    } else if template.ends_with("{n}") {
        rng.pick(NUMBERS).trim().to_string()
    } else if template.ends_with("{slug}") {
        rng.pick(SLUGS).to_string()
    } else if template.ends_with("{asset}") {
        rng.pick(ASSETS).to_string()
    } else if template.ends_with("{iso2}") {
        rng.pick(ISO2).to_string()
    } else {
        rng.pick(IDS).to_string()
    };
    format!("{}{filler}", &template[..start])
}

/// A route bent out of shape: junk segments, dot segments, doubled slashes, case, suffixes.
fn mutated_path(rng: &mut Rng) -> String {
    let mut path = route(rng, true);
    for _ in 0..1 + rng.below(3) {
        path = match rng.below(10) {
            0 => format!("{path}/{}", junk_segment(rng)),
            1 => match path.rfind('/') {
                Some(i) => format!("{}/{}", &path[..i], junk_segment(rng)),
                None => path,
            },
            2 => path.replacen('/', "//", 1 + rng.below(2)),
            3 => format!("{path}/./"),
            4 => format!("{path}/../../.."),
            5 => path.to_uppercase(),
            6 => format!("{path}/"),
            7 => format!(
                "{path}{}",
                rng.pick(&[".json", ".csv", "%00", ";a=b", "%2f", "~", ".."])
            ),
            8 => format!("/api/v1{path}"),
            _ => format!("/static{path}"),
        };
    }
    path
}

/// Ordinary requests for real pages with random (mostly wrong) query strings.
fn page_request(rng: &mut Rng) -> Request {
    let path = route(rng, false);
    let q = query(rng, NAMES);
    let method: &[u8] = if rng.chance(10) { b"HEAD" } else { b"GET" };
    Spec::new(method, format!("{path}{q}")).build()
}

/// Every /supporters filter, with junk and with real values, and pagination extremes.
fn filter_request(rng: &mut Rng) -> Request {
    let path = rng.pick(FILTERED);
    let names = [
        "category", "country", "region", "listed", "joined", "q", "sort", "per_page", "page",
        "as_of",
    ];
    let count = 1 + rng.below(5);
    let pairs: Vec<String> = (0..count)
        .map(|_| {
            let name = rng.pick(&names);
            let value = if matches!(name, "per_page" | "page") || rng.chance(20) {
                enc(rng.pick(NUMBERS))
            } else if rng.chance(40) {
                enc(rng.pick(VOCABULARY))
            } else {
                value(rng)
            };
            format!("{name}={value}")
        })
        .collect();
    Spec::get(format!("{path}?{}", pairs.join("&"))).build()
}

/// Search with FTS5 operators and SQL metacharacters, encoded as a browser would or raw.
fn search_request(rng: &mut Rng) -> Request {
    let path = rng.pick(&[
        "/search",
        "/supporters",
        "/api/v1/supporters",
        "/supporters.csv",
    ]);
    let mut text = String::new();
    for _ in 0..1 + rng.below(4) {
        text.push_str(rng.pick(TEXT));
        text.push(' ');
    }
    let q = match rng.below(4) {
        0 => text.replace(' ', "+"), // unencoded: the classifier decides what the URI allows
        1 => rng.pick(VERBATIM).to_string(),
        _ => enc(text.trim()),
    };
    Spec::get(format!("{path}?q={q}")).build()
}

/// Crafted and mutated paths, with the odd query.
fn path_request(rng: &mut Rng) -> Request {
    let path = mutated_path(rng);
    let q = if rng.chance(20) {
        query(rng, NAMES)
    } else {
        String::new()
    };
    Spec::get(format!("{path}{q}")).build()
}

/// Methods other than GET/HEAD, some with bodies, some absurd.
fn method_request(rng: &mut Rng) -> Request {
    let method = match rng.below(12) {
        0 => "A".repeat(64),
        1 => "LONG".repeat(256),
        _ => rng.pick(METHODS).to_string(),
    };
    let target = format!("{}{}", route(rng, true), query(rng, &["q", "category"]));
    let mut spec = Spec::new(method.as_bytes(), target);
    if rng.chance(50) {
        let (content_type, body): (&str, Vec<u8>) = match rng.below(5) {
            0 => (
                "application/x-www-form-urlencoded",
                b"q=%27+OR+1%3D1--&category=state".to_vec(),
            ),
            1 => ("application/json", br#"{"q": "' OR 1=1--", "id": [1,2,{}]}"#.to_vec()),
            2 => (
                "application/xml",
                br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"#
                    .to_vec(),
            ),
            3 => ("multipart/form-data; boundary=zz", b"--zz\r\n\r\n--zz--".to_vec()),
            _ => ("application/octet-stream", rng.bytes(16 * 1024)),
        };
        spec = spec.header("Content-Type", content_type);
        if rng.chance(20) {
            spec = spec.header("Expect", "100-continue");
        }
        spec.body = body;
    }
    spec.build()
}

/// Valid requests carrying odd, duplicated or huge headers.
fn header_request(rng: &mut Rng) -> Request {
    let target = format!(
        "{}{}",
        route(rng, false),
        query(rng, &["q", "category", "page"])
    );
    let mut spec = Spec::new(if rng.chance(15) { b"HEAD" } else { b"GET" }, target);
    for _ in 0..1 + rng.below(4) {
        let (name, value) = odd_header(rng);
        spec = spec.header(name, value);
    }
    if rng.chance(10) {
        // Many copies of one header: under, then over, actix's 96-header limit.
        let count = rng.pick(&[50, 85, 100, 200]);
        for i in 0..count {
            spec = spec.header("X-Dup", format!("{i}"));
        }
    }
    spec.build()
}

/// Headers and body of a request with broken framing.
type Framing = (&'static [(&'static str, &'static str)], &'static [u8]);

/// Requests that are not well-formed HTTP at all, or that break framing and limits.
fn malformed_request(rng: &mut Rng) -> Request {
    let path = route(rng, false);
    let spec = |target: &str| Spec::get(target.to_string());
    let raw = |bytes: &[u8]| Request::raw(bytes.to_vec(), Kind::Malformed);
    match rng.below(40) {
        // Raw invalid UTF-8, unicode, control characters and reserved bytes in the target.
        0 => {
            let mut target = format!("{path}/").into_bytes();
            let len = 1 + rng.below(16);
            target.extend(rng.bytes(len).into_iter().map(|b| b | 0x80));
            Spec::get(target).build()
        }
        1 => {
            let mut target = format!("{path}?q=").into_bytes();
            let len = 1 + rng.below(16);
            target.extend(rng.bytes(len).into_iter().map(|b| b | 0x80));
            Spec::get(target).build()
        }
        2 => spec(&format!("{path}/日本語?q=Ῥόδος")).build(),
        3 => {
            let byte = rng.pick(&[0u8, 1, 8, 0x1b, 0x7f, b'<', b'>', b'`', b'\\', b'#', b'^']);
            let mut target = format!("{path}?q=a").into_bytes();
            target.push(byte);
            Spec::get(target).build()
        }
        4 => {
            let byte = rng.pick(&[0u8, 1, 0x7f, b'<', b'>', b'`', b'\\', b'#', b'\t']);
            let mut target = format!("{path}/a").into_bytes();
            target.push(byte);
            Spec::get(target).build()
        }
        // Broken request lines.
        5 => {
            let lines: &[&[u8]] = &[
                b"GET\r\n\r\n",
                b"GET / \r\nHost: x\r\n\r\n",
                b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n",
                b" GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1\r\nHost: x\r\n\r\n",
                b"GET / http/1.1\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1\n\n",
                b"GET /supporters HTTP/1.1\nHost: x\n\n",
                b"\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET / HTTP/1.1\r\nHost: x\r\n",
                b"GET /\r\n",
                b"GET / HTTP/1.0\r\n\r\n",
                b"\r\n\r\n",
                b"",
                b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                b"GET * HTTP/1.1\r\nHost: x\r\n\r\n",
                b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET supporters HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET ?q=x HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET example.com HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET http://evil.example/supporters HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET http://[::1]/api/v1/nope HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET https://localhost/api/v1/supporters?per_page=0 HTTP/1.1\r\nHost: x\r\n\r\n",
                b"CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n",
                b"G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GET( / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GE\x7fT / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"GE\0T / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
                b"\xff\xfe\xfd\r\n\r\n",
            ];
            raw(rng.pick(lines))
        }
        6 => {
            let mut bytes = "M".repeat(10 * 1024).into_bytes();
            bytes.extend_from_slice(b" / HTTP/1.1\r\nHost: x\r\n\r\n");
            raw(&bytes)
        }
        7 => {
            let len = 1 + rng.below(300);
            raw(&rng.bytes(len))
        }
        // Broken header lines.
        8 => {
            let lines: &[&[u8]] = &[
                b"Host\r\n",
                b"Bad Name: x\r\n",
                b": x\r\n",
                b"X: a\r\n b\r\n",
                b"X: a\0b\r\n",
                b"X: a\rb\r\n",
                b"X: \xff\xfe\r\n",
                b"X-\xff: y\r\n",
                b"X:\r\n",
                b"X :y\r\n",
                b"\tX: y\r\n",
            ];
            let line = rng.pick(lines);
            let mut bytes = format!("GET {path} HTTP/1.1\r\nHost: x\r\n").into_bytes();
            bytes.extend_from_slice(line);
            bytes.extend_from_slice(b"\r\n");
            raw(&bytes)
        }
        // Heads past actix's limits: one 140 KB header, or many 1 KB ones.
        9 => spec(&path).header("X-Huge", "h".repeat(140 * 1024)).build(),
        10 => {
            let mut spec = spec(&path);
            for i in 0..200 {
                spec = spec.header(format!("X-{i}"), "v".repeat(1024));
            }
            spec.build()
        }
        11 => spec(&format!("{path}?q={}", "q".repeat(100_000))).build(),
        12 => spec(&format!("/{}", "p".repeat(70_000))).build(),
        // Odd Host headers.
        13..=15 => {
            let mut spec = spec(&path);
            spec.host = false;
            let choices: &[&[&[u8]]] = &[
                &[][..],
                &[b"localhost", b"evil.example"],
                &[b""],
                &[b"127.0.0.1:99999"],
                &[b"[::1"],
                &[b"a b"],
                &[b"\xff\xfe"],
                &[b"localhost\0"],
                &[b"localhost/../.."],
                &[b"user:pass@localhost"],
                &[b"%6c%6f%63%61%6c%68%6f%73%74"],
            ];
            let hosts = rng.pick(choices);
            for host in hosts {
                spec = spec.header("Host", host.to_vec());
            }
            if rng.chance(20) {
                spec = spec.header("Host", "h".repeat(8 * 1024));
            }
            spec.build()
        }
        // Broken body framing.
        16..=23 => {
            let cases: &[Framing] = &[
                (&[("Content-Length", "-1")][..], &b""[..]),
                (&[("Content-Length", "99999999999999999999999")], b"x"),
                (&[("Content-Length", "1e3")], b"x"),
                (&[("Content-Length", "5, 6")], b"hello"),
                (
                    &[("Content-Length", "5"), ("Content-Length", "6")],
                    b"hello!",
                ),
                (&[("Content-Length", "10")], b"ab"),
                (&[("Content-Length", "1000000000")], b"abc"),
                (
                    &[("Content-Length", "0"), ("Transfer-Encoding", "chunked")],
                    b"0\r\n\r\n",
                ),
                (
                    &[("Transfer-Encoding", "chunked")],
                    b"zz\r\nabc\r\n0\r\n\r\n",
                ),
                (
                    &[("Transfer-Encoding", "chunked")],
                    b"ffffffffffffffffffff\r\nabc\r\n",
                ),
                (
                    &[("Transfer-Encoding", "chunked")],
                    b"-1\r\nabc\r\n0\r\n\r\n",
                ),
                (&[("Transfer-Encoding", "chunked")], b"5\r\nhello\r\n"),
                (
                    &[("Transfer-Encoding", "chunked")],
                    b"5;\0=x\r\nhello\r\n0\r\n\r\n",
                ),
                (
                    &[("Transfer-Encoding", "chunked")],
                    b"3\r\nhello\r\n0\r\n\r\n",
                ),
                (&[("Transfer-Encoding", "chunked")], b"5\r\nhello0\r\n\r\n"),
                (&[("Transfer-Encoding", "gzip, chunked")], b"0\r\n\r\n"),
                (&[("Transfer-Encoding", "chunked, identity")], b"0\r\n\r\n"),
                (&[("Transfer-Encoding", "xchunked")], b"0\r\n\r\n"),
                (
                    &[
                        ("Transfer-Encoding", "chunked"),
                        ("Transfer-Encoding", "chunked"),
                    ],
                    b"0\r\n\r\n",
                ),
                (&[("Expect", "garbage")], b""),
                (&[("Upgrade", "websocket"), ("Connection", "Upgrade")], b""),
                (
                    &[
                        ("Upgrade", "h2c"),
                        ("Connection", "Upgrade, HTTP2-Settings"),
                    ],
                    b"",
                ),
                (
                    &[("Content-Length", "0"), ("Transfer-Encoding", "chunked")],
                    b"0\r\n\r\nGET /api/v1/nope HTTP/1.1\r\nHost: x\r\n\r\n",
                ),
            ];
            let (headers, body) = rng.pick(cases);
            let method: &[u8] = if rng.chance(50) { b"GET" } else { b"POST" };
            let mut spec = Spec::new(method, path.clone());
            for (name, value) in headers {
                spec = spec.header(*name, *value);
            }
            spec.body = body.to_vec();
            spec.build()
        }
        24 => {
            // A body with no framing at all: actix reads it as the next request.
            let mut bytes = format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes();
            bytes.extend_from_slice(b"this is not a request\r\n\r\n");
            raw(&bytes)
        }
        25 => {
            // A megabyte body on a read-only page: the server may stop reading it.
            let mut spec = Spec::new(b"PUT", path.clone());
            spec.body = vec![b'x'; 1024 * 1024];
            spec.build()
        }
        26 => {
            let mut spec = spec(&path);
            spec.version = rng.pick(&["HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "HTTP/1.10", "HTTX/1.1"]);
            spec.build()
        }
        27 => {
            // Several requests in one write; only the first answer is read.
            let one = format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n");
            raw(format!("{one}{one}GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
        }
        28 => {
            let mut spec = spec(&path);
            spec.version = "HTTP/1.0";
            spec = spec.header("Connection", "keep-alive");
            spec.build()
        }
        // Otherwise: a mutated path, sent raw without any escaping.
        _ => {
            let mut text = String::new();
            for _ in 0..1 + rng.below(3) {
                text.push_str(rng.pick(TEXT));
            }
            Spec::get(format!("{}/{text}?q={text}", route(rng, false))).build()
        }
    }
}

/// Named cases from the issue, each sent once.
fn crafted_requests() -> Vec<Request> {
    let long = |s: &str, n: usize| s.repeat(n);
    let paths: Vec<String> = vec![
        "/..%2f..%2fetc/passwd".into(),
        "/..%2f..%2f..%2fetc%2fpasswd".into(),
        "/%2e%2e/%2e%2e/etc/passwd".into(),
        "/../../etc/passwd".into(),
        "/static/../Cargo.toml".into(),
        "/static/..%2f..%2fCargo.toml".into(),
        "/static/..%2fCargo.toml".into(),
        "/static/%2e%2e/Cargo.toml".into(),
        "/static/%2e%2e%2fCargo.toml".into(),
        "/static/css/..%2f..%2fCargo.toml".into(),
        "/static/css/../../Cargo.toml".into(),
        "/static/..%5c..%5cCargo.toml".into(),
        "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/Cargo.toml".into(),
        "/static/%c0%ae%c0%ae%c0%afCargo.toml".into(),
        "/static/.%2e/Cargo.toml".into(),
        "/static/....//....//Cargo.toml".into(),
        "/static/%252e%252e/Cargo.toml".into(),
        "/static//etc/passwd".into(),
        "/static/%2fetc%2fpasswd".into(),
        "/static/css/%00".into(),
        "/static/css/site.css%00.html".into(),
        "/static/css/site.css/".into(),
        "/static/css/site.css/..".into(),
        "/static/css/".into(),
        "/static/css".into(),
        "/static/css/site.0123456789abcdef.css".into(),
        "/static/".into(),
        "/static".into(),
        "/static/.hidden".into(),
        "/%00".into(),
        "/%00/".into(),
        "/supporters/%00".into(),
        "/supporters%00".into(),
        "/%c0%ae%c0%ae/".into(),
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd".into(),
        "/%e0%80%ae%e0%80%ae/".into(),
        "/%ff".into(),
        "/%fe%ff".into(),
        "/%".into(),
        "/%%".into(),
        "/%zz".into(),
        "/%2".into(),
        "//".into(),
        "///".into(),
        "//supporters".into(),
        "/supporters//".into(),
        "/./".into(),
        "/./supporters".into(),
        "/supporters/./microsoft-private-sector-usa".into(),
        "/supporters/../supporters".into(),
        "/supporters/..".into(),
        "/supporters/.".into(),
        "/%2e/".into(),
        "/%2E%2E/".into(),
        "/supporters/%2e%2e".into(),
        "/api/v1/..%2f..%2fCargo.toml".into(),
        "/api/v1/supporters/..%2f..%2f".into(),
        "/api/v1/supporters/%00".into(),
        "/api/v1/supporters/%ff".into(),
        "/api/v1/countries/%c0%ae".into(),
        "/api/v1/supporters?per_page=-1".into(),
        "/api/v1/supporters?per_page=99999999999999999999&page=-5".into(),
        "/api/v1/supporters?q=%ff%fe".into(),
        "/api/v1/".into(),
        "/api/".into(),
        "/api".into(),
        "/api/v2/supporters".into(),
        "/api//v1/supporters".into(),
        "/API/v1/supporters".into(),
        "/countries/%00%00".into(),
        "/countries/f%00".into(),
        "/countries/%ff%fe".into(),
        "/countries/FR%20".into(),
        "/principles/%31".into(),
        "/principles/1%00".into(),
        "/principles/1.0".into(),
        "/principles/99999999999999999999999".into(),
        "/commentary/..%2fSOURCES".into(),
        "/commentary/%2e%2e%2freference%2ffacts".into(),
        "/commentary/../reference/facts".into(),
        "/search/".into(),
        "/supporters/".into(),
        "/supporters.csv/".into(),
        "/supporters.csv%00".into(),
        "/supporters%2ecsv".into(),
        "/map.svg/..".into(),
        "/badge.svg%3F".into(),
        "/changes.atom;x=1".into(),
        "/supporters;jsessionid=x".into(),
        "/index.html".into(),
        "/.env".into(),
        "/.git/config".into(),
        "/Cargo.toml".into(),
        "/wp-admin/".into(),
        "/cgi-bin/test.cgi".into(),
        "/%E2%80%AE".into(),
        "/%F0%9F%92%A9".into(),
        "/supporters/%E6%97%A5%E6%9C%AC".into(),
        format!("/supporters/{}", long("a", 8192)),
        format!("/{}", long("a", 8192)),
        format!("/supporters/{}", long("%ff", 2731)),
        format!("/countries/{}", long("x", 8192)),
        format!("/api/v1/supporters/{}", long("a", 8192)),
        format!("/static/{}", long("a", 8192)),
        format!("/{}", long("a/", 4000)),
        format!("/{}etc/passwd", long("../", 2000)),
        format!("/{}etc/passwd", long("%2e%2e%2f", 1000)),
        "/search?q=%22".into(),
        "/search?q=*".into(),
        "/search?q=NEAR(a%20b)".into(),
        "/search?q=a%20AND%20b%20OR%20NOT%20c".into(),
        "/search?q=%5Ea".into(),
        "/search?q=name:x".into(),
        "/search?q=(".into(),
        "/search?q=%27%20OR%201=1--".into(),
        "/search?q=%3B%20DROP%20TABLE%20supporters".into(),
        "/search?q=%".into(),
        "/search?q=%zz".into(),
        "/search?q=%ff%fe".into(),
        "/search?q=%00".into(),
        format!("/search?q={}", long("a", 200)),
        format!("/search?q={}", long("a", 201)),
        format!("/search?{}", vec!["q=a"; 1000].join("&")),
        "/supporters?per_page=0".into(),
        "/supporters?per_page=-1".into(),
        "/supporters?per_page=501".into(),
        "/supporters?per_page=4294967296".into(),
        "/supporters?per_page=10&page=1000000".into(),
        "/supporters?per_page=10&page=1000001".into(),
        "/supporters?per_page=1&page=999999".into(),
        "/supporters?per_page=500&page=2147483647".into(),
        "/supporters?page=2".into(),
        "/supporters?category=state&category=state".into(),
        "/supporters?country=zz".into(),
        "/supporters?region=%ff".into(),
        "/supporters?listed=65536".into(),
        "/supporters?joined=-1".into(),
        "/supporters?sort=DROP".into(),
    ];
    let mut requests: Vec<Request> = paths.into_iter().map(|p| Spec::get(p).build()).collect();
    for method in ["PROPFIND", "TRACE", "OPTIONS", "DELETE", "get", "PATCH"] {
        requests.push(Spec::new(method.as_bytes(), "/supporters").build());
        requests.push(Spec::new(method.as_bytes(), "/api/v1/supporters").build());
    }
    let mut put = Spec::new(b"PUT", "/supporters/microsoft-private-sector-usa");
    put.body = b"name=pwned".to_vec();
    requests.push(put.build());
    requests.push(Spec::new("X".repeat(4096).as_bytes(), "/").build());
    requests.push(
        Spec::get("/")
            .header("X-Huge", "h".repeat(8 * 1024))
            .build(),
    );
    requests.push(
        Spec::get("/")
            .header("X-Huge", "h".repeat(33 * 1024))
            .build(),
    );
    requests.push(
        Spec::get("/api/v1/nope")
            .header("Accept-Encoding", "identity;q=0")
            .build(),
    );
    requests.push(
        Spec::get("/")
            .header("Accept-Encoding", "identity;q=0, *;q=0")
            .build(),
    );
    requests
}

/// All requests: the crafted list, then `GENERATED` from the fixed seed.
fn requests() -> Vec<Request> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut all = crafted_requests();
    for _ in 0..GENERATED {
        let request = match rng.below(100) {
            0..=24 => page_request(&mut rng),
            25..=42 => filter_request(&mut rng),
            43..=52 => search_request(&mut rng),
            53..=67 => path_request(&mut rng),
            68..=75 => method_request(&mut rng),
            76..=87 => header_request(&mut rng),
            _ => malformed_request(&mut rng),
        };
        all.push(request);
    }
    all
}

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 client over a raw socket

struct Response {
    status: u16,
    /// Lower-cased names.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Another request may follow on this connection.
    reusable: bool,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn describe(&self) -> String {
        format!(
            "{} (content-type {:?}, {} body bytes: {})",
            self.status,
            self.header("content-type").unwrap_or(""),
            self.body.len(),
            printable(&self.body, 200)
        )
    }
}

enum Outcome {
    Answer(Response),
    /// A status line and headers, then the connection ended inside the body.
    CutOff(u16, String),
    /// The connection closed before any byte of an answer.
    Closed,
    Timeout,
    Garbage(String),
}

struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

impl Connection {
    fn open(port: u16) -> io::Result<Connection> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        stream.set_write_timeout(Some(TIMEOUT))?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream,
            buffer: Vec::new(),
        })
    }

    /// Reads more bytes into the buffer; Ok(0) at the end of the stream.
    fn fill(&mut self) -> io::Result<usize> {
        let mut chunk = [0u8; 64 * 1024];
        let n = self.stream.read(&mut chunk)?;
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    /// Fills until `ready` finds what it needs in the buffer.
    fn fill_until(&mut self, ready: impl Fn(&[u8]) -> Option<usize>) -> Result<usize, Outcome> {
        loop {
            if let Some(n) = ready(&self.buffer) {
                return Ok(n);
            }
            if self.buffer.len() > 64 * 1024 * 1024 {
                return Err(Outcome::Garbage("answer larger than 64 MB".into()));
            }
            match self.fill() {
                Ok(0) => {
                    return Err(Outcome::Garbage(format!(
                        "connection closed mid-answer after {}",
                        printable(&self.buffer, 200)
                    )));
                }
                Ok(_) => {}
                Err(e) if is_timeout(&e) => return Err(Outcome::Timeout),
                Err(e) => return Err(Outcome::Garbage(format!("read error mid-answer: {e}"))),
            }
        }
    }

    fn read_response(&mut self, head_request: bool) -> Outcome {
        match self.try_read_response(head_request) {
            Ok(response) => Outcome::Answer(response),
            Err(outcome) => outcome,
        }
    }

    fn try_read_response(&mut self, head_request: bool) -> Result<Response, Outcome> {
        let mut status = 0;
        self.read_answer(head_request, &mut status)
            .map_err(|outcome| match outcome {
                Outcome::Garbage(why) if status != 0 => Outcome::CutOff(status, why),
                other => other,
            })
    }

    /// Reads one answer; `status` is set as soon as the status line is read.
    fn read_answer(
        &mut self,
        head_request: bool,
        status_seen: &mut u16,
    ) -> Result<Response, Outcome> {
        loop {
            // Nothing at all before the connection ends is a "closed", not a broken answer.
            if self.buffer.is_empty() {
                match self.fill() {
                    Ok(0) => return Err(Outcome::Closed),
                    Ok(_) => {}
                    Err(e) if is_timeout(&e) => return Err(Outcome::Timeout),
                    Err(_) => return Err(Outcome::Closed),
                }
            }
            let end = self.fill_until(|b| find(b, b"\r\n\r\n"))?;
            let head = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
            self.buffer.drain(..end + 4);
            let mut lines = head.split("\r\n");
            let status_line = lines.next().unwrap_or_default();
            let mut parts = status_line.splitn(3, ' ');
            let version = parts.next().unwrap_or_default().to_string();
            let status = parts
                .next()
                .and_then(|s| s.parse::<u16>().ok())
                .filter(|s| (100..600).contains(s) && version.starts_with("HTTP/1."))
                .ok_or_else(|| Outcome::Garbage(format!("bad status line {status_line:?}")))?;
            let mut headers = Vec::new();
            for line in lines {
                let (name, value) = line
                    .split_once(':')
                    .ok_or_else(|| Outcome::Garbage(format!("bad header line {line:?}")))?;
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
            if status < 200 {
                continue; // 100 Continue: the real answer follows
            }
            *status_seen = status;
            let mut response = Response {
                status,
                headers,
                body: Vec::new(),
                reusable: version == "HTTP/1.1",
            };
            if response
                .header("connection")
                .is_some_and(|c| c.to_ascii_lowercase().contains("close"))
            {
                response.reusable = false;
            }
            let chunked = response
                .header("transfer-encoding")
                .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
            let length = response.header("content-length").map(str::to_string);
            if head_request || status == 204 || status == 304 {
                // No body.
            } else if chunked {
                response.body = self.read_chunked()?;
            } else if let Some(length) = length {
                let length: usize = length
                    .parse()
                    .map_err(|_| Outcome::Garbage(format!("bad content-length {length:?}")))?;
                self.fill_until(|b| (b.len() >= length).then_some(length))?;
                response.body = self.buffer.drain(..length).collect();
            } else {
                // Delimited by the end of the connection.
                loop {
                    match self.fill() {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) if is_timeout(&e) => return Err(Outcome::Timeout),
                        Err(_) => break,
                    }
                }
                response.body = std::mem::take(&mut self.buffer);
                response.reusable = false;
            }
            return Ok(response);
        }
    }

    fn read_chunked(&mut self) -> Result<Vec<u8>, Outcome> {
        let mut body = Vec::new();
        loop {
            let end = self.fill_until(|b| find(b, b"\r\n"))?;
            let line = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
            self.buffer.drain(..end + 2);
            let size_text = line.split(';').next().unwrap_or_default().trim();
            let size = usize::from_str_radix(size_text, 16)
                .map_err(|_| Outcome::Garbage(format!("bad chunk size {line:?}")))?;
            if size == 0 {
                // Trailers, up to an empty line.
                loop {
                    let end = self.fill_until(|b| find(b, b"\r\n"))?;
                    self.buffer.drain(..end + 2);
                    if end == 0 {
                        return Ok(body);
                    }
                }
            }
            self.fill_until(|b| (b.len() >= size + 2).then_some(size))?;
            body.extend(self.buffer.drain(..size));
            self.buffer.drain(..2);
        }
    }
}

/// The log without terminal colour codes.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ ... final letter
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Sends one request and reads its answer. Well-formed requests share a keep-alive
/// connection (re-sent once on a fresh connection if the old one turns out to be closed);
/// malformed ones get a connection of their own, half-closed after sending so that the
/// server sees the end of an incomplete request instead of waiting for more.
fn exchange(port: u16, shared: &mut Option<Connection>, request: &Request) -> Outcome {
    if request.kind == Kind::Malformed {
        let Ok(mut connection) = Connection::open(port) else {
            return Outcome::Garbage("cannot connect".into());
        };
        // A write error is not the end: the server may have answered before closing.
        let _ = connection.stream.write_all(&request.bytes);
        let _ = connection.stream.shutdown(Shutdown::Write);
        return connection.read_response(request.head);
    }
    for _attempt in 0..2 {
        let reused = shared.is_some();
        if shared.is_none() {
            match Connection::open(port) {
                Ok(connection) => *shared = Some(connection),
                Err(e) => return Outcome::Garbage(format!("cannot connect: {e}")),
            }
        }
        let connection = shared.as_mut().unwrap();
        let outcome = match connection.stream.write_all(&request.bytes) {
            Ok(()) => connection.read_response(request.head),
            Err(e) if is_timeout(&e) => Outcome::Timeout,
            Err(_) => Outcome::Closed,
        };
        match outcome {
            Outcome::Closed if reused => *shared = None, // a stale keep-alive connection
            Outcome::Answer(ref response) => {
                if !(response.reusable && request.keep_alive) {
                    *shared = None;
                }
                return outcome;
            }
            other => {
                *shared = None;
                return other;
            }
        }
    }
    Outcome::Closed
}

// ---------------------------------------------------------------------------------------------
// Judging answers

/// Text that must never be served: files outside content/ and static/.
const LEAKS: &[&str] = &["root:x:0:0", "[package]", "[dependencies]"];
/// Markup from the generated input that must come back escaped in HTML and SVG.
const REFLECTED: &[&str] = &["<script>alert(1)", "<img src=x onerror"];

/// The statistics bucket for an acceptable outcome, or why it is a failure.
fn judge(request: &Request, outcome: &Outcome) -> Result<String, String> {
    let response = match outcome {
        Outcome::Answer(response) => response,
        Outcome::Closed if request.kind == Kind::Malformed => {
            return Ok("closed without answer".into());
        }
        Outcome::Closed => return Err("connection closed without an answer".into()),
        Outcome::CutOff(status, _) if request.kind == Kind::Malformed && *status < 500 => {
            return Ok("answer cut off".into());
        }
        Outcome::CutOff(status, why) => return Err(format!("{status} answer cut off: {why}")),
        Outcome::Timeout => return Err(format!("no answer within {TIMEOUT:?}")),
        Outcome::Garbage(why) => return Err(format!("unparseable answer: {why}")),
    };
    let status = response.status;
    if status >= 500 {
        return Err(format!("server error {}", response.describe()));
    }
    let body = String::from_utf8_lossy(&response.body);
    if let Some(leak) = LEAKS.iter().find(|l| body.contains(*l)) {
        return Err(format!("leaked {leak:?}: {}", response.describe()));
    }
    let content_type = response.header("content-type").unwrap_or("");
    // A body is checked unless there is none (HEAD) or it is compressed.
    let readable = !request.head && response.header("content-encoding").is_none();
    let markup = content_type.starts_with("text/html") || content_type.starts_with("image/svg");
    if let Some(markup_in) = REFLECTED.iter().find(|r| markup && body.contains(*r)) {
        return Err(format!(
            "input reflected unescaped ({markup_in:?}): {}",
            response.describe()
        ));
    }
    if status < 400 {
        return Ok(status.to_string());
    }
    // Errors come in the format asked for: problem+json under /api/ and from .json files,
    // a one-row CSV problem from .csv files, our HTML page elsewhere.
    let file = request.path.split('?').next().unwrap_or_default();
    let expected = if request.path.starts_with("/api/") || file.ends_with(".json") {
        "problem+json"
    } else if file.ends_with(".csv") {
        "a CSV problem"
    } else {
        "our HTML page"
    };
    let ours = match expected {
        "problem+json" => {
            content_type == "application/problem+json"
                && (!readable
                    || serde_json::from_slice::<serde_json::Value>(&response.body)
                        .is_ok_and(|problem| problem["status"] == status))
        }
        "a CSV problem" => {
            content_type == "text/csv; charset=utf-8"
                && (!readable
                    || body.starts_with(&format!("status,title,parameter,detail\n{status},")))
        }
        _ => {
            content_type == "text/html; charset=utf-8"
                && (!readable || body.contains("<html lang="))
        }
    };
    if ours {
        return Ok(status.to_string());
    }
    // actix's own bare answer to a request it could not parse: no body, and none of the
    // headers every answer from the app carries.
    let parser_level = matches!(status, 400 | 408 | 413 | 414 | 431)
        && response.body.is_empty()
        && response.header("x-content-type-options").is_none();
    if request.kind == Kind::Malformed && parser_level {
        return Ok(format!("parser-rejected {status}"));
    }
    Err(format!(
        "error answer is not {expected}: {}",
        response.describe()
    ))
}

// ---------------------------------------------------------------------------------------------
// The test

#[test]
fn hostile_input_never_breaks_the_server() {
    let started = Instant::now();
    let mut server = Server::start();
    let port = server.port;
    let requests = Arc::new(requests());
    assert!(requests.len() >= 10_000);
    let clean = requests.iter().filter(|r| r.kind == Kind::Clean).count();

    // Each client thread takes every CLIENTS-th request, and reports (index, verdict).
    let flood_started = Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let requests = Arc::clone(&requests);
            std::thread::spawn(move || {
                let mut shared = None;
                let mut verdicts = Vec::new();
                for index in (client..requests.len()).step_by(CLIENTS) {
                    if flood_started.elapsed() > FLOOD_LIMIT {
                        break;
                    }
                    let request = &requests[index];
                    let outcome = exchange(port, &mut shared, request);
                    verdicts.push((index, judge(request, &outcome)));
                }
                verdicts
            })
        })
        .collect();
    // Meanwhile, one request that never finishes its head: actix must time it out (408 or a
    // close) rather than hold the connection forever.
    let slow = std::thread::spawn(move || {
        let request = Request::raw(
            b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".to_vec(),
            Kind::Malformed,
        );
        let outcome = match Connection::open(port) {
            Ok(mut connection) => {
                let _ = connection.stream.write_all(&request.bytes);
                connection.read_response(false)
            }
            Err(e) => Outcome::Garbage(format!("cannot connect: {e}")),
        };
        (judge(&request, &outcome), request)
    });
    let mut verdicts: Vec<(usize, Result<String, String>)> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("a client thread panicked"))
        .collect();
    verdicts.sort_by_key(|(index, _)| *index);
    let flood_time = flood_started.elapsed();
    let (slow_verdict, slow_request) = slow.join().expect("the slow client panicked");

    let mut buckets: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    match &slow_verdict {
        Ok(bucket) => *buckets.entry(format!("slow request {bucket}")).or_default() += 1,
        Err(why) => failures.push(format!(
            "slow request {}\n    → {why}",
            slow_request.label()
        )),
    }
    for (index, verdict) in &verdicts {
        match verdict {
            Ok(bucket) => *buckets.entry(bucket.clone()).or_default() += 1,
            Err(why) => failures.push(format!(
                "#{index} ({}) {}\n    → {why}",
                if requests[*index].kind == Kind::Clean {
                    "well-formed"
                } else {
                    "malformed"
                },
                requests[*index].label()
            )),
        }
    }

    // Afterwards the server still answers, with the right data.
    let mut after = Connection::open(port).expect("server must still accept connections");
    after
        .stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let home = match after.read_response(false) {
        Outcome::Answer(r) => r,
        _ => panic!("server did not answer GET / after the flood"),
    };
    after
        .stream
        .write_all(b"GET /supporters?category=state HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let states = match after.read_response(false) {
        Outcome::Answer(r) => r,
        _ => panic!("server did not answer GET /supporters?category=state after the flood"),
    };
    let log = server.log();
    let alive = server.child.try_wait().unwrap().is_none();

    let server_errors = failures
        .iter()
        .filter(|f| f.contains("→ server error") || f.contains("→ 5"))
        .count();
    let statuses: Vec<String> = buckets
        .iter()
        .filter(|(k, _)| k.parse::<u16>().is_ok())
        .map(|(k, v)| format!("{k}×{v}"))
        .collect();
    let rejected: Vec<String> = buckets
        .iter()
        .filter(|(k, _)| k.parse::<u16>().is_err())
        .map(|(k, v)| format!("{k} ×{v}"))
        .collect();
    println!(
        "hostile input: {} requests ({clean} well-formed, {} malformed) in {:.1} s, \
         {server_errors} server errors, {} failures; statuses: {}; outside the app: {}; \
         total run {:.1} s",
        verdicts.len(),
        requests.len() - clean,
        flood_time.as_secs_f64(),
        failures.len(),
        statuses.join(", "),
        if rejected.is_empty() {
            "none".to_string()
        } else {
            rejected.join(", ")
        },
        started.elapsed().as_secs_f64(),
    );
    // actix's own ERROR lines for requests it cannot parse are logged again at WARN; any
    // ERROR left (or a panic) is a finding.
    let log = strip_ansi(&log);
    let problems: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("panicked") || l.contains("ERROR"))
        .collect();
    let parse_errors = log
        .lines()
        .filter(|l| l.contains("WARN") && l.contains("request parse error"))
        .count();
    println!(
        "server log: {parse_errors} parse errors at WARN, {} errors",
        problems.len()
    );
    // The same message many times is shown once, with its count (timestamps dropped).
    let mut messages: BTreeMap<&str, usize> = BTreeMap::new();
    for line in &problems {
        let message = line.split_once(' ').map_or(*line, |(_, rest)| rest.trim());
        *messages.entry(message).or_default() += 1;
    }
    for (message, count) in &messages {
        println!("  ×{count} {}", printable(message.as_bytes(), 300));
    }
    // Failures grouped by kind (the message up to its first colon), a few examples each.
    let mut kinds: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for failure in &failures {
        let why = failure.split("→ ").nth(1).unwrap_or_default();
        let kind = why.split(':').next().unwrap_or_default();
        kinds.entry(kind).or_default().push(failure);
    }
    for (kind, examples) in &kinds {
        println!("FAILED ×{}: {kind}", examples.len());
        let shown = if std::env::var_os("HOSTILE_DEBUG").is_some() {
            usize::MAX
        } else {
            5
        };
        for example in examples.iter().take(shown) {
            println!("  {example}");
        }
    }
    if std::env::var_os("HOSTILE_DEBUG").is_some() {
        for (index, verdict) in &verdicts {
            if let Ok(bucket) = verdict {
                if requests[*index].kind == Kind::Malformed {
                    println!("{bucket}: {}", requests[*index].label());
                }
            }
        }
    }

    assert_eq!(
        verdicts.len(),
        requests.len(),
        "the flood did not finish within {FLOOD_LIMIT:?}"
    );
    assert!(
        failures.is_empty(),
        "{} requests failed (listed above)",
        failures.len()
    );
    assert!(alive, "the server process exited during the flood");
    assert_eq!(home.status, 200, "GET / after the flood");
    let states_body = String::from_utf8_lossy(&states.body);
    assert_eq!(
        states.status, 200,
        "GET /supporters?category=state after the flood"
    );
    assert!(
        states_body.contains("id=\"total\">81<"),
        "81 states expected after the flood"
    );
    assert!(!log.contains("panicked"), "the server log shows a panic");
    assert!(
        parse_errors > 0,
        "malformed requests were sent: the log must show them at WARN"
    );
    assert!(
        problems.is_empty(),
        "the server log shows {} errors (listed above)",
        problems.len()
    );
}
