//! JSON Schemas of the two file formats and of `sempre list --json`,
//! generated from the Rust types so they cannot drift; `docs/` holds the
//! published copies. (`sempre show --json` prints a session: its schema
//! is the session file's.)

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::cli::ListedSession;
use crate::methods::Method;
use crate::model::{FORMAT, Session};

/// Which file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Session files (`sessions/*.json`).
    Session,
    /// Method files (`methods/*.json`).
    Method,
    /// What `sempre list --json` prints.
    List,
}

impl Format {
    /// Every schema `docs/` publishes.
    pub const ALL: [Format; 3] = [Format::Session, Format::Method, Format::List];

    /// The file in `docs/` that publishes the schema.
    pub fn doc_file(self) -> &'static str {
        match self {
            Format::Session => "docs/session.schema.json",
            Format::Method => "docs/method.schema.json",
            Format::List => "docs/list.schema.json",
        }
    }
}

/// The JSON Schema of `format`.
pub fn schema(format: Format) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let (mut value, title, id) = match format {
        Format::Session => (
            generator.into_root_schema_for::<Session>().to_value(),
            format!("sempre session, format {FORMAT}"),
            "https://sempre.invalid/schema/session.schema.json",
        ),
        Format::Method => (
            generator.into_root_schema_for::<Method>().to_value(),
            "sempre method".to_string(),
            "https://sempre.invalid/schema/method.schema.json",
        ),
        Format::List => (
            generator
                .into_root_schema_for::<Vec<ListedSession>>()
                .to_value(),
            "sempre list --json".to_string(),
            "https://sempre.invalid/schema/list.schema.json",
        ),
    };
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".into(), Value::from(id));
        obj.insert("title".into(), Value::from(title));
    }
    value
}

/// The schema as the text committed in `docs/`.
pub fn schema_text(format: Format) -> String {
    let mut text = serde_json::to_string_pretty(&schema(format)).unwrap_or_default();
    text.push('\n');
    text
}
