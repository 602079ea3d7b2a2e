-- The database is a cache of content/: rebuilt from it whenever content/ changes.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The sources registry (content/sources.csv).
CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    publisher   TEXT NOT NULL,
    author      TEXT,
    published   TEXT,
    url         TEXT NOT NULL,
    accessed    TEXT NOT NULL,
    archive_url TEXT,
    language    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('primary', 'official', 'press', 'other')),
    position    INTEGER NOT NULL -- order in the registry
);

-- Which page cites which source: path without the language prefix, and the page's title in
-- each language, for the /sources page.
CREATE TABLE citations (
    source_id TEXT NOT NULL REFERENCES sources (id),
    path      TEXT NOT NULL,
    title_en  TEXT NOT NULL,
    title_fr  TEXT NOT NULL,
    PRIMARY KEY (source_id, path)
);

CREATE TABLE principles (
    number          INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 9),
    short_title     TEXT NOT NULL,
    short_title_fr  TEXT NOT NULL,
    text_en         TEXT NOT NULL,
    text_fr         TEXT NOT NULL,
    page_text_en    TEXT NOT NULL,
    page_text_fr    TEXT NOT NULL,
    source_id       TEXT NOT NULL REFERENCES sources (id),
    source_id_fr    TEXT NOT NULL REFERENCES sources (id),
    page_source_id  TEXT NOT NULL REFERENCES sources (id)
);

CREATE TABLE countries (
    iso2          TEXT PRIMARY KEY,
    iso3          TEXT,
    numeric       TEXT,
    name          TEXT NOT NULL,
    official_name TEXT,
    name_fr       TEXT,
    region        TEXT,
    subregion     TEXT,
    un_member     INTEGER NOT NULL,
    source        TEXT NOT NULL,
    sort_name_fr  TEXT NOT NULL -- name_fr (or name) folded, to sort in French
);

CREATE TABLE supporters (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    name_folded      TEXT NOT NULL,
    category         TEXT NOT NULL,
    country_iso2     TEXT REFERENCES countries (iso2),
    joined           TEXT,
    joined_source_ids TEXT NOT NULL, -- source ids separated by spaces
    joined_eu_wide   INTEGER NOT NULL, -- 1: the sources speak of all EU member states
    source_url       TEXT NOT NULL,
    nature           TEXT,
    nature_group     TEXT NOT NULL, -- the `nature` filter's group (model.rs NatureGroup)
    official_name_fr TEXT,
    listed_since     TEXT NOT NULL,
    name_fr_folded   TEXT, -- the official French name of a state, folded, for "name contains"
    note             TEXT,
    note_fr          TEXT,
    note_source_ids  TEXT NOT NULL
);
CREATE INDEX supporters_country ON supporters (country_iso2);
CREATE INDEX supporters_category ON supporters (category, name_folded);

-- English names that take "the" in a sentence (names_with_the.csv).
CREATE TABLE names_with_the (
    name TEXT PRIMARY KEY
);

-- Where the sources of a supporter's join date give different days (join_dates.csv).
CREATE TABLE join_days (
    supporter_id TEXT NOT NULL REFERENCES supporters (id),
    day          TEXT NOT NULL,
    source_ids   TEXT NOT NULL, -- source ids separated by spaces
    PRIMARY KEY (supporter_id, day)
);

CREATE TABLE non_signatories (
    position         INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    iso2             TEXT NOT NULL REFERENCES countries (iso2),
    as_of            TEXT NOT NULL,
    event            TEXT NOT NULL CHECK (event IN ('absent', 'joined')),
    statement        TEXT NOT NULL,
    statement_fr     TEXT NOT NULL,
    source_ids       TEXT NOT NULL
);

CREATE TABLE disputed (
    position                 INTEGER PRIMARY KEY,
    name                     TEXT NOT NULL,
    iso2                     TEXT REFERENCES countries (iso2),
    is_state                 INTEGER NOT NULL,
    kind                     TEXT NOT NULL CHECK (kind IN ('claim', 'expected')),
    claim_date               TEXT,
    claim                    TEXT NOT NULL,
    claim_fr                 TEXT NOT NULL,
    source_ids               TEXT NOT NULL,
    official_list_status     TEXT NOT NULL,
    official_list_status_fr  TEXT NOT NULL
);

-- One row per span of days during which a name stood in the official list.
CREATE TABLE history (
    name                TEXT NOT NULL,
    category            TEXT NOT NULL, -- normalised, as in supporters.category
    category_raw        TEXT NOT NULL,
    nationality         TEXT NOT NULL,
    listed_from         TEXT NOT NULL,
    listed_from_commit  TEXT NOT NULL,
    listed_until        TEXT,
    listed_until_commit TEXT,
    record_file         TEXT NOT NULL,
    -- The body the span belongs to, resolved at build time (see build.rs `Bodies`): the
    -- current record's id, or NULL for a body no longer in the list.
    body_id             TEXT REFERENCES supporters (id),
    name_folded         TEXT NOT NULL,
    country_iso2        TEXT REFERENCES countries (iso2),
    first_listed        TEXT NOT NULL, -- the body's first day in the list
    joined              TEXT           -- the body's sourced join date
);
CREATE INDEX history_span ON history (listed_from, listed_until);

CREATE TABLE record_renames (
    old_name        TEXT NOT NULL,
    old_record_file TEXT NOT NULL,
    listed_until    TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('rename', 'duplicate', 'departure', 'unsure')),
    successor_id    TEXT REFERENCES supporters (id),
    successor_name  TEXT
);

CREATE TABLE corrections (
    key        TEXT PRIMARY KEY, -- date and slug, never changed
    date       TEXT NOT NULL,
    what       TEXT NOT NULL,
    what_fr    TEXT NOT NULL,
    why        TEXT NOT NULL,
    why_fr     TEXT NOT NULL,
    source_ids TEXT NOT NULL,
    affects    TEXT NOT NULL -- site paths separated by spaces
);

CREATE TABLE reported_counts (
    position           INTEGER PRIMARY KEY,
    date               TEXT,
    date_label         TEXT,
    date_label_fr      TEXT,
    source_ids         TEXT NOT NULL,
    total              TEXT,
    states             TEXT,
    public_authorities TEXT,
    companies          TEXT,
    civil_society      TEXT,
    quote              TEXT,
    note               TEXT,
    note_fr            TEXT
);

-- One row per page and language: French versions share the English page's slug.
CREATE TABLE commentary (
    slug    TEXT NOT NULL,
    lang    TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    title   TEXT NOT NULL,
    summary TEXT NOT NULL,
    date    TEXT NOT NULL,
    updated TEXT NOT NULL,
    author  TEXT NOT NULL,
    draft   INTEGER NOT NULL,
    html    TEXT NOT NULL,
    PRIMARY KEY (slug, lang)
);

-- The explanation of each principle (content/principles/), per language.
CREATE TABLE explainers (
    number        INTEGER NOT NULL REFERENCES principles (number),
    lang          TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    summary       TEXT NOT NULL,
    updated       TEXT NOT NULL,
    last_reviewed TEXT NOT NULL,
    intro_html    TEXT NOT NULL, -- "In plain words"
    body_html     TEXT NOT NULL, -- the other sections and the sources
    PRIMARY KEY (number, lang)
);

-- The key terms the principles' pages define: the glossary.
CREATE TABLE key_terms (
    id         TEXT NOT NULL,
    lang       TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    number     INTEGER NOT NULL REFERENCES principles (number),
    position   INTEGER NOT NULL, -- order on the principle's page
    term       TEXT NOT NULL,
    definition TEXT NOT NULL,
    source_ids TEXT NOT NULL,
    PRIMARY KEY (id, lang, number)
);

-- Supporters named (and linked) in the explanation of a principle.
CREATE TABLE explainer_supporters (
    supporter_id TEXT NOT NULL REFERENCES supporters (id),
    number       INTEGER NOT NULL REFERENCES principles (number),
    PRIMARY KEY (supporter_id, number)
);

CREATE TABLE working_groups (
    number           INTEGER PRIMARY KEY,
    task             TEXT NOT NULL,
    task_fr          TEXT NOT NULL,
    year             TEXT NOT NULL,
    other_chairs     TEXT,
    other_chairs_fr  TEXT,
    report_source_id TEXT REFERENCES sources (id),
    source_ids       TEXT NOT NULL
);

CREATE TABLE working_group_chairs (
    supporter_id TEXT NOT NULL REFERENCES supporters (id),
    number       INTEGER NOT NULL REFERENCES working_groups (number),
    PRIMARY KEY (supporter_id, number)
);

-- The prose of the site's own pages (content/pages/), one row per page and language.
CREATE TABLE prose (
    page TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    html TEXT NOT NULL,
    PRIMARY KEY (page, lang)
);

CREATE TABLE commentary_principles (
    slug   TEXT NOT NULL,
    number INTEGER NOT NULL REFERENCES principles (number),
    PRIMARY KEY (slug, number)
);

-- Each state's status, derived once at build time from supporters, non_signatories and disputed.
CREATE TABLE country_status (
    iso2   TEXT PRIMARY KEY REFERENCES countries (iso2),
    status TEXT NOT NULL
);

-- Full-text search over every page family. `kind` and `key` locate the page; `lang` is
-- the language of the page the row describes ('' when the same row serves both).
CREATE VIRTUAL TABLE search USING fts5 (
    kind UNINDEXED,
    key UNINDEXED,
    title,
    body,
    lang UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Every name a reader may type for a supporter or a country (official names, French names,
-- the aliases of country_aliases.csv), as `model::name_key` writes it: exact matches put a
-- country first in search, the nearest ones answer "Did you mean".
CREATE TABLE names (
    key  TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('supporter', 'country')),
    id   TEXT NOT NULL,
    PRIMARY KEY (key, kind, id)
) WITHOUT ROWID;
