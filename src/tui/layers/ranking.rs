//! Notes ranked by their dots, one table per zone (critique problems and
//! fantasy ideas answer different questions), with the zone's clusters
//! ranked by their notes' dots. Equal dots share a place and are marked;
//! a key starts a tie-break round among the tied notes only.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::Layer;
use crate::model::Rank;
use crate::strings::Ui;
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, centred, dialog, hints};
use crate::tui::screens::board::{BoardState, FormPurpose, cluster_title, open_form};

/// The ranking view's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RankingState {
    /// The zones of the running phase (or the focused zone), shown first.
    pub zones: Vec<usize>,
    /// First line shown.
    pub scroll: usize,
}

/// The notes the ranking covers: those shown in `zones`, dropped ones
/// left out.
pub fn candidates(b: &BoardState, zones: &[usize]) -> Vec<Uuid> {
    zones
        .iter()
        .flat_map(|z| b.index.zones.get(*z).into_iter().flatten())
        .map(|i| &b.session().notes[*i])
        .filter(|n| n.status.is_active())
        .map(|n| n.id)
        .collect()
}

/// One zone's table: its notes and clusters by dots.
struct Table {
    zone: usize,
    notes: Vec<Rank>,
    clusters: Vec<crate::model::ClusterRank>,
}

/// The tables shown: the running phase's zones first, then every other
/// zone whose notes have dots, in the method's order.
fn tables(b: &BoardState, r: &RankingState) -> Vec<Table> {
    let s = b.session();
    let rest = (0..b.method.zones.len()).filter(|z| !r.zones.contains(z));
    r.zones
        .iter()
        .copied()
        .chain(rest)
        .filter_map(|zone| {
            let ids = candidates(b, &[zone]);
            let notes = s.ranking(&ids);
            let first = r.zones.contains(&zone);
            (first || !notes.is_empty()).then(|| Table {
                zone,
                clusters: s.cluster_ranking(&ids),
                notes,
            })
        })
        .collect()
}

/// The first group of notes that still share a place, in the order the
/// tables are shown.
pub fn first_tie(b: &BoardState, r: &RankingState) -> Option<Vec<Uuid>> {
    tables(b, r).into_iter().find_map(|t| {
        let first = t.notes.iter().find(|x| x.tied)?;
        Some(
            t.notes
                .iter()
                .filter(|x| x.tied && x.place == first.place)
                .map(|x| x.note)
                .collect(),
        )
    })
}

pub(super) fn update(app: &mut App, input: Input) -> Vec<Effect> {
    // Every ranked note and cluster takes a line and every table a few,
    // so scrolling stops near the end before the table is drawn.
    let (most, tie) = match (app.layers.last(), &app.screen) {
        (Some(Layer::Ranking(r)), Screen::Board(b)) => (
            b.session().notes.len() + b.session().clusters.len() + 4 * b.method.zones.len(),
            first_tie(b, r),
        ),
        _ => (0, None),
    };
    let Some(Layer::Ranking(r)) = app.layers.last_mut() else {
        return Vec::new();
    };
    match input {
        Input::Command(Command::Up) => r.scroll = r.scroll.saturating_sub(1),
        Input::Command(Command::Down) => r.scroll = (r.scroll + 1).min(most),
        Input::Command(Command::TieBreak) => match tie {
            Some(notes) => {
                app.layers.pop();
                open_form(app, FormPurpose::TieBreak(notes));
            }
            None => app.say(app.t(Ui::NoTies)),
        },
        Input::Command(Command::Back) => {
            app.layers.pop();
        }
        _ => {}
    }
    Vec::new()
}

/// A row of a table: place, bar, dots, tie-break votes and words.
struct Row<'a> {
    place: usize,
    tied: bool,
    dots: u32,
    extra: u32,
    text: &'a str,
}

fn row(ctx: &Ctx, width: usize, most: u32, x: &Row) -> Line<'static> {
    let t = &ctx.theme;
    let bar_room = (width / 5).clamp(6, 30);
    let bar = ((x.dots as usize * bar_room) / most.max(1) as usize).max(1);
    // The mark before the place says it is shared, so a tie never reads as
    // an order.
    let place = if x.tied {
        format!("={}.", x.place)
    } else {
        format!("{}.", x.place)
    };
    let extra = if x.extra > 0 {
        format!("+{}", x.extra)
    } else {
        String::new()
    };
    let room = width.saturating_sub(bar_room + 16);
    let text = crate::model::text::fit(&x.text.replace('\n', " "), room);
    let pad = room.saturating_sub(text.width());
    Line::from(vec![
        Span::styled(format!("{place:>5} "), t.title),
        Span::styled("█".repeat(bar), t.zone_active),
        Span::raw(" ".repeat(bar_room - bar + 1)),
        Span::styled(format!("{:>3}", x.dots), t.key),
        Span::styled(format!("{extra:<4} "), t.ok),
        Span::styled(text, t.dialog),
        Span::raw(" ".repeat(pad)),
    ])
}

fn lines(b: &BoardState, r: &RankingState, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let s = b.session();
    let mut out = Vec::new();
    for table in tables(b, r) {
        if !out.is_empty() {
            out.push(Line::raw(""));
        }
        let zone = b.method.zones[table.zone].name.get(lang);
        out.push(Line::styled(zone.to_string(), t.title));
        if table.notes.is_empty() {
            out.push(Line::styled(
                format!("      {}", Ui::NoDotsYet.text(lang)),
                t.dim,
            ));
        }
        let most = table.notes.first().map_or(1, |x| x.dots);
        for rank in &table.notes {
            let Ok(note) = s.note(rank.note) else {
                continue;
            };
            let x = Row {
                place: rank.place,
                tied: rank.tied,
                dots: rank.dots,
                extra: rank.tie_break,
                text: &note.text,
            };
            out.push(row(ctx, width, most, &x));
        }
        if !table.clusters.is_empty() {
            out.push(Line::styled(
                format!("  {}", Ui::RankClusters.text(lang)),
                t.dim,
            ));
            let most = table.clusters.first().map_or(1, |x| x.dots);
            for c in &table.clusters {
                let Some(cluster) = s.clusters.iter().find(|k| k.id == c.cluster) else {
                    continue;
                };
                let title = cluster_title(cluster, b.index.hide_private, lang);
                let text = format!("{title} ({})", c.notes);
                let x = Row {
                    place: c.place,
                    tied: c.tied,
                    dots: c.dots,
                    extra: 0,
                    text: &text,
                };
                out.push(row(ctx, width, most, &x));
            }
        }
    }
    out
}

pub(super) fn render(r: &RankingState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let Screen::Board(b) = &app.screen else {
        return;
    };
    let lang = ctx.lang();
    let width = (area.width * 4 / 5)
        .max(70)
        .min(area.width.saturating_sub(2));
    let body = lines(b, r, ctx, usize::from(width.saturating_sub(2)));
    let mut foot = vec![Line::raw(""), {
        Line::styled(Ui::TiesNote.text(lang).to_string(), ctx.theme.dim)
    }];
    let mut keys = vec![(Command::Down, Ui::HintScroll)];
    if first_tie(b, r).is_some() {
        keys.push((Command::TieBreak, Ui::HintTieBreak));
    }
    keys.push((Command::Back, Ui::HintClose));
    foot.push(hints(ctx, Context::Ranking, &keys));
    let room = usize::from(area.height.saturating_sub(4)).saturating_sub(foot.len());
    // The last page stays full however far down the keys went.
    let scroll = r.scroll.min(body.len().saturating_sub(room));
    let mut shown: Vec<Line> = body.into_iter().skip(scroll).take(room).collect();
    shown.extend(foot);
    let height = (shown.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = centred(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(shown).block(dialog(ctx, Ui::RankingTitle.text(lang).to_string())),
        popup,
    );
}
