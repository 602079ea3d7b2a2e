//! Fuzzes `content::parse_commentary` (TOML front matter + Markdown + ammonia).
//!
//! Properties:
//! - it never panics;
//! - an `Err` names the file and, when it gives a line, a line inside the file;
//! - an `Ok` page's `html` carries no script: no `<script` element, no `on*` event-handler
//!   attribute, no `javascript:`/`vbscript:` URL in a URL-bearing attribute.
//!
//! The HTML check reads the tags of ammonia's serialised output instead of searching the
//! raw string, because ammonia escapes `<` in text (so every `<` starts a real tag) but
//! legitimately leaves words like "javascript:" or " on" in the prose. A plain
//! `contains(" on")` would fire on every English sentence.
//!
//! Each input is tried as a whole file and, when it does not start with front matter,
//! also as the body of a file with valid front matter, so that the Markdown/sanitiser
//! path is reached without the fuzzer first having to rebuild the TOML.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use paris_call_observatory::content::{Registry, parse_commentary};

const PATH: &str = "content/commentary/fuzz-page.md";
const FRONT: &str =
    "+++\ntitle = \"T\"\nsummary = \"S\"\ndate = \"2024-01-02\"\nauthor = \"A\"\n+++\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    if !text.trim_start_matches('\u{feff}').starts_with("+++") {
        check(&format!("{FRONT}{text}"));
    }
});

fn check(text: &str) {
    let path = Path::new(PATH);
    match parse_commentary(path, text, &Registry::empty()) {
        Ok(page) => {
            if let Some(problem) = unsafe_html(&page.html) {
                panic!("sanitizer bypass: {problem}\n--- html ---\n{}", page.html);
            }
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(
                shown.starts_with(PATH),
                "error does not name the file: {shown}"
            );
            if let Some(line) = e.line {
                let lines = text.matches('\n').count() as u64 + 1;
                assert!(
                    (1..=lines + 1).contains(&line),
                    "error line {line} outside the file ({lines} lines): {shown}"
                );
            }
        }
    }
}

/// Attributes whose value is fetched or navigated to as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "longdesc",
    "poster",
    "background",
    "data",
    "codebase",
    "xlink:href",
    "srcset",
    "ping",
    "manifest",
    "usemap",
    "lowsrc",
    "dynsrc",
    "profile",
    "classid",
    "archive",
    "icon",
];

/// The first script-capable construct in serialised HTML, if any.
fn unsafe_html(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if let Some(at) = lower.find("<script") {
        return Some(format!("`<script` at byte {at}"));
    }
    let b = lower.as_bytes();
    let len = b.len();
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let start = i + off;
        let mut j = start + 1;
        // Closing tag: nothing to check inside.
        if b.get(j) == Some(&b'/') {
            match lower[j..].find('>') {
                Some(end) => {
                    i = j + end + 1;
                    continue;
                }
                None => return Some(format!("unterminated closing tag at byte {start}")),
            }
        }
        // Tag name.
        while j < len && !ws(b[j]) && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let tag = &lower[start + 1..j];
        if tag.is_empty() {
            return Some(format!("bare `<` at byte {start}"));
        }
        // Attributes.
        loop {
            while j < len && (ws(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= len {
                return Some(format!("unterminated <{tag}> at byte {start}"));
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let name_start = j;
            while j < len && !ws(b[j]) && b[j] != b'=' && b[j] != b'>' && b[j] != b'/' {
                j += 1;
            }
            let name = &lower[name_start..j];
            while j < len && ws(b[j]) {
                j += 1;
            }
            let mut value = "";
            if j < len && b[j] == b'=' {
                j += 1;
                while j < len && ws(b[j]) {
                    j += 1;
                }
                if j < len && (b[j] == b'"' || b[j] == b'\'') {
                    let quote = b[j] as char;
                    let vstart = j + 1;
                    let Some(end) = lower[vstart..].find(quote) else {
                        return Some(format!("unterminated attribute {name} in <{tag}>"));
                    };
                    value = &lower[vstart..vstart + end];
                    j = vstart + end + 1;
                } else {
                    let vstart = j;
                    while j < len && !ws(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                    value = &lower[vstart..j];
                }
            }
            if name.starts_with("on") {
                return Some(format!("event-handler attribute `{name}` on <{tag}>"));
            }
            if URL_ATTRIBUTES.contains(&name) || name == "style" {
                let url = decode(value);
                // Browsers drop tab/newline anywhere in a URL and C0/space around it.
                let url: String = url
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect();
                let url = url.trim_matches(|c: char| c <= ' ');
                for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                    if url.starts_with(scheme)
                        || (name == "srcset" || name == "style") && url.contains(scheme)
                    {
                        return Some(format!("`{scheme}` in {name}=\"{value}\" on <{tag}>"));
                    }
                }
            }
        }
        i = j;
    }
    None
}

/// Decodes the character references html5ever's serialiser can emit in attribute values,
/// plus numeric ones in case some other path lets them through.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some('\u{a0}'),
            "colon" => Some(':'),
            "tab" => Some('\t'),
            "newline" => Some('\n'),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.to_lowercase()
}
