//! What can be wrong with a change to a session.

use uuid::Uuid;

use crate::i18n::Lang;

/// A change that cannot be made, with a reason a facilitator can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ModelError {
    /// The text was empty after cleaning.
    EmptyText,
    /// The zone is not one of the method's.
    UnknownZone {
        /// The zone asked for.
        zone: String,
        /// The method's zones.
        known: Vec<String>,
    },
    /// No note has this id.
    UnknownNote(Uuid),
    /// No board has this id or name.
    UnknownBoard(String),
    /// No phase has this id.
    UnknownPhase(String),
    /// No cluster has this id.
    UnknownCluster(Uuid),
    /// No decision has this id.
    UnknownDecision(Uuid),
    /// No action has this id.
    UnknownAction(Uuid),
    /// An operation on a selection got no notes.
    NoNotes,
    /// Linking would make a card hang below itself.
    Loop,
    /// The note is not in a part of a tree that can hang from another.
    NotInTree,
    /// The method has no zone for this (no assumptions zone, no mirror).
    NotForMethod,
    /// A rating outside 1–5.
    BadRating(u8),
    /// The session's last board cannot be removed.
    LastBoard,
    /// The session was made with another method than the one given.
    WrongMethod {
        /// The session's method.
        session: String,
        /// The method given.
        given: String,
    },
    /// The session has no plan yet.
    NoPlan,
    /// The plan has no step at this position (from 1).
    NoPlanStep(usize),
    /// A phase is in the plan already, at this position (from 1).
    AlreadyPlanned {
        /// The phase.
        phase: String,
        /// Where it is.
        position: usize,
    },
    /// A plan's step must last from 1 minute to a day.
    PlanMinutes(u32),
    /// Every phase of the method is in the plan already.
    NothingToFill,
}

impl ModelError {
    /// The reason in `lang`, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        use ModelError::*;
        match (self, lang) {
            (EmptyText, Lang::En) => "The text is empty; write something first.".into(),
            (EmptyText, Lang::Da) => "Teksten er tom; skriv noget først.".into(),
            (UnknownZone { zone, known }, Lang::En) => format!(
                "There is no zone \"{zone}\" in this method; its zones are: {}.",
                known.join(", ")
            ),
            (UnknownZone { zone, known }, Lang::Da) => format!(
                "Metoden har ingen zone \"{zone}\"; dens zoner er: {}.",
                known.join(", ")
            ),
            (UnknownNote(id), Lang::En) => format!("There is no note {id} in this session."),
            (UnknownNote(id), Lang::Da) => format!("Sessionen har ingen seddel {id}."),
            (UnknownBoard(b), Lang::En) => format!("There is no board \"{b}\" in this session."),
            (UnknownBoard(b), Lang::Da) => format!("Sessionen har ingen tavle \"{b}\"."),
            (UnknownPhase(p), Lang::En) => format!("There is no phase \"{p}\" in this method."),
            (UnknownPhase(p), Lang::Da) => format!("Metoden har ingen fase \"{p}\"."),
            (UnknownCluster(id), Lang::En) => format!("There is no cluster {id} in this session."),
            (UnknownCluster(id), Lang::Da) => format!("Sessionen har ingen klynge {id}."),
            (UnknownDecision(id), Lang::En) => {
                format!("There is no decision {id} in this session.")
            }
            (UnknownDecision(id), Lang::Da) => format!("Sessionen har ingen beslutning {id}."),
            (UnknownAction(id), Lang::En) => format!("There is no action {id} in this session."),
            (UnknownAction(id), Lang::Da) => format!("Sessionen har ingen handling {id}."),
            (Loop, Lang::En) => "That would make the card hang below itself.".into(),
            (Loop, Lang::Da) => "Så ville kortet komme til at hænge under sig selv.".into(),
            (NotInTree, Lang::En) => "Only causes and consequences hang from other cards.".into(),
            (NotInTree, Lang::Da) => {
                "Kun årsager og konsekvenser kan hænge under andre kort.".into()
            }
            (NotForMethod, Lang::En) => "This method has no place for that.".into(),
            (NotForMethod, Lang::Da) => "Metoden har ikke en plads til det.".into(),
            (BadRating(v), Lang::En) => format!("A rating goes from 1 to 5, not {v}."),
            (BadRating(v), Lang::Da) => format!("En vurdering går fra 1 til 5, ikke {v}."),
            (NoNotes, Lang::En) => "Select at least one note first.".into(),
            (NoNotes, Lang::Da) => "Vælg mindst én seddel først.".into(),
            (LastBoard, Lang::En) => "A session needs at least one board.".into(),
            (LastBoard, Lang::Da) => "En session skal have mindst én tavle.".into(),
            (WrongMethod { session, given }, Lang::En) => {
                format!("The session follows the method \"{session}\", not \"{given}\".")
            }
            (WrongMethod { session, given }, Lang::Da) => {
                format!("Sessionen følger metoden \"{session}\", ikke \"{given}\".")
            }
            (NoPlan, Lang::En) => "The session has no plan for the day yet.".into(),
            (NoPlan, Lang::Da) => "Sessionen har endnu ingen plan for dagen.".into(),
            (NoPlanStep(n), Lang::En) => format!("The plan has no step {n}."),
            (NoPlanStep(n), Lang::Da) => format!("Planen har intet trin {n}."),
            (AlreadyPlanned { phase, position }, Lang::En) => {
                format!("The phase \"{phase}\" is in the plan already, as step {position}.")
            }
            (AlreadyPlanned { phase, position }, Lang::Da) => {
                format!("Fasen \"{phase}\" står allerede i planen som trin {position}.")
            }
            (PlanMinutes(m), Lang::En) => {
                format!("A step of the plan lasts from 1 minute to a whole day, not {m} minutes.")
            }
            (NothingToFill, Lang::En) => "Every phase of the method is in the plan already.".into(),
            (NothingToFill, Lang::Da) => "Alle metodens faser står allerede i planen.".into(),
            (PlanMinutes(m), Lang::Da) => {
                format!("Et trin i planen varer fra 1 minut til en hel dag, ikke {m} minutter.")
            }
        }
    }
}
