//! The method library: what a facilitator reads when choosing a method.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::wizard::WizardState;
use crate::i18n::{Lang, Text};
use crate::methods::Method;
use crate::strings::{Msg, Ui};
use crate::tui::app::{App, Effect, Input, Screen};
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::render::{Ctx, hints, status_line};
use crate::tui::theme::Theme;

/// The library's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryState {
    /// The highlighted method, by position in the library.
    pub selected: usize,
    /// How far the description is scrolled.
    pub scroll: u16,
}

/// A method file that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The file, as the library found it.
    pub file: String,
    /// Its mistakes, one line each, such as `phases[1].goal: missing; ...`.
    pub mistakes: Vec<String>,
}

impl Broken {
    /// The file's name without its folder.
    pub fn name(&self) -> String {
        std::path::Path::new(&self.file)
            .file_name()
            .map_or(self.file.clone(), |n| n.to_string_lossy().into_owned())
    }
}

/// The method files that could not be loaded, each once, with their
/// mistakes. They are listed after the methods, so that a facilitator who
/// wrote one sees why it is missing.
pub fn broken(app: &App) -> Vec<Broken> {
    let lang = app.prefs.lang;
    let mut out: Vec<Broken> = Vec::new();
    for problem in app.methods.problems() {
        let Some(file) = problem.file() else {
            continue;
        };
        let line = problem.line(lang);
        match out.iter_mut().find(|b| b.file == file) {
            Some(b) => b.mistakes.push(line),
            None => out.push(Broken {
                file: file.to_string(),
                mistakes: vec![line],
            }),
        }
    }
    out
}

/// Applies an input to the library.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    let methods = app.methods.all().len();
    let count = methods + broken(app).len();
    let Screen::Library(l) = &mut app.screen else {
        return Vec::new();
    };
    match input {
        Input::Command(Command::Up) => {
            l.selected = l.selected.saturating_sub(1);
            l.scroll = 0;
        }
        Input::Command(Command::Down) => {
            l.selected = (l.selected + 1).min(count.saturating_sub(1));
            l.scroll = 0;
        }
        Input::Command(Command::PageUp) => l.scroll = l.scroll.saturating_sub(10),
        Input::Command(Command::PageDown) => l.scroll = l.scroll.saturating_add(10),
        Input::Command(Command::NewSession | Command::Open) if l.selected < methods => {
            let selected = l.selected;
            app.screen = Screen::Wizard(Box::new(WizardState::new(
                selected,
                app.prefs.lang,
                app.today(),
            )));
        }
        Input::Command(Command::Back | Command::Quit) => return app.go_home(),
        _ => {}
    }
    Vec::new()
}

/// Draws the library.
pub fn render(l: &LibraryState, app: &App, ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let lang = ctx.lang();
    let t = &ctx.theme;
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let list_width = if area.width >= 120 { 40 } else { 30 };
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(body);
    let methods = app.methods.all();
    let mut lines = vec![
        Line::styled(format!(" {}", Ui::LibraryTitle.text(lang)), t.title),
        Line::raw(""),
    ];
    for (i, m) in methods.iter().enumerate() {
        let style = if i == l.selected { t.selected } else { t.text };
        lines.push(Line::styled(format!(" {}", m.method.name.get(lang)), style));
        lines.push(Line::styled(
            format!(
                "   {} · {}",
                m.method.category.label(lang),
                m.method.complexity.label(lang)
            ),
            t.dim,
        ));
    }
    let broken = broken(app);
    if !broken.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(" {}", Ui::LibraryBroken.text(lang)),
            t.title,
        ));
    }
    for (i, b) in broken.iter().enumerate() {
        let style = if methods.len() + i == l.selected {
            t.selected
        } else {
            t.error
        };
        lines.push(Line::styled(format!(" ⚠ {}", b.name()), style));
        let first = b.mistakes.first().map_or("", String::as_str);
        lines.push(Line::styled(format!("   {first}"), t.dim));
    }
    frame.render_widget(
        Paragraph::new(lines).scroll((list_scroll(l.selected, methods.len(), list.height), 0)),
        list,
    );
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(t.border);
    let shown = match methods.get(l.selected) {
        Some(m) => describe(&m.method, lang, t),
        None => broken
            .get(l.selected - methods.len())
            .map(|b| describe_broken(b, lang, t))
            .unwrap_or_default(),
    };
    frame.render_widget(
        Paragraph::new(shown)
            .wrap(Wrap { trim: true })
            .scroll((l.scroll, 0))
            .block(block),
        detail,
    );
    // A file that failed to load cannot start a session: no hint offers it.
    let usable = l.selected < methods.len();
    let keys = [
        (Command::NewSession, Ui::HintUseMethod),
        (Command::PageDown, Ui::HintScroll),
        (Command::Back, Ui::HintBack),
        (Command::Help, Ui::HintHelp),
    ];
    let right = hints(ctx, Context::Library, &keys[usize::from(!usable)..]);
    status_line(frame, status, ctx.flash_line(None), right);
}

/// A broken method file's mistakes, and how to see them all.
fn describe_broken<'a>(b: &Broken, lang: Lang, t: &Theme) -> Vec<Line<'a>> {
    let count = crate::strings::mistakes(lang, b.mistakes.len());
    let mut lines = vec![
        Line::styled(format!(" ⚠ {}", b.name()), t.error),
        Line::styled(format!(" {count}:"), t.title),
    ];
    for mistake in &b.mistakes {
        lines.push(Line::styled(format!("  • {mistake}"), t.text));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(" {}", Ui::LibraryBrokenCheck.text(lang)),
        t.dim,
    ));
    lines.push(Line::styled(
        format!("   sempre methods check {}", b.file),
        t.key,
    ));
    lines.push(Line::styled(
        format!(" {}", Ui::LibraryBrokenFix.text(lang)),
        t.dim,
    ));
    lines
}

/// How far the list scrolls so that the selected line shows: methods
/// take two lines each, then a heading, then two lines per broken file.
fn list_scroll(selected: usize, methods: usize, height: u16) -> u16 {
    let line = if selected < methods {
        2 + 2 * selected + 1
    } else {
        2 + 2 * methods + 2 + 2 * (selected - methods) + 1
    };
    u16::try_from((line + 1).saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

fn fact<'a>(label: Msg, value: String, lang: Lang, t: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!(" {}: ", label.text(lang)), t.title),
        Span::styled(value, t.text),
    ])
}

fn list<'a>(lines: &mut Vec<Line<'a>>, label: Msg, items: &[Text], lang: Lang, t: &Theme) {
    if items.is_empty() {
        return;
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", label.text(lang)), t.title));
    for item in items {
        lines.push(Line::styled(format!("  • {}", item.get(lang)), t.text));
    }
}

/// The method's facts, zones and phases as styled lines.
pub fn describe<'a>(m: &Method, lang: Lang, t: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::styled(format!(" {}", m.name.get(lang)), t.zone_active),
        Line::styled(format!(" {}", m.summary.get(lang)), t.text),
        Line::raw(""),
        fact(Msg::Category, m.category.label(lang).to_string(), lang, t),
        fact(
            Msg::Complexity,
            m.complexity.label(lang).to_string(),
            lang,
            t,
        ),
        fact(Msg::Time, m.time.get(lang).to_string(), lang, t),
    ];
    if let Some(g) = m.group_size {
        lines.push(fact(
            Msg::GroupSize,
            format!("{}–{}", g.min, g.max),
            lang,
            t,
        ));
    }
    lines.push(fact(
        Msg::FacilitatorSkills,
        m.facilitator_skills.get(lang).to_string(),
        lang,
        t,
    ));
    list(&mut lines, Msg::Strengths, &m.strengths, lang, t);
    list(&mut lines, Msg::Pitfalls, &m.pitfalls, lang, t);
    list(&mut lines, Msg::UsedWith, &m.used_with, lang, t);
    list(&mut lines, Msg::Examples, &m.examples, lang, t);
    list(&mut lines, Msg::Materials, &m.materials, lang, t);
    list(&mut lines, Msg::Questions, &m.questions, lang, t);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " {} ({} {})",
            Msg::Phases.text(lang),
            m.planned_minutes(),
            Msg::Minutes.text(lang)
        ),
        t.title,
    ));
    for (i, p) in m.phases.iter().enumerate() {
        let optional = if p.optional {
            format!(", {}", Msg::Optional.text(lang))
        } else {
            String::new()
        };
        lines.push(Line::styled(
            format!(
                "  {}. {} ({} {}{optional})",
                i + 1,
                p.name.get(lang),
                p.minutes,
                Msg::Minutes.text(lang)
            ),
            t.zone_active,
        ));
        lines.push(Line::styled(format!("     {}", p.goal.get(lang)), t.text));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(format!(" {}", Msg::Zones.text(lang)), t.title));
    for z in &m.zones {
        let question = z.questions.first().map_or("", |q| q.get(lang));
        lines.push(Line::from(vec![
            Span::styled(format!("  {}: ", z.name.get(lang)), t.key),
            Span::styled(question.to_string(), t.text),
        ]));
    }
    lines
}
