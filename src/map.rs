//! The world map: Natural Earth country shapes (TopoJSON from world-atlas, in
//! `content/geo/`) projected with the Equal Earth projection once at load, and drawn as
//! one SVG coloured and patterned by each state's status.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use askama::Template;

use crate::content::ContentError;
use crate::db::countries::CountryRow;
use crate::i18n::Lang;
use crate::model::{PartialDate, StateStatus};

/// SVG user units across the map.
pub const WIDTH: f64 = 960.0;
/// Equal Earth's extent on the unit sphere: x in ±2.7066, y in ±1.3173.
const X_MAX: f64 = 2.706_6;
const Y_MAX: f64 = 1.317_3;
const SCALE: f64 = WIDTH / (2.0 * X_MAX);
/// The legend's grid, in SVG units: at 375 px wide its 26-unit type is about 10 px.
const LEGEND_COLUMN: f64 = 470.0;
const LEGEND_ROW: f64 = 40.0;

/// One country's outline, projected.
pub struct Shape {
    /// ISO 3166-1 numeric code, when Natural Earth gives one.
    pub numeric: Option<String>,
    pub name: String,
    /// SVG path data.
    pub d: String,
}

/// Equal Earth (Šavrič, Patterson and Jenny, 2018), to SVG units with y downwards.
fn project(lon: f64, lat: f64) -> (f64, f64) {
    const A1: f64 = 1.340_264;
    const A2: f64 = -0.081_106;
    const A3: f64 = 0.000_893;
    const A4: f64 = 0.003_796;
    let m = 3f64.sqrt() / 2.0;
    let (lambda, phi) = (lon.to_radians(), lat.to_radians());
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    ((x + X_MAX) * SCALE, (Y_MAX - y) * SCALE)
}

/// Appends one ring as path data, dropping points that round to the previous one.
/// A ring that crosses the antimeridian (Russia, Fiji) is drawn continuous past 180°E,
/// where the map's edge clips it, instead of as a band across the whole map.
fn push_ring(d: &mut String, ring: &[Vec<f64>]) {
    let lon = |p: &Vec<f64>| p.first().copied().unwrap_or_default();
    let crosses = ring
        .windows(2)
        .any(|w| (lon(&w[0]) - lon(&w[1])).abs() > 180.0);
    let mut last = None;
    for (i, position) in ring.iter().enumerate() {
        let (Some(&lon), Some(&lat)) = (position.first(), position.get(1)) else {
            continue;
        };
        let lon = if crosses && lon < 0.0 {
            lon + 360.0
        } else {
            lon
        };
        let (x, y) = project(lon, lat);
        let point = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        if last == Some(point) {
            continue;
        }
        last = Some(point);
        let command = if i == 0 { 'M' } else { 'L' };
        let _ = write!(
            d,
            "{command}{:.1},{:.1}",
            point.0 as f64 / 10.0,
            point.1 as f64 / 10.0
        );
    }
    d.push('Z');
}

/// Reads and projects every country of `countries-110m.json`.
pub fn load(path: &Path) -> Result<Vec<Shape>, ContentError> {
    let error = |message: String| ContentError::new(path, None, message);
    let text = std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))?;
    let topology = match text.parse::<topojson::TopoJson>() {
        Ok(topojson::TopoJson::Topology(t)) => t,
        Ok(_) => return Err(error("not a TopoJSON Topology".to_string())),
        Err(e) => return Err(error(format!("not valid TopoJSON: {e}"))),
    };
    let collection =
        topojson::to_geojson(&topology, "countries").map_err(|e| error(e.to_string()))?;
    let mut shapes = Vec::new();
    for feature in collection.features {
        let numeric = match &feature.id {
            Some(geojson::feature::Id::String(s)) => Some(s.clone()),
            Some(geojson::feature::Id::Number(n)) => {
                Some(format!("{:03}", n.as_u64().unwrap_or_default()))
            }
            None => None,
        };
        // Antarctica is no state and would take a fifth of the map.
        if numeric.as_deref() == Some("010") {
            continue;
        }
        let name = feature
            .property("name")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let mut d = String::new();
        match feature.geometry.map(|g| g.value) {
            Some(geojson::Value::Polygon(rings)) => rings.iter().for_each(|r| push_ring(&mut d, r)),
            Some(geojson::Value::MultiPolygon(polygons)) => {
                polygons.iter().flatten().for_each(|r| push_ring(&mut d, r));
            }
            _ => continue,
        }
        shapes.push(Shape { numeric, name, d });
    }
    Ok(shapes)
}

/// A shape with what the data says about its state.
struct MapCountry<'a> {
    /// Lower-case ISO code and status, when the shape is a state in our data.
    state: Option<(String, StateStatus)>,
    /// For a state reported as not signing: the date of the latest report, said in words.
    reported: Option<String>,
    name: &'a str,
    d: &'a str,
}

#[derive(Template)]
#[template(path = "map.svg")]
struct MapSvg<'a> {
    lang: Lang,
    /// Whether `as_of` is the list's last change (else a past day's list is drawn).
    latest: bool,
    width: f64,
    height: f64,
    /// Where the legend starts, below the land.
    legend_top: f64,
    countries: Vec<MapCountry<'a>>,
    as_of: String,
    public_url: &'a str,
}

/// Fill for a status: a colour and a pattern, so colour never carries the meaning alone.
fn fill(status: &StateStatus) -> &'static str {
    match status {
        StateStatus::Supporter => "url(#pattern-supporter)",
        StateStatus::NotListed => "url(#pattern-not_listed)",
        StateStatus::NonSignatory => "url(#pattern-non_signatory)",
        StateStatus::Disputed => "url(#pattern-disputed)",
    }
}

impl MapSvg<'_> {
    fn fill(&self, status: &StateStatus) -> &'static str {
        fill(status)
    }

    /// Each status's fill and label, and where its key goes: two columns of two, in type
    /// large enough to read when an embed shrinks the map to a phone's width (375 px).
    fn legend(&self) -> Vec<(&'static str, &'static str, f64, f64)> {
        StateStatus::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let x = 20.0 + (i % 2) as f64 * LEGEND_COLUMN;
                let y = self.legend_top + (i / 2) as f64 * LEGEND_ROW;
                (fill(s), s.label(self.lang), x, y)
            })
            .collect()
    }

    /// The baseline of the credit's `line` (0 or 1), below the legend.
    fn credit_y(&self, line: u8) -> f64 {
        self.legend_top + 2.0 * LEGEND_ROW + 22.0 + f64::from(line) * 28.0
    }

    fn tr<'t>(&self, en: &'t str, fr: &'t str) -> &'t str {
        self.lang.tr(en, fr)
    }
}

/// Where the legend starts: land ends near 56°S once Antarctica is left out.
fn legend_top() -> f64 {
    project(0.0, -58.0).1 + 12.0
}

/// The map's height in SVG units (its width is `WIDTH`): the embed snippet keeps this ratio.
pub fn height() -> f64 {
    (legend_top() + 2.0 * LEGEND_ROW + 64.0).round()
}

/// The whole map as one SVG document (also inlined in pages), with each state's status in
/// `countries` and the data's date `as_of`: the list's last change when `latest`.
pub fn render(
    shapes: &[Shape],
    countries: &[CountryRow],
    as_of: PartialDate,
    public_url: &str,
    lang: Lang,
    latest: bool,
) -> Result<String, askama::Error> {
    let by_numeric: HashMap<&str, &CountryRow> = countries
        .iter()
        .filter_map(|c| c.numeric.as_deref().map(|n| (n, c)))
        .collect();
    let countries = shapes
        .iter()
        .map(|shape| {
            let row = shape.numeric.as_deref().and_then(|n| by_numeric.get(n));
            MapCountry {
                state: row.map(|c| (c.iso2.to_ascii_lowercase(), c.status)),
                reported: row
                    .filter(|c| c.status == StateStatus::NonSignatory)
                    .and_then(|c| c.reported_absent)
                    .map(|d| lang.date(d)),
                name: row.map_or(shape.name.as_str(), |c| c.name(lang)),
                d: &shape.d,
            }
        })
        .collect();
    MapSvg {
        lang,
        latest,
        width: WIDTH,
        legend_top: legend_top(),
        height: height(),
        countries,
        as_of: lang.date(as_of),
        public_url,
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_earth_keeps_the_map_in_its_box() {
        let (x, y) = project(0.0, 0.0);
        assert!((x - WIDTH / 2.0).abs() < 0.01 && (y - Y_MAX * SCALE).abs() < 0.01);
        let (x, _) = project(180.0, 0.0);
        assert!((x - WIDTH).abs() < 0.5, "{x}");
        let (_, y) = project(0.0, 90.0);
        assert!(y.abs() < 0.5, "{y}");
    }
}
