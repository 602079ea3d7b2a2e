//! Writes validated content into a fresh database, in one transaction.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use crate::content::Content;
use crate::i18n::Lang;
use crate::model::{NatureGroup, fold};

mod citations;
mod explainers;
mod spans;

use citations::insert_citations;
use explainers::insert_explainers;
use spans::{Bodies, is_state_claim, state_statuses};

pub(super) fn insert_all(
    conn: &mut Connection,
    content: &Content,
    hash: &str,
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    let names = CountryNames::new(content);
    insert_meta(&tx, content, hash)?;
    insert_sources(&tx, content)?;
    insert_citations(&tx, content)?;
    insert_principles(&tx, content)?;
    insert_countries(&tx, content)?;
    insert_names_with_the(&tx, content)?;
    insert_supporters(&tx, content, &names)?;
    insert_join_days(&tx, content)?;
    insert_non_signatories(&tx, content)?;
    insert_disputed(&tx, content, &names)?;
    insert_history(&tx, content)?;
    insert_renames(&tx, content)?;
    insert_corrections(&tx, content)?;
    insert_reported_counts(&tx, content)?;
    insert_commentary(&tx, content)?;
    insert_explainers(&tx, content)?;
    super::names::insert(&tx, content)?;
    insert_prose(&tx, content)?;
    insert_country_status(&tx, content, &names)?;
    tx.commit()
}

/// The search index's one insert, shared by every table that adds rows to it.
const SEARCH: &str =
    "INSERT INTO search (kind, key, title, body, lang) VALUES (?1, ?2, ?3, ?4, ?5)";

/// Country names by ISO alpha-2 code, in English and (where it differs) French.
struct CountryNames<'a> {
    en: HashMap<&'a str, &'a str>,
    fr: HashMap<&'a str, &'a str>,
}

impl<'a> CountryNames<'a> {
    fn new(content: &'a Content) -> Self {
        CountryNames {
            en: content
                .countries
                .iter()
                .map(|c| (c.iso2.as_str(), c.name.as_str()))
                .collect(),
            fr: content
                .countries
                .iter()
                .filter_map(|c| Some((c.iso2.as_str(), c.name_fr.as_deref()?)))
                .collect(),
        }
    }
}

/// The content's fingerprint, the data's dates and the official source it was read from.
fn insert_meta(tx: &rusqlite::Transaction, content: &Content, hash: &str) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    stmt.execute(params!["content_hash", hash])?;
    stmt.execute(params!["as_of", content.as_of])?;
    stmt.execute(params!["launch", content.launch])?;
    let official = &content.official_source;
    stmt.execute(params!["official_repository", official.repository])?;
    stmt.execute(params!["official_commit", official.commit])?;
    stmt.execute(params!["official_commit_date", official.commit_date])?;
    stmt.execute(params!["official_checked", official.checked])?;
    Ok(())
}

/// The sources registry, in its file's order.
fn insert_sources(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sources (id, title, publisher, author, published, url, accessed,
            archive_url, language, kind, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, source) in content.sources.sources.iter().enumerate() {
        let r = &source.reference;
        stmt.execute(params![
            r.id,
            r.title,
            r.publisher,
            r.author,
            r.published,
            r.url,
            r.accessed,
            r.archive_url,
            r.language,
            r.kind,
            position as i64
        ])?;
    }
    Ok(())
}

/// The nine principles, and their search rows.
fn insert_principles(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut search = tx.prepare_cached(SEARCH)?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO principles VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
            p.source_id,
            p.source_id_fr,
            p.page_source_id
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
    Ok(())
}

/// Names that take "the" in an English sentence.
fn insert_names_with_the(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO names_with_the (name) VALUES (?1)")?;
    for name in &content.names_with_the {
        stmt.execute([name])?;
    }
    Ok(())
}

/// Every country, and its search rows.
fn insert_countries(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut search = tx.prepare_cached(SEARCH)?;
    let mut stmt = tx.prepare_cached(
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
    Ok(())
}

/// Every entry of the official list with what we add, and their search rows.
fn insert_supporters(
    tx: &rusqlite::Transaction,
    content: &Content,
    names: &CountryNames,
) -> rusqlite::Result<()> {
    let mut search = tx.prepare_cached(SEARCH)?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO supporters (id, name, name_folded, category, country_iso2, joined,
            joined_source_ids, joined_eu_wide, source_url, nature, official_name_fr,
            listed_since, name_fr_folded, note, note_fr, note_source_ids, nature_group)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for s in &content.supporters {
        stmt.execute(params![
            s.id,
            s.name,
            fold(&s.name),
            s.category,
            s.country_iso2,
            s.joined,
            s.joined_source_ids.join(" "),
            s.joined_eu_wide,
            s.source_url,
            s.nature,
            s.official_name_fr,
            s.listed_since,
            s.official_name_fr.as_deref().map(fold),
            s.note.as_ref().map(|n| &n.en),
            s.note.as_ref().map(|n| &n.fr),
            s.note
                .as_ref()
                .map(|n| n.source_ids.join(" "))
                .unwrap_or_default(),
            NatureGroup::of(s.nature.as_deref())
        ])?;
        let country = s
            .country_iso2
            .as_deref()
            .and_then(|c| names.en.get(c))
            .copied();
        let country_fr = s
            .country_iso2
            .as_deref()
            .and_then(|c| names.fr.get(c))
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
    Ok(())
}

/// The days each source gives for an entry's joining.
fn insert_join_days(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO join_days (supporter_id, day, source_ids) VALUES (?1, ?2, ?3)",
    )?;
    for s in &content.supporters {
        for d in &s.joined_days {
            stmt.execute(params![s.id, d.day, d.source_ids.join(" ")])?;
        }
    }
    Ok(())
}

/// Sourced statements about states that did not sign.
fn insert_non_signatories(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO non_signatories (position, name, iso2, as_of, event, statement,
            statement_fr, source_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, n) in content.non_signatories.iter().enumerate() {
        stmt.execute(params![
            position as i64,
            n.name,
            n.iso2,
            n.as_of,
            n.event,
            n.statement.en,
            n.statement.fr,
            n.statement.source_ids.join(" ")
        ])?;
    }
    Ok(())
}

/// Claims of support that the official list does not confirm.
fn insert_disputed(
    tx: &rusqlite::Transaction,
    content: &Content,
    names: &CountryNames,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO disputed (position, name, iso2, is_state, kind, claim_date, claim,
            claim_fr, source_ids, official_list_status, official_list_status_fr)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, d) in content.disputed.iter().enumerate() {
        stmt.execute(params![
            position as i64,
            d.name,
            d.iso2,
            is_state_claim(d, &names.en),
            d.kind,
            d.claim_date,
            d.claim.en,
            d.claim.fr,
            d.claim.source_ids.join(" "),
            d.official_list_status.0,
            d.official_list_status.1
        ])?;
    }
    Ok(())
}

/// The official list's history, each span tied to the entry it belongs to.
fn insert_history(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let bodies = Bodies::resolve(content);
    let mut stmt = tx.prepare_cached(
        "INSERT INTO history VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (h, body) in content.history.iter().zip(&bodies.spans) {
        stmt.execute(params![
            h.name,
            h.category,
            h.category_raw,
            h.nationality,
            h.listed_from,
            h.listed_from_commit,
            h.listed_until,
            h.listed_until_commit,
            h.record_file,
            body.id,
            fold(&h.name),
            body.country_iso2,
            body.first_listed,
            body.joined
        ])?;
    }
    Ok(())
}

/// Reviewed record renames.
fn insert_renames(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT INTO record_renames VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for r in &content.renames {
        stmt.execute(params![
            r.old_name,
            r.old_record_file,
            r.listed_until,
            r.kind,
            r.successor_id,
            r.successor_name
        ])?;
    }
    Ok(())
}

/// Our published corrections.
fn insert_corrections(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO corrections (key, date, what, what_fr, why, why_fr, source_ids, affects)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for c in &content.corrections {
        stmt.execute(params![
            c.key,
            c.date,
            c.what.0,
            c.what.1,
            c.why.0,
            c.why.1,
            c.source_ids.join(" "),
            c.affects.join(" ")
        ])?;
    }
    Ok(())
}

/// Counts of supporters reported by sources.
fn insert_reported_counts(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO reported_counts (position, date, date_label, date_label_fr, source_ids,
            total, states, public_authorities, companies, civil_society, quote, note, note_fr)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (position, r) in content.reported_counts.iter().enumerate() {
        stmt.execute(params![
            position as i64,
            r.date,
            r.date_label.as_ref().map(|l| &l.0),
            r.date_label.as_ref().map(|l| &l.1),
            r.source_ids.join(" "),
            r.total,
            r.states,
            r.public_authorities,
            r.companies,
            r.civil_society,
            r.quote,
            r.note.as_ref().map(|n| &n.0),
            r.note.as_ref().map(|n| &n.1)
        ])?;
    }
    Ok(())
}

/// Commentary pages, their principles, and search rows for the published ones.
fn insert_commentary(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut search = tx.prepare_cached(SEARCH)?;
    let mut stmt =
        tx.prepare_cached("INSERT INTO commentary VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    let mut link = tx.prepare_cached("INSERT INTO commentary_principles VALUES (?1, ?2)")?;
    for c in &content.commentary {
        stmt.execute(params![
            c.slug,
            c.lang.code(),
            c.title,
            c.summary,
            c.date,
            c.updated,
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
    Ok(())
}

/// Prose pages.
fn insert_prose(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO prose (page, lang, html) VALUES (?1, ?2, ?3)")?;
    for p in &content.prose {
        stmt.execute(params![p.page, p.lang.code(), p.html])?;
    }
    Ok(())
}

/// Each state's status, derived from the rest.
fn insert_country_status(
    tx: &rusqlite::Transaction,
    content: &Content,
    names: &CountryNames,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO country_status VALUES (?1, ?2)")?;
    for (iso2, status) in state_statuses(content, &names.en) {
        stmt.execute(params![iso2, status])?;
    }
    Ok(())
}
