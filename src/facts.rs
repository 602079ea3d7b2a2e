//! The fact box that opens country and supporter pages: the answer to "is it in, and since
//! when?" in a sentence a reader can paste, derived from the data as loaded. This module
//! gathers the typed facts; `templates/partials/fact_box.html` words them in each language.

use crate::content::{ClaimKind, StatementEvent};
use crate::db::countries::{CountryRow, DisputedRow, NonSignatoryRow};
use crate::db::supporters::SupporterDetail;
use crate::model::{PartialDate, SourcedDay, StateStatus};
use crate::vocabulary::Vocabulary;

/// Whether a dated statement that a state had not signed speaks of the launch itself.
pub fn absent_at_launch(absent: bool, dated: PartialDate, launch: PartialDate) -> bool {
    absent && dated == launch
}

/// The sources that are the official list itself. They back what a statement says of the
/// list (which companies it names), never a state's absence from the launch in 2018: the
/// list's history begins in 2019 and says nothing of who signed then.
const LIST_SOURCES: [&str; 2] = ["official-list", "official-list-history"];

/// What the box says, as of one day.
pub struct FactBox {
    /// Who the box is about, as the page names it.
    pub name: String,
    /// Whether the name takes "the" in an English sentence.
    pub takes_the: bool,
    /// The day the box speaks of: the list's last change, or the day asked for with `as_of`.
    pub day: PartialDate,
    /// Whether `day` was asked for (a past list) rather than being today's list.
    pub past: bool,
    /// Entries in the official list that day.
    pub entries: i64,
    /// The Call's launch day.
    pub launch: PartialDate,
    /// In the list that day: the first day it was listed, and whether that is the day the
    /// official repository's history begins (so "on or before").
    pub listed: Option<(PartialDate, bool)>,
    /// `day` is a past day on which the official repository's history begins.
    pub on_history_start: bool,
    /// The sourced join date (today's pages only).
    pub joined: Option<Joined>,
    /// Sources saying it was not among the signers at the launch.
    pub absent_at_launch: Vec<String>,
    /// Sources of claims that it signed, which the official list does not confirm.
    pub unconfirmed_claims: Vec<String>,
    /// The entry's record in the official repository, when it is listed.
    pub record_url: Option<String>,
}

/// A join date and its sources; `days` when the sources give different days within it.
pub struct Joined {
    pub date: PartialDate,
    pub source_ids: Vec<String>,
    pub days: Vec<SourcedDay>,
    /// The entry's record, when the date is the record's own `date_signed`: the citation
    /// points at that file rather than at the whole list.
    pub record_url: Option<String>,
    /// The sources say all EU member states signed, without naming this one.
    pub eu_wide: bool,
}

impl FactBox {
    /// The name as an English sentence writes it, at its start or within it: "The United
    /// States" or "the United States"; "Germany" either way.
    pub fn name_en(&self, at_start: bool) -> String {
        match (self.takes_the, at_start) {
            (true, true) => format!("The {}", self.name),
            (true, false) => format!("the {}", self.name),
            (false, _) => self.name.clone(),
        }
    }

    /// Whether it joined on the launch day itself, as every source of its date says.
    pub fn joined_at_launch(&self) -> bool {
        self.joined
            .as_ref()
            .is_some_and(|j| j.date == self.launch && j.days.is_empty())
    }

    /// Whether the day the box speaks of is the entry's first day in the list.
    pub fn first_listed_that_day(&self) -> bool {
        self.listed.is_some_and(|(since, _)| since == self.day)
    }

    /// Whether the sentence opens with its absence at the launch and goes on "but joined…":
    /// today's page of a listed entry that joined after the launch.
    pub fn absence_leads(&self) -> bool {
        !self.absent_at_launch.is_empty()
            && !self.past
            && self.listed.is_some()
            && self.joined.is_some()
            && !self.joined_at_launch()
    }

    /// Whether a join date known only by its year falls in the launch's year, after a
    /// reported absence from the launch: "later in 2018".
    pub fn joined_later_that_year(&self) -> bool {
        self.absence_leads()
            && self
                .joined
                .as_ref()
                .is_some_and(|j| j.date.month.is_none() && j.date.year == self.launch.year)
    }

    /// Whether the box cites more than the official list (its folder, history or a record),
    /// so that its attribution line names "the sources cited" too.
    pub fn cites_beyond_list(&self) -> bool {
        self.joined.as_ref().is_some_and(|j| j.record_url.is_none())
            || !self.absent_at_launch.is_empty()
            || !self.unconfirmed_claims.is_empty()
    }

    /// A supporter's page: the entry in today's list. `statements` are its state's dated
    /// statements (none for an organisation).
    pub fn of_supporter(
        vocab: &Vocabulary,
        name: String,
        supporter: &SupporterDetail,
        statements: &[NonSignatoryRow],
    ) -> FactBox {
        let row = &supporter.row;
        let mut facts = FactBox::new(vocab, name, None, statements);
        facts.listed = Some(listed_since(vocab, row.listed_since));
        facts.joined = joined(supporter);
        facts.record_url = Some(row.source_url.clone());
        facts
    }

    /// A country page, today or (`as_of`) as the list stood after a past day. `entry` is
    /// the state's current entry, which holds the sources of its join date.
    pub fn of_country(
        vocab: &Vocabulary,
        name: String,
        as_of: Option<PartialDate>,
        country: &CountryRow,
        entry: Option<&SupporterDetail>,
        statements: &[NonSignatoryRow],
        claims: &[DisputedRow],
    ) -> FactBox {
        let mut facts = FactBox::new(vocab, name, as_of, statements);
        match country.state_entry() {
            Some((_, _, since)) => {
                facts.listed = Some(listed_since(vocab, since));
                facts.record_url = entry.map(|e| e.row.source_url.clone());
                // The join date is told on today's page; a past page says what the list showed.
                if !facts.past {
                    facts.joined = entry.and_then(joined);
                }
            }
            None if country.status == StateStatus::Disputed => {
                facts.unconfirmed_claims = claims
                    .iter()
                    .filter(|c| c.is_state && c.kind == ClaimKind::Claim)
                    .filter(|c| c.claim_date.is_none_or(|d| d <= facts.day))
                    .flat_map(|c| c.source_ids.iter().cloned())
                    .fold(Vec::new(), push_new);
            }
            None => {}
        }
        facts
    }

    fn new(
        vocab: &Vocabulary,
        name: String,
        as_of: Option<PartialDate>,
        statements: &[NonSignatoryRow],
    ) -> FactBox {
        let past = vocab.past(as_of);
        let day = past.unwrap_or(vocab.as_of);
        FactBox {
            takes_the: vocab.names_with_the.contains(&name),
            name,
            day,
            past: past.is_some(),
            on_history_start: past.is_some() && vocab.timeline.first_day() == Some(day),
            entries: vocab.timeline.on_day(day).map_or(0, |p| p.total()),
            launch: vocab.launch,
            listed: None,
            joined: None,
            absent_at_launch: statements
                .iter()
                .filter(|s| {
                    absent_at_launch(s.event == StatementEvent::Absent, s.as_of, vocab.launch)
                })
                .flat_map(|s| s.source_ids.iter().cloned())
                .filter(|id| !LIST_SOURCES.contains(&id.as_str()))
                .fold(Vec::new(), push_new),
            unconfirmed_claims: Vec::new(),
            record_url: None,
        }
    }
}

/// The first day listed, and whether the repository's history begins that day (so "on or
/// before").
fn listed_since(vocab: &Vocabulary, since: PartialDate) -> (PartialDate, bool) {
    (since, vocab.timeline.first_day() == Some(since))
}

fn joined(supporter: &SupporterDetail) -> Option<Joined> {
    Some(Joined {
        date: supporter.row.joined?,
        source_ids: supporter.joined_source_ids.clone(),
        days: supporter.joined_days.clone(),
        record_url: supporter.joined_record_url().map(str::to_string),
        eu_wide: supporter.joined_eu_wide,
    })
}

/// Adds `id` unless already there, keeping the order of first citation.
fn push_new(mut ids: Vec<String>, id: String) -> Vec<String> {
    if !ids.contains(&id) {
        ids.push(id);
    }
    ids
}
