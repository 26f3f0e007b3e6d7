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
use crate::strings::{Msg, PlanText, ReportText as R, Ui};

const STYLE: &str = include_str!("style.css");

/// The background of each note colour, from the colour table.
fn note_colours() -> String {
    crate::model::COLOURS
        .iter()
        .map(|c| format!(".c-{} {{ background: {}; }}\n", c.code, c.print))
        .collect()
}

/// One note as a sticky note.
pub(super) fn note(n: &NoteDoc, lang: Lang) -> Markup {
    let meta = n.meta(lang, "● ", str::to_string);
    let class = format!(
        "note c-{}{}{}{}",
        n.colour.code(),
        if n.quote { " own-words" } else { "" },
        if n.dropped { " dropped" } else { "" },
        if n.set_aside { " set-aside" } else { "" }
    );
    html! {
        div class=(class) {
            span.sym { (n.colour.symbol()) }
            @if let Some(k) = n.number { b { (k) ". " } }
            @if n.quote { q.quote dir="auto" { (n.text) } } @else { span dir="auto" { (n.text) } }
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

/// Where a frame's parts go, written one after the other: a comment,
/// which no text in the page can hold, as maud escapes every `<` of it.
const HOLE: &str = "<!--part-->";

/// [`HOLE`] as markup.
fn hole() -> PreEscaped<&'static str> {
    PreEscaped(HOLE)
}

/// Writes `frame`, and into its `i`th [`HOLE`] what `part(i, out)`
/// writes: a large page is made and written a piece at a time.
fn write_frame(
    out: &mut dyn io::Write,
    frame: Markup,
    mut part: impl FnMut(usize, &mut dyn io::Write) -> io::Result<()>,
) -> io::Result<()> {
    let frame = frame.into_string();
    for (i, piece) in frame.split(HOLE).enumerate() {
        if i > 0 {
            part(i - 1, out)?;
        }
        out.write_all(piece.as_bytes())?;
    }
    Ok(())
}

/// A zone with its clusters and notes.
pub(super) fn zone(z: &ZoneDoc, lang: Lang, style: Option<String>) -> Markup {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = zone_to(z, lang, style, &mut out);
    PreEscaped(String::from_utf8(out).unwrap_or_default())
}

/// [`zone`], written into `out` a note at a time.
pub(super) fn zone_to(
    z: &ZoneDoc,
    lang: Lang,
    style: Option<String>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let count = z.notes().count();
    let frame = html! {
        div.zone style=[style] {
            h3 { (z.name) " (" (count) ")" }
            @if !z.question.is_empty() { p.question { (z.question) } }
            @if count == 0 { p.empty { (Msg::NoNotes.text(lang)) } }
            @for group in &z.groups {
                @if let Some(title) = &group.title {
                    fieldset.cluster {
                        legend { (title) }
                        (hole())
                    }
                } @else {
                    (hole())
                }
            }
        }
    };
    write_frame(out, frame, |i, out| {
        for n in z.groups.get(i).map_or(&[][..], |g| &g.notes) {
            out.write_all(note(n, lang).into_string().as_bytes())?;
        }
        Ok(())
    })
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

/// A session, written into `out` a zone and a ranking row at a time.
fn session_to(s: &SessionDoc, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    write_frame(out, session(s, lang), |i, out| match i {
        0 => boards_to(s, lang, out),
        _ => ranking_to(s, out),
    })
}

fn boards_to(s: &SessionDoc, lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    if s.shape == Some(Shape::Backpack) {
        let backpacks = html! {
            h2 { (Ui::Backpacks.text(lang)) }
            (shapes::backpacks(s, lang))
        };
        return out.write_all(backpacks.into_string().as_bytes());
    }
    for board in &s.boards {
        let frame = html! {
            div.board {
                h2 { (s.board_heading(board, lang)) }
                (hole())
            }
        };
        write_frame(out, frame, |_, out| shapes::board_to(s, board, lang, out))?;
    }
    Ok(())
}

fn ranking_to(s: &SessionDoc, out: &mut dyn io::Write) -> io::Result<()> {
    let most = s.ranking.first().map_or(1, |r| r.dots.max(1));
    for r in &s.ranking {
        let row = html! {
            tr {
                td.place { @if r.tied { "=" } (r.place) "." }
                td.dots { (r.dots_shown()) }
                td.bar { span style=(format!("width:{}mm", (r.dots * 40 / most).max(1))) {} }
                td dir="auto" { (r.text) " " small { "(" (r.zone) ")" } }
            }
        };
        out.write_all(row.into_string().as_bytes())?;
    }
    Ok(())
}

/// A session's frame: its boards and its ranking's rows are holes.
fn session(s: &SessionDoc, lang: Lang) -> Markup {
    html! {
        section.session {
            h1 { (s.title) small { (s.method) } }
            table.facts { tbody {
                @for (label, value) in &s.facts { tr { th { (label) } td { (value) } } }
            } }
            @if !s.questions.is_empty() {
                ul.questions { @for q in &s.questions { li { (q) } } }
            }
            (hole())
            @if !s.ranking.is_empty() {
                h2 { (Ui::RankingTitle.text(lang)) }
                table.rank { tbody { (hole()) } }
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
            @if let Some(plan) = &s.plan {
                h2 { (PlanText::PlannedVsActual.text(lang)) }
                p { (plan.start) }
                table.plan { tbody {
                    tr {
                        th { (PlanText::Time.text(lang)) } th { (PlanText::What.text(lang)) }
                        th.n { (PlanText::Planned.text(lang)) } th { (PlanText::Began.text(lang)) }
                        th.n { (PlanText::Actual.text(lang)) } th.n { (PlanText::Difference.text(lang)) }
                    }
                    @for r in &plan.rows {
                        tr.break[r.is_break] {
                            td.when { (r.clock) } td { (r.what) } td.n { (r.planned) }
                            td.when { (r.began) } td.n { (r.actual) }
                            td.n.overdue[r.over] { (r.difference) }
                        }
                    }
                } }
                p { strong { (plan.summary) } }
            }
            @if !s.links.is_empty() {
                h2 { (Msg::LinkedSessions.text(lang)) }
                ul { @for l in &s.links { li { (l) } } }
            }
        }
    }
}

/// The document as one HTML page, written into `out` as it is made.
pub fn render_to(doc: &Doc, out: &mut dyn io::Write) -> io::Result<()> {
    write_frame(out, page(doc), |_, out| {
        doc.sessions
            .iter()
            .try_for_each(|s| session_to(s, doc.lang, out))
    })
}

/// The page with a hole for the sessions.
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
                style { (PreEscaped(STYLE)) (PreEscaped(note_colours())) }
            }
            body {
                @if let (Some(report), Some(sum)) = (&doc.report, &doc.summary) {
                    section.report {
                        h1 { (report.network) " — " (Ui::ReportTitle.text(lang)) }
                        p.period {
                            @if let (Some(from), Some(to)) = (sum.from, sum.to) {
                                (R::Period.text(lang).replace("{from}", &from.to_string()).replace("{to}", &to.to_string()))
                                " · "
                            }
                            @if let Some(made) = sum.made {
                                (R::Made.text(lang).replace("{date}", &made.to_string()))
                            }
                        }
                        h2 { (R::Summary.text(lang)) }
                        p.totals {
                            strong { (sum.rows.len()) } " " (R::Sessions.text(lang)) " · "
                            strong { (sum.total.participants) } " " (R::Participants.text(lang)) " · "
                            strong { (sum.total.notes) } " " (R::Notes.text(lang)) " · "
                            strong { (sum.total.decisions) } " " (R::Decisions.text(lang))
                        }
                        table.summary {
                            thead { tr {
                                th { (Msg::Date.text(lang)) } th { (Msg::Title.text(lang)) } th { (Msg::Method.text(lang)) }
                                th.n { (Msg::Notes.text(lang)) } th.n { (Msg::Decisions.text(lang)) }
                                th.n { (R::Done.text(lang)) } th.n { (R::Open.text(lang)) } th.n { (R::Overdue.text(lang)) }
                                th.n { (R::Dropped.text(lang)) }
                            } }
                            tbody {
                                @for (s, row) in doc.sessions.iter().zip(&sum.rows) {
                                    tr {
                                        td.when { (s.date.map(|d| d.to_string()).unwrap_or_default()) }
                                        td { (s.title) } td { (s.method) }
                                        td.n { (row.notes) } td.n { (row.decisions) }
                                        td.n { (row.done) } td.n { (row.open) }
                                        td.n.overdue[row.overdue > 0] { (row.overdue) }
                                        td.n { (row.dropped) }
                                    }
                                }
                                tr.total {
                                    th colspan="3" { (R::Total.text(lang)) }
                                    td.n { (sum.total.notes) } td.n { (sum.total.decisions) }
                                    td.n { (sum.total.done) } td.n { (sum.total.open) }
                                    td.n.overdue[sum.total.overdue > 0] { (sum.total.overdue) }
                                    td.n { (sum.total.dropped) }
                                }
                            }
                        }
                        h3 { (R::ActionsChart.text(lang)) }
                        (super::chart_svg(sum, [R::Done.text(lang), R::Open.text(lang), R::Overdue.text(lang), R::Dropped.text(lang)]))
                        h3 { (crate::strings::completed_heading(lang, report.until, sum.from)) }
                        @if sum.completed.is_empty() {
                            p { (R::NothingCompleted.text(lang)) }
                        } @else {
                            ul.completed {
                                @for c in &sum.completed {
                                    li dir="auto" { (c.text) " " small { "(" (c.session) ", " (R::CompletedOn.text(lang).replace("{date}", &c.on.to_string())) ")" } }
                                }
                            }
                        }
                    }
                }
                (hole())
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
