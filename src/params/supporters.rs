//! `/supporters` queries (the list, its downloads, the API and the badge): filters,
//! sort, pagination and day.

use super::{choice, day, encode, pairs, positive, region, single, text_query, with_day, year};
use crate::db::supporters::{SupporterFilter, SupporterSort};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::model::{Category, NatureGroup, PartialDate, fold};
use crate::vocabulary::Vocabulary;

use super::MAX_PER_PAGE;

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
    let categories = categories(&pairs)?;
    let country = country(single(&pairs, "country")?, vocab)?;
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

/// Every `category` given, each once, in the list's order.
fn categories(pairs: &[(String, String)]) -> Result<Vec<Category>, AppError> {
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
    Ok(categories)
}

/// A country code the data knows, in lower or upper case, as its upper-case form.
fn country(value: Option<&str>, vocab: &Vocabulary) -> Result<Option<String>, AppError> {
    let Some(value) = value else { return Ok(None) };
    let code = value.to_ascii_uppercase();
    let one_case = value == code || value == value.to_ascii_lowercase();
    if one_case && vocab.countries.iter().any(|c| c.code == code) {
        return Ok(Some(code));
    }
    Err(AppError::bad(
        "country",
        Problem::new(
            format!("{value:?} is not an ISO 3166-1 alpha-2 code (in lower or upper case)"),
            format!(
                "« {value} » n’est pas un code ISO 3166-1 alpha-2 (en minuscules ou en majuscules)"
            ),
        ),
        vocab
            .countries
            .iter()
            .map(|c| c.code.to_ascii_lowercase())
            .collect(),
    ))
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
