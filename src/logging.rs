//! The log: `tracing` to standard error, filtered by `--log-level`. Operators page on
//! ERROR, so a fault of the client's (a malformed header, a slow or vanished connection)
//! that the HTTP layer logs at ERROR is logged again at WARN, and the ERROR dropped.

use std::fmt::Write as _;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, filter};

/// Where actix-http logs the end of a connection with its error.
const DISPATCHER: &str = "actix_http::h1::dispatcher";

/// How those errors begin when the client caused them (`DispatchError`'s messages).
const CLIENT_FAULTS: [&str; 5] = [
    "stream error: request parse error",
    "stream error: I/O error",
    "stream error: request did not complete within the specified timeout",
    "stream error: connection shutdown timeout",
    "stream error: handler dropped payload before reading EOF",
];

/// Installs the global subscriber. `level` is an `EnvFilter` directive such as `info`.
pub fn init(level: &str) {
    // The TopoJSON reader warns about the map's three shapes without a country code.
    let filter = EnvFilter::try_new(format!("{level},topojson=error"))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let not_dispatcher_errors = filter::filter_fn(|meta| !is_dispatcher_error(meta));
    tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_filter(not_dispatcher_errors))
        .with(Relevel)
        .init();
}

fn is_dispatcher_error(meta: &Metadata<'_>) -> bool {
    meta.target() == DISPATCHER && *meta.level() == Level::ERROR
}

/// Logs the dispatcher's errors again: client faults at WARN, the rest at ERROR.
struct Relevel;

impl<S: Subscriber> Layer<S> for Relevel {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        if !is_dispatcher_error(event.metadata()) {
            return;
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        let message = message.0;
        if CLIENT_FAULTS.iter().any(|p| message.starts_with(p)) {
            tracing::warn!(target: "client", "{message}");
        } else {
            tracing::error!(target: "http", "{message}");
        }
    }
}

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        }
    }
}
