//! HTML: one self-contained page (inline style, no scripts, nothing from
//! the network) that prints on A4, each session on its own pages. Every
//! method is drawn as itself: the canvas as a canvas, the tree as a tree,
//! the chain as a row of boxes, the diamond's four phases, backpacks side
//! by side. maud escapes all text, so participants' words stay text.

mod shapes;

use std::io;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::doc::{ActionDoc, Doc, NoteDoc, SessionDoc, ZoneDoc};
use super::markdown::footer;
use crate::i18n::Lang;
use crate::methods::Shape;
use crate::strings::{Msg, Ui};

const STYLE: &str = include_str!("style.css");

/// One note as a sticky note.
pub(super) fn note(n: &NoteDoc, lang: Lang) -> Markup {
    let meta = n.meta(lang, "● ", str::to_string);
    let class = format!(
        "note c-{}{}{}",
        n.colour.code(),
        if n.dropped { " dropped" } else { "" },
        if n.set_aside { " set-aside" } else { "" }
    );
    html! {
        div class=(class) {
            span.sym { (n.colour.symbol()) }
            @if let Some(k) = n.number { b { (k) ". " } }
            span dir="auto" { (n.text) }
            @if !meta.is_empty() { span.meta { (meta.join(" · ")) } }
            @if !n.attached.is_empty() {
                ul.attached {
                    @for (assumption, text) in &n.attached {
                        li dir="auto" { (if *assumption { "? " } else { "▸ " }) (text) }
                    }
                }
            }
        }
    }
}

/// A zone with its clusters and notes.
pub(super) fn zone(z: &ZoneDoc, lang: Lang, style: Option<String>) -> Markup {
    let count = z.notes().count();
    html! {
        div.zone style=[style] {
            h3 { (z.name) " (" (count) ")" }
            @if !z.question.is_empty() { p.question { (z.question) } }
            @if count == 0 { p.empty { (Msg::NoNotes.text(lang)) } }
            @for group in &z.groups {
                @if let Some(title) = &group.title {
                    fieldset.cluster {
                        legend { (title) }
                        @for n in &group.notes { (note(n, lang)) }
                    }
                } @else {
                    @for n in &group.notes { (note(n, lang)) }
                }
            }
        }
    }
}

fn actions(list: &[ActionDoc], with_session: bool, lang: Lang) -> Markup {
    let cap = |t: &str| crate::model::text::capitalise(t);
    html! {
        table.actions {
            thead { tr {
                th { (Msg::Actions.text(lang)) }
                th { (cap(Msg::Owner.text(lang))) }
                th { (cap(Msg::Due.text(lang))) }
                th { (Ui::Status.text(lang)) }
                @if with_session { th { (Msg::Title.text(lang)) } }
            } }
            tbody {
                @for a in list {
                    tr {
                        td dir="auto" { (a.text) }
                        td { (a.owner.clone().unwrap_or_default()) }
                        td.when.overdue[a.overdue] {
                            (a.due.map(|d| d.to_string()).unwrap_or_default())
                            @if a.overdue { " ⚠ " (Ui::Overdue.text(lang)) }
                        }
                        td { (a.status_name) }
                        @if with_session { td { (a.session) } }
                    }
                }
            }
        }
    }
}

fn session(s: &SessionDoc, lang: Lang) -> Markup {
    let most = s.ranking.first().map_or(1, |r| r.dots.max(1));
    html! {
        section.session {
            h1 { (s.title) small { (s.method) } }
            table.facts { tbody {
                @for (label, value) in &s.facts { tr { th { (label) } td { (value) } } }
            } }
            @if !s.questions.is_empty() {
                ul.questions { @for q in &s.questions { li { (q) } } }
            }
            @if s.shape == Some(Shape::Backpack) {
                h2 { (Ui::Backpacks.text(lang)) }
                (shapes::backpacks(s, lang))
            } @else {
                @for board in &s.boards {
                    div.board {
                        h2 { (s.board_heading(board, lang)) }
                        (shapes::board(s, board, lang))
                    }
                }
            }
            @if !s.ranking.is_empty() {
                h2 { (Ui::RankingTitle.text(lang)) }
                table.rank { tbody {
                    @for r in &s.ranking {
                        tr {
                            td.place { @if r.tied { "=" } (r.place) "." }
                            td.dots { (r.dots_shown()) }
                            td.bar { span style=(format!("width:{}mm", (r.dots * 40 / most).max(1))) {} }
                            td dir="auto" { (r.text) " " small { "(" (r.zone) ")" } }
                        }
                    }
                } }
            }
            @if !s.decisions.is_empty() {
                h2 { (Msg::Decisions.text(lang)) }
                ul { @for d in &s.decisions { li dir="auto" { (d) } } }
            }
            @if !s.actions.is_empty() {
                h2 { (Msg::Actions.text(lang)) }
                (actions(&s.actions, false, lang))
            }
            @if !s.phases.is_empty() {
                h2 { (Msg::PhaseLog.text(lang)) }
                table { tbody {
                    tr { th { (Msg::Phase.text(lang)) } th { (Ui::Started.text(lang)) } th { (Ui::Ended.text(lang)) } }
                    @for p in &s.phases { tr { td { (p.name) } td.when { (p.started) } td.when { (p.ended) } } }
                } }
            }
            @if !s.links.is_empty() {
                h2 { (Msg::LinkedSessions.text(lang)) }
                ul { @for l in &s.links { li { (l) } } }
            }
        }
    }
}

/// Where the sessions go in the page's frame: a comment, which no text
/// in the page can hold, as maud escapes every `<` of it.
const SESSIONS: &str = "<!--sessions-->";

/// The document as one HTML page, written into `out` a session at a time.
pub fn render_to(doc: &Doc, out: &mut dyn io::Write) -> io::Result<()> {
    let frame = page(doc).into_string();
    let (before, after) = frame.split_once(SESSIONS).unwrap_or((&frame, ""));
    out.write_all(before.as_bytes())?;
    for s in &doc.sessions {
        out.write_all(session(s, doc.lang).into_string().as_bytes())?;
    }
    out.write_all(after.as_bytes())
}

/// The page with [`SESSIONS`] in place of the sessions.
fn page(doc: &Doc) -> Markup {
    let lang = doc.lang;
    let title = match (&doc.report, doc.sessions.first()) {
        (Some(r), _) => format!("{} — {}", r.network, Ui::ReportTitle.text(lang)),
        (None, Some(s)) if doc.sessions.len() == 1 => s.title.clone(),
        _ => "sempre".to_string(),
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                @if let Some(report) = &doc.report {
                    section.report {
                        h1 {
                            (report.network) " — " (Ui::ReportTitle.text(lang))
                            @if report.since.is_some() || report.until.is_some() {
                                small {
                                    (report.since.map(|d| d.to_string()).unwrap_or_default())
                                    " – "
                                    (report.until.map(|d| d.to_string()).unwrap_or_default())
                                }
                            }
                        }
                        table.summary {
                            thead { tr {
                                th { (Msg::Date.text(lang)) } th { (Msg::Title.text(lang)) } th { (Msg::Method.text(lang)) }
                                th.n { (Msg::Notes.text(lang)) } th.n { (Msg::Actions.text(lang)) }
                            } }
                            tbody {
                                @for s in &doc.sessions {
                                    tr {
                                        td.when { (s.date.map(|d| d.to_string()).unwrap_or_default()) }
                                        td { (s.title) } td { (s.method) }
                                        td.n { (s.notes) } td.n { (s.actions.len()) }
                                    }
                                }
                            }
                        }
                    }
                }
                (PreEscaped(SESSIONS))
                @if doc.report.is_some() {
                    section.open-actions {
                        h1 { (Ui::OpenActions.text(lang)) }
                        (actions(&doc.open_actions, true, lang))
                    }
                }
                footer { (footer(doc)) }
            }
        }
    }
}
