//! What an export shows, worked out once from the sessions and their
//! methods; each format only decides how it looks.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use uuid::Uuid;

use crate::i18n::Lang;
use crate::methods::{GridCell, GridSize, Method, Mode, Shape, TreePart};
use crate::model::{ActionStatus, Branch, Colour, Lookup, Marks, Note, Session};
use crate::strings::{Msg, Ui, relation_name, role_name, status_name};

/// One export: one session, several, or a network's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The language of every label.
    pub lang: Lang,
    /// The heading of a report over a network, if this is one.
    pub report: Option<Report>,
    /// For a report: the summary before its sessions.
    pub summary: Option<super::ReportSummary>,
    /// The sessions, in order.
    pub sessions: Vec<SessionDoc>,
    /// For a report: every open action of its sessions, overdue first.
    pub open_actions: Vec<ActionDoc>,
    /// Names were left out.
    pub anonymized: bool,
}

/// The heading of a report over one network's sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The network.
    pub network: String,
    /// First day covered.
    pub since: Option<Date>,
    /// Last day covered.
    pub until: Option<Date>,
}

/// One session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDoc {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// Its method's name.
    pub method: String,
    /// How the method is drawn, if the method is known.
    pub shape: Option<Shape>,
    /// The canvas grid.
    pub layout: Option<GridSize>,
    /// The day it took place.
    pub date: Option<Date>,
    /// Context lines: label and value.
    pub facts: Vec<(String, String)>,
    /// The method's central questions.
    pub questions: Vec<String>,
    /// The phase log.
    pub phases: Vec<PhaseDoc>,
    /// Boards (canvases, backpacks) with their zones.
    pub boards: Vec<BoardDoc>,
    /// Notes with dots, most first.
    pub ranking: Vec<RankDoc>,
    /// What was decided.
    pub decisions: Vec<String>,
    /// Who does what.
    pub actions: Vec<ActionDoc>,
    /// Other sessions of the process.
    pub links: Vec<String>,
    /// Number of notes shown.
    pub notes: usize,
    /// The day's plan against what happened, for a session holding one.
    pub plan: Option<PlanDoc>,
}

/// The day's plan against what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDoc {
    /// Each step.
    pub rows: Vec<PlanRowDoc>,
    /// "Total 3 h 20 min. The day is 5 min ahead."
    pub summary: String,
    /// "The day starts at 09:00." or that it has no start time.
    pub start: String,
}

/// One step of the day's plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRowDoc {
    /// Planned time of day.
    pub clock: String,
    /// The phase or break, with its method when it ran in another session.
    pub what: String,
    /// Whether it is a break.
    pub is_break: bool,
    /// Minutes planned.
    pub planned: String,
    /// When it really began.
    pub began: String,
    /// Minutes it took.
    pub actual: String,
    /// Over or under, such as "+5".
    pub difference: String,
    /// Over its time.
    pub over: bool,
}

impl PlanDoc {
    /// The document of a day's plan as worked out.
    pub fn of(v: &crate::day::View, lang: Lang) -> PlanDoc {
        use crate::strings::{PlanText, day_status, signed_minutes};
        PlanDoc {
            rows: v
                .rows
                .iter()
                .map(|r| PlanRowDoc {
                    clock: r.clock.clone().unwrap_or_default(),
                    what: match &r.method {
                        Some(m) => format!("{} ({m})", r.what),
                        None => r.what.clone(),
                    },
                    is_break: r.is_break,
                    planned: r.planned.to_string(),
                    began: r.started.clone().unwrap_or_default(),
                    actual: r.actual.map(|a| a.to_string()).unwrap_or_default(),
                    difference: r.difference.map(signed_minutes).unwrap_or_default(),
                    over: r.difference.is_some_and(|d| d > 0),
                })
                .collect(),
            summary: format!(
                "{} {}. {}",
                PlanText::Total.text(lang),
                crate::day::duration(v.total, lang),
                day_status(lang, v.schedule.behind_minutes, v.schedule.live)
            ),
            start: match &v.start {
                Some(t) => PlanText::Starts.text(lang).replace("{time}", t),
                None => PlanText::NoStart.text(lang).to_string(),
            },
        }
    }
}

impl SessionDoc {
    /// The heading of a board: its name where a session has several,
    /// "The board" where it has one.
    pub fn board_heading(&self, board: &BoardDoc, lang: Lang) -> String {
        if self.boards.len() > 1 {
            board.name.clone()
        } else {
            crate::strings::Ui::TheBoard.text(lang).to_string()
        }
    }
}

/// "1 dot", "3 dots".
pub fn dots(n: u32, lang: Lang) -> String {
    crate::strings::count(lang, n as usize, crate::strings::Noun::Dot)
}

/// One run of one phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseDoc {
    /// The phase's name.
    pub name: String,
    /// When it started, as shown.
    pub started: String,
    /// When it ended, as shown.
    pub ended: String,
}

/// One board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardDoc {
    /// Its name.
    pub name: String,
    /// The backpack's weight meeting by meeting, such as "4 → 3 → 2".
    pub weight: Option<String>,
    /// Its zones, in the method's order.
    pub zones: Vec<ZoneDoc>,
    /// Its trees, for a tree-shaped method.
    pub trees: Vec<TreeDoc>,
}

/// One zone of one board.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneDoc {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its guiding question.
    pub question: String,
    /// Its notes: clusters first, then the notes in no cluster.
    pub groups: Vec<GroupDoc>,
    /// Its cell on a canvas.
    pub cell: Option<GridCell>,
    /// Its part of a tree.
    pub part: Option<TreePart>,
    /// Opening or narrowing (Double Diamond).
    pub mode: Option<Mode>,
    /// Its notes hang under notes of another zone (shown there).
    pub attaches: bool,
    /// It collects assumptions.
    pub assumptions: bool,
}

impl ZoneDoc {
    /// Every note of the zone.
    pub fn notes(&self) -> impl Iterator<Item = &NoteDoc> {
        self.groups.iter().flat_map(|g| g.notes.iter())
    }
}

/// A cluster, or the notes in none.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDoc {
    /// The cluster's title; none for notes in no cluster.
    pub title: Option<String>,
    /// The notes.
    pub notes: Vec<NoteDoc>,
}

/// One note.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteDoc {
    /// The words.
    pub text: String,
    /// Its colour.
    pub colour: Colour,
    /// Its dots.
    pub dots: u32,
    /// Who wrote it and in what role.
    pub by: Option<String>,
    /// Dropped on purpose.
    pub dropped: bool,
    /// Not chosen when its narrowing phase came.
    pub set_aside: bool,
    /// Chosen to go on.
    pub onward: bool,
    /// Its number among the steps.
    pub number: Option<usize>,
    /// Notes attached to it: (an assumption?, words).
    pub attached: Vec<(bool, String)>,
    /// The participant's own words, shown as a quote.
    pub quote: bool,
    /// The meeting it was written in, such as "visit 2".
    pub meeting: Option<String>,
}

impl NoteDoc {
    /// The words as a reader sees them: in quotation marks when they are
    /// the participant's own.
    pub fn words(&self, lang: Lang) -> String {
        if self.quote {
            crate::strings::quoted(&self.text, lang)
        } else {
            self.text.clone()
        }
    }

    /// What is said about the note besides its words: its dots (after
    /// `dot_sign`), who wrote it (through `escape`), and its marks.
    pub fn meta(&self, lang: Lang, dot_sign: &str, escape: impl Fn(&str) -> String) -> Vec<String> {
        let mut meta: Vec<String> = Vec::new();
        if self.dots > 0 {
            meta.push(format!("{dot_sign}{}", dots(self.dots, lang)));
        }
        if let Some(by) = &self.by {
            meta.push(escape(by));
        }
        if self.quote {
            meta.push(Msg::OwnWords.text(lang).to_string());
        }
        if let Some(meeting) = &self.meeting {
            meta.push(escape(meeting));
        }
        for (flag, ui) in [
            (self.dropped, Ui::DroppedMark),
            (self.set_aside, Ui::SetAsideMark),
            (self.onward, Ui::OnwardMark),
        ] {
            if flag {
                meta.push(ui.text(lang).to_string());
            }
        }
        meta
    }
}

/// A tree with its parts' names.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeDoc {
    /// Names of the crown, trunk and roots zones.
    pub names: [String; 3],
    /// The crown's branches.
    pub crown: Vec<BranchDoc>,
    /// The trunk's cards.
    pub trunk: Vec<NoteDoc>,
    /// The roots' branches.
    pub roots: Vec<BranchDoc>,
}

/// A top-level card and what hangs from it, flat: each card before the
/// cards under it, with its depth (0 for the top card).
#[derive(Debug, Clone, PartialEq)]
pub struct BranchDoc {
    /// The cards and their depths.
    pub cards: Vec<(NoteDoc, usize)>,
}

/// How many levels deep a tree is drawn in an export; deeper cards are
/// drawn at this depth with their level written beside them, so that a
/// tree of any depth gives a page of reasonable width.
pub const DRAWN_DEPTH: usize = 8;

/// A place in the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankDoc {
    /// 1 for the most dots.
    pub place: usize,
    /// Another note has as many dots.
    pub tied: bool,
    /// The dots.
    pub dots: u32,
    /// Votes from a tie-break round, which set it apart from notes with
    /// as many dots.
    pub tie_break: u32,
    /// The note's words.
    pub text: String,
    /// Its zone's name.
    pub zone: String,
}

impl RankDoc {
    /// The dots as a reader sees them: "5", or "5 +1" after a tie-break
    /// round.
    pub fn dots_shown(&self) -> String {
        if self.tie_break > 0 {
            format!("{} +{}", self.dots, self.tie_break)
        } else {
            self.dots.to_string()
        }
    }
}

/// One action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionDoc {
    /// What is to be done.
    pub text: String,
    /// Who.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<Date>,
    /// How far it has come.
    pub status: ActionStatus,
    /// The status's name.
    pub status_name: String,
    /// Due before today and still open.
    pub overdue: bool,
    /// The session it belongs to.
    pub session: String,
}

/// Builds documents for one language, time zone and day.
pub struct Builder<'a> {
    /// The language.
    pub lang: Lang,
    /// The time zone for times of day.
    pub tz: &'a TimeZone,
    /// Today, to tell what is overdue.
    pub today: Date,
}

impl Builder<'_> {
    fn when(&self, ts: Timestamp) -> String {
        ts.to_zoned(self.tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    }

    fn note(
        &self,
        method: Option<&Method>,
        known: &Known,
        n: &Note,
        number: Option<usize>,
    ) -> NoteDoc {
        let marks = known.marks;
        let lang = self.lang;
        let by = match (&n.author, n.role) {
            (Some(a), Some(r)) => Some(format!("{a} ({})", role_name(r, lang))),
            (Some(a), None) => Some(a.clone()),
            (None, Some(r)) => Some(role_name(r, lang).to_string()),
            (None, None) => None,
        };
        let attached = known
            .look
            .attached_to(n.id)
            .iter()
            .map(|a| {
                let assumption = method
                    .and_then(|m| m.zone(&a.zone))
                    .is_some_and(|z| z.assumptions);
                (assumption, a.text.clone())
            })
            .collect();
        NoteDoc {
            text: n.text.clone(),
            colour: n.colour,
            dots: known.look.dots(n.id),
            by,
            dropped: !n.status.is_active(),
            set_aside: marks.set_aside.contains(&n.id),
            onward: marks.onward.contains(&n.id),
            number,
            attached,
            quote: method
                .and_then(|m| m.zone(&n.zone))
                .is_some_and(|z| z.quotes),
            meeting: crate::strings::meeting_name(known.session, method, n.meeting, lang),
        }
    }

    /// The document of one prepared session.
    pub fn session(
        &self,
        s: &Session,
        method: Option<&Method>,
        title_of: &dyn Fn(Uuid) -> Option<String>,
    ) -> SessionDoc {
        let lang = self.lang;
        let marks = method.map(|m| s.marks(m)).unwrap_or_default();
        let known = Known {
            marks: &marks,
            look: Lookup::new(s),
            session: s,
        };
        let zone_name = |id: &str| {
            method
                .and_then(|m| m.zone(id))
                .map_or(id.to_string(), |z| z.name.get(lang).to_string())
        };
        let ctx = &s.context;
        let mut facts: Vec<(String, String)> = Vec::new();
        let mut fact = |label: Msg, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                facts.push((label.text(lang).to_string(), v));
            }
        };
        fact(
            Msg::Method,
            Some(method.map_or(s.method.id.clone(), |m| m.name.get(lang).to_string())),
        );
        fact(Msg::Date, ctx.date.map(|d| d.to_string()));
        fact(Msg::Network, ctx.network.clone());
        fact(Msg::TargetGroup, ctx.target_group.clone());
        fact(Msg::Place, ctx.place.clone());
        fact(Msg::Facilitators, Some(ctx.facilitators.join("; ")));
        fact(
            Msg::Participants,
            ctx.participant_count.map(|n| n.to_string()),
        );
        fact(Msg::Tags, Some(ctx.tags.join(", ")));
        let phases = s
            .phase_log
            .iter()
            .map(|e| PhaseDoc {
                name: method
                    .and_then(|m| m.phase(&e.phase))
                    .map_or(e.phase.clone(), |p| p.name.get(lang).to_string()),
                started: self.when(e.started),
                ended: e.ended.map(|t| self.when(t)).unwrap_or_default(),
            })
            .collect();
        let boards = s
            .boards
            .iter()
            .map(|b| self.board(s, method, &known, b))
            .collect();
        // One ranking per zone, in the method's order: critique problems
        // and fantasy ideas answer different questions, so places restart.
        let mut zones: Vec<&str> = method
            .map(|m| m.zones.iter().map(|z| z.id.as_str()).collect())
            .unwrap_or_default();
        let listed: HashSet<&str> = zones.iter().copied().collect();
        zones.extend(
            known
                .look
                .note_zones()
                .iter()
                .filter(|z| !listed.contains(*z)),
        );
        // The active notes of each zone, all boards together, in session
        // order: gathered in one pass rather than once per zone.
        let mut active: HashMap<&str, Vec<Uuid>> = HashMap::new();
        for n in s.notes.iter().filter(|n| n.status.is_active()) {
            active.entry(n.zone.as_str()).or_default().push(n.id);
        }
        let ranking = zones
            .iter()
            .flat_map(|z| known.look.ranking(active.get(z).into_iter().flatten()))
            .filter_map(|r| {
                let n = known.look.note(r.note)?;
                Some(RankDoc {
                    tie_break: r.tie_break,
                    place: r.place,
                    tied: r.tied,
                    dots: r.dots,
                    text: n.text.clone(),
                    zone: zone_name(&n.zone),
                })
            })
            .collect();
        SessionDoc {
            id: s.id,
            title: ctx.title.clone(),
            method: method.map_or(s.method.id.clone(), |m| m.name.get(lang).to_string()),
            shape: method.map(|m| m.shape),
            layout: method.and_then(|m| m.layout),
            date: ctx.date,
            facts,
            questions: method
                .map(|m| {
                    m.questions
                        .iter()
                        .map(|q| q.get(lang).to_string())
                        .collect()
                })
                .unwrap_or_default(),
            phases,
            boards,
            ranking,
            decisions: s.decisions.iter().map(|d| d.text.clone()).collect(),
            actions: s
                .actions
                .iter()
                .map(|a| self.action(a, &ctx.title))
                .collect(),
            links: s
                .links
                .iter()
                .map(|l| {
                    let other = title_of(l.session).unwrap_or_else(|| l.session.to_string());
                    format!("{} {other}", relation_name(l.relation, lang))
                })
                .collect(),
            notes: s.notes.len(),
            plan: None,
        }
    }

    /// The document of one action.
    pub fn action(&self, a: &crate::model::Action, session: &str) -> ActionDoc {
        ActionDoc {
            text: a.text.clone(),
            owner: a.owner.clone(),
            due: a.due,
            status: a.status,
            status_name: status_name(a.status, self.lang).to_string(),
            overdue: a.is_overdue(self.today),
            session: session.to_string(),
        }
    }

    fn board(
        &self,
        s: &Session,
        method: Option<&Method>,
        known: &Known,
        board: &crate::model::Board,
    ) -> BoardDoc {
        let lang = self.lang;
        let weight = board.participant.and_then(|p| {
            let values: Vec<String> = s
                .ratings_of(p)
                .into_iter()
                .flatten()
                .map(|v| v.to_string())
                .collect();
            (!values.is_empty()).then(|| values.join(" → "))
        });
        let zone_ids: Vec<String> = match method {
            Some(m) => {
                // A note in a zone the method no longer has gets a zone of
                // its own after the method's, never left out.
                let mut ids: Vec<String> = m.zones.iter().map(|z| z.id.clone()).collect();
                let mut seen: HashSet<&str> = m.zones.iter().map(|z| z.id.as_str()).collect();
                for n in s.notes.iter().filter(|n| n.board == board.id) {
                    if seen.insert(n.zone.as_str()) {
                        ids.push(n.zone.clone());
                    }
                }
                ids
            }
            None => known
                .look
                .note_zones()
                .iter()
                .map(|z| z.to_string())
                .collect(),
        };
        let numbered: Vec<&str> = method
            .map(|m| {
                m.zones
                    .iter()
                    .filter_map(|z| z.attaches_to.as_deref())
                    .collect()
            })
            .unwrap_or_default();
        let zones = zone_ids
            .iter()
            .map(|id| {
                let zone = method.and_then(|m| m.zone(id));
                let notes = known.look.notes_in(board.id, id);
                let number = |i: usize| numbered.contains(&id.as_str()).then_some(i + 1);
                // Each cluster's notes by their place in the zone, sorted
                // out in one pass over the zone.
                let mut clustered: HashMap<Uuid, Vec<usize>> = HashMap::new();
                let mut loose_at: Vec<usize> = Vec::new();
                for (i, n) in notes.iter().enumerate() {
                    match n.cluster {
                        Some(c) => clustered.entry(c).or_default().push(i),
                        None => loose_at.push(i),
                    }
                }
                let doc = |i: &usize| self.note(method, known, notes[*i], number(*i));
                let mut groups: Vec<GroupDoc> = known
                    .look
                    .clusters_in(board.id, id)
                    .iter()
                    .map(|c| GroupDoc {
                        title: Some(c.title.clone()),
                        notes: clustered
                            .get(&c.id)
                            .into_iter()
                            .flatten()
                            .map(doc)
                            .collect(),
                    })
                    .collect();
                let loose: Vec<NoteDoc> = loose_at.iter().map(doc).collect();
                if !loose.is_empty() {
                    groups.push(GroupDoc {
                        title: None,
                        notes: loose,
                    });
                }
                let mode = method.and_then(|m| {
                    m.phases
                        .iter()
                        .find(|p| p.zones.first() == Some(id))
                        .and_then(|p| p.mode)
                });
                ZoneDoc {
                    id: id.clone(),
                    name: match (zone, method) {
                        (Some(z), _) => z.name.get(lang).to_string(),
                        (None, Some(_)) => unplaced_name(id, lang),
                        (None, None) => id.clone(),
                    },
                    question: zone
                        .and_then(|z| z.questions.first())
                        .map(|q| q.get(lang).to_string())
                        .unwrap_or_default(),
                    groups,
                    cell: zone.and_then(|z| z.grid),
                    part: zone.and_then(|z| z.part),
                    mode,
                    attaches: zone.is_some_and(|z| z.attaches_to.is_some()),
                    assumptions: zone.is_some_and(|z| z.assumptions),
                }
            })
            .collect();
        let trees = method
            .map(|m| {
                m.trees()
                    .iter()
                    .map(|t| {
                        let tree = s.tree(t, board.id);
                        let name = |id: &str| {
                            m.zone(id)
                                .map_or(id.to_string(), |z| z.name.get(lang).to_string())
                        };
                        let branch = |b: &Branch| self.branch(Some(m), known, b);
                        TreeDoc {
                            names: [name(&t.crown), name(&t.trunk), name(&t.roots)],
                            crown: tree.crown.iter().map(branch).collect(),
                            trunk: tree
                                .trunk
                                .iter()
                                .filter_map(|id| known.look.note(*id))
                                .map(|n| self.note(Some(m), known, n, None))
                                .collect(),
                            roots: tree.roots.iter().map(branch).collect(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        BoardDoc {
            name: board.name.clone(),
            weight,
            zones,
            trees,
        }
    }

    fn branch(&self, method: Option<&Method>, known: &Known, b: &Branch) -> BranchDoc {
        BranchDoc {
            cards: b
                .flatten()
                .iter()
                .map(|(id, depth)| {
                    let note = known
                        .look
                        .note(*id)
                        .map(|n| self.note(method, known, n, None))
                        .unwrap_or_else(|| self.empty_note());
                    (note, *depth)
                })
                .collect(),
        }
    }

    fn empty_note(&self) -> NoteDoc {
        NoteDoc {
            text: String::new(),
            colour: Colour::Yellow,
            dots: 0,
            by: None,
            dropped: false,
            set_aside: false,
            onward: false,
            number: None,
            attached: Vec::new(),
            quote: false,
            meeting: None,
        }
    }
}

/// What an export calls a zone the method does not have.
pub fn unplaced_name(id: &str, lang: Lang) -> String {
    format!("{} ({id})", Ui::ZoneUnplaced.text(lang))
}

/// What building a session's document looks up per note, worked out once
/// per session so that no note is searched for in the whole session.
struct Known<'a> {
    marks: &'a Marks,
    look: Lookup<'a>,
    session: &'a Session,
}
