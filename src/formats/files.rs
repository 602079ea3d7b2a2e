//! Download files: CSV and XLSX bytes from a table's rows, and each file's name.

use super::{Column, Table};
use crate::model::{PartialDate, fold};

/// RFC 4180 CSV with a UTF-8 byte-order mark (so Excel reads UTF-8) and CRLF line ends.
pub fn csv_bytes(
    columns: &[Column],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(columns.iter().map(|c| c.name))?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// An Office Open XML workbook (what Excel opens without asking how to split columns, which
/// French Excel gets wrong for comma-separated files): one sheet named after the table, the
/// header row frozen and filterable, the CSV's columns and cells (integers as numbers).
pub fn xlsx_bytes(
    table: &Table,
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.name)?;
    let bold = Format::new().set_bold();
    for (col, column) in (0u16..).zip(table.columns) {
        sheet.write_string_with_format(0, col, column.name, &bold)?;
    }
    let mut last_row = 0;
    for (row, cells) in (1u32..).zip(rows) {
        for ((col, column), cell) in (0u16..).zip(table.columns).zip(&cells) {
            match cell.parse::<f64>() {
                Ok(number) if column.kind == "integer" => sheet.write_number(row, col, number)?,
                _ => sheet.write_string(row, col, cell)?,
            };
        }
        last_row = row;
    }
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or_default();
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    workbook.save_to_buffer()
}

/// A download's file name: `paris-call-<table>[-<filters>]-<day>.<extension>`. The filters
/// are the canonical query pairs, in their order, each reduced to lower-case ASCII letters,
/// digits and `_` (`category=private_sector&country=fr` gives `private_sector-fr`); values
/// that do not say which filter they are (years, text, sort) keep the parameter's name.
/// Without filters the name is the table's alone, as it always was.
pub fn file_name(
    table: &Table,
    pairs: &[(&str, String)],
    day: PartialDate,
    extension: &str,
) -> String {
    let mut parts = vec!["paris-call".to_string(), table.name.to_string()];
    for (name, value) in pairs.iter().filter(|(name, _)| *name != "as_of") {
        let value = match value.strip_prefix('-') {
            Some(reversed) => format!("{reversed} desc"),
            None => value.clone(),
        };
        let part = match *name {
            "category" | "nature" | "country" | "region" | "status" => value,
            _ => format!("{name} {value}"),
        };
        let safe: String = fold(&part)
            .chars()
            .map(|c| match c {
                'a'..='z' | '0'..='9' | '_' => c,
                _ => ' ',
            })
            .collect();
        let words: Vec<&str> = safe.split_whitespace().collect();
        let mut part = words.join("-");
        // A long text query would make an unwieldy name; its start says what it was.
        part.truncate(40);
        parts.push(part.trim_end_matches('-').to_string());
    }
    parts.push(day.iso());
    format!("{}.{extension}", parts.join("-"))
}
