//! The data as it leaves the site: the columns of every download (`columns`), the JSON
//! objects of downloads and API (`json`), and the CSV and XLSX files (`files`).

mod columns;
mod files;
mod json;

pub use columns::{COUNTRIES, Column, NON_SIGNATORIES, SUPPORTERS, TABLES, Table};
pub use files::{csv_bytes, file_name, xlsx_bytes};
pub use json::{
    ClaimJson, CountryDetailJson, CountryJson, ListJson, PrincipleJson, StatementJson,
    SupporterDetailJson, SupporterJson,
};
