//! Writes validated content into a fresh database, in one transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

use crate::content::Content;
use crate::i18n::Lang;
use crate::model::{Category, PartialDate, StateStatus, fold};

pub(super) fn insert_all(
    conn: &mut Connection,
    content: &Content,
    hash: &str,
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    {
        let mut meta = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
        meta.execute(params!["content_hash", hash])?;
        meta.execute(params!["as_of", content.as_of.iso()])?;

        let mut stmt =
            tx.prepare("INSERT INTO principles VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
        let mut search = tx.prepare(
            "INSERT INTO search (kind, key, title, body, lang) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for p in &content.principles {
            stmt.execute(params![
                p.number,
                p.short_title,
                p.short_title_fr,
                p.text_en,
                p.text_fr,
                p.page_text_en,
                p.page_text_fr,
                p.source_url,
                p.source_url_fr,
                p.page_source_url
            ])?;
            // Both texts in each language's row: a reader may search either wording.
            let body = format!(
                "{} {} {} {}",
                p.text_en, p.text_fr, p.page_text_en, p.page_text_fr
            );
            for (title, lang) in [(&p.short_title, Lang::En), (&p.short_title_fr, Lang::Fr)] {
                search.execute(params![
                    "principle",
                    p.number.to_string(),
                    title,
                    body,
                    lang.code()
                ])?;
            }
        }

        let mut stmt = tx.prepare(
            "INSERT INTO countries VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for c in &content.countries {
            stmt.execute(params![
                c.iso2,
                c.iso3,
                c.numeric,
                c.name,
                c.official_name,
                c.name_fr,
                c.region,
                c.subregion,
                c.un_member,
                c.source,
                fold(c.name_fr.as_deref().unwrap_or(&c.name))
            ])?;
            let body = [
                Some(c.name.as_str()),
                c.official_name.as_deref(),
                c.name_fr.as_deref(),
                c.region.as_deref(),
                Some(&c.iso2),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let name_fr = c.name_fr.as_deref().unwrap_or(&c.name);
            for (title, lang) in [(c.name.as_str(), Lang::En), (name_fr, Lang::Fr)] {
                search.execute(params![
                    "country",
                    c.iso2.to_ascii_lowercase(),
                    title,
                    body,
                    lang.code()
                ])?;
            }
        }

        let country_names: HashMap<&str, &str> = content
            .countries
            .iter()
            .map(|c| (c.iso2.as_str(), c.name.as_str()))
            .collect();
        let country_names_fr: HashMap<&str, &str> = content
            .countries
            .iter()
            .filter_map(|c| Some((c.iso2.as_str(), c.name_fr.as_deref()?)))
            .collect();
        let mut stmt = tx.prepare(
            "INSERT INTO supporters VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut note = tx.prepare("INSERT INTO supporter_notes VALUES (?1, ?2, ?3)")?;
        for s in &content.supporters {
            stmt.execute(params![
                s.id,
                s.name,
                fold(&s.name),
                s.category.slug(),
                s.country_iso2,
                s.joined.map(|d| d.iso()),
                s.source_url,
                s.nature,
                s.official_name_fr,
                s.listed_since.iso(),
                s.official_name_fr.as_deref().map(fold)
            ])?;
            for (position, item) in s.notes.iter().enumerate() {
                note.execute(params![s.id, position as i64, item.text()])?;
            }
            let country = s
                .country_iso2
                .as_deref()
                .and_then(|c| country_names.get(c))
                .copied();
            let country_fr = s
                .country_iso2
                .as_deref()
                .and_then(|c| country_names_fr.get(c))
                .copied();
            // One row per language: the title as that language's pages show it, and a body
            // with the country's name in both languages (that language's first, as snippets
            // show the body's start) so either finds it.
            let french_title = s.official_name_fr.as_deref().unwrap_or(&s.name);
            let rows = [
                (
                    s.name.as_str(),
                    Lang::En,
                    [country, country_fr],
                    french_title,
                ),
                (
                    french_title,
                    Lang::Fr,
                    [country_fr, country],
                    s.name.as_str(),
                ),
            ];
            for (title, lang, [first, second], other_name) in rows {
                let body = [first, s.nature.as_deref(), second, Some(other_name)]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                search.execute(params!["supporter", s.id, title, body, lang.code()])?;
            }
        }

        let mut stmt =
            tx.prepare("INSERT INTO non_signatories VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for (position, n) in content.non_signatories.iter().enumerate() {
            stmt.execute(params![
                position as i64,
                n.name,
                n.iso2,
                n.status_note,
                n.source_url,
                n.as_of.iso(),
                n.in_official_list
            ])?;
        }

        let mut stmt =
            tx.prepare("INSERT INTO disputed VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
        for (position, d) in content.disputed.iter().enumerate() {
            stmt.execute(params![
                position as i64,
                d.name,
                d.iso2,
                is_state_claim(d, &country_names),
                d.claim,
                d.claim_source_urls.join(" ; "),
                d.official_list_status,
                d.official_list_source_url
            ])?;
        }

        let bodies = Bodies::resolve(content);
        let mut stmt = tx.prepare(
            "INSERT INTO history VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for (h, body) in content.history.iter().zip(&bodies.spans) {
            stmt.execute(params![
                h.name,
                h.category.slug(),
                h.category_raw,
                h.nationality,
                h.listed_from.iso(),
                h.listed_from_commit,
                h.listed_until.map(|d| d.iso()),
                h.listed_until_commit,
                h.record_file,
                body.id,
                fold(&h.name),
                body.country_iso2,
                body.first_listed.iso(),
                body.joined.map(|d| d.iso())
            ])?;
        }

        let mut stmt =
            tx.prepare("INSERT INTO record_renames VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for r in &content.renames {
            stmt.execute(params![
                r.old_name,
                r.old_record_file,
                r.listed_until.iso(),
                r.kind.slug(),
                r.successor_id,
                r.successor_name,
                r.evidence
            ])?;
        }

        let mut stmt = tx.prepare("INSERT INTO corrections VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for (position, c) in content.corrections.iter().enumerate() {
            stmt.execute(params![
                position as i64,
                c.date.iso(),
                c.what,
                c.why,
                c.source_url,
                c.affects.join(" ")
            ])?;
        }

        let mut stmt = tx.prepare("INSERT INTO reported_counts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")?;
        for (position, r) in content.reported_counts.iter().enumerate() {
            stmt.execute(params![
                position as i64,
                r.date.map(|d| d.iso()),
                r.date_note,
                r.source_name,
                r.source_url,
                r.total,
                r.states,
                r.public_authorities,
                r.companies,
                r.civil_society,
                r.quote,
                r.notes
            ])?;
        }

        let mut stmt =
            tx.prepare("INSERT INTO commentary VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        let mut link = tx.prepare("INSERT INTO commentary_principles VALUES (?1, ?2)")?;
        for c in &content.commentary {
            stmt.execute(params![
                c.slug,
                c.lang.code(),
                c.title,
                c.summary,
                c.date.iso(),
                c.updated.iso(),
                c.author,
                c.draft,
                c.html
            ])?;
            if c.lang == Lang::En {
                for number in &c.principles {
                    link.execute(params![c.slug, number])?;
                }
            }
            // An English page without a French version is what French readers get too.
            let translated = content
                .commentary
                .iter()
                .any(|t| t.slug == c.slug && t.lang != c.lang && !t.draft);
            let lang = if translated { c.lang.code() } else { "" };
            if !c.draft {
                search.execute(params![
                    "commentary",
                    c.slug,
                    c.title,
                    format!("{} {}", c.summary, c.text),
                    lang
                ])?;
            }
        }

        let mut stmt = tx.prepare("INSERT INTO country_status VALUES (?1, ?2)")?;
        for (iso2, status) in state_statuses(content, &country_names) {
            stmt.execute(params![iso2, status.slug()])?;
        }
    }
    tx.commit()
}

/// A disputed row is about a state (not an organisation) when it names the country itself.
fn is_state_claim(d: &crate::content::Disputed, country_names: &HashMap<&str, &str>) -> bool {
    d.iso2
        .as_deref()
        .and_then(|c| country_names.get(c))
        .is_some_and(|name| name.eq_ignore_ascii_case(&d.name))
}

/// Each country's status. The official list wins: a state in it is a supporter whatever
/// else was said; otherwise a sourced refusal, then a sourced but unconfirmed claim.
fn state_statuses<'a>(
    content: &'a Content,
    country_names: &HashMap<&str, &str>,
) -> Vec<(&'a str, StateStatus)> {
    let supporters: HashSet<&str> = content
        .supporters
        .iter()
        .filter(|s| s.category == Category::State)
        .filter_map(|s| s.country_iso2.as_deref())
        .collect();
    let refused: HashSet<&str> = content
        .non_signatories
        .iter()
        .map(|n| n.iso2.as_str())
        .collect();
    let claimed: HashSet<&str> = content
        .disputed
        .iter()
        .filter(|d| is_state_claim(d, country_names))
        .filter_map(|d| d.iso2.as_deref())
        .collect();
    content
        .countries
        .iter()
        .map(|c| {
            let code = c.iso2.as_str();
            let status = if supporters.contains(code) {
                StateStatus::Supporter
            } else if refused.contains(code) {
                StateStatus::NonSignatory
            } else if claimed.contains(code) {
                StateStatus::Disputed
            } else {
                StateStatus::NotListed
            };
            (code, status)
        })
        .collect()
}

/// What a history span is known to belong to.
struct SpanBody<'a> {
    /// The current record of the same body, if it is still listed.
    id: Option<&'a str>,
    country_iso2: Option<&'a str>,
    first_listed: PartialDate,
    joined: Option<PartialDate>,
}

/// Pairs each history span with the body it belongs to, so that a renamed or re-filed
/// record is one body rather than one leaving and another joining. In order: the same
/// record file as a current record; the same name (case and accents aside) as a current
/// record or as a span of one; a reviewed rename or duplicate in `record_renames.csv`.
/// Nothing is guessed beyond that: the rest are bodies no longer in the list.
struct Bodies<'a> {
    spans: Vec<SpanBody<'a>>,
    ids: HashSet<&'a str>,
}

impl<'a> Bodies<'a> {
    fn resolve(content: &'a Content) -> Self {
        let ids: HashSet<&str> = content.supporters.iter().map(|s| s.id.as_str()).collect();
        let by_id: HashMap<&str, &crate::content::Supporter> = content
            .supporters
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect();
        let mut by_name: HashMap<String, &str> = content
            .supporters
            .iter()
            .map(|s| (fold(&s.name), s.id.as_str()))
            .collect();
        let mut bodies = Bodies {
            spans: Vec::new(),
            ids,
        };
        for h in &content.history {
            if let Some(id) = bodies.record_of(h) {
                by_name.entry(fold(&h.name)).or_insert(id);
            }
        }
        let renamed: HashMap<(String, PartialDate), &str> = content
            .renames
            .iter()
            .filter_map(|r| {
                Some((
                    (fold(&r.old_name), r.listed_until),
                    r.successor_id.as_deref()?,
                ))
            })
            .collect();
        let country_codes = country_codes(content);
        // A departed body's first day is its earliest span's.
        let mut first_by_name: HashMap<String, PartialDate> = HashMap::new();
        for h in &content.history {
            let first = first_by_name.entry(fold(&h.name)).or_insert(h.listed_from);
            *first = (*first).min(h.listed_from);
        }
        for h in &content.history {
            let name = fold(&h.name);
            let id = bodies
                .record_of(h)
                .or_else(|| by_name.get(&name).copied())
                .or_else(|| {
                    h.listed_until
                        .and_then(|until| renamed.get(&(name.clone(), until)).copied())
                });
            let current = id.and_then(|id| by_id.get(id));
            bodies.spans.push(SpanBody {
                id,
                country_iso2: match current {
                    Some(s) => s.country_iso2.as_deref(),
                    None => country_codes.get(&fold(&h.nationality)).copied(),
                },
                first_listed: current.map_or(first_by_name[&name], |s| s.listed_since),
                joined: current.and_then(|s| s.joined),
            });
        }
        bodies
    }

    /// The current record with the span's file name, if that file still exists.
    fn record_of(&self, h: &crate::content::HistorySpan) -> Option<&'a str> {
        let id = h
            .record_file
            .strip_suffix(".md")
            .unwrap_or(&h.record_file)
            .to_ascii_lowercase();
        self.ids.get(id.as_str()).copied()
    }
}

/// The history's raw nationalities (French names or ISO3 codes), folded, to ISO2 codes.
fn country_codes(content: &Content) -> HashMap<String, &str> {
    let mut codes = HashMap::new();
    for c in &content.countries {
        let names = [c.iso3.as_deref(), c.name_fr.as_deref()];
        for name in names.into_iter().flatten() {
            codes.insert(fold(name), c.iso2.as_str());
        }
    }
    codes
}
