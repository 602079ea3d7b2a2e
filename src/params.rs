//! Query strings turned into typed, validated filters. Every rejection is a 400 that
//! names the parameter and the values it accepts; unknown parameter names are ignored
//! (shared links often carry tracking parameters).

use crate::db::countries::{CountryFilter, CountrySort};
use crate::db::supporters::{SupporterFilter, SupporterSort};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::model::{Category, NatureGroup, PartialDate, StateStatus, fold};
use crate::vocabulary::Vocabulary;

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

/// A validated /supporters query: the filter, the raw text query, optional pagination.
pub struct SupporterQuery {
    pub filter: SupporterFilter,
    /// `q` as typed (the filter holds its folded form).
    pub q: Option<String>,
    /// (page, per_page), when `per_page` is given.
    pub pagination: Option<(u32, u32)>,
    /// The day asked for with `as_of`. The filter reads the history only for days before
    /// the list's last change: on later days the list is today's.
    pub as_of: Option<PartialDate>,
}

pub fn supporter_query(query: &str, vocab: &Vocabulary) -> Result<SupporterQuery, AppError> {
    let pairs = pairs(query)?;
    let mut categories = Vec::new();
    for (_, value) in pairs.iter().filter(|(k, _)| k == "category") {
        let category: Category = value.parse().map_err(|()| {
            AppError::bad(
                "category",
                Problem::new(
                    format!("unknown category {value:?}"),
                    format!("catégorie inconnue « {value} »"),
                ),
                Category::allowed_values(),
            )
        })?;
        if !categories.contains(&category) {
            categories.push(category);
        }
    }
    // Five categories exist: more values can only be repetition, and cost work.
    let given = pairs.iter().filter(|(k, _)| k == "category").count();
    if given > Category::ALL.len() {
        return Err(AppError::bad(
            "category",
            Problem::new(
                format!(
                    "given {given} times; at most {} values",
                    Category::ALL.len()
                ),
                format!(
                    "donné {given} fois ; {} valeurs au plus",
                    Category::ALL.len()
                ),
            ),
            vec![],
        ));
    }
    categories.sort();
    let country = match single(&pairs, "country")? {
        Some(value) => {
            let code = value.to_ascii_uppercase();
            let one_case = value == code || value == value.to_ascii_lowercase();
            if !one_case || !vocab.countries.iter().any(|c| c.code == code) {
                return Err(AppError::bad(
                    "country",
                    Problem::new(
                        format!(
                            "{value:?} is not an ISO 3166-1 alpha-2 code (in lower or upper case)"
                        ),
                        format!(
                            "« {value} » n’est pas un code ISO 3166-1 alpha-2 (en minuscules ou en majuscules)"
                        ),
                    ),
                    vocab
                        .countries
                        .iter()
                        .map(|c| c.code.to_ascii_lowercase())
                        .collect(),
                ));
            }
            Some(code)
        }
        None => None,
    };
    let q = text_query("q", single(&pairs, "q")?)?;
    let filter = SupporterFilter {
        categories,
        country,
        region: region(single(&pairs, "region")?, vocab)?,
        listed: year("listed", single(&pairs, "listed")?, &vocab.listed_years)?,
        joined: year("joined", single(&pairs, "joined")?, &vocab.joined_years)?,
        nature: choice(
            "nature",
            single(&pairs, "nature")?,
            &NatureGroup::ALL,
            NatureGroup::slug,
        )?,
        q: q.as_deref().map(fold),
        sort: choice(
            "sort",
            single(&pairs, "sort")?,
            &SupporterSort::ALL,
            SupporterSort::slug,
        )?
        .unwrap_or_default(),
        as_of: None,
        lang: Lang::default(),
    };
    let pagination = pagination(&pairs)?;
    let as_of = day("as_of", single(&pairs, "as_of")?)?;
    Ok(SupporterQuery {
        filter: SupporterFilter {
            as_of: vocab.past(as_of),
            ..filter
        },
        q,
        pagination,
        as_of,
    })
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

/// Entries on a page when `page` is given without `per_page` (the API's default too).
pub const DEFAULT_PER_PAGE: u32 = 100;

fn pagination(pairs: &[(String, String)]) -> Result<Option<(u32, u32)>, AppError> {
    let per_page = single(pairs, "per_page")?;
    let page = single(pairs, "page")?;
    match (per_page, page) {
        (None, None) => Ok(None),
        // `per_page` has a default, so `page` alone is a page of that size.
        (None, Some(page)) => Ok(Some((positive("page", page, 1_000_000)?, DEFAULT_PER_PAGE))),
        (Some(per_page), page) => Ok(Some((
            page.map_or(Ok(1), |p| positive("page", p, 1_000_000))?,
            positive("per_page", per_page, MAX_PER_PAGE)?,
        ))),
    }
}

impl SupporterQuery {
    /// The filters and the text query as query pairs, in canonical order: the list's
    /// shareable form, without its day or page.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let filter = &self.filter;
        let mut pairs: Vec<(&'static str, String)> = filter
            .categories
            .iter()
            .map(|c| ("category", c.slug().to_string()))
            .collect();
        if let Some(nature) = filter.nature {
            pairs.push(("nature", nature.slug().to_string()));
        }
        if let Some(country) = &filter.country {
            pairs.push(("country", country.to_ascii_lowercase()));
        }
        if let Some(region) = &filter.region {
            pairs.push(("region", region.clone()));
        }
        if let Some(year) = filter.listed {
            pairs.push(("listed", year.to_string()));
        }
        if let Some(year) = filter.joined {
            pairs.push(("joined", year.to_string()));
        }
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        if filter.sort != SupporterSort::default() {
            pairs.push(("sort", filter.sort.slug().to_string()));
        }
        pairs
    }

    /// The filters, then the day of a past list.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        with_day(self.filter_pairs(), self.as_of)
    }

    /// The canonical query string (`?…` or empty): filters, day, then page.
    pub fn canonical(&self) -> String {
        let mut pairs = self.pairs();
        if let Some((page, per_page)) = self.pagination {
            pairs.push(("per_page", per_page.to_string()));
            pairs.push(("page", page.to_string()));
        }
        encode(&pairs)
    }
}

/// `pairs`, then the day of a past list if one is asked for.
fn with_day(
    mut pairs: Vec<(&'static str, String)>,
    as_of: Option<PartialDate>,
) -> Vec<(&'static str, String)> {
    pairs.extend(as_of.map(|day| ("as_of", day.iso())));
    pairs
}

/// A validated /countries query; like `SupporterQuery`, the filter reads the history only
/// for days before the list's last change.
pub struct CountryQuery {
    pub filter: CountryFilter,
    pub as_of: Option<PartialDate>,
}

pub fn country_query(query: &str, vocab: &Vocabulary) -> Result<CountryQuery, AppError> {
    let pairs = pairs(query)?;
    let as_of = day("as_of", single(&pairs, "as_of")?)?;
    let filter = CountryFilter {
        region: region(single(&pairs, "region")?, vocab)?,
        status: choice(
            "status",
            single(&pairs, "status")?,
            &StateStatus::ALL,
            StateStatus::slug,
        )?,
        sort: choice(
            "sort",
            single(&pairs, "sort")?,
            &CountrySort::ALL,
            CountrySort::slug,
        )?
        .unwrap_or_default(),
        as_of: vocab.past(as_of),
        lang: Lang::default(),
    };
    Ok(CountryQuery { filter, as_of })
}

impl CountryQuery {
    /// The filters as query pairs, in canonical order, without the day.
    pub fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let filter = &self.filter;
        let mut pairs = Vec::new();
        if let Some(region) = &filter.region {
            pairs.push(("region", region.clone()));
        }
        if let Some(status) = filter.status {
            pairs.push(("status", status.slug().to_string()));
        }
        if filter.sort != CountrySort::default() {
            pairs.push(("sort", filter.sort.slug().to_string()));
        }
        pairs
    }

    /// The filters, then the day of a past list.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        with_day(self.filter_pairs(), self.as_of)
    }

    /// The canonical query string (`?…` or empty).
    pub fn canonical(&self) -> String {
        encode(&self.pairs())
    }
}

/// A validated /changes query: the two days compared, each as given or by default.
pub struct ChangesQuery {
    pub from_given: Option<PartialDate>,
    pub to_given: Option<PartialDate>,
    pub from: PartialDate,
    pub to: PartialDate,
}

/// `from` defaults to the first day of the repository's history; `to` to the list's last
/// change, or to `from` if that is later.
pub fn changes_query(query: &str, vocab: &Vocabulary) -> Result<ChangesQuery, AppError> {
    let pairs = pairs(query)?;
    let from_given = day("from", single(&pairs, "from")?)?;
    let to_given = day("to", single(&pairs, "to")?)?;
    let from = from_given.unwrap_or_else(|| vocab.timeline.first_day().unwrap_or(vocab.as_of));
    let to = to_given.unwrap_or(vocab.as_of.max(from));
    Ok(ChangesQuery {
        from_given,
        to_given,
        from,
        to,
    })
}

impl ChangesQuery {
    /// Whether a day was chosen, so the page compares two days rather than listing all.
    pub fn chosen(&self) -> bool {
        self.from_given.is_some() || self.to_given.is_some()
    }

    /// The canonical query string: both days once either is chosen, or nothing.
    pub fn canonical(&self) -> String {
        if self.chosen() {
            encode(&[("from", self.from.iso()), ("to", self.to.iso())])
        } else {
            String::new()
        }
    }
}

/// The canonical query string of a page that takes only `as_of`.
pub fn as_of_canonical(day: Option<PartialDate>) -> String {
    encode(
        &day.map(|d| ("as_of", d.iso()))
            .into_iter()
            .collect::<Vec<_>>(),
    )
}

/// The canonical query string of the search page.
pub fn search_canonical(q: Option<&str>) -> String {
    encode(
        &q.map(|q| ("q", q.to_string()))
            .into_iter()
            .collect::<Vec<_>>(),
    )
}

/// The text typed into the search box, if any.
pub fn search_query(query: &str) -> Result<Option<String>, AppError> {
    let pairs = pairs(query)?;
    text_query("q", single(&pairs, "q")?)
}

/// Turns free text into an FTS5 expression that cannot carry FTS5 syntax: only runs of
/// letters and digits survive, each quoted as a prefix phrase and all of them required.
/// Returns None when nothing searchable is left (e.g. the query was only punctuation).
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(16)
        .map(|t| format!("\"{t}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_carry_no_syntax() {
        assert_eq!(fts_query("micro").as_deref(), Some("\"micro\"*"));
        assert_eq!(
            fts_query("NEAR(a b) \"x\" -y *").as_deref(),
            Some("\"NEAR\"* \"a\"* \"b\"* \"x\"* \"y\"*")
        );
        assert_eq!(fts_query(")))"), None);
    }
}
