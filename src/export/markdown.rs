//! Markdown: readable on a code forge and in any editor. Every piece of a
//! participant's text is escaped, so it stays text.

use std::fmt::{self, Write as _};
use std::io;

use super::doc::{ActionDoc, BranchDoc, DRAWN_DEPTH, Doc, NoteDoc, SessionDoc, ZoneDoc};
use super::sink::Sink;
use crate::i18n::Lang;
use crate::methods::Shape;
use crate::model::text::capitalise;
use crate::strings::{Msg, Ui};

/// `text` made inert: no Markdown or HTML meaning, one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let one_line = text.replace("\r\n", "\n").replace(['\n', '\r'], " / ");
    // Leading spaces could start a code block.
    let one_line = one_line.trim();
    for (i, c) in one_line.chars().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            // An unclosed right-to-left override would turn the rest of
            // the line around; the text's own direction still shows.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. " at the start would make a numbered list.
    if let Some(dot) = out.find(". ")
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

fn note_line(n: &NoteDoc, lang: Lang) -> String {
    let mut line = format!("{} ", n.colour.symbol());
    if let Some(k) = n.number {
        let _ = write!(line, "{k}\\. ");
    }
    let words = escape(&n.words(lang));
    if n.dropped {
        let _ = write!(line, "~~{words}~~");
    } else {
        line.push_str(&words);
    }
    let meta = n.meta(lang, "", escape);
    if !meta.is_empty() {
        let _ = write!(line, " — _{}_", meta.join(" · "));
    }
    line
}

fn notes(t: &mut dyn fmt::Write, n: &NoteDoc, indent: &str, lang: Lang) {
    let _ = writeln!(t, "{indent}- {}", note_line(n, lang));
    for (assumption, text) in &n.attached {
        let sign = if *assumption { "?" } else { "▸" };
        let _ = writeln!(t, "{indent}  - {sign} {}", escape(text));
    }
}

fn zone(t: &mut dyn fmt::Write, z: &ZoneDoc, lang: Lang) {
    let count = z.notes().count();
    let _ = writeln!(t, "\n### {} ({count})\n", escape(&z.name));
    if !z.question.is_empty() {
        let _ = writeln!(t, "> {}\n", escape(&z.question));
    }
    if count == 0 {
        let _ = writeln!(t, "{}", Msg::NoNotes.text(lang));
    }
    for group in &z.groups {
        if let Some(title) = &group.title {
            let _ = writeln!(t, "\n**{}**\n", escape(title));
        }
        for n in &group.notes {
            notes(t, n, "", lang);
        }
    }
}

fn branch(t: &mut dyn fmt::Write, b: &BranchDoc, lang: Lang) {
    for (note, depth) in &b.cards {
        let indent = "  ".repeat((*depth).min(DRAWN_DEPTH));
        if *depth > DRAWN_DEPTH {
            let mut deep = note.clone();
            deep.text = format!("{} {}: {}", Ui::TreeLevel.text(lang), depth + 1, note.text);
            notes(t, &deep, &indent, lang);
        } else {
            notes(t, note, &indent, lang);
        }
    }
}

fn session(t: &mut dyn fmt::Write, s: &SessionDoc, lang: Lang) {
    let _ = writeln!(t, "# {}\n", escape(&s.title));
    let _ = writeln!(t, "| | |\n|---|---|");
    for (label, value) in &s.facts {
        let _ = writeln!(t, "| {} | {} |", escape(label), escape(value));
    }
    if !s.questions.is_empty() {
        let _ = writeln!(t, "\n**{}**\n", Msg::Questions.text(lang));
        for q in &s.questions {
            let _ = writeln!(t, "- {}", escape(q));
        }
    }
    if !s.phases.is_empty() {
        let _ = writeln!(t, "\n## {}\n", Msg::PhaseLog.text(lang));
        let _ = writeln!(
            t,
            "| {} | {} | {} |\n|---|---|---|",
            Msg::Phase.text(lang),
            Ui::Started.text(lang),
            Ui::Ended.text(lang)
        );
        for p in &s.phases {
            let _ = writeln!(t, "| {} | {} | {} |", escape(&p.name), p.started, p.ended);
        }
    }
    for board in &s.boards {
        let _ = write!(t, "\n## {}", escape(&s.board_heading(board, lang)));
        if let Some(w) = &board.weight {
            let _ = write!(t, " — {} {w}", Ui::WeightWord.text(lang));
        }
        let _ = writeln!(t);
        if s.shape == Some(Shape::Tree) {
            for tree in &board.trees {
                let [crown, trunk, roots] = &tree.names;
                let _ = writeln!(t, "\n### {}\n", escape(crown));
                for b in &tree.crown {
                    branch(t, b, lang);
                }
                let _ = writeln!(t, "\n### {}\n", escape(trunk));
                for n in &tree.trunk {
                    notes(t, n, "", lang);
                }
                let _ = writeln!(t, "\n### {}\n", escape(roots));
                for b in &tree.roots {
                    branch(t, b, lang);
                }
            }
            for z in board.zones.iter().filter(|z| z.part.is_none()) {
                zone(t, z, lang);
            }
        } else {
            for z in board
                .zones
                .iter()
                .filter(|z| !(z.attaches && z.notes().count() == 0))
            {
                zone(t, z, lang);
            }
        }
    }
    if !s.ranking.is_empty() {
        let _ = writeln!(t, "\n## {}\n", Ui::RankingTitle.text(lang));
        let most = s.ranking.first().map_or(1, |r| r.dots.max(1));
        let _ = writeln!(t, "| # | {} | | |\n|---|---|---|---|", Msg::Dots.text(lang));
        for r in &s.ranking {
            let bar = "█".repeat(((r.dots * 20) / most).max(1) as usize);
            let place = if r.tied {
                format!("={}", r.place)
            } else {
                r.place.to_string()
            };
            let _ = writeln!(
                t,
                "| {place} | {} | {bar} | {} ({}) |",
                r.dots_shown(),
                escape(&r.text),
                escape(&r.zone)
            );
        }
    }
    if !s.decisions.is_empty() {
        let _ = writeln!(t, "\n## {}\n", Msg::Decisions.text(lang));
        for d in &s.decisions {
            let _ = writeln!(t, "- {}", escape(d));
        }
    }
    if !s.actions.is_empty() {
        let _ = writeln!(t, "\n## {}\n", Msg::Actions.text(lang));
        actions(t, &s.actions, false, lang);
    }
    if let Some(plan) = &s.plan {
        use crate::strings::PlanText as P;
        let _ = writeln!(t, "\n## {}\n", P::PlannedVsActual.text(lang));
        let _ = writeln!(t, "{}\n", escape(&plan.start));
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} | {} | {} |\n|---|---|---:|---|---:|---:|",
            P::Time.text(lang),
            P::What.text(lang),
            P::Planned.text(lang),
            P::Began.text(lang),
            P::Actual.text(lang),
            P::Difference.text(lang)
        );
        for r in &plan.rows {
            let what = if r.is_break {
                format!("*{}*", escape(&r.what))
            } else {
                escape(&r.what)
            };
            let _ = writeln!(
                t,
                "| {} | {what} | {} | {} | {} | {} |",
                r.clock, r.planned, r.began, r.actual, r.difference
            );
        }
        let _ = writeln!(t, "\n{}", escape(&plan.summary));
    }
    if !s.links.is_empty() {
        let _ = writeln!(t, "\n## {}\n", Msg::LinkedSessions.text(lang));
        for l in &s.links {
            let _ = writeln!(t, "- {}", escape(l));
        }
    }
}

fn actions(t: &mut dyn fmt::Write, list: &[ActionDoc], with_session: bool, lang: Lang) {
    let session = if with_session {
        format!(" {} |", Msg::Title.text(lang))
    } else {
        String::new()
    };
    let _ = writeln!(
        t,
        "| {} | {} | {} | {} |{session}\n|---|---|---|---|{}",
        Msg::Actions.text(lang),
        capitalise(Msg::Owner.text(lang)),
        capitalise(Msg::Due.text(lang)),
        Ui::Status.text(lang),
        if with_session { "---|" } else { "" }
    );
    for a in list {
        let due = a.due.map(|d| d.to_string()).unwrap_or_default();
        let due = if a.overdue {
            format!("**{due} ⚠ {}**", Ui::Overdue.text(lang))
        } else {
            due
        };
        let session = if with_session {
            format!(" {} |", escape(&a.session))
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "| {} | {} | {due} | {} |{session}",
            escape(&a.text),
            a.owner.as_deref().map(escape).unwrap_or_default(),
            a.status_name
        );
    }
}

/// The document as Markdown, written into `out` as it is made.
pub fn render_to(doc: &Doc, out: &mut dyn io::Write) -> io::Result<()> {
    let mut sink = Sink::new(out);
    render(&mut sink, doc);
    sink.finish()
}

fn render(t: &mut dyn fmt::Write, doc: &Doc) {
    let lang = doc.lang;
    if let (Some(report), Some(sum)) = (&doc.report, &doc.summary) {
        use crate::strings::ReportText as R;
        let _ = writeln!(
            t,
            "# {} — {}\n",
            escape(&report.network),
            Ui::ReportTitle.text(lang)
        );
        let mut heading = Vec::new();
        if let (Some(from), Some(to)) = (sum.from, sum.to) {
            heading.push(
                R::Period
                    .text(lang)
                    .replace("{from}", &from.to_string())
                    .replace("{to}", &to.to_string()),
            );
        }
        if let Some(made) = sum.made {
            heading.push(R::Made.text(lang).replace("{date}", &made.to_string()));
        }
        let _ = writeln!(t, "{}\n", heading.join(" · "));
        let _ = writeln!(t, "## {}\n", R::Summary.text(lang));
        let _ = writeln!(
            t,
            "**{}** {} · **{}** {} · **{}** {} · **{}** {}\n",
            sum.rows.len(),
            R::Sessions.text(lang),
            sum.total.participants,
            R::Participants.text(lang),
            sum.total.notes,
            R::Notes.text(lang),
            sum.total.decisions,
            R::Decisions.text(lang)
        );
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---:|---:|---:|---:|---:|---:|",
            Msg::Date.text(lang),
            Msg::Title.text(lang),
            Msg::Method.text(lang),
            Msg::Notes.text(lang),
            Msg::Decisions.text(lang),
            R::Done.text(lang),
            R::Open.text(lang),
            R::Overdue.text(lang),
            R::Dropped.text(lang)
        );
        for (s, row) in doc.sessions.iter().zip(&sum.rows) {
            let date = s.date.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(
                t,
                "| {date} | {} | {} | {} | {} | {} | {} | {} | {} |",
                escape(&s.title),
                escape(&s.method),
                row.notes,
                row.decisions,
                row.done,
                row.open,
                row.overdue,
                row.dropped
            );
        }
        let x = &sum.total;
        let _ = writeln!(
            t,
            "| **{}** | | | **{}** | **{}** | **{}** | **{}** | **{}** | **{}** |\n",
            R::Total.text(lang),
            x.notes,
            x.decisions,
            x.done,
            x.open,
            x.overdue,
            x.dropped
        );
        let _ = writeln!(
            t,
            "### {}\n",
            crate::strings::completed_heading(lang, report.until, sum.from)
        );
        if sum.completed.is_empty() {
            let _ = writeln!(t, "{}", R::NothingCompleted.text(lang));
        }
        for c in &sum.completed {
            let on = R::CompletedOn
                .text(lang)
                .replace("{date}", &c.on.to_string());
            let _ = writeln!(t, "- {} ({}, {on})", escape(&c.text), escape(&c.session));
        }
        let _ = writeln!(t);
    }
    for (i, s) in doc.sessions.iter().enumerate() {
        if i > 0 || doc.report.is_some() {
            let _ = writeln!(t, "\n---\n");
        }
        session(t, s, lang);
    }
    if doc.report.is_some() {
        let _ = writeln!(t, "\n---\n\n# {}\n", Ui::OpenActions.text(lang));
        actions(t, &doc.open_actions, true, lang);
    }
    let _ = writeln!(t, "\n---\n\n_{}_", footer(doc));
}

/// The closing line of every export.
pub fn footer(doc: &Doc) -> String {
    let mut text = Ui::ExportFooter.text(doc.lang).to_string();
    if doc.anonymized {
        text.push(' ');
        text.push_str(Ui::ExportAnonymized.text(doc.lang));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_notes_stays_text() {
        assert_eq!(escape("# Overskrift"), "\\# Overskrift");
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("| a | b |"), "\\| a \\| b \\|");
        assert_eq!(escape("- liste"), "\\- liste");
        assert_eq!(escape("1. punkt"), "1\\. punkt");
        assert_eq!(
            escape("*fed* og _kursiv_ [link](x)"),
            "\\*fed\\* og \\_kursiv\\_ \\[link\\](x)"
        );
        assert_eq!(escape("to\nlinjer"), "to / linjer");
    }
}
