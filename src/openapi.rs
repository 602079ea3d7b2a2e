//! The API's OpenAPI document, completed from the data: the values a parameter may take
//! (regions, country codes, years, the days with a list) come from what was loaded, so the
//! document and the validation in `params` cannot drift apart.

use serde_json::{Value, json};

use crate::model::PartialDate;
use crate::vocabulary::Vocabulary;

/// The hand-written part; `{…}` placeholders are filled by `document`.
const TEMPLATE: &str = include_str!("openapi.json");

/// The served document.
pub fn document(vocab: &Vocabulary) -> Result<String, serde_json::Error> {
    let mut doc: Value = serde_json::from_str(TEMPLATE)?;
    let spans = vocab.timeline.listed_spans();
    let limits = as_of_limits(&spans);
    let pattern = as_of_pattern(&spans);
    let mut codes: Vec<String> = vocab
        .countries
        .iter()
        .map(|c| c.code.to_ascii_lowercase())
        .collect();
    codes.extend(vocab.countries.iter().map(|c| c.code.clone()));
    let years = |all: &[u16]| {
        let min = all.iter().min().copied().unwrap_or_default();
        let max = all.iter().max().copied().unwrap_or_default();
        (min, max)
    };
    let regions: Vec<String> = vocab
        .regions
        .iter()
        .flat_map(|r| crate::params::region_spellings(r))
        .collect();
    let listed = years(&vocab.listed_years);
    let joined = years(&vocab.joined_years);
    let paths = doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut());
    for operation in paths.flat_map(|p| p.as_object_mut().into_iter().flat_map(|o| o.values_mut()))
    {
        let Some(parameters) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for parameter in parameters {
            let name = parameter["name"].as_str().unwrap_or_default().to_string();
            let schema = &mut parameter["schema"];
            match name.as_str() {
                "as_of" => {
                    schema["pattern"] = json!(pattern);
                    let text = parameter["description"].as_str().unwrap_or_default();
                    parameter["description"] = json!(text.replace("{as_of_limits}", &limits));
                }
                "country" => schema["enum"] = json!(codes),
                "region" => schema["enum"] = json!(regions),
                "listed" => year_range(schema, listed),
                "joined" => year_range(schema, joined),
                _ => {}
            }
        }
    }
    serde_json::to_string_pretty(&doc)
}

fn year_range(schema: &mut Value, (min, max): (u16, u16)) {
    schema["minimum"] = json!(min);
    schema["maximum"] = json!(max);
}

/// The days with a list, as a sentence for the `as_of` descriptions.
fn as_of_limits(spans: &[(PartialDate, Option<PartialDate>)]) -> String {
    let Some((first, _)) = spans.first() else {
        return "No list is known for any day.".into();
    };
    let gaps: Vec<String> = spans
        .windows(2)
        .filter_map(|w| {
            let from = w[0].1?.next_day()?;
            let to = w[1].0.previous_day()?;
            Some(format!("from {from} to {to}"))
        })
        .collect();
    let mut text = format!(
        "A 400 names as_of for a day the official repository holds no list (before {first}"
    );
    for gap in gaps {
        text.push_str(", or ");
        text.push_str(&gap);
    }
    text.push_str(") and for a day after today; the pattern admits only days with a list.");
    text
}

/// An ECMA-262 pattern admitting exactly the `YYYY-MM-DD` days inside `spans` (open spans
/// run to 9999-12-31; `format: date` rules out impossible days such as 2021-02-30).
fn as_of_pattern(spans: &[(PartialDate, Option<PartialDate>)]) -> String {
    let ranges: Vec<String> = spans
        .iter()
        .map(|(from, to)| {
            let to = to.map_or_else(|| "9999-12-31".to_string(), |d| d.iso());
            digit_range(from.iso().as_bytes(), to.as_bytes())
        })
        .collect();
    format!("^(?:{})$", ranges.join("|"))
}

const LOWEST: &[u8] = b"0000-00-00";
const HIGHEST: &[u8] = b"9999-99-99";

/// A pattern for the strings of `lo`'s shape from `lo` to `hi` inclusive, compared
/// character by character (`-` sits at the same places in both).
fn digit_range(lo: &[u8], hi: &[u8]) -> String {
    let Some((&l, lo_rest)) = lo.split_first() else {
        return String::new();
    };
    let (&h, hi_rest) = hi.split_first().unwrap_or((&l, &[]));
    if l == h {
        return format!("{}{}", l as char, digit_range(lo_rest, hi_rest));
    }
    let tail = LOWEST.len() - lo_rest.len();
    let (lowest, highest) = (&LOWEST[tail..], &HIGHEST[tail..]);
    let any = |rest: &[u8]| -> String {
        rest.iter()
            .map(|&b| if b == b'-' { "-" } else { "[0-9]" })
            .collect()
    };
    let mut alternatives = Vec::new();
    let (mut first, mut last) = (l, h);
    if lo_rest != lowest {
        alternatives.push(format!("{}{}", l as char, digit_range(lo_rest, highest)));
        first += 1;
    }
    let upper = (hi_rest != highest).then(|| {
        last -= 1;
        format!("{}{}", h as char, digit_range(lowest, hi_rest))
    });
    if first <= last {
        let class = if first == last {
            (first as char).to_string()
        } else {
            format!("[{}-{}]", first as char, last as char)
        };
        alternatives.push(format!("{class}{}", any(lo_rest)));
    }
    alternatives.extend(upper);
    if alternatives.len() == 1 {
        alternatives.remove(0)
    } else {
        format!("(?:{})", alternatives.join("|"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_ranges_cover_exactly_the_range() {
        assert_eq!(digit_range(b"2019-09-16", b"2019-09-16"), "2019-09-16");
        assert_eq!(digit_range(b"2019-09-16", b"2019-09-19"), "2019-09-1[6-9]");
        assert_eq!(
            digit_range(b"2019-09-16", b"2019-10-24"),
            "2019-(?:09-(?:1[6-9]|[2-9][0-9])|10-(?:[0-1][0-9]|2[0-4]))"
        );
    }
}
