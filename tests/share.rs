//! Share images: every page names a 1200×630 PNG in `og:image`, drawn from our own SVG, and
//! the picture really has the card's text on it.

mod common;

use actix_web::http::StatusCode;
use common::get_all;

/// Width, height and the RGBA pixels of a PNG.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

#[actix_web::test]
async fn pages_name_a_share_image_of_their_family() {
    let pages = get_all(&["/", "/principles/3", "/fr/principles/3", "/supporters"]).await;
    let image = |i: usize| pages[i].attrs("meta[property='og:image']", "content");
    assert_eq!(image(0), ["https://example.test/share/site.png"]);
    assert_eq!(image(1), ["https://example.test/share/principles/3.png"]);
    assert_eq!(image(2), ["https://example.test/fr/share/principles/3.png"]);
    assert_eq!(image(3), ["https://example.test/share/site.png"]);
    for page in &pages {
        assert_eq!(
            page.attrs("meta[name='twitter:card']", "content"),
            ["summary_large_image"]
        );
        assert_eq!(
            page.attrs("meta[property='og:image:width']", "content"),
            ["1200"]
        );
        assert_eq!(
            page.attrs("meta[property='og:image:height']", "content"),
            ["630"]
        );
    }
}

#[actix_web::test]
async fn share_images_are_drawn_with_text() {
    let images = get_all(&[
        "/share/site.png",
        "/fr/share/site.png",
        "/share/principles/9.png",
        "/share/principles/10.png",
        "/share/principles/nine.png",
    ])
    .await;
    for image in &images[..3] {
        image.assert_success("image");
        assert_eq!(image.content_type, "image/png");
        let (width, height, pixels) = decode(&image.bytes);
        assert_eq!((width, height), (1200, 630));
        // Not blank: the background, the blue band, and dark text pixels on the card.
        let dark = pixels
            .chunks(4)
            .filter(|p| p[0] < 60 && p[1] < 60 && p[2] < 60)
            .count();
        assert!(dark > 5_000, "only {dark} dark pixels: no text drawn");
        let background = pixels
            .chunks(4)
            .filter(|p| p[..3] == [0xf7, 0xf5, 0xf0])
            .count();
        assert!(background > 300_000, "the card's background is missing");
    }
    // The two languages draw different text.
    assert_ne!(images[0].bytes, images[1].bytes);
    assert_eq!(images[3].status, StatusCode::NOT_FOUND);
    assert_eq!(images[4].status, StatusCode::NOT_FOUND);
}
