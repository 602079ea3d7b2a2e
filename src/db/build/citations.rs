//! Which page cites which source, for the `/sources` page.

use rusqlite::params;

use crate::content::{Content, StatementEvent};
use crate::facts;
use crate::i18n::Lang;
use crate::model::Category;

/// Which page cites which source, for the `/sources` page: every data row and article that
/// names a source id, under the path of the page that shows it (without the `/fr` prefix).
pub(super) fn insert_citations(
    tx: &rusqlite::Transaction,
    content: &Content,
) -> rusqlite::Result<()> {
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
        cite(&p.source_ids, &p.path(), en, fr);
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
