//! /api/v1: answers validated against the OpenAPI document, errors as problem+json.

mod common;

use actix_web::http::StatusCode;
use common::{get, get_all, request};

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
            page.assert_success(path);
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
    // A page past the last is a well-formed request that matches nothing.
    pages[2].assert_success("pages[2]");
    assert_eq!(pages[2].json()["items"], serde_json::json!([]));
    assert_eq!(pages[2].json()["pages"], 3);
    assert_eq!(pages[3].status, StatusCode::BAD_REQUEST);
    assert_eq!(pages[3].json()["parameter"], "per_page");
    let default = get("/api/v1/supporters").await.json();
    assert_eq!(default["per_page"], 100);
    // `page` alone takes the default page size, as the answer itself reports it.
    let second = get("/api/v1/supporters?page=2").await;
    second.assert_success("second");
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
    let post = request("POST", "/api/v1/principles").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.content_type, "application/problem+json");
    let moved = get("/api/v1/countries/US").await;
    moved.assert_redirect("/api/v1/countries/us");
}

/// The schema of query parameter `name` of `path` in the served document.
fn parameter_schema(openapi: &serde_json::Value, path: &str, name: &str) -> serde_json::Value {
    common::openapi_parameter(openapi, path, name)["schema"].clone()
}

#[actix_web::test]
async fn the_document_states_the_values_the_api_accepts() {
    let openapi = get("/api/openapi.json").await.json();
    let supporters = "/api/v1/supporters";
    let region = parameter_schema(&openapi, supporters, "region");
    assert_eq!(
        region["enum"].as_array().unwrap()[..3],
        serde_json::json!(["Africa", "africa", "AFRICA"])
            .as_array()
            .unwrap()[..]
    );
    assert_eq!(region["enum"].as_array().unwrap().len(), 15);
    let country = parameter_schema(&openapi, supporters, "country");
    let codes = country["enum"].as_array().unwrap();
    assert!(codes.contains(&"fr".into()) && codes.contains(&"FR".into()));
    assert!(!codes.contains(&"AA".into()));
    let listed = parameter_schema(&openapi, supporters, "listed");
    assert_eq!(
        (listed["minimum"].clone(), listed["maximum"].clone()),
        (2019.into(), 2024.into())
    );
    // as_of: the pattern admits exactly the days with a list, as the server does.
    for path in [supporters, "/api/v1/countries", "/api/v1/countries/{iso2}"] {
        let schema = parameter_schema(&openapi, path, "as_of");
        let valid = jsonschema::validator_for(&schema).unwrap();
        for day in [
            "2019-09-16",
            "2019-10-24",
            "2019-10-25",
            "2019-11-09",
            "2019-11-10",
            "2021-11-11",
            "2026-01-01",
        ] {
            assert!(valid.is_valid(&day.into()), "{path}: {day} must be allowed");
        }
        for day in ["2019-09-15", "2018-11-12", "2018-12-31", ""] {
            assert!(
                !valid.is_valid(&day.into()),
                "{path}: {day} must be refused"
            );
        }
        let responses = &openapi["paths"][path]["get"]["responses"];
        assert_eq!(
            responses["400"]["$ref"], "#/components/responses/BadRequest",
            "{path}"
        );
        let description = common::openapi_parameter(&openapi, path, "as_of")["description"]
            .as_str()
            .unwrap()
            .to_string();
        // The records stood in `_supporters_en/` in October and November 2019: no gap then.
        assert!(
            description.contains("holds no list (before 2019-09-16) and for a day after today"),
            "{description}"
        );
    }
    // What the pattern refuses, the server refuses; what it admits, the server serves.
    let answers = get_all(&[
        "/api/v1/supporters?as_of=2019-10-30",
        "/api/v1/supporters?as_of=2019-11-10",
        "/api/v1/countries/fr?as_of=2019-09-15",
    ])
    .await;
    answers[0].assert_success("answers[0]");
    answers[1].assert_success("answers[1]");
    assert_eq!(answers[2].status, StatusCode::BAD_REQUEST);
    assert_eq!(answers[2].content_type, "application/problem+json");
}

#[actix_web::test]
async fn well_formed_values_that_match_nothing_answer_no_items() {
    let countries = get("/api/v1/countries").await.json();
    // A UN member state with no entry of any kind in the list.
    let empty = countries["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] != "supporter" && c["organisations"] == 0)
        .expect("some state has no entry")["iso2"]
        .as_str()
        .unwrap()
        .to_string();
    let answers = get_all(&[
        &format!("/api/v1/supporters?country={empty}"),
        &format!("/api/v1/supporters?country={}", empty.to_lowercase()),
        "/api/v1/supporters?country=AA",
        "/api/v1/supporters?country=Fr",
        "/api/v1/supporters?listed=2018",
        "/api/v1/supporters?joined=-5",
        "/api/v1/supporters?region=eUrope",
        "/api/v1/supporters?category=state&category=state&category=state&category=state&category=state&category=state",
        "/api/v1/supporters?listed=2024&joined=2018&category=state",
    ])
    .await;
    for answer in &answers[..2] {
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert_eq!(answer.json()["total"], 0);
    }
    for (answer, parameter) in answers[2..8].iter().zip([
        "country", "country", "listed", "joined", "region", "category",
    ]) {
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
        assert_eq!(answer.json()["parameter"], parameter);
    }
    answers[8].assert_success("answers[8]");
}

#[actix_web::test]
async fn the_api_refuses_empty_values_and_checks_before_redirecting() {
    let answers = get_all(&[
        "/api/v1/countries?sort=&status=",
        "/api/v1/supporters?as_of=",
        "/api/v1/countries/TH?as_of=garbage",
        "/api/v1/countries/TH?as_of=2021-11-11",
    ])
    .await;
    assert_eq!(answers[0].status, StatusCode::BAD_REQUEST);
    let named = answers[0].json()["parameter"].clone();
    assert!(named == "sort" || named == "status", "{named}");
    assert!(
        answers[0].json()["detail"]
            .as_str()
            .unwrap()
            .contains("empty value")
    );
    assert_eq!(answers[1].json()["parameter"], "as_of");
    assert_eq!(answers[2].status, StatusCode::BAD_REQUEST);
    assert_eq!(answers[2].json()["parameter"], "as_of");
    assert_eq!(answers[3].status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        answers[3].location.as_deref(),
        Some("/api/v1/countries/th?as_of=2021-11-11")
    );
    // Pages keep reading an empty form field as absent.
    assert_eq!(get("/countries?sort=&status=").await.status, StatusCode::OK);
}
