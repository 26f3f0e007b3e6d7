//! Export and follow-up speed: a session of 2,000 notes exported in each
//! format (goal: well under 100 ms, so the dialog answers at once), and
//! the follow-up screen over 500 sessions: filtering by a word (goal
//! ≤ 10 ms per key typed) and drawing one frame (goal ≤ 5 ms).
//!
//! Run with `cargo bench --bench export`.

use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sempre::export::{Format, Options, Source, export};
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{Context, NewNote, Session};
use sempre::store::{Listing, StoredSession};
use sempre::tui::app::{App, Input, Outcome, Prefs, update};
use sempre::tui::clock::Clock;
use sempre::tui::command::Command;
use sempre::tui::render::render;
use sempre::tui::screens::followup::FollowupState;
use sempre::tui::theme::ThemeName;

fn main() {
    divan::main();
}

fn session(notes: usize, n: usize) -> Session {
    let library = MethodLibrary::builtin();
    let method = library.get("fremtidsvaerksted").expect("built in");
    let context = Context {
        title: format!("Hverdagen som enlig forælder {n}"),
        language: Lang::Da,
        network: Some(format!("LEN {}", n % 12)),
        target_group: Some("Enlige forældre".into()),
        place: None,
        date: Some(date(2026, 1 + (n % 12) as i8, 1 + (n % 28) as i8)),
        facilitators: vec!["Mette".into()],
        participant_count: Some(12),
        participants: vec![],
        tags: vec!["mikroprojekt".into()],
    };
    let t = Timestamp::UNIX_EPOCH;
    let mut s = Session::new(method, context, t);
    let zones = ["kritik", "fantasi", "virkeliggoerelse"];
    for i in 0..notes {
        let text = format!("Seddel {i}: for lidt tid med børnene om aftenen og i weekenden");
        let id = s
            .add_note(method, NewNote::new(zones[i % 3], &text), t)
            .expect("valid");
        if i % 50 == 0 {
            s.set_dots(id, (i % 7) as u32, None, t).expect("valid");
            s.add_action(&format!("Følg op på seddel {i}"), Some(id), None, t)
                .expect("valid");
        }
    }
    s
}

#[divan::bench(args = ["md", "html", "csv", "json"])]
fn export_2000_notes(bencher: divan::Bencher, format: &str) {
    let library = MethodLibrary::builtin();
    let s = session(2_000, 0);
    let format = match format {
        "md" => Format::Markdown,
        "html" => Format::Html,
        "csv" => Format::Csv,
        _ => Format::Json,
    };
    let options = Options {
        anonymize: false,
        lang: Lang::Da,
        tz: TimeZone::UTC,
        today: date(2026, 11, 23),
        titles: Default::default(),
        private_elsewhere: Default::default(),
    };
    let sources = [Source {
        session: &s,
        method: library.get("fremtidsvaerksted"),
    }];
    bencher.bench_local(|| export(&sources, None, format, &options));
}

fn listing(sessions: usize) -> Listing {
    Listing {
        sessions: (0..sessions)
            .map(|n| StoredSession {
                path: format!("{n}.json").into(),
                session: session(60, n),
            })
            .collect(),
        problems: Vec::new(),
    }
}

#[divan::bench]
fn followup_filter_500_sessions(bencher: divan::Bencher) {
    let library = MethodLibrary::builtin();
    let mut state = FollowupState::default();
    state.load(Ok(listing(500)), &library, Lang::Da);
    let words = ["", "b", "bø", "bør", "børn", "børne"];
    let mut i = 0;
    bencher.bench_local(|| {
        state.review.filter.text = words[i % words.len()].to_string();
        i += 1;
        state.refresh();
    });
}

#[divan::bench]
fn followup_frame_500_sessions_160x48(bencher: divan::Bencher) {
    let prefs = Prefs {
        lang: Lang::Da,
        theme: ThemeName::Default,
        projector: false,
    };
    let mut app = App::new(
        MethodLibrary::builtin(),
        prefs,
        "sessions".into(),
        Clock::fixed(Timestamp::UNIX_EPOCH),
    );
    update(&mut app, Input::Resize(160, 48));
    update(&mut app, Input::Command(Command::FollowUp));
    update(&mut app, Input::Outcome(Outcome::Listed(Ok(listing(500)))));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
    bencher.bench_local(|| {
        terminal
            .draw(|frame| render(&app, frame))
            .map(|_| ())
            .expect("draws");
    });
}
