//! The full-screen interface: home, method library, new-session wizard and
//! the board.
//!
//! `app` holds the state and the one `update` that changes it; `render`
//! draws it; this module is the edge that reads terminal events, performs
//! the disk work `update` asks for, and redraws when something changed or
//! while a timer runs.

pub mod app;
pub mod clock;
pub mod command;
pub mod field;
pub mod keymap;
pub mod layers;
pub mod prefs;
pub mod render;
pub mod screens;
mod terminal;
pub mod theme;
pub mod timer;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, MouseEventKind};

use app::{App, Effect, Input, Outcome, Screen, update};
use keymap::lookup;

use crate::model::text::without_controls;
use crate::store::{Access, OpenSession, SaveReport, Store, StoreWatch, open_file};

/// How often the event loop looks for the saver's answers while a save
/// is under way.
const SAVE_POLL: Duration = Duration::from_millis(20);

/// How often the event loop takes in what phones sent while the room is
/// open.
const ROOM_POLL: Duration = Duration::from_millis(100);

/// How often the event loop asks the store's watch whether files changed
/// on disk while no key comes. The watch listens on a thread of its own;
/// asking costs nothing.
const WATCH_POLL: Duration = Duration::from_millis(250);

/// How the interface starts.
pub struct Start {
    /// The store to list and save in.
    pub store: Store,
    /// Show this session's board at once (`sempre open`); closing it
    /// ends the program.
    pub open: Option<OpenSession>,
    /// Open the room on that board at once (`sempre open --live`).
    pub live: Option<Live>,
}

/// How the room opens on a board started with `--live`.
#[derive(Debug, Clone, Default)]
pub struct Live {
    /// Where the server listens.
    pub options: crate::room::RoomOptions,
    /// Notes from phones go on the wall without waiting for approval.
    pub accept_all: bool,
}

/// Turns a terminal event into an input for [`update`]. Control
/// characters never reach a text: a key that types one is dropped, and a
/// paste loses them (line breaks and tabs stay).
pub fn translate(app: &App, event: Event) -> Option<Input> {
    match event {
        Event::Key(key) if matches!(key.code, KeyCode::Char(c) if c.is_control()) => None,
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let context = app.context();
            match lookup(context, &key, app.takes_text()) {
                Some(cmd) => Some(Input::Command(cmd)),
                None => Some(Input::Key(key)),
            }
        }
        Event::Paste(text) => Some(Input::Paste(without_controls(&text))),
        // Only clicks and the wheel do anything; passing on every move
        // would redraw for nothing and wipe the message on the status line.
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(_) | MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                Some(Input::Mouse(mouse))
            }
            _ => None,
        },
        Event::Resize(w, h) => Some(Input::Resize(w, h)),
        _ => None,
    }
}

/// Does the disk work of `effects` and feeds each result back, until no
/// work is left. The board's changes go to its saver without waiting;
/// its answers come in through [`take_saves`] or [`settle`].
pub fn perform(app: &mut App, store: &Store, effects: Vec<Effect>) {
    let mut pending = effects;
    while let Some(effect) = pending.pop() {
        let outcome = match effect {
            // The home screen needs each session's summary, which the
            // store's index has; follow-up works with whole sessions.
            Effect::List => match &app.screen {
                Screen::Home(_) => Outcome::Overview(store.overview(None)),
                Screen::Followup(_) => {
                    Outcome::Gathered(screens::followup::gather(store).map(Box::new))
                }
                _ => Outcome::Listed(store.list()),
            },
            Effect::Fetch(paths, cmd) => {
                if screens::followup::take_whole(app, &paths) {
                    pending.extend(update(app, Input::Command(cmd)));
                }
                continue;
            }
            Effect::Open(path, access) => {
                // The board this one replaces hears how its last save went
                // first, and merges in a change made elsewhere.
                let first = settle_board(app);
                if !first.is_empty() {
                    pending.push(Effect::Open(path, access));
                    pending.extend(first);
                    continue;
                }
                Outcome::Opened(open_file(&path, access).map(Box::new))
            }
            Effect::Create(session) => {
                let first = settle_board(app);
                if !first.is_empty() {
                    pending.push(Effect::Create(session));
                    pending.extend(first);
                    continue;
                }
                Outcome::Opened(
                    store
                        .create(&session)
                        .and_then(|path| open_file(&path, Access::Edit))
                        .map(Box::new),
                )
            }
            Effect::CreateDaySession(session, item, at) => {
                Outcome::DaySessionMade(store.create(&session).map(|_| session.id), item, at)
            }
            Effect::Save => {
                if let Screen::Board(b) = &mut app.screen {
                    b.open.save();
                }
                continue;
            }
            Effect::Settle(cmd) => {
                // What the last saves asked for (a merge with a change made
                // elsewhere) comes before the command.
                let first = settle_board(app);
                if first.is_empty() {
                    pending.extend(update(app, Input::Command(cmd)));
                } else {
                    pending.push(Effect::Settle(cmd));
                    pending.extend(first);
                }
                continue;
            }
            Effect::WriteScript(path) => match &app.screen {
                Screen::Board(b) => {
                    Outcome::ScriptWritten(screens::board::write_script(b, app, store, &path))
                }
                _ => continue,
            },
            Effect::ReadDay => match &app.screen {
                Screen::Board(b) => {
                    Outcome::DayRead(crate::day::Day::of(store, b.session()).map(Box::new))
                }
                _ => continue,
            },
            Effect::Merge => match &mut app.screen {
                Screen::Board(b) => {
                    let (answers, result) = b.open.merge_from_disk();
                    pending.extend(feed_saves(app, answers));
                    Outcome::Merged(result)
                }
                _ => continue,
            },
            Effect::Reload => match &mut app.screen {
                Screen::Board(b) => {
                    let (answers, result) = b.open.reload();
                    pending.extend(feed_saves(app, answers));
                    Outcome::Reloaded(result)
                }
                _ => continue,
            },
            Effect::Refresh => match &mut app.screen {
                Screen::Board(b) if b.open.is_read_only() => {
                    let (answers, result) = b.open.reload();
                    pending.extend(feed_saves(app, answers));
                    Outcome::Refreshed(result)
                }
                _ => continue,
            },
            Effect::CheckEditable(target) => {
                let result = screens::followup::check_editable(&target);
                Outcome::Editable(target, result)
            }
            Effect::EditAction(edit) => {
                let result = screens::followup::apply_edit(&edit, app.clock.now());
                Outcome::ActionEdited(edit, Box::new(result))
            }
            Effect::SavePrefs => match &mut app.prefs_file {
                Some(file) => Outcome::PrefsSaved(file.save(&app.remembered)),
                None => continue,
            },
            Effect::Export(job) => Outcome::Exported(layers::write_export(
                &job,
                store,
                &app.methods,
                app.today(),
                app.tz.clone(),
            )),
        };
        pending.extend(update(app, Input::Outcome(outcome)));
    }
    // Follow-up reads a whole session only when it is shown (the preview,
    // an action's origin) and asks the index for free text.
    screens::followup::fetch_wanted(app, store);
}

/// Takes in the answers the board's saver has given so far, without
/// waiting. Says whether there were any.
pub fn take_saves(app: &mut App, store: &Store) -> bool {
    let answers = match &mut app.screen {
        Screen::Board(b) => b.open.answers(),
        _ => return false,
    };
    let any = !answers.is_empty();
    let effects = feed_saves(app, answers);
    perform(app, store, effects);
    any
}

/// Takes in what the store's watch heard changed on disk since it was
/// last asked, without waiting, and reads again what the screen shows of
/// it. Says whether anything changed.
pub fn take_store_change(app: &mut App, store: &Store, watch: &StoreWatch) -> bool {
    let Some(change) = watch.poll() else {
        return false;
    };
    let effects = update(
        app,
        Input::StoreChanged {
            paths: change.paths,
        },
    );
    perform(app, store, effects);
    true
}

/// Waits until the board's saver has written every change handed to it,
/// and takes in its answers: what quitting does, and what tests do to
/// read the file at once.
pub fn settle(app: &mut App, store: &Store) {
    let effects = settle_board(app);
    perform(app, store, effects);
}

fn settle_board(app: &mut App) -> Vec<Effect> {
    let answers = match &mut app.screen {
        Screen::Board(b) => b.open.settle(),
        _ => return Vec::new(),
    };
    feed_saves(app, answers)
}

fn feed_saves(app: &mut App, answers: Vec<SaveReport>) -> Vec<Effect> {
    answers
        .into_iter()
        .flat_map(|report| update(app, Input::Outcome(Outcome::Saved(report))))
        .collect()
}

/// Runs the interface until the user quits.
pub fn run(mut app: App, start: Start) -> anyhow::Result<()> {
    let mut terminal = terminal::enter()?;
    let result = event_loop(&mut terminal, &mut app, start);
    terminal::leave();
    result
}

fn event_loop(terminal: &mut terminal::Term, app: &mut App, start: Start) -> anyhow::Result<()> {
    // Start listening before the size is read: a resize in between would
    // otherwise be lost until the next key (the event reader installs its
    // resize signal handler when first asked).
    event::poll(Duration::ZERO)?;
    // Listening starts before the store is first read, so nothing written
    // in between is missed.
    let watch = StoreWatch::start(start.store.dir());
    let size = terminal.size()?;
    update(app, Input::Resize(size.width, size.height));
    match start.open {
        Some(open) => {
            let effects = update(app, Input::Outcome(Outcome::Opened(Ok(Box::new(open)))));
            perform(app, &start.store, effects);
            if let Screen::Board(b) = &mut app.screen {
                b.exit_on_close = true;
                if let Some(live) = &start.live {
                    b.room.options = live.options.clone();
                    b.room.accept_all = live.accept_all;
                }
            }
            if start.live.is_some() && app.board().is_some() {
                let effects = screens::board::open_room(app);
                perform(app, &start.store, effects);
            }
        }
        None => perform(app, &start.store, vec![Effect::List]),
    }
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| render::render(app, frame))?;
            dirty = false;
        }
        let timer = match app.board() {
            Some(b) if b.timer.is_running() => Some(b.timer.until_next_second(app.clock.now())),
            _ => None,
        };
        let mut wait = timer.unwrap_or(Duration::from_secs(3600));
        if app.board().is_some_and(|b| b.room.is_open()) {
            wait = wait.min(ROOM_POLL);
        }
        let timer_at = timer.map(|t| Instant::now() + t);
        let tick_at = Instant::now() + wait;
        let timeout = if app.board().is_some_and(|b| b.open.saving()) {
            wait.min(SAVE_POLL)
        } else {
            wait.min(WATCH_POLL)
        };
        if !event::poll(timeout)? {
            dirty |= take_saves(app, &start.store);
            dirty |= take_store_change(app, &start.store, &watch);
            if Instant::now() >= tick_at {
                let heard = app.board().map(|b| b.room.heard);
                let effects = update(app, Input::Tick);
                perform(app, &start.store, effects);
                // Redraw when the second changes or a phone was heard.
                dirty |= timer_at.is_some_and(|t| Instant::now() >= t)
                    || app.board().map(|b| b.room.heard) != heard
                    || app.board().is_none_or(|b| !b.room.is_open());
            }
            continue;
        }
        if let Some(input) = translate(app, event::read()?) {
            let effects = update(app, input);
            perform(app, &start.store, effects);
            dirty = true;
        }
        dirty |= take_saves(app, &start.store);
        dirty |= take_store_change(app, &start.store, &watch);
    }
    Ok(())
}
