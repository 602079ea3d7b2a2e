//! `/changes` queries: the two days compared.

use super::{day, encode, listed, pairs, single};
use crate::error::{AppError, Problem};
use crate::model::PartialDate;
use crate::vocabulary::Vocabulary;

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
    let check =
        |name: &str, day: Option<PartialDate>| day.map(|day| listed(name, vocab, day)).transpose();
    check("from", from_given)?;
    check("to", to_given)?;
    let from = from_given.unwrap_or_else(|| vocab.timeline.first_day().unwrap_or(vocab.as_of));
    let to = to_given.unwrap_or(vocab.as_of.max(from));
    if from > to {
        return Err(AppError::bad(
            "from",
            Problem::new(
                format!("{from} is after to={to}; give the earlier day as from"),
                format!("{from} est après to={to} ; donnez le jour le plus ancien comme from"),
            ),
            vec![],
        ));
    }
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
