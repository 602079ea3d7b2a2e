//! How the model's types sit in SQLite columns: `FromSql`/`ToSql` for each typed column,
//! so a query reads a `Category` or a `PartialDate` and a bad value is an error naming it.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Row, RowIndex};

use crate::model::{Category, PartialDate, StateStatus};

/// A text column parsed with `FromStr`, its refusal carried as the conversion error.
fn parsed<T>(value: ValueRef<'_>, what: &str) -> FromSqlResult<T>
where
    T: std::str::FromStr<Err = ()>,
{
    let text = value.as_str()?;
    text.parse()
        .map_err(|()| FromSqlError::Other(format!("unknown {what} {text}").into()))
}

impl FromSql for Category {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parsed(value, "category")
    }
}

impl ToSql for Category {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.slug()))
    }
}

impl FromSql for StateStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parsed(value, "status")
    }
}

impl ToSql for StateStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.slug()))
    }
}

/// Stored in its ISO form (`2021`, `2021-11`, `2021-11-11`), which sorts as dates do.
impl FromSql for PartialDate {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e: String| FromSqlError::Other(e.into()))
    }
}

impl ToSql for PartialDate {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.iso()))
    }
}

/// A column of source ids (or paths) separated by spaces.
pub(super) fn id_list<I: RowIndex>(row: &Row, column: I) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(column)?;
    Ok(text.split_whitespace().map(str::to_string).collect())
}
