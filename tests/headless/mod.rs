//! A headless interface for tests: commands go through `update`, and the
//! disk work it asks for is done against a real store in a temporary
//! folder.

#![allow(dead_code, clippy::unwrap_used)]

use jiff::Timestamp;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::store::{Store, load_session};
use sempre::tui::app::{App, Input, Prefs, Screen, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::theme::ThemeName;
use sempre::tui::{perform, settle};

pub struct Harness {
    pub _dir: tempfile::TempDir,
    pub store: Store,
    pub app: App,
}

impl Harness {
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("sessions"));
        let prefs = Prefs {
            lang: Lang::En,
            theme: ThemeName::Default,
            projector: false,
        };
        let clock = Clock::fixed("2026-10-03T08:00:00Z".parse::<Timestamp>().unwrap());
        let mut app = App::new(MethodLibrary::builtin(), prefs, "sessions".into(), clock);
        app.tz = jiff::tz::TimeZone::UTC;
        app.exports_dir = dir.path().join("exports");
        let mut h = Harness {
            _dir: dir,
            store,
            app,
        };
        h.input(Input::Resize(100, 30));
        h.perform_list();
        h
    }

    pub fn perform_list(&mut self) {
        perform(
            &mut self.app,
            &self.store,
            vec![sempre::tui::app::Effect::List],
        );
    }

    /// Applies `input` and does the disk work it asks for; the board's
    /// saves are waited for, so the file can be read at once.
    pub fn input(&mut self, input: Input) {
        let effects = update(&mut self.app, input);
        perform(&mut self.app, &self.store, effects);
        settle(&mut self.app, &self.store);
    }

    pub fn cmd(&mut self, cmd: Command) {
        self.input(Input::Command(cmd));
    }

    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            self.input(Input::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
    }

    /// Presses a key as the terminal sends it, through the keymap.
    #[allow(dead_code)]
    pub fn press(&mut self, c: char) {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(input) = sempre::tui::translate(&self.app, Event::Key(event)) {
            self.input(input);
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.input(Input::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Creates a session through the wizard and opens its board.
    pub fn new_session(mut self, method: &str, title: &str) -> Harness {
        self.cmd(Command::NewSession);
        let index = self
            .app
            .methods
            .all()
            .iter()
            .position(|m| m.method.id == method)
            .unwrap();
        for _ in 0..index {
            self.cmd(Command::PrevField); // to the method field
            self.cmd(Command::ChoiceNext);
            self.cmd(Command::NextField);
        }
        self.typed(title);
        self.cmd(Command::Create);
        assert!(matches!(self.app.screen, Screen::Board(_)), "board opened");
        self
    }

    pub fn note(&mut self, text: &str) {
        self.cmd(Command::AddNote);
        self.typed(text);
        self.cmd(Command::Submit);
    }

    pub fn board(&self) -> &sempre::tui::screens::board::BoardState {
        self.app.board().unwrap()
    }

    pub fn on_disk(&self) -> sempre::model::Session {
        load_session(self.board().open.path()).unwrap()
    }

    pub fn texts(&self, zone: &str) -> Vec<String> {
        self.on_disk()
            .notes
            .iter()
            .filter(|n| n.zone == zone)
            .map(|n| n.text.clone())
            .collect()
    }
}

impl Harness {
    /// A store holding copies of every example session, on the follow-up
    /// screen.
    pub fn followup() -> Harness {
        let mut h = Harness::new();
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
        std::fs::create_dir_all(h.store.dir()).unwrap();
        for entry in std::fs::read_dir(examples).unwrap() {
            let path = entry.unwrap().path();
            // Only the sessions: a `.index` or `.locks` left by a run in
            // the repository is a folder and no example.
            if path.extension().is_some_and(|e| e == "json") {
                std::fs::copy(&path, h.store.dir().join(path.file_name().unwrap())).unwrap();
            }
        }
        h.cmd(Command::FollowUp);
        assert!(
            matches!(h.app.screen, Screen::Followup(_)),
            "on the follow-up screen"
        );
        h
    }

    /// The follow-up screen's state.
    pub fn follow(&self) -> &sempre::tui::screens::followup::FollowupState {
        match &self.app.screen {
            Screen::Followup(f) => f,
            _ => panic!("not on the follow-up screen"),
        }
    }

    /// Opens a copy of the repository's example session of `method`.
    pub fn example(method: &str) -> Harness {
        let mut h = Harness::new();
        let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("sessions/example-{method}.json"));
        std::fs::create_dir_all(h.store.dir()).unwrap();
        std::fs::copy(&example, h.store.dir().join(format!("{method}.json"))).unwrap();
        h.cmd(Command::Reload);
        h.cmd(Command::Open);
        assert!(
            matches!(h.app.screen, Screen::Board(_)),
            "the example opened"
        );
        // A board speaks its session's language; the tests read English,
        // so the board is switched with F2 as a facilitator would.
        if h.app.prefs.lang != Lang::En {
            h.cmd(Command::ToggleLanguage);
            h.app.flash = None;
        }
        h
    }

    /// Answers the open form: each value in a field, then saves.
    pub fn fill(&mut self, values: &[&str]) {
        for (i, value) in values.iter().enumerate() {
            if let Some(sempre::tui::layers::Layer::Form(form)) = self.app.layers.last_mut() {
                form.fields[i].area = ratatui_textarea::TextArea::new(vec![value.to_string()]);
            }
        }
        self.cmd(Command::Create);
    }

    /// Chooses the menu item whose label contains `label`.
    pub fn choose(&mut self, label: &str) {
        let Some(sempre::tui::layers::Layer::Menu(menu)) = self.app.layers.last() else {
            panic!("no menu open");
        };
        let index = menu
            .items
            .iter()
            .position(|i| i.label.contains(label))
            .unwrap_or_else(|| {
                panic!(
                    "no item {label:?} in {:?}",
                    menu.items.iter().map(|i| &i.label).collect::<Vec<_>>()
                )
            });
        if let Some(sempre::tui::layers::Layer::Menu(menu)) = self.app.layers.last_mut() {
            menu.selected = index;
        }
        self.cmd(Command::Open);
    }

    /// Focuses the first note whose text starts with `text`.
    pub fn focus_text(&mut self, text: &str) {
        let id = self
            .board()
            .session()
            .notes
            .iter()
            .find(|n| n.text.starts_with(text))
            .map(|n| n.id)
            .unwrap_or_else(|| panic!("no note {text:?}"));
        let prefs = self.app.prefs.clone();
        if let Screen::Board(b) = &mut self.app.screen {
            let board = b
                .session()
                .boards
                .iter()
                .position(|x| x.id == b.session().note(id).unwrap().board)
                .unwrap();
            if board != b.board {
                b.board = board;
                b.reindex(&prefs);
            }
            b.focus_note(id);
        }
    }

    /// What the status line says, if anything.
    pub fn flash(&self) -> String {
        self.app
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default()
    }

    /// What the screen shows, drawn into a test terminal of the app's size.
    pub fn draw(&self) -> ratatui::Terminal<ratatui::backend::TestBackend> {
        let (w, h) = self.app.size;
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| sempre::tui::render::render(&self.app, f))
            .unwrap();
        terminal
    }

    /// The text of the screen, line by line.
    pub fn screen_text(&self) -> String {
        let terminal = self.draw();
        let buffer = terminal.backend().buffer();
        let mut text = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                text.push_str(buffer[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }

    /// The first note on disk whose text starts with `text`.
    pub fn saved(&self, text: &str) -> sempre::model::Note {
        self.on_disk()
            .notes
            .into_iter()
            .find(|n| n.text.starts_with(text))
            .unwrap_or_else(|| panic!("no saved note {text:?}"))
    }
}
