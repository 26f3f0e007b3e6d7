//! What can be wrong with one field of a method file, in both languages.
//! Field names and values from the file are quoted in backticks or
//! quotation marks: they are the file's words, not the program's.

use serde_json::Value;

use crate::i18n::Lang;

/// What a field should hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A text in both languages: `{"da": "…", "en": "…"}`.
    Text,
    /// A text in quotation marks.
    String,
    /// A whole number, 0 or more.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A list in square brackets.
    List,
    /// An object in curly brackets.
    Object,
    /// One of these words.
    OneOf(Vec<String>),
}

/// What a field held instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A text.
    String(String),
    /// A list.
    List,
    /// An object.
    Object,
}

impl Found {
    /// What `value` is.
    pub fn of(value: &Value) -> Found {
        match value {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Bool(*b),
            Value::Number(n) => Found::Number(n.to_string()),
            Value::String(s) => Found::String(shown(s)),
            Value::Array(_) => Found::List,
            Value::Object(_) => Found::Object,
        }
    }
}

/// A word from the file as it may be shown: no control characters, and
/// cut short when long.
pub fn shown(word: &str) -> String {
    let clean: String = word.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() > 40 {
        let cut: String = clean.chars().take(39).collect();
        format!("{cut}…")
    } else {
        clean
    }
}

/// One mistake in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A field the format needs is not there.
    Missing(Expected),
    /// A field the format does not have, perhaps a misspelling.
    UnknownField {
        /// The closest field the format has.
        suggestion: Option<String>,
        /// The fields there are at this place.
        known: Vec<String>,
    },
    /// A value of the wrong kind.
    WrongType {
        /// What should be there.
        expected: Expected,
        /// What is there.
        found: Found,
    },
    /// A word that is not one of the allowed words.
    UnknownValue {
        /// The word.
        value: String,
        /// The words allowed.
        allowed: Vec<String>,
        /// The closest allowed word.
        suggestion: Option<String>,
    },
    /// A whole number that is negative or too large.
    OutOfRange {
        /// The number as written.
        value: String,
        /// The largest number allowed.
        max: u64,
    },
    /// The same field is written twice in one object.
    Twice,
    /// The value does not fit, for a reason the checks above missed.
    DoesNotFit,
    /// The text in this language is empty.
    EmptyText(Lang),
    /// A list that needs at least one entry is empty.
    EmptyList,
    /// An id with characters other than a-z, 0-9 and `-`.
    BadId(String),
    /// The version is 0.
    VersionZero,
    /// `min` is 0 or more than `max`.
    GroupSize,
    /// No zones.
    NoZones,
    /// Two zones share an id.
    ZoneIdTwice(String),
    /// Two zones share a short name.
    ShortTwice(String),
    /// A reference to a zone that does not exist.
    NoSuchZone(String),
    /// A zone that mirrors or attaches to itself.
    PointsToItself,
    /// More than one zone collects assumptions.
    AssumptionsTwice,
    /// No phases.
    NoPhases,
    /// Two phases share an id.
    PhaseIdTwice(String),
    /// A time box of 0 minutes.
    ZeroMinutes,
    /// A phase that asks for nothing.
    NoAsks,
    /// A phase that asks for writing with no zone to write in.
    WriteWithoutZone,
    /// The grid shape without a layout.
    GridNeedsLayout,
    /// A layout on a shape other than grid.
    LayoutOnlyGrid,
    /// A zone of a grid without a cell.
    GridNeedsCell,
    /// A cell on a shape other than grid.
    CellOnlyGrid,
    /// A tree part on a shape other than tree.
    PartOnlyTree,
    /// A tree without parts.
    TreeNeedsParts,
    /// A layout of no columns or no rows.
    EmptyLayout,
    /// A cell of no columns or no rows.
    EmptyCell,
    /// A cell outside the layout.
    CellOutside {
        /// Columns of the layout.
        columns: u16,
        /// Rows of the layout.
        rows: u16,
    },
    /// A cell on top of another zone's.
    CellOverlaps(String),
    /// The id differs from the file's name.
    IdNotFileName {
        /// The id.
        id: String,
        /// The file's name without `.json`.
        stem: String,
    },
}

fn ticks(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Expected {
    /// What should be there, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Expected::*;
        match (self, lang) {
            (Text, Lang::En) => {
                "a text in Danish and English: {\"da\": \"…\", \"en\": \"…\"}".into()
            }
            (Text, Lang::Da) => {
                "en tekst på dansk og engelsk: {\"da\": \"…\", \"en\": \"…\"}".into()
            }
            (String, Lang::En) => "a text in quotation marks".into(),
            (String, Lang::Da) => "en tekst i anførselstegn".into(),
            (Integer, Lang::En) => "a whole number".into(),
            (Integer, Lang::Da) => "et helt tal".into(),
            (Bool, Lang::En) => "`true` or `false`".into(),
            (Bool, Lang::Da) => "`true` eller `false`".into(),
            (List, Lang::En) => "a list in square brackets [ ]".into(),
            (List, Lang::Da) => "en liste i kantede parenteser [ ]".into(),
            (Object, Lang::En) => "an object in curly brackets { }".into(),
            (Object, Lang::Da) => "et objekt i krøllede parenteser { }".into(),
            (OneOf(words), Lang::En) => format!("one of {}", ticks(words)),
            (OneOf(words), Lang::Da) => format!("en af {}", ticks(words)),
        }
    }
}

impl Found {
    /// What is there, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use Found::*;
        match (self, lang) {
            (Null, _) => "`null`".into(),
            (Bool(b), _) => format!("`{b}`"),
            (Number(n), Lang::En) => format!("the number {n}"),
            (Number(n), Lang::Da) => format!("tallet {n}"),
            (String(s), Lang::En) => format!("the text \"{s}\""),
            (String(s), Lang::Da) => format!("teksten \"{s}\""),
            (List, Lang::En) => "a list".into(),
            (List, Lang::Da) => "en liste".into(),
            (Object, Lang::En) => "an object".into(),
            (Object, Lang::Da) => "et objekt".into(),
        }
    }
}

impl Problem {
    /// What is wrong, in `lang`, without the field's name.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Da => self.danish(),
        }
    }

    fn english(&self) -> String {
        use Problem::*;
        match self {
            Missing(expected) => format!("missing; it should be {}", expected.text(Lang::En)),
            UnknownField {
                suggestion: Some(s),
                ..
            } => format!("unknown field; did you mean `{s}`?"),
            UnknownField { known, .. } => {
                format!("unknown field; the fields here are {}", ticks(known))
            }
            WrongType { expected, found } => format!(
                "should be {}, not {}",
                expected.text(Lang::En),
                found.text(Lang::En)
            ),
            UnknownValue {
                value,
                allowed,
                suggestion,
            } => {
                let mean = match suggestion {
                    Some(s) => format!("did you mean `{s}`? It"),
                    None => "it".into(),
                };
                format!(
                    "\"{value}\" is not allowed here; {mean} can be {}",
                    ticks(allowed)
                )
            }
            OutOfRange { value, max } if *max >= u64::from(u32::MAX) => {
                format!("{value} is out of range; it should be a whole number, 0 or more")
            }
            OutOfRange { value, max } => {
                format!("{value} is out of range; it should be a whole number from 0 to {max}")
            }
            Twice => "the field is written twice; keep one".into(),
            DoesNotFit => "the value does not fit the method format".into(),
            EmptyText(Lang::Da) => "the Danish text is empty".into(),
            EmptyText(Lang::En) => "the English text is empty".into(),
            EmptyList => "the list is empty; give at least one entry".into(),
            BadId(id) => format!("\"{id}\" must be lower-case letters a-z, digits and '-'"),
            VersionZero => "the version starts at 1".into(),
            GroupSize => "`min` must be at least 1 and no more than `max`".into(),
            NoZones => "a method needs at least one zone".into(),
            ZoneIdTwice(id) => format!("the zone id \"{id}\" is used twice"),
            ShortTwice(s) => format!("the short name \"{s}\" is used twice"),
            NoSuchZone(id) => format!("there is no zone \"{id}\""),
            PointsToItself => "a zone cannot point to itself".into(),
            AssumptionsTwice => "only one zone can collect assumptions".into(),
            NoPhases => "a method needs at least one phase".into(),
            PhaseIdTwice(id) => format!("the phase id \"{id}\" is used twice"),
            ZeroMinutes => "a time box needs at least 1 minute".into(),
            NoAsks => "say what the phase asks for (`write`, `vote`, ...)".into(),
            WriteWithoutZone => "a phase that asks for writing needs a zone to write in".into(),
            GridNeedsLayout => "the `grid` shape needs a layout of columns and rows".into(),
            LayoutOnlyGrid => "only the `grid` shape uses a layout".into(),
            GridNeedsCell => "every zone of a grid needs a cell".into(),
            CellOnlyGrid => "only the `grid` shape places zones in cells".into(),
            PartOnlyTree => "only the `tree` shape has tree parts".into(),
            TreeNeedsParts => "a tree needs zones with a part (`roots`, `trunk`, `crown`)".into(),
            EmptyLayout => "a grid needs at least one column and one row".into(),
            EmptyCell => "a cell spans at least one column and one row".into(),
            CellOutside { columns, rows } => {
                format!("the cell reaches outside the {columns}×{rows} layout")
            }
            CellOverlaps(id) => format!("the cell overlaps zone \"{id}\""),
            IdNotFileName { id, stem } => {
                format!("the id \"{id}\" must match the file name \"{stem}.json\"")
            }
        }
    }

    fn danish(&self) -> String {
        use Problem::*;
        match self {
            Missing(expected) => format!("mangler; det skal være {}", expected.text(Lang::Da)),
            UnknownField {
                suggestion: Some(s),
                ..
            } => format!("ukendt felt; mente du `{s}`?"),
            UnknownField { known, .. } => {
                format!("ukendt felt; felterne her er {}", ticks(known))
            }
            WrongType { expected, found } => format!(
                "skal være {}, ikke {}",
                expected.text(Lang::Da),
                found.text(Lang::Da)
            ),
            UnknownValue {
                value,
                allowed,
                suggestion,
            } => {
                let mean = match suggestion {
                    Some(s) => format!("mente du `{s}`? Det"),
                    None => "det".into(),
                };
                format!(
                    "\"{value}\" kan ikke stå her; {mean} kan være {}",
                    ticks(allowed)
                )
            }
            OutOfRange { value, max } if *max >= u64::from(u32::MAX) => {
                format!("{value} er uden for området; det skal være et helt tal, 0 eller mere")
            }
            OutOfRange { value, max } => {
                format!("{value} er uden for området; det skal være et helt tal fra 0 til {max}")
            }
            Twice => "feltet står to gange; behold ét".into(),
            DoesNotFit => "værdien passer ikke til metodeformatet".into(),
            EmptyText(Lang::Da) => "den danske tekst er tom".into(),
            EmptyText(Lang::En) => "den engelske tekst er tom".into(),
            EmptyList => "listen er tom; skriv mindst ét punkt".into(),
            BadId(id) => format!("\"{id}\" må kun have små bogstaver a-z, tal og '-'"),
            VersionZero => "versionen begynder ved 1".into(),
            GroupSize => "`min` skal være mindst 1 og højst `max`".into(),
            NoZones => "en metode skal have mindst én zone".into(),
            ZoneIdTwice(id) => format!("zonens id \"{id}\" bruges to gange"),
            ShortTwice(s) => format!("kortnavnet \"{s}\" bruges to gange"),
            NoSuchZone(id) => format!("der er ingen zone \"{id}\""),
            PointsToItself => "en zone kan ikke pege på sig selv".into(),
            AssumptionsTwice => "kun én zone kan samle antagelser".into(),
            NoPhases => "en metode skal have mindst én fase".into(),
            PhaseIdTwice(id) => format!("fasens id \"{id}\" bruges to gange"),
            ZeroMinutes => "en tidsramme skal være mindst 1 minut".into(),
            NoAsks => "skriv, hvad fasen beder om (`write`, `vote`, ...)".into(),
            WriteWithoutZone => {
                "en fase, der beder om at skrive, skal have en zone at skrive i".into()
            }
            GridNeedsLayout => "formen `grid` skal have et layout med kolonner og rækker".into(),
            LayoutOnlyGrid => "kun formen `grid` bruger et layout".into(),
            GridNeedsCell => "hver zone i et gitter skal have en celle".into(),
            CellOnlyGrid => "kun formen `grid` placerer zoner i celler".into(),
            PartOnlyTree => "kun formen `tree` har dele af et træ".into(),
            TreeNeedsParts => {
                "et træ skal have zoner med en del (`roots`, `trunk`, `crown`)".into()
            }
            EmptyLayout => "et gitter skal have mindst én kolonne og én række".into(),
            EmptyCell => "en celle dækker mindst én kolonne og én række".into(),
            CellOutside { columns, rows } => {
                format!("cellen når uden for layoutet på {columns}×{rows}")
            }
            CellOverlaps(id) => format!("cellen overlapper zonen \"{id}\""),
            IdNotFileName { id, stem } => {
                format!("id'et \"{id}\" skal være det samme som filnavnet \"{stem}.json\"")
            }
        }
    }
}
