//! `/countries` queries (the list, its downloads and the API): region, status, sort and day.

use super::{choice, day, encode, pairs, region, single, with_day};
use crate::db::countries::{CountryFilter, CountrySort};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::{PartialDate, StateStatus};
use crate::vocabulary::Vocabulary;

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
