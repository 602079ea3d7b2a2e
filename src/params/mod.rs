//! Query strings turned into typed, validated filters. Every rejection is a 400 that
//! names the parameter and the values it accepts; unknown parameter names are ignored
//! (shared links often carry tracking parameters).

use crate::error::{AppError, Problem};
use crate::model::PartialDate;
use crate::timeline::ListOn;
use crate::vocabulary::Vocabulary;

mod changes;
mod countries;
mod search;
mod supporters;

pub use changes::{ChangesQuery, changes_query};
pub use countries::{CountryQuery, country_query};
pub use search::{fts_query, search_canonical, search_query};
pub use supporters::{DEFAULT_PER_PAGE, SupporterQuery, supporter_query};

/// Longest accepted free-text query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
const MAX_PARAMETERS: usize = 64;
pub const MAX_PER_PAGE: u32 = 500;

/// Decoded `name=value` pairs, in order. Invalid percent-encoding or UTF-8 is replaced,
/// never fatal: the reader then gets a 400 for the value, not a 500.
pub fn pairs(query: &str) -> Result<Vec<(String, String)>, AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    if pairs.len() > MAX_PARAMETERS {
        return Err(AppError::bad(
            "(query string)",
            Problem::new(
                format!(
                    "{} parameters given; at most {MAX_PARAMETERS} are accepted",
                    pairs.len()
                ),
                format!(
                    "{} paramètres donnés ; {MAX_PARAMETERS} au plus sont acceptés",
                    pairs.len()
                ),
            ),
            vec![],
        ));
    }
    Ok(pairs)
}

/// The single value of a parameter that may appear once; an empty value counts as absent
/// (forms send every field), so only `reject_empty` callers see empty values refused.
pub fn single<'a>(pairs: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, AppError> {
    let mut values = pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str());
    let first = values.next();
    if values.next().is_some() {
        return Err(AppError::bad(
            name,
            Problem::new(
                "given more than once; give it once",
                "donné plusieurs fois ; donnez-le une seule fois",
            ),
            vec![],
        ));
    }
    Ok(first.filter(|v| !v.is_empty()))
}

/// The API's rule: a parameter given with an empty value is a 400 (pages, whose forms send
/// empty fields, read an empty value as absent).
pub fn reject_empty(query: &str) -> Result<(), AppError> {
    match pairs(query)?.into_iter().find(|(_, v)| v.is_empty()) {
        Some((name, _)) => Err(AppError::bad(
            &name,
            Problem::new(
                "empty value; leave the parameter out instead",
                "valeur vide ; omettez plutôt le paramètre",
            ),
            vec![],
        )),
        None => Ok(()),
    }
}

/// A year from the first to the last found in the data (`allowed`, sorted or not); a year
/// between them with no entry simply matches nothing.
fn year(name: &str, value: Option<&str>, allowed: &[u16]) -> Result<Option<u16>, AppError> {
    let Some(value) = value else { return Ok(None) };
    let first = allowed.iter().min().copied().unwrap_or_default();
    let last = allowed.iter().max().copied().unwrap_or_default();
    value
        .parse::<u16>()
        .ok()
        .filter(|y| (first..=last).contains(y) && value.bytes().all(|b| b.is_ascii_digit()))
        .map(Some)
        .ok_or_else(|| {
            AppError::bad(
                name,
                Problem::new(
                    format!("{value:?} is not a year from {first} to {last}"),
                    format!("« {value} » n’est pas une année de {first} à {last}"),
                ),
                vec![],
            )
        })
}

fn text_query(name: &str, value: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::bad(
            name,
            Problem::new(
                format!("longer than {MAX_QUERY_CHARS} characters"),
                format!("plus long que {MAX_QUERY_CHARS} caractères"),
            ),
            vec![],
        ));
    }
    Ok(Some(value.to_string()))
}

/// How a region may be written in a query: as the data writes it, or in lower or upper
/// case (links in the wild use `region=europe`). The OpenAPI document lists the same.
pub fn region_spellings(region: &str) -> [String; 3] {
    [
        region.to_string(),
        region.to_lowercase(),
        region.to_uppercase(),
    ]
}

fn region(value: Option<&str>, vocab: &Vocabulary) -> Result<Option<String>, AppError> {
    let Some(value) = value else { return Ok(None) };
    vocab
        .regions
        .iter()
        .find(|r| region_spellings(r).contains(&value.to_string()))
        .cloned()
        .map(Some)
        .ok_or_else(|| {
            AppError::bad(
                "region",
                Problem::new(
                    format!("unknown region {value:?}"),
                    format!("région inconnue « {value} »"),
                ),
                vocab.regions.clone(),
            )
        })
}

fn choice<T: Copy>(
    name: &str,
    value: Option<&str>,
    all: &[T],
    slug: fn(T) -> &'static str,
) -> Result<Option<T>, AppError> {
    let Some(value) = value else { return Ok(None) };
    all.iter()
        .copied()
        .find(|item| slug(*item) == value)
        .map(Some)
        .ok_or_else(|| {
            AppError::bad(
                name,
                Problem::new(
                    format!("unknown value {value:?}"),
                    format!("valeur inconnue « {value} »"),
                ),
                all.iter().map(|item| slug(*item).to_string()).collect(),
            )
        })
}

/// A day given as `YYYY-MM-DD`, not after today (UTC).
pub fn day(name: &str, value: Option<&str>) -> Result<Option<PartialDate>, AppError> {
    let Some(value) = value else { return Ok(None) };
    let day = value
        .parse::<PartialDate>()
        .ok()
        .filter(PartialDate::is_full)
        .ok_or_else(|| {
            AppError::bad(
                name,
                Problem::new(
                    format!("{value:?} is not a date of the form YYYY-MM-DD"),
                    format!("« {value} » n’est pas une date de la forme AAAA-MM-JJ"),
                ),
                vec![],
            )
        })?;
    let today = PartialDate::today();
    if day > today {
        return Err(AppError::bad(
            name,
            Problem::new(
                format!("{value} is in the future (today is {today})"),
                format!("{value} est dans le futur (nous sommes le {today})"),
            ),
            vec![],
        ));
    }
    Ok(Some(day))
}

/// `as_of` alone, for pages that take no other parameter.
pub fn as_of_query(query: &str) -> Result<Option<PartialDate>, AppError> {
    let pairs = pairs(query)?;
    day("as_of", single(&pairs, "as_of")?)
}

fn positive(name: &str, value: &str, max: u32) -> Result<u32, AppError> {
    value
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            AppError::bad(
                name,
                Problem::new(
                    format!("{value:?} is not a whole number from 1 to {max}"),
                    format!("« {value} » n’est pas un nombre entier de 1 à {max}"),
                ),
                vec![],
            )
        })
}

/// `pairs`, then the day of a past list if one is asked for.
fn with_day(
    mut pairs: Vec<(&'static str, String)>,
    as_of: Option<PartialDate>,
) -> Vec<(&'static str, String)> {
    pairs.extend(as_of.map(|day| ("as_of", day.iso())));
    pairs
}

/// `day` if the repository held a list that day; else a 400 naming `parameter`.
pub fn listed(
    parameter: &str,
    vocab: &Vocabulary,
    day: PartialDate,
) -> Result<PartialDate, AppError> {
    let problem = match vocab.timeline.list_on(day) {
        ListOn::Listed => return Ok(day),
        ListOn::BeforeRepository { first_day } => Problem::new(
            format!(
                "the official repository begins on {first_day}: no list is known for {day} (/supporters?as_of={day} shows what the sources say)"
            ),
            format!(
                "le dépôt officiel commence le {first_day} : aucune liste n’est connue pour le {day} (/fr/supporters?as_of={day} montre ce que disent les sources)"
            ),
        ),
        ListOn::Gap {
            from,
            to,
            last_before,
            first_after,
        } => {
            let nearest: Vec<String> = [last_before, first_after]
                .into_iter()
                .flatten()
                .map(|d| d.iso())
                .collect();
            Problem::new(
                format!(
                    "the official repository held no list from {from} to {to}; the nearest lists are on {}",
                    nearest.join(" and ")
                ),
                format!(
                    "le dépôt officiel ne contenait aucune liste du {from} au {to} ; les listes les plus proches sont celles du {}",
                    nearest.join(" et du ")
                ),
            )
        }
    };
    Err(AppError::bad(parameter, problem, vec![]))
}

/// The canonical query string of a page that takes only `as_of`.
pub fn as_of_canonical(day: Option<PartialDate>) -> String {
    encode(
        &day.map(|d| ("as_of", d.iso()))
            .into_iter()
            .collect::<Vec<_>>(),
    )
}

/// Whether a path segment can be a supporter record id: letters, digits, `-` and `_`
/// (from official file names, in any case), at most 200 bytes. Pages and API share it.
pub fn plausible_record_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Encodes pairs back into a query string (with a leading `?`, or empty).
pub fn encode(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        String::new()
    } else {
        format!(
            "?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}
