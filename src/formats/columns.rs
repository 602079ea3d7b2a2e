//! The columns of every download, each with its type and description: written once for
//! the CSV and XLSX headers, /data and /datapackage.json.

pub struct Column {
    pub name: &'static str,
    /// Frictionless Table Schema type: string, integer, boolean, date, or `string` for partial dates.
    pub kind: &'static str,
    pub description: &'static str,
}

pub struct Table {
    /// Resource name in the data package, and file name stem.
    pub name: &'static str,
    pub path: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub columns: &'static [Column],
}

impl Column {
    /// The description, with `{history_start}` replaced by the first day of the official
    /// repository's history (a date of the data, not of the code).
    pub fn described(&self, history_start: &str) -> String {
        self.description.replace("{history_start}", history_start)
    }
}

const fn column(name: &'static str, kind: &'static str, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
    }
}

pub const SUPPORTERS: Table = Table {
    name: "supporters",
    path: "/supporters.csv",
    title: "Supporters of the Paris Call",
    description: "Every entry of the official list of supporters (or the filtered part of it), one row each.",
    columns: &[
        column(
            "id",
            "string",
            "Permanent id: the official record's file name in lower case. Our page is /supporters/{id}. In a past list (as_of), the current record of the same body; empty for a name no longer in the list.",
        ),
        column(
            "name",
            "string",
            "Name as the official list writes it (for states, the English short name). In a past list (as_of), the name as listed that day.",
        ),
        column(
            "category",
            "string",
            "state, public_authority, private_sector, civil_society or other (official category empty).",
        ),
        column(
            "country_iso2",
            "string",
            "ISO 3166-1 alpha-2 code of the declared nationality (for states, the state). Empty when the official list gives none.",
        ),
        column(
            "country_name",
            "string",
            "English short name of that country.",
        ),
        column(
            "joined",
            "string",
            "Join date where a source gives one: YYYY, YYYY-MM or YYYY-MM-DD. Empty when no source gives it.",
        ),
        column(
            "first_listed_by",
            "date",
            "First day the name appears in the official repository's history: an upper bound on the join date (the repository starts on {history_start}).",
        ),
        column(
            "nature",
            "string",
            "The official 'nature' field, in French as in the official list.",
        ),
        column(
            "official_name_fr",
            "string",
            "For states: the official list's French name.",
        ),
        column(
            "official_record_url",
            "string",
            "The supporter's record in the official repository at the pinned commit: the source of the entry. For a name no longer in the list, the list's folder at the commit where the name first appeared.",
        ),
        column(
            "page_url",
            "string",
            "Permanent URL of the supporter's page on this site; empty for a name no longer in the list.",
        ),
        column(
            "joined_sources",
            "string",
            "The sources of `joined` (URLs separated by ' ; '): the official list's own date, or news and official statements.",
        ),
        column(
            "note",
            "string",
            "What a reader should know about the entry, in English, as shown on its page (sources on the page).",
        ),
        column(
            "data_as_of",
            "date",
            "The date the row is true as of: the official list's last change, or the day given as as_of.",
        ),
    ],
};

pub const COUNTRIES: Table = Table {
    name: "countries",
    path: "/countries.csv",
    title: "States and their status",
    description: "The 193 UN member states, and the non-member codes present in the list, with each one's status.",
    columns: &[
        column("iso2", "string", "ISO 3166-1 alpha-2 code."),
        column("name", "string", "English short name."),
        column("region", "string", "UN region (empty for non-members)."),
        column("un_member", "boolean", "Whether it is a UN member state."),
        column(
            "status",
            "string",
            "supporter (own entry in the official list), non_signatory (a dated source says it did not sign), disputed (a claim the list does not confirm) or not_listed (no entry; not the same as refused).",
        ),
        column(
            "state_record_id",
            "string",
            "Id of the state's own supporter entry, if any.",
        ),
        column(
            "joined",
            "string",
            "The state's sourced join date, if any: YYYY, YYYY-MM or YYYY-MM-DD.",
        ),
        column(
            "first_listed_by",
            "date",
            "First day the state's entry appears in the official repository, if any.",
        ),
        column(
            "organisations",
            "integer",
            "Number of other supporters (not the state itself) declaring this nationality.",
        ),
        column(
            "page_url",
            "string",
            "Permanent URL of the country's page on this site.",
        ),
        column(
            "data_as_of",
            "date",
            "Date of the official list's last change.",
        ),
    ],
};

pub const NON_SIGNATORIES: Table = Table {
    name: "non-signatories",
    path: "/non-signatories.csv",
    title: "Statements that a state did not sign",
    description: "Dated, sourced statements that a notable state had not signed, including later changes of status.",
    columns: &[
        column("name", "string", "The state."),
        column("country_iso2", "string", "ISO 3166-1 alpha-2 code."),
        column(
            "as_of",
            "string",
            "Date of the statement or event: YYYY, YYYY-MM or YYYY-MM-DD.",
        ),
        column(
            "event",
            "string",
            "What the statement reports: `absent` (the state had not signed) or `joined` (it joined or announced its support).",
        ),
        column(
            "statement",
            "string",
            "What the sources say, in English, attributed to them.",
        ),
        column(
            "source_urls",
            "string",
            "The sources of the statement, separated by ' ; '.",
        ),
        column(
            "current_status",
            "string",
            "The state's status in the official list today (see countries.csv).",
        ),
        column(
            "data_as_of",
            "date",
            "Date of the official list's last change.",
        ),
    ],
};

pub const TABLES: [&Table; 3] = [&SUPPORTERS, &COUNTRIES, &NON_SIGNATORIES];
