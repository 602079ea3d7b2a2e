//! Reading a CSV file of `content/` into typed rows, each with the line it starts on.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::cells::Line;
use crate::content::ContentError;

/// Reads every row of a CSV file into `R`, keeping each row's line for error messages.
pub(in crate::content) fn read<R: DeserializeOwned>(
    path: &Path,
) -> Result<Vec<(Line<'_>, R)>, ContentError> {
    rows(path, &read_nfc(path)?)
}

/// A file's bytes in Unicode NFC, so that exact search and copy-paste work whatever form an
/// editor's tool saved (bytes that are not UTF-8 are left for the CSV reader to report).
pub(super) fn read_nfc(path: &Path) -> Result<Vec<u8>, ContentError> {
    use unicode_normalization::{UnicodeNormalization, is_nfc};
    let bytes = std::fs::read(path)
        .map_err(|e| ContentError::new(path, None, format!("cannot read: {e}")))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) if is_nfc(&text) => text.into_bytes(),
        Ok(text) => text.nfc().collect::<String>().into_bytes(),
        Err(e) => e.into_bytes(),
    })
}

/// Parses CSV text (with a header row) into `R`s; errors name `path` and the line.
pub(super) fn rows<'p, R: DeserializeOwned>(
    path: &'p Path,
    bytes: &[u8],
) -> Result<Vec<(Line<'p>, R)>, ContentError> {
    // csv's own line counter drifts on CRLF files, so lines are counted from byte offsets:
    // the offsets where lines start, once, then a binary search per record.
    // A line ends at `\n`, or at a lone `\r` (old Mac files, which csv also accepts).
    let line_starts: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .map(|(i, _)| i + 1)
        .collect();
    let line_at = |position: Option<&csv::Position>| {
        position.map(|p| {
            let mut at = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            // With CRLF endings a record's position can fall on the previous line's `\n`.
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            line_starts.partition_point(|&start| start <= at) as u64 + 1
        })
    };
    let located = |e: csv::Error| {
        let line = line_at(e.position());
        let message = match e.kind() {
            csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
            _ => e.to_string(),
        };
        ContentError::new(path, line, message)
    };
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().map_err(located)?.clone();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(located)? {
        let line = Line::new(path, line_at(record.position()).unwrap_or(0));
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| line.error(e.to_string()))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// Reads a CSV file and turns each row into a `T` with `parse`, which is given the row's
/// line; the first error stops the reading.
pub(super) fn parse_rows<R: DeserializeOwned, T>(
    path: &Path,
    mut parse: impl FnMut(Line<'_>, R) -> Result<T, ContentError>,
) -> Result<Vec<T>, ContentError> {
    read(path)?
        .into_iter()
        .map(|(line, row)| parse(line, row))
        .collect()
}
