//! The CSV files of `content/data/`, one reader each, every row checked and located.
//! `rows` reads a file into rows that know their line, `cells` reads their cells; the other
//! modules each read the tables of one domain.

mod call;
mod cells;
mod countries;
mod history;
mod rows;
mod statements;
mod supporters;

pub(super) use call::{principles, working_groups};
pub(super) use cells::optional;
pub(super) use countries::{countries, country_aliases, names_with_the};
pub use history::history_category;
pub(super) use history::{corrections, history, renames};
pub(super) use rows::read;
pub(super) use statements::{disputed, non_signatories, reported_counts};
pub(super) use supporters::supporters;
pub use supporters::{DATE_SIGNED_SOURCE, OfficialRecord, parse_official_records, record_id};
