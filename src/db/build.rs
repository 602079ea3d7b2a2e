//! Writes validated content into a fresh database, in one transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

use crate::content::{ClaimKind, Content, StatementEvent};
use crate::facts;
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
        meta.execute(params!["launch", content.launch.iso()])?;
        let official = &content.official_source;
        meta.execute(params!["official_repository", official.repository])?;
        meta.execute(params!["official_commit", official.commit])?;
        meta.execute(params!["official_commit_date", official.commit_date.iso()])?;
        meta.execute(params!["official_checked", official.checked.iso()])?;

        let mut stmt = tx.prepare(
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
                r.published.map(|d| d.iso()),
                r.url,
                r.accessed.iso(),
                r.archive_url,
                r.language,
                r.kind,
                position as i64
            ])?;
        }
        insert_citations(&tx, content)?;

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

        let mut stmt = tx.prepare("INSERT INTO names_with_the (name) VALUES (?1)")?;
        for name in &content.names_with_the {
            stmt.execute([name])?;
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
            "INSERT INTO supporters (id, name, name_folded, category, country_iso2, joined,
                joined_source_ids, joined_eu_wide, source_url, nature, official_name_fr,
                listed_since, name_fr_folded, note, note_fr, note_source_ids)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?;
        for s in &content.supporters {
            stmt.execute(params![
                s.id,
                s.name,
                fold(&s.name),
                s.category.slug(),
                s.country_iso2,
                s.joined.map(|d| d.iso()),
                s.joined_source_ids.join(" "),
                s.joined_eu_wide,
                s.source_url,
                s.nature,
                s.official_name_fr,
                s.listed_since.iso(),
                s.official_name_fr.as_deref().map(fold),
                s.note.as_ref().map(|n| &n.en),
                s.note.as_ref().map(|n| &n.fr),
                s.note
                    .as_ref()
                    .map(|n| n.source_ids.join(" "))
                    .unwrap_or_default()
            ])?;
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

        let mut stmt = tx
            .prepare("INSERT INTO join_days (supporter_id, day, source_ids) VALUES (?1, ?2, ?3)")?;
        for s in &content.supporters {
            for d in &s.joined_days {
                stmt.execute(params![s.id, d.day.iso(), d.source_ids.join(" ")])?;
            }
        }

        let mut stmt = tx.prepare(
            "INSERT INTO non_signatories (position, name, iso2, as_of, event, statement,
                statement_fr, source_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (position, n) in content.non_signatories.iter().enumerate() {
            stmt.execute(params![
                position as i64,
                n.name,
                n.iso2,
                n.as_of.iso(),
                n.event.slug(),
                n.statement.en,
                n.statement.fr,
                n.statement.source_ids.join(" ")
            ])?;
        }

        let mut stmt = tx.prepare(
            "INSERT INTO disputed (position, name, iso2, is_state, kind, claim_date, claim,
                claim_fr, source_ids, official_list_status, official_list_status_fr)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (position, d) in content.disputed.iter().enumerate() {
            stmt.execute(params![
                position as i64,
                d.name,
                d.iso2,
                is_state_claim(d, &country_names),
                d.kind.slug(),
                d.claim_date.map(|d| d.iso()),
                d.claim.en,
                d.claim.fr,
                d.claim.source_ids.join(" "),
                d.official_list_status.0,
                d.official_list_status.1
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

        let mut stmt = tx.prepare("INSERT INTO record_renames VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for r in &content.renames {
            stmt.execute(params![
                r.old_name,
                r.old_record_file,
                r.listed_until.iso(),
                r.kind.slug(),
                r.successor_id,
                r.successor_name
            ])?;
        }

        let mut stmt = tx.prepare(
            "INSERT INTO corrections (key, date, what, what_fr, why, why_fr, source_ids, affects)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for c in &content.corrections {
            stmt.execute(params![
                c.key,
                c.date.iso(),
                c.what.0,
                c.what.1,
                c.why.0,
                c.why.1,
                c.source_ids.join(" "),
                c.affects.join(" ")
            ])?;
        }

        let mut stmt = tx.prepare(
            "INSERT INTO reported_counts (position, date, date_label, date_label_fr, source_ids,
                total, states, public_authorities, companies, civil_society, quote, note, note_fr)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (position, r) in content.reported_counts.iter().enumerate() {
            stmt.execute(params![
                position as i64,
                r.date.map(|d| d.iso()),
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

        insert_explainers(&tx, content)?;
        super::names::insert(&tx, content)?;

        let mut stmt = tx.prepare("INSERT INTO prose (page, lang, html) VALUES (?1, ?2, ?3)")?;
        for p in &content.prose {
            stmt.execute(params![p.page, p.lang.code(), p.html])?;
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
        .filter(|n| n.event == StatementEvent::Absent)
        .map(|n| n.iso2.as_str())
        .collect();
    let claimed: HashSet<&str> = content
        .disputed
        .iter()
        .filter(|d| d.kind == ClaimKind::Claim && is_state_claim(d, country_names))
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

/// Which page cites which source, for the `/sources` page: every data row and article that
/// names a source id, under the path of the page that shows it (without the `/fr` prefix).
fn insert_citations(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    let mut cite = |ids: &[String], path: &str, en: &str, fr: &str| {
        for id in ids {
            rows.push((id.clone(), path.to_string(), en.to_string(), fr.to_string()));
        }
    };
    let country = |iso2: &str| {
        let c = content.countries.iter().find(|c| c.iso2 == iso2);
        let en = c.map_or(iso2, |c| c.name.as_str());
        let fr = c.and_then(|c| c.name_fr.as_deref()).unwrap_or(en);
        // The country page's own title, so that it is not mistaken for the state's entry.
        (
            format!("/countries/{}", iso2.to_ascii_lowercase()),
            format!("{en} and the Paris Call"),
            format!("{fr} et l’Appel de Paris"),
        )
    };
    for p in &content.principles {
        let ids = [
            p.source_id.clone(),
            p.source_id_fr.clone(),
            p.page_source_id.clone(),
        ];
        let path = format!("/principles/{}", p.number);
        let en = format!("Principle {}: {}", p.number, p.short_title);
        let fr = format!("Principe {} : {}", p.number, p.short_title_fr);
        cite(&ids, &path, &en, &fr);
        cite(
            &ids,
            "/principles",
            "The nine principles",
            "Les neuf principes",
        );
    }
    for s in &content.supporters {
        let path = format!("/supporters/{}", s.id);
        let fr = s.official_name_fr.as_deref().unwrap_or(&s.name);
        cite(&s.joined_source_ids, &path, &s.name, fr);
        if let Some(note) = &s.note {
            cite(&note.source_ids, &path, &s.name, fr);
        }
        // A state's join date also opens its country page (the fact box).
        if let (Category::State, Some(iso2)) = (s.category, &s.country_iso2) {
            let (path, en, fr) = country(iso2);
            cite(&s.joined_source_ids, &path, &en, &fr);
        }
    }
    for n in &content.non_signatories {
        let (path, en, fr) = country(&n.iso2);
        cite(&n.statement.source_ids, &path, &en, &fr);
        // That a state was absent at the launch also opens its own entry's page, if it has one.
        let state_entry = content.supporters.iter().find(|s| {
            s.category == Category::State && s.country_iso2.as_deref() == Some(n.iso2.as_str())
        });
        let absent = n.event == StatementEvent::Absent;
        if let Some(s) =
            state_entry.filter(|_| facts::absent_at_launch(absent, n.as_of, content.launch))
        {
            let fr = s.official_name_fr.as_deref().unwrap_or(&s.name);
            cite(
                &n.statement.source_ids,
                &format!("/supporters/{}", s.id),
                &s.name,
                fr,
            );
        }
        let ids = &n.statement.source_ids;
        cite(
            ids,
            "/non-signatories",
            "States that did not sign",
            "Les États qui n’ont pas signé",
        );
    }
    for d in &content.disputed {
        if let Some(iso2) = &d.iso2 {
            let (path, en, fr) = country(iso2);
            cite(&d.claim.source_ids, &path, &en, &fr);
        }
        let ids = &d.claim.source_ids;
        cite(
            ids,
            "/disputed",
            "Claims the official list does not confirm",
            "Affirmations que la liste officielle ne confirme pas",
        );
    }
    for r in &content.reported_counts {
        cite(
            &r.source_ids,
            "/counts",
            "How many supporters?",
            "Combien de soutiens ?",
        );
    }
    for c in &content.corrections {
        cite(
            &c.source_ids,
            "/changes",
            "Changes and corrections",
            "Changements et corrections",
        );
    }
    for c in content.commentary.iter().filter(|c| !c.draft) {
        let translation = content
            .commentary
            .iter()
            .find(|t| t.slug == c.slug && t.lang != c.lang && !t.draft);
        let (en, fr) = titles(c.lang, &c.title, translation.map(|t| t.title.as_str()));
        cite(&c.source_ids, &format!("/commentary/{}", c.slug), en, fr);
    }
    for e in &content.explainers {
        let principle = content.principles.iter().find(|p| p.number == e.number);
        let (en, fr) = principle.map_or((String::new(), String::new()), |p| {
            (
                format!("Principle {}: {}", p.number, p.short_title),
                format!("Principe {} : {}", p.number, p.short_title_fr),
            )
        });
        cite(
            &e.source_ids,
            &format!("/principles/{}", e.number),
            &en,
            &fr,
        );
        for t in &e.key_terms {
            cite(&t.source_ids, "/glossary", "Glossary", "Glossaire");
        }
    }
    for g in &content.working_groups {
        let report: Vec<String> = g.report_source_id.iter().cloned().collect();
        cite(
            &g.source_ids,
            "/principles",
            "The nine principles",
            "Les neuf principes",
        );
        cite(
            &report,
            "/principles",
            "The nine principles",
            "Les neuf principes",
        );
    }
    for p in &content.prose {
        let twin = content
            .prose
            .iter()
            .find(|t| t.page == p.page && t.lang != p.lang);
        let (en, fr) = titles(p.lang, &p.title, twin.map(|t| t.title.as_str()));
        cite(&p.source_ids, &format!("/{}", p.page), en, fr);
    }
    let mut stmt = tx.prepare(
        "INSERT OR IGNORE INTO citations (source_id, path, title_en, title_fr) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (id, path, en, fr) in rows {
        stmt.execute(params![id, path, en, fr])?;
    }
    Ok(())
}

/// (English, French) titles of a page written in `lang` with `title`, and its translation's
/// title if it has one (else the same title in both).
fn titles<'a>(lang: Lang, title: &'a str, translation: Option<&'a str>) -> (&'a str, &'a str) {
    match (lang, translation) {
        (Lang::Fr, Some(other)) => (other, title),
        (_, Some(other)) => (title, other),
        (_, None) => (title, title),
    }
}

/// The principles' explanations, their key terms (the glossary), the supporters they name,
/// and the working groups; each searchable in its language.
fn insert_explainers(tx: &rusqlite::Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut page = tx.prepare(
        "INSERT INTO explainers (number, lang, summary, updated, last_reviewed, intro_html, body_html)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut term = tx.prepare(
        "INSERT OR IGNORE INTO key_terms (id, lang, number, position, term, definition, source_ids)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut named = tx.prepare(
        "INSERT OR IGNORE INTO explainer_supporters (supporter_id, number) VALUES (?1, ?2)",
    )?;
    let mut search = tx
        .prepare("INSERT INTO search (kind, key, title, body, lang) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for e in &content.explainers {
        page.execute(params![
            e.number,
            e.lang.code(),
            e.summary,
            e.updated.iso(),
            e.last_reviewed.iso(),
            e.intro_html,
            e.body_html
        ])?;
        for (position, t) in e.key_terms.iter().enumerate() {
            term.execute(params![
                t.id,
                e.lang.code(),
                e.number,
                position as i64,
                t.term,
                t.definition,
                t.source_ids.join(" ")
            ])?;
        }
        for id in &e.supporter_ids {
            named.execute(params![id, e.number])?;
        }
        // The explanation joins the principle's own search row of that language.
        search.execute(params![
            "principle",
            e.number.to_string(),
            content
                .principles
                .iter()
                .find(|p| p.number == e.number)
                .map(|p| e.lang.pick(&p.short_title, &p.short_title_fr).clone())
                .unwrap_or_default(),
            format!("{} {}", e.summary, e.text),
            e.lang.code()
        ])?;
    }
    // One glossary row per term and language: the first definition of it.
    let mut seen = HashSet::new();
    for e in &content.explainers {
        for t in &e.key_terms {
            if seen.insert((t.id.as_str(), e.lang.code())) {
                search.execute(params![
                    "glossary",
                    t.id,
                    t.term,
                    t.definition,
                    e.lang.code()
                ])?;
            }
        }
    }
    let mut group = tx.prepare(
        "INSERT INTO working_groups (number, task, task_fr, year, other_chairs, other_chairs_fr,
            report_source_id, source_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut chair =
        tx.prepare("INSERT INTO working_group_chairs (supporter_id, number) VALUES (?1, ?2)")?;
    for g in &content.working_groups {
        group.execute(params![
            g.number,
            g.task.0,
            g.task.1,
            g.year.iso(),
            g.other_chairs.as_ref().map(|c| &c.0),
            g.other_chairs.as_ref().map(|c| &c.1),
            g.report_source_id,
            g.source_ids.join(" ")
        ])?;
        for id in &g.chair_ids {
            chair.execute(params![id, g.number])?;
        }
    }
    Ok(())
}
