//! One record file of the official list: its front matter read into raw values, its
//! nationality mapped to an ISO code, and `official_records.csv` written from the records.

use std::collections::HashMap;
use std::path::Path;

use crate::content::{self, ContentError, is_alpha2};
use crate::model::{Category, PartialDate};

/// A record file's values, as written (quotes and escapes undone, nothing else changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file name in its folder (`_supporters/`, see `history::FOLDERS`).
    pub file: String,
    pub name: String,
    pub category: String,
    pub nature: String,
    pub nationality: String,
    pub date_signed: String,
    /// The line of each key read, for messages.
    lines: HashMap<&'static str, u64>,
}

impl Record {
    /// The line of `key` in the file (the first line when the key is missing).
    pub fn line(&self, key: &str) -> u64 {
        self.lines.get(key).copied().unwrap_or(1)
    }
}

/// Why a record file's front matter does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub line: u64,
    pub message: String,
}

const KEYS: [&str; 5] = ["name", "category", "nature", "nationality", "date_signed"];

/// Reads a record file: front matter between `---` lines (the first files of 2019 have
/// no `---` and are front matter throughout), one `key: value` a line, values plain or in
/// YAML quotes. Lines that are not `key: value` (a name broken over two lines, stray
/// indentation) are passed over; a quoted value that does not close, or has text after
/// its closing quote, does not parse; nor does a file without a `name`.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Record, Malformed> {
    let text = std::str::from_utf8(bytes).map_err(|e| Malformed {
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64,
        message: "not UTF-8".to_string(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let front: &[&str] = if lines.first().is_some_and(|l| l.trim_end() == "---") {
        let end = lines[1..]
            .iter()
            .position(|l| l.trim_end() == "---")
            .ok_or(Malformed {
                line: 1,
                message: "the front matter opened by `---` is never closed".to_string(),
            })?;
        &lines[..end + 1]
    } else {
        &lines
    };
    let mut values: HashMap<&'static str, String> = HashMap::new();
    let mut key_lines = HashMap::new();
    for (i, line) in front.iter().enumerate() {
        let number = i as u64 + 1;
        let Some((key, raw)) = line.split_once(':') else {
            continue;
        };
        let Some(key) = KEYS.iter().find(|k| **k == key) else {
            continue;
        };
        let value = scalar(raw.trim()).map_err(|message| Malformed {
            line: number,
            message: format!("`{key}`: {message}"),
        })?;
        values.insert(key, value);
        key_lines.insert(*key, number);
    }
    let name = values.remove("name").unwrap_or_default();
    if name.trim().is_empty() {
        return Err(Malformed {
            line: key_lines.get("name").copied().unwrap_or(1),
            message: "no `name`".to_string(),
        });
    }
    let mut take = |key: &str| values.remove(key).unwrap_or_default();
    Ok(Record {
        file: file.to_string(),
        name,
        category: take("category"),
        nature: take("nature"),
        nationality: take("nationality"),
        date_signed: take("date_signed"),
        lines: key_lines,
    })
}

/// A YAML scalar on one line: `"double"` (with escapes), `'single'` (`''` for a quote), or
/// plain text taken as it is.
fn scalar(raw: &str) -> Result<String, String> {
    let mut chars = raw.chars();
    let (value, rest) = match chars.next() {
        Some('"') => double_quoted(chars.as_str())?,
        Some('\'') => single_quoted(chars.as_str())?,
        _ => return Ok(raw.to_string()),
    };
    let rest = rest.trim();
    if rest.is_empty() || rest.starts_with('#') {
        Ok(value)
    } else {
        Err(format!("text after the closing quote: {rest:?}"))
    }
}

/// The inside of a double-quoted scalar and what follows its closing quote.
fn double_quoted(text: &str) -> Result<(String, &str), String> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &text[i + 1..])),
            '\\' => {
                let Some((_, escape)) = chars.next() else {
                    break;
                };
                let hex = |chars: &mut std::str::CharIndices, n: usize| -> Result<char, String> {
                    let digits: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .filter(|_| digits.len() == n)
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("bad escape \\{escape}{digits}"))
                };
                value.push(match escape {
                    '"' | '\\' | '/' | ' ' => escape,
                    'n' => '\n',
                    't' | '\t' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    '_' => '\u{a0}',
                    'N' => '\u{85}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => hex(&mut chars, 2)?,
                    'u' => hex(&mut chars, 4)?,
                    'U' => hex(&mut chars, 8)?,
                    other => return Err(format!("unknown escape \\{other}")),
                });
            }
            c => value.push(c),
        }
    }
    Err("the double quote is never closed".to_string())
}

fn single_quoted(text: &str) -> Result<(String, &str), String> {
    let mut value = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|&(_, next)| next == '\'') {
                chars.next();
                value.push('\'');
            } else {
                return Ok((value, &text[i + 1..]));
            }
        } else {
            value.push(c);
        }
    }
    Err("the single quote is never closed".to_string())
}

/// The official list's nationalities → ISO 3166-1 alpha-2: the ISO alpha-3 codes of
/// `un_member_states.csv`, the French names of `country_names_fr.csv`, and the other
/// values the list has used, in `nationalities.csv` (an empty code: no country).
pub struct Nationalities {
    codes: HashMap<String, Option<String>>,
}

impl Nationalities {
    pub fn load(data: &Path) -> Result<Nationalities, ContentError> {
        let mut codes: HashMap<String, Option<String>> = HashMap::new();
        codes.insert(String::new(), None);
        for (file, from, to) in [
            ("country_names_fr.csv", "name_fr", "iso2"),
            ("un_member_states.csv", "iso3", "iso2"),
            ("nationalities.csv", "nationality", "iso2"),
        ] {
            let path = data.join(file);
            for (line, row) in columns(&path, &[from, to])? {
                let [value, code] = [&row[0], &row[1]];
                let valid = code.is_empty() || is_alpha2(code);
                if value.is_empty() || !valid {
                    return Err(ContentError::new(
                        &path,
                        Some(line),
                        format!(
                            "`{from}` must not be empty and `{to}` must be two capital letters or empty"
                        ),
                    ));
                }
                codes.insert(value.clone(), (!code.is_empty()).then(|| code.clone()));
            }
        }
        Ok(Nationalities { codes })
    }

    /// `None` when the value is unknown; `Some(None)` when it is known to name no country.
    pub fn iso2(&self, nationality: &str) -> Option<Option<&str>> {
        self.codes.get(nationality.trim()).map(Option::as_deref)
    }
}

/// The given columns of every row of a CSV file, with line numbers.
pub(super) fn columns(
    path: &Path,
    names: &[&str],
) -> Result<Vec<(u64, Vec<String>)>, ContentError> {
    let located = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        ContentError::new(path, line, e.to_string())
    };
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| ContentError::new(path, None, format!("cannot read: {e}")))?;
    let headers = reader.headers().map_err(located)?.clone();
    let indexes: Vec<usize> = names
        .iter()
        .map(|name| {
            headers
                .iter()
                .position(|h| h == *name)
                .ok_or_else(|| ContentError::new(path, Some(1), format!("no column `{name}`")))
        })
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(located)?;
        let line = record.position().map_or(0, |p| p.line());
        let row = indexes
            .iter()
            .map(|&i| record.get(i).unwrap_or_default().trim().to_string())
            .collect();
        rows.push((line, row));
    }
    Ok(rows)
}

/// A record checked for the official records file: its category known, its nationality
/// mapped and its date a date. Errors name the record file (in `folder`) and the line.
pub fn check(
    folder: &str,
    record: &Record,
    nationalities: &Nationalities,
) -> Result<Option<String>, ContentError> {
    let path = Path::new(folder).join(&record.file);
    if Category::from_official(&record.category).is_none() {
        return Err(ContentError::new(
            &path,
            Some(record.line("category")),
            format!(
                "unknown category {:?} (known: {})",
                record.category,
                Category::OFFICIAL_VALUES.join(", ")
            ),
        ));
    }
    let iso2 = nationalities.iso2(&record.nationality).ok_or_else(|| {
        ContentError::new(
            &path,
            Some(record.line("nationality")),
            format!(
                "unknown nationality {:?}: add it to content/data/nationalities.csv with its ISO 3166-1 alpha-2 code",
                record.nationality
            ),
        )
    })?;
    let date = record.date_signed.trim();
    if !date.is_empty() && date.parse::<PartialDate>().is_err() {
        return Err(ContentError::new(
            &path,
            Some(record.line("date_signed")),
            format!("`date_signed` {date:?} is not a YYYY-MM-DD date"),
        ));
    }
    if content::record_id(&record.file).is_none() {
        return Err(ContentError::new(
            &path,
            None,
            "the file name is not a record id (letters, digits, - and _, then .md)",
        ));
    }
    Ok(iso2.map(str::to_string))
}

/// `official_records.csv`: one row per record, in the order given, CRLF line ends.
pub fn to_csv(records: &[(Record, Option<String>)]) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "record_file",
        "name",
        "category",
        "nature",
        "nationality",
        "nationality_iso2",
        "date_signed",
    ];
    super::crlf_csv(&header, |writer| {
        for (r, iso2) in records {
            writer.write_record([
                r.file.as_str(),
                &r.name,
                &r.category,
                &r.nature,
                &r.nationality,
                iso2.as_deref().unwrap_or(""),
                &r.date_signed,
            ])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_values_are_read_as_written() {
        let r = parse(
            "a.md",
            b"---\nname: \"Caf\\u00e9 \\\"Z\\\" \"\ncategory: private-sector\nnature: ''\nnationality: ROM\ndate_signed: '2021-02-03'\n---\nbody\n",
        )
        .unwrap();
        assert_eq!(r.name, "Caf\u{e9} \"Z\" ");
        assert_eq!(r.category, "private-sector");
        assert_eq!(r.nationality, "ROM");
        assert_eq!(r.date_signed, "2021-02-03");
        assert_eq!(r.line("nationality"), 5);
    }

    #[test]
    fn the_first_files_have_no_delimiters_and_some_names_span_two_lines() {
        let r = parse(
            "a.md",
            b"name: #cnetz\r\nThe rest\r\n\ncategory: civil_society\nnature:  ONG\ndate_signed:\n    ",
        )
        .unwrap();
        assert_eq!(r.name, "#cnetz");
        assert_eq!(r.nature, "ONG");
    }

    #[test]
    fn a_broken_quote_or_a_missing_name_does_not_parse() {
        let broken = parse(
            "a.md",
            b"---\nname: \"Fundacja \\\"X\"\"\ncategory: state\n---\n",
        );
        assert_eq!(broken.unwrap_err().line, 2);
        assert!(parse("a.md", b"---\ncategory: state\n---\n").is_err());
        assert!(parse("a.md", b"---\nname: A\n").is_err());
    }
}
