//! /about names who runs the site and how to reach them; "Report an error" has a real
//! recipient when one is configured, and a clear instruction when none is.

mod common;

use actix_web::{test, web};
use clap::Parser;
use paris_call_observatory::config::Config;
use paris_call_observatory::{Contact, Site, build_app};

/// /about, /fr/about and /supporters from an app started with the contact flags `args`.
async fn pages_with(args: &[&str]) -> Vec<common::Response> {
    let dir = tempfile::TempDir::new().unwrap();
    let flags = flags(args);
    let config = Config {
        operator_name: flags.operator_name,
        contact_email: flags.contact_email,
        report_url: flags.report_url,
        ..common::config(&common::content_dir(), &dir.path().join("x.sqlite"))
    };
    let (site, _) = Site::load(config).unwrap();
    let app = test::init_service(build_app(web::Data::new(site))).await;
    let mut out = Vec::new();
    for path in ["/about", "/fr/about", "/supporters"] {
        let res = test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        out.push(common::response(res).await);
    }
    out
}

/// What the flags make of `args`, as the server reads them.
fn flags(args: &[&str]) -> Config {
    Config::try_parse_from([&["paris-call-observatory"], args].concat()).unwrap()
}

#[actix_web::test]
async fn about_names_the_operator_and_the_contact_given_by_flags() {
    let pages = pages_with(&[
        "--operator-name",
        "Example Association",
        "--contact-email",
        "errors@example.org",
    ])
    .await;
    let (en, fr, list) = (&pages[0], &pages[1], &pages[2]);
    assert_eq!(
        en.texts("#operator"),
        ["This site is run by Example Association. To reach us: errors@example.org."]
    );
    assert_eq!(
        fr.texts("#operator"),
        ["Ce site est géré par Example Association. Pour nous joindre : errors@example.org."]
    );
    assert_eq!(
        en.attrs("#operator a", "href"),
        ["mailto:errors@example.org"]
    );
    // Without --report-url, reports go to the contact address, with the page filled in.
    let report = list.attrs("p.report a", "href");
    assert_eq!(report.len(), 1);
    assert!(
        report[0].starts_with("mailto:errors@example.org?subject=")
            && report[0].contains("%2Fsupporters"),
        "{report:?}"
    );
    assert!(en.texts("#report-how")[0].contains("opens a report"));
}

#[actix_web::test]
async fn without_flags_about_says_what_is_missing_and_reports_get_an_instruction() {
    let pages = pages_with(&[]).await;
    let (en, fr, list) = (&pages[0], &pages[1], &pages[2]);
    assert_eq!(
        en.texts("#operator"),
        [
            "This site is run by the Paris Call Observatory team. No contact address has been published yet."
        ]
    );
    assert!(fr.texts("#operator")[0].contains("l’équipe de l’Observatoire de l’Appel de Paris"));
    assert_eq!(en.count("#operator a"), 0);
    // No recipient: no mailto without an address, but a sentence saying so and where to read more.
    assert!(
        list.attrs("a", "href")
            .iter()
            .all(|h| !h.starts_with("mailto:"))
    );
    assert_eq!(list.attrs("p.report a", "href"), ["/about#report"]);
    assert!(list.texts("p.report")[0].contains("No contact address is set up"));
    assert!(fr.texts("p.report")[0].contains("Aucune adresse de contact"));
    assert_eq!(fr.attrs("p.report a", "href"), ["/fr/about#report"]);
    assert!(en.texts("#report-how")[0].starts_with("No address is set up to receive reports"));
}

#[actix_web::test]
async fn a_report_url_wins_over_the_contact_address_and_bad_addresses_are_refused() {
    let args = [
        "--contact-email",
        "team@example.org",
        "--report-url",
        "https://tracker.example.org/new?title={page}",
    ];
    assert_eq!(
        Contact::from_config(&flags(&args)).report_url.as_deref(),
        Some("https://tracker.example.org/new?title={page}")
    );
    let pages = pages_with(&args).await;
    assert_eq!(
        pages[2].attrs("p.report a", "href"),
        ["https://tracker.example.org/new?title=%2Fsupporters"]
    );
    for bad in ["nobody", "a b@example.org", "x@y?cc=z@evil.org"] {
        assert!(
            Config::try_parse_from(["paris-call-observatory", "--contact-email", bad]).is_err(),
            "{bad}"
        );
    }
}
