//! /api/v1: answers validated against the OpenAPI document, errors as problem+json.

mod common;

use actix_web::http::StatusCode;
use common::{get, get_all, request_in};

/// A validator for one schema of the OpenAPI document served by the app.
fn validator(openapi: &serde_json::Value, schema: &str) -> jsonschema::Validator {
    let mut root = openapi.clone();
    root["$ref"] = serde_json::json!(format!("#/components/schemas/{schema}"));
    root["$schema"] = serde_json::json!("https://json-schema.org/draft/2020-12/schema");
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {schema}: {e}"))
}

#[actix_web::test]
async fn answers_match_the_openapi_document() {
    let cases = [
        ("/api/v1/supporters", "SupporterList"),
        (
            "/api/v1/supporters?category=state&per_page=500",
            "SupporterList",
        ),
        (
            "/api/v1/supporters?country=us&sort=-listed&page=2&per_page=10",
            "SupporterList",
        ),
        (
            "/api/v1/supporters/microsoft-private-sector-usa",
            "SupporterDetail",
        ),
        (
            "/api/v1/supporters/united_states-state-usa",
            "SupporterDetail",
        ),
        ("/api/v1/countries", "CountryList"),
        ("/api/v1/countries?status=non_signatory", "CountryList"),
        ("/api/v1/countries/us", "CountryDetail"),
        ("/api/v1/countries/gh", "CountryDetail"),
        ("/api/v1/countries/tw", "CountryDetail"),
        ("/api/v1/principles", "PrincipleList"),
        ("/api/v1/supporters?category=foo", "Problem"),
        ("/api/v1/supporters/nope", "Problem"),
        ("/api/v1/countries/zz", "Problem"),
        ("/api/v1/nope", "Problem"),
    ];
    let mut paths = vec!["/api/openapi.json"];
    paths.extend(cases.iter().map(|c| c.0));
    let pages = get_all(&paths).await;
    let openapi = pages[0].json();
    assert_eq!(openapi["openapi"], "3.1.0");
    for ((path, schema), page) in cases.iter().zip(&pages[1..]) {
        let body = page.json();
        let validator = validator(&openapi, schema);
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{path} does not match {schema}: {errors:?}"
        );
        if *schema == "Problem" {
            assert_eq!(page.content_type, "application/problem+json", "{path}");
            assert_eq!(body["status"], page.status.as_u16(), "{path}");
        } else {
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert_eq!(body["data_as_of"], "2024-01-19");
        }
    }
}

#[actix_web::test]
async fn every_documented_path_is_served() {
    let openapi = get("/api/openapi.json").await.json();
    for path in openapi["paths"].as_object().unwrap().keys() {
        let concrete = path
            .replace("{id}", "microsoft-private-sector-usa")
            .replace("{iso2}", "fr");
        assert_eq!(get(&concrete).await.status, StatusCode::OK, "{concrete}");
    }
}

#[actix_web::test]
async fn the_api_paginates_with_a_total() {
    let pages = get_all(&[
        "/api/v1/supporters?per_page=500",
        "/api/v1/supporters?per_page=500&page=3",
        "/api/v1/supporters?per_page=500&page=4",
        "/api/v1/supporters?per_page=501",
    ])
    .await;
    assert_eq!(pages[0].json()["total"], 1222);
    assert_eq!(pages[0].json()["pages"], 3);
    assert_eq!(pages[0].json()["items"].as_array().unwrap().len(), 500);
    assert_eq!(pages[1].json()["items"].as_array().unwrap().len(), 222);
    assert_eq!(pages[2].status, StatusCode::BAD_REQUEST);
    assert_eq!(pages[3].status, StatusCode::BAD_REQUEST);
    assert_eq!(pages[3].json()["parameter"], "per_page");
    let default = get("/api/v1/supporters").await.json();
    assert_eq!(default["per_page"], 100);
    // `page` alone takes the default page size, as the answer itself reports it.
    let second = get("/api/v1/supporters?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    let second = second.json();
    assert_eq!(
        (second["page"].clone(), second["per_page"].clone()),
        (2.into(), 100.into())
    );
    assert_eq!(second["items"].as_array().unwrap().len(), 100);
    assert_ne!(second["items"][0]["id"], default["items"][0]["id"]);
}

#[actix_web::test]
async fn api_errors_are_problem_documents() {
    let bad = get("/api/v1/supporters?sort=drop").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["parameter"], "sort");
    assert!(
        bad.json()["allowed"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("-listed"))
    );
    let post = request_in(&common::content_dir(), "POST", "/api/v1/principles").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.content_type, "application/problem+json");
    let moved = get("/api/v1/countries/US").await;
    assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(moved.location.as_deref(), Some("/api/v1/countries/us"));
}
