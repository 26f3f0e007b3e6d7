//! The process tab: one network's sessions over time, oldest first, with
//! the links between them (the needs analysis that led to a service
//! design, the follow-ups after it), to see how a micro-project grew.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;
use uuid::Uuid;

use super::{Entry, FollowupState, export_dialog, open_read_only, state_mut};
use crate::model::SessionRelation;
use crate::model::text::fit;
use crate::store::network_key;
use crate::strings::{Msg, Ui, relation_name};
use crate::tui::app::{App, Effect, Input};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::layers::ExportScope;
use crate::tui::render::{Ctx, hints};

/// One network and its sessions, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    /// Its name; none for sessions without a network.
    pub name: Option<String>,
    /// Its sessions, by position in the entries.
    pub entries: Vec<usize>,
}

/// The process tab's state.
#[derive(Debug, Default)]
pub struct ProcessState {
    /// Every network, by name; sessions without one last.
    pub networks: Vec<Network>,
    /// The network shown.
    pub network: usize,
    /// The selected session in its timeline.
    pub selected: usize,
    /// The network shown, by name, kept when the store is read again.
    pub shown_name: Option<Option<String>>,
}

impl ProcessState {
    /// Groups `entries` by network again, keeping the network shown.
    pub fn regroup(&mut self, entries: &[Entry]) {
        let mut networks: Vec<Network> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let name = e.summary.network.clone();
            // One network however its sessions spell it, as in its report.
            let key = name.as_deref().map(network_key);
            match networks
                .iter_mut()
                .find(|n| n.name.as_deref().map(network_key) == key)
            {
                Some(n) => n.entries.push(i),
                None => networks.push(Network {
                    name,
                    entries: vec![i],
                }),
            }
        }
        for n in &mut networks {
            n.entries
                .sort_by_key(|i| (entries[*i].date, entries[*i].facts.created));
        }
        networks.sort_by_key(|n| (n.name.is_none(), n.name.as_deref().map(network_key)));
        self.networks = networks;
        if let Some(name) = &self.shown_name
            && let Some(i) = self.networks.iter().position(|n| &n.name == name)
        {
            self.network = i;
        }
        self.network = self.network.min(self.networks.len().saturating_sub(1));
        self.selected = self.selected.min(
            self.current()
                .map_or(0, |n| n.entries.len().saturating_sub(1)),
        );
        self.shown_name = self.current().map(|n| n.name.clone());
    }

    /// The network shown.
    pub fn current(&self) -> Option<&Network> {
        self.networks.get(self.network)
    }

    fn show(&mut self, network: usize) {
        self.network = network.min(self.networks.len().saturating_sub(1));
        self.selected = 0;
        self.shown_name = self.current().map(|n| n.name.clone());
    }
}

fn selected_entry(f: &FollowupState) -> Option<&Entry> {
    let n = f.process.current()?;
    n.entries.get(f.process.selected).map(|i| &f.entries[*i])
}

/// Applies an input to the process tab.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let lang = app.prefs.lang;
    let Some(f) = state_mut(app) else {
        return Vec::new();
    };
    let p = &mut f.process;
    let count = p.current().map_or(0, |n| n.entries.len());
    let networks = p.networks.len();
    match input {
        Input::Command(Command::Up) => p.selected = p.selected.saturating_sub(1),
        Input::Command(Command::Down) => p.selected = (p.selected + 1).min(count.saturating_sub(1)),
        Input::Command(Command::FocusLeft) if networks > 0 => {
            p.show((p.network + networks - 1) % networks)
        }
        Input::Command(Command::FocusRight) if networks > 0 => p.show((p.network + 1) % networks),
        Input::Command(Command::Open) => {
            return selected_entry(f)
                .map(|e| open_read_only(e.path.clone()))
                .unwrap_or_default();
        }
        Input::Command(Command::Export) => {
            let selected = f
                .process
                .current()
                .and_then(|n| n.entries.get(f.process.selected));
            let needed = super::unread_for_export(f, selected.copied());
            if !needed.is_empty() {
                // The dialog opens once they are read.
                return vec![Effect::Fetch(needed, Command::Export)];
            }
            let shown = f.process.current().and_then(|n| n.name.clone());
            let mut scopes = super::review::report_scopes(f, shown.as_deref(), lang);
            // The shown network's report first, then the selected session.
            let at = usize::from(shown.is_some() && !scopes.is_empty());
            if let Some(session) = selected_entry(f).and_then(|e| e.full.as_deref()) {
                scopes.insert(at, ExportScope::session(session));
            }
            export_dialog(app, scopes);
        }
        _ => {}
    }
    Vec::new()
}

/// How `a` and `b` are linked, seen from `a`, if they are.
fn link(a: &Entry, b: &Entry) -> Option<SessionRelation> {
    let from_a = a
        .facts
        .links
        .iter()
        .find(|l| l.session == b.summary.id)
        .map(|l| l.relation);
    let from_b = b
        .facts
        .links
        .iter()
        .find(|l| l.session == a.summary.id)
        .map(|l| match l.relation {
            SessionRelation::FollowsFrom => SessionRelation::LeadsTo,
            SessionRelation::LeadsTo => SessionRelation::FollowsFrom,
            SessionRelation::Related => SessionRelation::Related,
        });
    from_a.or(from_b)
}

/// The timeline's lines, and the line each session starts on.
fn timeline(
    f: &FollowupState,
    net: &Network,
    ctx: &Ctx,
    today: jiff::civil::Date,
    width: u16,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut starts = Vec::new();
    let indent = " ".repeat(13);
    let room = usize::from(width).saturating_sub(15);
    let neighbours: Vec<Uuid> = net
        .entries
        .iter()
        .map(|i| f.entries[*i].summary.id)
        .collect();
    for (k, i) in net.entries.iter().enumerate() {
        let e = &f.entries[*i];
        let s = &e.summary;
        let selected = k == f.process.selected;
        starts.push(lines.len());
        let mark = if selected { "▶" } else { "●" };
        let head_style = if selected { t.selected } else { t.key };
        let mut head = e.method_name(lang).to_string();
        if let Some(c) = e.category {
            head.push_str(&format!(" · {}", c.label(lang)));
        }
        if let Some(g) = &s.target_group {
            head.push_str(&format!(" · {g}"));
        }
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", e.date), t.dim),
            Span::styled(format!("{mark} {}", fit(&head, room)), head_style),
        ]));
        lines.push(Line::from(vec![
            Span::raw(indent.clone()),
            Span::styled(fit(&s.title, room), t.title),
        ]));
        let open = e.open_actions();
        let late = e.actions().iter().filter(|a| a.is_overdue(today)).count();
        let facts = [
            format!("{}: {}", Msg::Notes.text(lang), e.facts.public_notes),
            format!("{}: {}", Msg::Decisions.text(lang), e.facts.decisions),
            Ui::ActionsOpen
                .text(lang)
                .replace("{n}", &e.actions().len().to_string())
                .replace("{open}", &open.to_string()),
        ];
        let mut spans = vec![
            Span::raw(indent.clone()),
            Span::styled(fit(&facts.join(" · "), room), t.dim),
        ];
        if late > 0 {
            spans.push(Span::styled(
                format!(
                    "  {}",
                    Ui::OverdueCount
                        .text(lang)
                        .replace("{n}", &late.to_string())
                ),
                t.error,
            ));
        }
        lines.push(Line::from(spans));
        for d in &e.facts.first_decisions {
            lines.push(Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(fit(&format!("▸ {}", d.replace('\n', " ")), room), t.text),
            ]));
        }
        // Links to sessions that are not the next one in this timeline.
        let next = net.entries.get(k + 1).map(|j| &f.entries[*j]);
        for l in &e.facts.links {
            if next.is_some_and(|n| n.summary.id == l.session) {
                continue;
            }
            let earlier = neighbours[..k].contains(&l.session);
            if earlier && l.relation == SessionRelation::FollowsFrom {
                continue;
            }
            let title = f
                .title_of(l.session)
                .unwrap_or_else(|| Ui::UnknownSession.text(lang).to_string());
            lines.push(Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(
                    fit(
                        &format!("↳ {}: {title}", relation_name(l.relation, lang)),
                        room,
                    ),
                    t.dim,
                ),
            ]));
        }
        if let Some(n) = next {
            let (bar, text, style): (&str, String, Style) = match link(e, n) {
                Some(r) => ("│", format!("↓ {}", relation_name(r, lang)), t.key),
                None => ("┆", Ui::NotLinked.text(lang).to_string(), t.dim),
            };
            lines.push(Line::from(vec![Span::styled(
                format!("{:>12}{bar}", ""),
                style,
            )]));
            lines.push(Line::from(vec![
                Span::styled(format!("{:>12}{bar}  ", ""), style),
                Span::styled(text, style),
            ]));
            lines.push(Line::from(vec![Span::styled(
                format!("{:>12}{bar}", ""),
                style,
            )]));
        }
    }
    (lines, starts)
}

/// Draws the process tab and returns its key hints.
pub fn render(
    f: &FollowupState,
    app: &App,
    ctx: &Ctx,
    frame: &mut Frame,
    area: Rect,
) -> Line<'static> {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let p = &f.process;
    let list_width = if area.width >= 120 { 32 } else { 24 };
    let [list_area, body] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(area);
    let no_network = Ui::NoNetwork.text(lang);
    let items: Vec<ListItem> = p
        .networks
        .iter()
        .map(|n| {
            let name = n.name.as_deref().unwrap_or(no_network);
            let count = format!(" {}", n.entries.len());
            let room = usize::from(list_width).saturating_sub(count.width() + 3);
            let name = fit(name, room);
            let pad = room.saturating_sub(name.width());
            ListItem::new(format!("{name}{}{count}", " ".repeat(pad)))
        })
        .collect();
    let mut state =
        ListState::default().with_selected((!p.networks.is_empty()).then_some(p.network));
    frame.render_stateful_widget(
        List::new(items)
            .block(
                Block::default()
                    .borders(Borders::RIGHT)
                    .border_style(t.border)
                    .title(Line::styled(format!(" {}", Msg::Network.text(lang)), t.dim)),
            )
            .highlight_style(t.selected)
            .highlight_symbol("▶ "),
        list_area,
        &mut state,
    );
    let [head, timeline_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(body);
    match p.current() {
        None => {
            let text = if f.loaded {
                Ui::NoSessionsYet
            } else {
                Ui::Loading
            };
            frame.render_widget(
                Paragraph::new(format!("  {}", text.text(lang))).style(t.dim),
                head,
            );
        }
        Some(net) => {
            let first = net.entries.first().map(|i| f.entries[*i].date);
            let last = net.entries.last().map(|i| f.entries[*i].date);
            let span = match (first, last) {
                (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
                (Some(a), _) => a.to_string(),
                _ => String::new(),
            };
            let mut stages: Vec<String> = Vec::new();
            for i in &net.entries {
                if let Some(c) = f.entries[*i].category {
                    let name = c.label(lang).to_string();
                    if stages.last() != Some(&name) {
                        stages.push(name);
                    }
                }
            }
            let summary = Ui::ProcessSummary
                .text(lang)
                .replace("{n}", &net.entries.len().to_string())
                .replace("{span}", &span);
            frame.render_widget(
                Paragraph::new(vec![
                    Line::styled(
                        format!(" {}", net.name.as_deref().unwrap_or(no_network)),
                        t.title,
                    ),
                    Line::styled(format!(" {summary}"), t.dim),
                    Line::styled(format!(" {}", stages.join(" → ")), t.key),
                ]),
                head,
            );
            let (lines, starts) = timeline(f, net, ctx, app.today(), timeline_area.width);
            let height = usize::from(timeline_area.height);
            let start = starts.get(p.selected).copied().unwrap_or(0);
            let end = starts.get(p.selected + 1).copied().unwrap_or(lines.len());
            let scroll = end.saturating_sub(height).min(start);
            frame.render_widget(
                Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
                timeline_area,
            );
        }
    }
    hints(
        ctx,
        Context::Process,
        &[
            (Command::FocusRight, Ui::HintNetwork),
            (Command::Open, Ui::HintReadOnly),
            (Command::Export, Ui::HintReport),
            (Command::NextTab, Ui::HintNextTab),
            (Command::Help, Ui::HintHelp),
            (Command::Quit, Ui::HintBack),
        ],
    )
}
