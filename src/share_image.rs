//! Share images (Open Graph, 1200×630 PNG) rasterised from our own SVG by resvg. resvg
//! draws text only with the fonts it is given: the DejaVu Sans files shipped in
//! `static/fonts/` (licence beside them) are compiled in and loaded on first use, so the
//! picture is the same on every machine and start-up does not pay for it.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const REGULAR: &[u8] = include_bytes!("../static/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../static/fonts/DejaVuSans-Bold.ttf");

fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(REGULAR.to_vec());
            db.load_font_data(BOLD.to_vec());
            Arc::new(db)
        })
        .clone()
}

/// Why a share image could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ShareImageError {
    #[error("share image: {0}")]
    Svg(#[from] usvg::Error),
    #[error("share image: no pixmap")]
    NoPixmap,
    /// tiny-skia's PNG encoder error, boxed: its `png` crate is not ours to name.
    #[error("share image: {0}")]
    Png(Box<dyn std::error::Error + Send + Sync>),
}

/// The PNG of a 1200×630 SVG document.
pub fn png(svg: &str) -> Result<Vec<u8>, ShareImageError> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or(ShareImageError::NoPixmap)?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| ShareImageError::Png(e.into()))
}

/// Splits `text` into lines of at most `width` characters, at spaces (a longer word gets a
/// line of its own). resvg does not wrap text, and every card has room for a fixed count.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces() {
        assert_eq!(
            wrap("Protect individuals and critical infrastructure", 20),
            ["Protect individuals", "and critical", "infrastructure"]
        );
    }
}
