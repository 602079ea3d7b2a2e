//! The countries (`un_member_states.csv`, `non_un_codes.csv`, `country_names_fr.csv`), the
//! other names readers search them by, and the English names that take "the".

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::cells::{Line, optional};
use super::rows::parse_rows;
use crate::content::{ContentError, Country, CountryAlias, Supporter};
use crate::model::name_key;

#[derive(Deserialize)]
struct UnMemberRow {
    iso2: String,
    iso3: String,
    numeric: String,
    name: String,
    official_name: String,
    region: String,
    subregion: String,
}

#[derive(Deserialize)]
struct NonUnRow {
    iso2: String,
    numeric: String,
    name: String,
    source: String,
}

#[derive(Deserialize)]
struct FrenchNameRow {
    iso2: String,
    name_fr: String,
}

/// The UN member states, then the other codes; a code given twice stops the load.
pub(in crate::content) fn countries(data: &Path) -> Result<Vec<Country>, ContentError> {
    let french: HashMap<String, String> = parse_rows(
        &data.join("country_names_fr.csv"),
        |line, row: FrenchNameRow| {
            Ok((line.iso2(row.iso2)?, line.required("name_fr", row.name_fr)?))
        },
    )?
    .into_iter()
    .collect();

    let mut seen = HashSet::new();
    let mut new_code = |line: Line, value: String| {
        let code = line.iso2(value)?;
        if seen.insert(code.clone()) {
            Ok(code)
        } else {
            Err(line.error(format!("duplicate code {code}")))
        }
    };
    let mut countries = parse_rows(
        &data.join("un_member_states.csv"),
        |line, row: UnMemberRow| {
            let code = new_code(line, row.iso2)?;
            Ok(Country {
                name_fr: french.get(&code).cloned(),
                iso2: code,
                iso3: optional(row.iso3),
                numeric: line.numeric(row.numeric)?,
                name: line.required("name", row.name)?,
                official_name: optional(row.official_name),
                region: optional(row.region),
                subregion: optional(row.subregion),
                un_member: true,
                source: "un_member_states.csv".to_string(),
            })
        },
    )?;
    let others = parse_rows(&data.join("non_un_codes.csv"), |line, row: NonUnRow| {
        let code = new_code(line, row.iso2)?;
        Ok(Country {
            name_fr: french.get(&code).cloned(),
            iso2: code,
            iso3: None,
            numeric: line.numeric(row.numeric)?,
            name: line.required("name", row.name)?,
            official_name: None,
            region: None,
            subregion: None,
            un_member: false,
            source: line.required("source", row.source)?,
        })
    })?;
    countries.extend(others);
    Ok(countries)
}

#[derive(Deserialize)]
struct CountryAliasRow {
    alias: String,
    iso2: String,
    lang: String,
    #[allow(dead_code)]
    research_note: String,
}

/// `country_aliases.csv`: other names of countries for search. An alias that is already
/// another country's name, or a second alias with the same spelling, would send a reader to
/// the wrong page, so both stop the load.
pub(in crate::content) fn country_aliases(
    data: &Path,
    countries: &[Country],
) -> Result<Vec<CountryAlias>, ContentError> {
    let path = data.join("country_aliases.csv");
    let mut names: HashMap<String, String> = HashMap::new();
    for c in countries {
        let own = [Some(&c.name), c.official_name.as_ref(), c.name_fr.as_ref()];
        for name in own.into_iter().flatten() {
            names.insert(name_key(name), c.iso2.clone());
        }
    }
    let mut seen: HashMap<String, u64> = HashMap::new();
    parse_rows(&path, |line, row: CountryAliasRow| {
        let alias = line.required("alias", row.alias)?;
        let code = line.iso2(row.iso2)?;
        if !countries.iter().any(|c| c.iso2 == code) {
            return Err(line.error(format!(
                "column `iso2`: {code:?} is not a known country (see un_member_states.csv and non_un_codes.csv)"
            )));
        }
        if !matches!(row.lang.trim(), "en" | "fr") {
            return Err(line.error(format!("column `lang`: {:?} is not `en` or `fr`", row.lang)));
        }
        let key = name_key(&alias);
        if key.is_empty() {
            return Err(line.error(format!(
                "column `alias`: {alias:?} has no letters or digits"
            )));
        }
        if let Some(other) = names.get(&key).filter(|other| **other != code) {
            return Err(line.error(format!(
                "column `alias`: {alias:?} is already the name of {other}, not {code}"
            )));
        }
        if let Some(first) = seen.insert(key, line.number) {
            return Err(line.error(format!(
                "column `alias`: {alias:?} is already an alias on line {first}"
            )));
        }
        Ok(CountryAlias { alias, iso2: code })
    })
}

#[derive(Deserialize)]
struct NameWithTheRow {
    name: String,
}

/// `names_with_the.csv`: the English names that take "the" in a sentence ("the United
/// States", "the European Union"). Each must be a name the site shows: a country's English
/// name or a supporter's name, so a renamed entry cannot silently lose its article.
pub(in crate::content) fn names_with_the(
    data: &Path,
    countries: &[Country],
    supporters: &[Supporter],
) -> Result<Vec<String>, ContentError> {
    let path = data.join("names_with_the.csv");
    let shown: HashSet<&str> = countries
        .iter()
        .map(|c| c.name.as_str())
        .chain(supporters.iter().map(|s| s.name.as_str()))
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut names = parse_rows(&path, |line, row: NameWithTheRow| {
        let name = line.required("name", row.name)?;
        if !shown.contains(name.as_str()) {
            return Err(line.error(format!(
                "column `name`: {name:?} is neither a country's English name nor a supporter's \
                 name as the site shows it"
            )));
        }
        if let Some(first) = seen.insert(name.clone(), line.number) {
            return Err(line.error(format!("{name:?} is already on line {first}")));
        }
        Ok(name)
    })?;
    names.sort();
    Ok(names)
}
