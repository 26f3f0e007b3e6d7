//! Every fixed string a person reads, in Danish and English. A new string
//! is a new variant; the compiler then asks for both translations.

mod plan;
mod report;
mod ui;

pub use plan::{PlanText, day_status, signed_minutes, span};
pub use report::{ReportText, completed_heading};
pub use ui::Ui;

use crate::i18n::Lang;

/// A fixed piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Msg {
    Method,
    Network,
    TargetGroup,
    Place,
    Date,
    Facilitators,
    Participants,
    Pseudonyms,
    Tags,
    Language,
    Phase,
    NotStarted,
    NoneRunning,
    Last,
    PhaseLog,
    Running,
    Notes,
    Clusters,
    Decisions,
    Actions,
    Owner,
    Due,
    Dots,
    Cluster,
    Private,
    OwnWords,
    Board,
    NoNotes,
    Category,
    Complexity,
    Time,
    GroupSize,
    FacilitatorSkills,
    Strengths,
    Pitfalls,
    UsedWith,
    Examples,
    Materials,
    Questions,
    Phases,
    Zones,
    Goal,
    Minutes,
    Optional,
    Rule,
    Asks,
    BuiltIn,
    Id,
    Title,
    Open,
    InProgress,
    Done,
    Dropped,
    NoSessions,
    NothingNew,
    LinkedSessions,
    Shape,
    From,
    Created,
    Updated,
}

impl Msg {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use Msg::*;
        match lang {
            Lang::Da => match self {
                Method => "Metode",
                Network => "Netværk",
                TargetGroup => "Målgruppe",
                Place => "Sted",
                Date => "Dato",
                Facilitators => "Facilitatorer",
                Participants => "Deltagere",
                Pseudonyms => "Pseudonymer",
                Tags => "Mærker",
                Language => "Sprog",
                Phase => "Fase",
                NotStarted => "ikke startet",
                NoneRunning => "ingen i gang",
                Last => "sidst",
                PhaseLog => "Faseforløb",
                Running => "i gang",
                Notes => "Sedler",
                Clusters => "Klynger",
                Decisions => "Beslutninger",
                Actions => "Handlinger",
                Owner => "ansvarlig",
                Due => "frist",
                Dots => "prikker",
                Cluster => "klynge",
                Private => "privat",
                OwnWords => "egne ord",
                Board => "Tavle",
                NoNotes => "(ingen sedler)",
                Category => "Kategori",
                Complexity => "Kompleksitet",
                Time => "Tid",
                GroupSize => "Gruppestørrelse",
                FacilitatorSkills => "Facilitatorkompetencer",
                Strengths => "Styrker",
                Pitfalls => "Faldgruber",
                UsedWith => "Brugt med",
                Examples => "Eksempler fra praksis",
                Materials => "Materialer",
                Questions => "Centrale spørgsmål",
                Phases => "Faser",
                Zones => "Zoner",
                Goal => "Mål",
                Minutes => "min",
                Optional => "valgfri",
                Rule => "Regel",
                Asks => "Beder om",
                BuiltIn => "indbygget",
                Id => "ID",
                Title => "Titel",
                Open => "åben",
                InProgress => "i gang",
                Done => "udført",
                Dropped => "droppet",
                NoSessions => "Ingen sessioner passer.",
                NothingNew => "intet nyt",
                LinkedSessions => "Forbundne sessioner",
                Shape => "Form",
                From => "Fra",
                Created => "Oprettet",
                Updated => "Ændret",
            },
            Lang::En => match self {
                Method => "Method",
                Network => "Network",
                TargetGroup => "Target group",
                Place => "Place",
                Date => "Date",
                Facilitators => "Facilitators",
                Participants => "Participants",
                Pseudonyms => "Pseudonyms",
                Tags => "Tags",
                Language => "Language",
                Phase => "Phase",
                NotStarted => "not started",
                NoneRunning => "none running",
                Last => "last",
                PhaseLog => "Phase log",
                Running => "running",
                Notes => "Notes",
                Clusters => "Clusters",
                Decisions => "Decisions",
                Actions => "Actions",
                Owner => "owner",
                Due => "due",
                Dots => "dots",
                Cluster => "cluster",
                Private => "private",
                OwnWords => "own words",
                Board => "Board",
                NoNotes => "(no notes)",
                Category => "Category",
                Complexity => "Complexity",
                Time => "Time",
                GroupSize => "Group size",
                FacilitatorSkills => "Facilitator skills",
                Strengths => "Strengths",
                Pitfalls => "Pitfalls",
                UsedWith => "Used with",
                Examples => "Examples from practice",
                Materials => "Materials",
                Questions => "Central questions",
                Phases => "Phases",
                Zones => "Zones",
                Goal => "Goal",
                Minutes => "min",
                Optional => "optional",
                Rule => "Rule",
                Asks => "Asks for",
                BuiltIn => "built in",
                Id => "ID",
                Title => "Title",
                Open => "open",
                InProgress => "in progress",
                Done => "done",
                Dropped => "dropped",
                NoSessions => "No sessions match.",
                NothingNew => "nothing new",
                LinkedSessions => "Linked sessions",
                Shape => "Shape",
                From => "From",
                Created => "Created",
                Updated => "Updated",
            },
        }
    }
}

/// "N private notes hidden" line for summaries.
pub fn private_hidden(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Da, 1) => "1 privat ting er skjult; brug --private for at se den her.".into(),
        (Lang::Da, n) => format!("{n} private ting er skjult; brug --private for at se dem her."),
        (Lang::En, 1) => "1 private item is hidden; use --private to see it here.".into(),
        (Lang::En, n) => format!("{n} private items are hidden; use --private to see them here."),
    }
}

/// Things the program counts in its sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// A sticky note.
    Note,
    /// A private sticky note.
    PrivateNote,
    /// A card (of a tree).
    Card,
    /// A session.
    Session,
    /// A file.
    File,
    /// A vote.
    Vote,
    /// A dot on a note.
    Dot,
    /// Anything made from a note (a copy, a cluster, a decision).
    Thing,
}

/// The singular and plural of `noun` in `lang`.
fn forms(lang: Lang, noun: Noun) -> (&'static str, &'static str) {
    use Noun::*;
    match (lang, noun) {
        (Lang::Da, Note) => ("seddel", "sedler"),
        (Lang::Da, PrivateNote) => ("privat seddel", "private sedler"),
        (Lang::Da, Card) => ("kort", "kort"),
        (Lang::Da, Session) => ("session", "sessioner"),
        (Lang::Da, File) => ("fil", "filer"),
        (Lang::Da, Vote) => ("stemme", "stemmer"),
        (Lang::Da, Dot) => ("prik", "prikker"),
        (Lang::Da, Thing) => ("ting", "ting"),
        (Lang::En, Note) => ("note", "notes"),
        (Lang::En, PrivateNote) => ("private note", "private notes"),
        (Lang::En, Card) => ("card", "cards"),
        (Lang::En, Session) => ("session", "sessions"),
        (Lang::En, File) => ("file", "files"),
        (Lang::En, Vote) => ("vote", "votes"),
        (Lang::En, Dot) => ("dot", "dots"),
        (Lang::En, Thing) => ("thing", "things"),
    }
}

/// `n` and the noun in the number that fits: "1 note", "2 notes",
/// "1 seddel", "2 sedler", "1 kort", "2 kort". Both languages use the
/// singular for exactly one and the plural otherwise, zero included.
pub fn count(lang: Lang, n: usize, noun: Noun) -> String {
    let (one, many) = forms(lang, noun);
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A participant's own words, in the quotation marks of `lang`:
/// »…« in Danish, “…” in English.
pub fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("»{text}«"),
        Lang::En => format!("“{text}”"),
    }
}

/// The meeting a note was written in, as "visit 2" with the method's
/// word for a meeting: none unless the method spans meetings.
pub fn meeting_name(
    session: &crate::model::Session,
    method: Option<&crate::methods::Method>,
    meeting: Option<uuid::Uuid>,
    lang: Lang,
) -> Option<String> {
    let label = method?.meetings.as_ref()?.label.get(lang);
    let n = session
        .meetings
        .iter()
        .position(|m| Some(m.id) == meeting)?;
    Some(format!("{label} {}", n + 1))
}

/// A colour's name.
pub fn colour_name(colour: crate::model::Colour, lang: Lang) -> &'static str {
    let info = colour.info();
    match lang {
        Lang::Da => info.da,
        Lang::En => info.en,
    }
}

/// A role's name.
pub fn role_name(role: crate::model::Role, lang: Lang) -> &'static str {
    use crate::model::Role::*;
    match (role, lang) {
        (Citizen, Lang::Da) => "borger",
        (Citizen, Lang::En) => "citizen",
        (Staff, Lang::Da) => "medarbejder",
        (Staff, Lang::En) => "staff",
        (Peer, Lang::Da) => "peer",
        (Peer, Lang::En) => "peer",
        (Relative, Lang::Da) => "pårørende",
        (Relative, Lang::En) => "relative",
        (Volunteer, Lang::Da) => "frivillig",
        (Volunteer, Lang::En) => "volunteer",
        (Other, Lang::Da) => "anden",
        (Other, Lang::En) => "other",
    }
}

/// An action status's name.
pub fn status_name(status: crate::model::ActionStatus, lang: Lang) -> &'static str {
    use crate::model::ActionStatus::*;
    match status {
        Open => Msg::Open.text(lang),
        InProgress => Msg::InProgress.text(lang),
        Done => Msg::Done.text(lang),
        Dropped => Msg::Dropped.text(lang),
    }
}

/// How another session relates to this one.
pub fn relation_name(relation: crate::model::SessionRelation, lang: Lang) -> &'static str {
    use crate::model::SessionRelation::*;
    match (relation, lang) {
        (FollowsFrom, Lang::Da) => "bygger på",
        (FollowsFrom, Lang::En) => "builds on",
        (LeadsTo, Lang::Da) => "førte til",
        (LeadsTo, Lang::En) => "led to",
        (Related, Lang::Da) => "relateret",
        (Related, Lang::En) => "related",
    }
}

/// The warning for a store folder that every user may write in.
pub fn store_open_to_everyone(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::En => format!(
            "Warning: every user on this machine can add or delete files in the session folder {dir}; `chmod o-w` it."
        ),
        Lang::Da => format!(
            "Advarsel: alle brugere på maskinen kan tilføje og slette filer i sessionsmappen {dir}; kør `chmod o-w` på den."
        ),
    }
}

/// Words of something that may be private, as a screen shows them: marked
/// `[privat]` when private, and only the mark when private things are
/// hidden (the projector), so the room never reads them.
pub fn private_words(lang: Lang, private: bool, hidden: bool, words: &str) -> String {
    let mark = || format!("[{}]", Ui::PrivateMark.text(lang));
    match (private, hidden) {
        (false, _) => words.to_string(),
        (true, false) => format!("{} {words}", mark()),
        (true, true) => mark(),
    }
}

/// "3 mistakes", in `lang`.
pub fn mistakes(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 mistake".into(),
        (Lang::En, n) => format!("{n} mistakes"),
        (Lang::Da, n) => format!("{n} fejl"),
    }
}

/// What follows the first of several mistakes in a method file.
pub fn more_mistakes(lang: Lang, n: usize, file: &str) -> String {
    match lang {
        Lang::En => format!("It has {n} mistakes; `sempre methods check {file}` lists them all."),
        Lang::Da => format!("Den har {n} fejl; `sempre methods check {file}` viser dem alle."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_number_plural_in_both_languages() {
        assert_eq!(count(Lang::En, 1, Noun::Note), "1 note");
        assert_eq!(count(Lang::En, 2, Noun::Note), "2 notes");
        assert_eq!(count(Lang::En, 0, Noun::Note), "0 notes");
        assert_eq!(count(Lang::Da, 1, Noun::Note), "1 seddel");
        assert_eq!(count(Lang::Da, 2, Noun::Note), "2 sedler");
        assert_eq!(count(Lang::Da, 1, Noun::Card), "1 kort");
        assert_eq!(count(Lang::Da, 2, Noun::Card), "2 kort");
        assert_eq!(count(Lang::En, 1, Noun::Session), "1 session");
        assert_eq!(count(Lang::Da, 3, Noun::Session), "3 sessioner");
        assert_eq!(count(Lang::Da, 1, Noun::PrivateNote), "1 privat seddel");
        assert_eq!(count(Lang::En, 11, Noun::Dot), "11 dots");
    }
}
