//! Themes: every colour and emphasis the interface uses, in one struct.
//! Widgets ask the theme; they never name a colour themselves.

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

use crate::model::{COLOURS, Colour};

/// The themes a facilitator can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Soft sticky-note colours on the terminal's own background.
    #[default]
    Default,
    /// Black and white with saturated notes, for bright rooms.
    HighContrast,
    /// The Okabe–Ito palette, safe for the common colour-vision
    /// deficiencies.
    ColourBlind,
    /// No colour at all: emphasis by reverse video, bold and symbols.
    Mono,
}

impl ThemeName {
    /// Every theme, in the order a key cycles through them.
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::ColourBlind,
        ThemeName::Mono,
    ];

    /// The name used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::ColourBlind => "colour-blind",
            ThemeName::Mono => "mono",
        }
    }

    /// Reads a name given on the command line.
    pub fn from_code(code: &str) -> Option<ThemeName> {
        let code = code.trim().to_ascii_lowercase().replace("color", "colour");
        ThemeName::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The next theme.
    pub fn next(self) -> ThemeName {
        let i = ThemeName::ALL.iter().position(|t| *t == self).unwrap_or(0);
        ThemeName::ALL[(i + 1) % ThemeName::ALL.len()]
    }

    /// The theme's styles.
    pub fn theme(self) -> Theme {
        match self {
            ThemeName::Default => Theme::default_theme(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::ColourBlind => Theme::colour_blind(),
            ThemeName::Mono => Theme::mono(),
        }
    }
}

/// The styles of one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// Plain text on the background.
    pub text: Style,
    /// Less important text.
    pub dim: Style,
    /// Titles and headings.
    pub title: Style,
    /// Borders of unfocused panels.
    pub border: Style,
    /// The border of the focused zone.
    pub border_focus: Style,
    /// The heading of a zone the current phase works in.
    pub zone_active: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// A sticky note, per colour.
    pub notes: [Style; COLOURS.len()],
    /// Added to the focused note.
    pub note_focus: Style,
    /// The timer while plenty of time is left.
    pub timer: Style,
    /// The timer at 20 % left.
    pub timer_warn: Style,
    /// The timer at 5 % left.
    pub timer_urgent: Style,
    /// The timer when time is up.
    pub timer_up: Style,
    /// A banner that something failed.
    pub error: Style,
    /// A calm confirmation, such as "saved".
    pub ok: Style,
    /// Keys in hints.
    pub key: Style,
    /// Background of dialogs.
    pub dialog: Style,
}

/// An xterm-256 colour, by its name where it has one, so the first 16
/// follow the terminal's own palette.
fn ansi(n: u8) -> Color {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    NAMED
        .get(usize::from(n))
        .copied()
        .unwrap_or(Color::Indexed(n))
}

fn bg(c: Color) -> Style {
    Style::new().bg(c).fg(Color::Black)
}

impl Theme {
    /// The style of a note of `colour`.
    pub fn note(&self, colour: Colour) -> Style {
        let i = Colour::ALL.iter().position(|c| *c == colour).unwrap_or(0);
        self.notes[i]
    }

    fn default_theme() -> Theme {
        Theme {
            name: ThemeName::Default,
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            zone_active: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            notes: COLOURS.map(|c| bg(Color::Indexed(c.soft))),
            note_focus: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            timer: Style::new().fg(Color::Cyan),
            timer_warn: Style::new().fg(Color::Yellow),
            timer_urgent: Style::new().fg(Color::LightRed),
            timer_up: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            error: Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dialog: Style::new().bg(Color::Indexed(236)).fg(Color::White),
        }
    }

    fn high_contrast() -> Theme {
        let strong = |c: Color| bg(c).add_modifier(Modifier::BOLD);
        Theme {
            name: ThemeName::HighContrast,
            text: Style::new().fg(Color::White).bg(Color::Black),
            dim: Style::new().fg(Color::Gray).bg(Color::Black),
            title: Style::new()
                .fg(Color::White)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Gray).bg(Color::Black),
            border_focus: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            zone_active: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Black).bg(Color::Yellow),
            notes: COLOURS.map(|c| strong(ansi(c.strong))),
            note_focus: Style::new().add_modifier(Modifier::REVERSED),
            timer: Style::new().fg(Color::White).bg(Color::Black),
            timer_warn: Style::new().fg(Color::Yellow).bg(Color::Black),
            timer_urgent: Style::new()
                .fg(Color::LightRed)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            timer_up: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            error: Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(Color::LightGreen).bg(Color::Black),
            key: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(Modifier::BOLD),
            dialog: Style::new().fg(Color::White).bg(Color::Black),
        }
    }

    fn colour_blind() -> Theme {
        // Okabe & Ito's palette; the warning path goes yellow → orange →
        // vermillion, and "ok" is blue, so no message depends on telling
        // red from green.
        let rgb = |r, g, b| Color::Rgb(r, g, b);
        Theme {
            name: ThemeName::ColourBlind,
            notes: COLOURS.map(|c| bg(rgb(c.safe[0], c.safe[1], c.safe[2]))),
            border_focus: Style::new()
                .fg(rgb(86, 180, 233))
                .add_modifier(Modifier::BOLD),
            zone_active: Style::new()
                .fg(rgb(86, 180, 233))
                .add_modifier(Modifier::BOLD),
            timer: Style::new().fg(rgb(86, 180, 233)),
            timer_warn: Style::new().fg(rgb(240, 228, 66)),
            timer_urgent: Style::new()
                .fg(rgb(230, 159, 0))
                .add_modifier(Modifier::BOLD),
            timer_up: Style::new()
                .fg(rgb(213, 94, 0))
                .add_modifier(Modifier::BOLD),
            error: Style::new()
                .bg(rgb(213, 94, 0))
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            ok: Style::new().fg(rgb(86, 180, 233)),
            key: Style::new()
                .fg(rgb(86, 180, 233))
                .add_modifier(Modifier::BOLD),
            ..Theme::default_theme()
        }
    }

    fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            name: ThemeName::Mono,
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            zone_active: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            notes: [plain; COLOURS.len()],
            note_focus: plain.add_modifier(Modifier::REVERSED),
            timer: plain,
            timer_warn: plain.add_modifier(Modifier::BOLD),
            timer_urgent: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            timer_up: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ok: plain,
            key: plain.add_modifier(Modifier::BOLD),
            dialog: plain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_is_reachable_and_named() {
        let mut t = ThemeName::Default;
        for _ in 0..ThemeName::ALL.len() {
            assert_eq!(ThemeName::from_code(t.code()), Some(t));
            t = t.next();
        }
        assert_eq!(t, ThemeName::Default);
        assert_eq!(
            ThemeName::from_code("color-blind"),
            Some(ThemeName::ColourBlind)
        );
    }

    #[test]
    fn colours_have_distinct_symbols_and_mono_has_no_colour() {
        let symbols: std::collections::HashSet<char> =
            Colour::ALL.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols.len(), Colour::ALL.len());
        let mono = ThemeName::Mono.theme();
        for style in mono.notes.iter().chain([&mono.error, &mono.timer_up]) {
            assert_eq!((style.fg, style.bg), (None, None));
        }
    }
}
