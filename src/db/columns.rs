//! How rows become values, and how the model's types sit in SQLite columns.
//!
//! A query reads its rows into a struct by column name (serde, through `serde_rusqlite`):
//! the struct's fields name the columns it needs, so the two cannot drift apart, and a
//! missing column or a bad value is an error naming the column. Tuples and single values
//! are read by position.

use std::str::FromStr;

use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{Connection, Params};
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};

use super::QueryResult;
use crate::content::{ClaimKind, RenameKind, StatementEvent};
use crate::model::{Category, NatureGroup, PartialDate, StateStatus};

/// Reading rows on a connection; statements are prepared once and cached.
pub(super) trait Read {
    /// Every row the query returns, each read into `T`.
    fn all<T: DeserializeOwned>(&self, sql: &str, params: impl Params) -> QueryResult<Vec<T>>;
    /// The first row the query returns, if any.
    fn first<T: DeserializeOwned>(&self, sql: &str, params: impl Params) -> QueryResult<Option<T>>;
}

impl Read for Connection {
    fn all<T: DeserializeOwned>(&self, sql: &str, params: impl Params) -> QueryResult<Vec<T>> {
        serde_rusqlite::from_rows(self.prepare_cached(sql)?.query(params)?).collect()
    }

    fn first<T: DeserializeOwned>(&self, sql: &str, params: impl Params) -> QueryResult<Option<T>> {
        serde_rusqlite::from_rows(self.prepare_cached(sql)?.query(params)?)
            .next()
            .transpose()
    }
}

/// Types stored in their text form (`Category::slug`, `PartialDate::iso`): written with
/// that method, read back with the matching parser; an unknown value is an error naming
/// what it should have been.
macro_rules! text_columns {
    ($($type:ty: $what:literal, read by $read:path, written by $write:ident;)*) => {$(
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(column: D) -> Result<Self, D::Error> {
                let text = String::deserialize(column)?;
                $read(&text).ok_or_else(|| D::Error::custom(format!("unknown {} {text}", $what)))
            }
        }

        impl ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.$write()))
            }
        }
    )*};
}

text_columns! {
    Category: "category", read by parsed, written by slug;
    StateStatus: "status", read by parsed, written by slug;
    NatureGroup: "nature group", read by parsed, written by slug;
    // ISO form (`2021`, `2021-11`, `2021-11-11`), which sorts as dates do.
    PartialDate: "date", read by parsed, written by iso;
    StatementEvent: "event", read by StatementEvent::from_slug, written by slug;
    ClaimKind: "claim kind", read by ClaimKind::from_slug, written by slug;
    RenameKind: "rename kind", read by RenameKind::from_slug, written by slug;
}

/// A value of a type with `FromStr`, or none.
fn parsed<T: FromStr>(text: &str) -> Option<T> {
    text.parse().ok()
}

/// A column of source ids (or paths) separated by spaces, as a row struct's field reads it
/// (`#[serde(deserialize_with = "id_list")]`).
pub(super) fn id_list<'de, D: Deserializer<'de>>(column: D) -> Result<Vec<String>, D::Error> {
    Ok(ids(&String::deserialize(column)?))
}

/// A 0/1 column read as a `bool` where serde cannot do it itself: in a struct read through
/// `#[serde(flatten)]`, whose values serde buffers untyped, an integer is no boolean.
pub(super) fn flag<'de, D: Deserializer<'de>>(column: D) -> Result<bool, D::Error> {
    Ok(i64::deserialize(column)? != 0)
}

/// The ids of such a column read as text.
pub(super) fn ids(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Entry {
        category: Category,
        joined: Option<PartialDate>,
        #[serde(deserialize_with = "id_list")]
        source_ids: Vec<String>,
        #[serde(deserialize_with = "flag")]
        listed: bool,
    }

    /// As `SupporterDetail` and `CommentaryPage` read their shared columns.
    #[derive(Deserialize)]
    struct Flattened {
        #[serde(flatten)]
        entry: Entry,
    }

    fn table(rows: &str) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE t (category TEXT, joined TEXT, source_ids TEXT, listed INTEGER);
             INSERT INTO t VALUES {rows};"
        ))
        .unwrap();
        conn
    }

    #[test]
    fn rows_are_read_by_column_name_into_the_model_types() {
        let conn =
            table("('civil_society', '2018-11', 'axios  inCyber', 1), ('state', NULL, '', 0)");
        let rows: Vec<Flattened> = conn
            .all("SELECT listed, source_ids, joined, category FROM t", [])
            .unwrap();
        let [first, second] = &rows[..] else {
            panic!("two rows expected")
        };
        assert_eq!(first.entry.category, Category::CivilSociety);
        assert_eq!(first.entry.joined.map(|d| d.iso()), Some("2018-11".into()));
        assert_eq!(first.entry.source_ids, ["axios", "inCyber"]);
        assert!(first.entry.listed);
        assert_eq!(second.entry.category, Category::State);
        assert_eq!(second.entry.joined, None);
        assert!(second.entry.source_ids.is_empty());
        assert!(!second.entry.listed);
    }

    #[test]
    fn a_bad_value_or_a_missing_column_is_an_error_naming_it() {
        let conn = table("('charity', NULL, '', 0), ('state', 'soon', '', 0)");
        let bad = conn.all::<Entry>("SELECT * FROM t", []).err().unwrap();
        assert!(
            bad.to_string()
                .contains("column: category error: unknown category charity"),
            "{bad}"
        );
        let bad = conn
            .all::<Entry>("SELECT * FROM t WHERE category = 'state'", [])
            .err()
            .unwrap();
        assert!(bad.to_string().contains("column: joined"), "{bad}");
        let missing = conn
            .first::<Entry>("SELECT category FROM t WHERE category = 'state'", [])
            .err()
            .unwrap();
        assert!(missing.to_string().contains("source_ids"), "{missing}");
    }
}
