//! Exports: golden files of every format for every example session, text
//! that tries to break out of its format, private notes and names that
//! must stay behind, and HTML that needs nothing from the network.
//!
//! After an intended change of an export, rewrite the golden files with
//! `SEMPRE_BLESS=1 cargo test --test export` and read the diff.

#![allow(clippy::unwrap_used)]

mod examples;

use std::collections::HashMap;
use std::path::PathBuf;

use examples::examples;
use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;
use sempre::export::{Format, Options, Source, export, link_titles, network_report};
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;
use sempre::model::{
    ActionStatus, Context, NewNote, Participant, Role, Session, SessionRelation, new_id,
};

const FORMATS: [Format; 4] = [Format::Markdown, Format::Html, Format::Csv, Format::Json];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn titles(sessions: &[(String, Session)]) -> HashMap<uuid::Uuid, String> {
    link_titles(sessions.iter().map(|(_, s)| s), false, Lang::Da)
}

fn options(lang: Lang, anonymize: bool, titles: HashMap<uuid::Uuid, String>) -> Options {
    Options {
        anonymize,
        lang,
        tz: TimeZone::UTC,
        today: date(2026, 11, 23),
        titles,
        private_elsewhere: Default::default(),
        plans: Default::default(),
    }
}

fn run(sessions: &[&Session], format: Format, opts: &Options) -> String {
    let library = MethodLibrary::builtin();
    let owned: Vec<Session> = sessions.iter().map(|s| (*s).clone()).collect();
    export(&Source::all(&owned, &library), None, format, opts)
}

/// Compares `text` with the golden file, or rewrites it when blessing.
fn golden(name: &str, text: &str) -> Option<String> {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("SEMPRE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return None;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    (stored != text).then(|| format!("{name} differs from its golden file"))
}

#[test]
fn every_format_of_every_example_matches_its_golden_file() {
    let all = examples();
    let titles = titles(&all);
    let mut differ = Vec::new();
    for (stem, session) in &all {
        let mut opts = options(session.context.language, false, titles.clone());
        // A session holding the day's plan shows it against the phase log.
        opts.plans = sempre::export::plan_docs(
            [session],
            all.iter().map(|(_, s)| s),
            &MethodLibrary::builtin(),
            opts.lang,
            &opts.tz,
            "2026-11-23T12:00:00Z".parse().unwrap(),
        );
        for format in FORMATS {
            let text = run(&[session], format, &opts);
            differ.extend(golden(&format!("{stem}.{}", format.extension()), &text));
        }
    }
    assert!(
        differ.is_empty(),
        "{differ:?}; if the change is intended, run SEMPRE_BLESS=1 cargo test --test export"
    );
}

#[test]
fn a_network_report_and_an_anonymized_export_match_their_golden_files() {
    let all = examples();
    let titles = titles(&all);
    let library = MethodLibrary::builtin();
    let sessions = all.iter().map(|(_, s)| s.clone());
    let (chosen, report) = network_report(sessions, "LEN Herning", None, None).unwrap();
    assert_eq!(
        chosen.len(),
        2,
        "the Future Workshop and the Double Diamond"
    );
    assert!(
        chosen[0].context.date < chosen[1].context.date,
        "oldest first"
    );
    let sources: Vec<Source> = chosen
        .iter()
        .map(|s| Source {
            session: s,
            method: library.get(&s.method.id),
        })
        .collect();
    let opts = options(Lang::Da, false, titles.clone());
    let mut differ = Vec::new();
    for format in [Format::Markdown, Format::Html, Format::Csv] {
        let text = export(&sources, Some(report.clone()), format, &opts);
        differ.extend(golden(
            &format!("report-len-herning.{}", format.extension()),
            &text,
        ));
    }
    let backpack = &all
        .iter()
        .find(|(stem, _)| stem.ends_with("rygsaek"))
        .unwrap()
        .1;
    let opts = options(Lang::Da, true, titles);
    for format in [Format::Markdown, Format::Html] {
        let text = run(&[backpack], format, &opts);
        differ.extend(golden(
            &format!("example-rygsaek.anonymized.{}", format.extension()),
            &text,
        ));
    }
    assert!(
        differ.is_empty(),
        "{differ:?}; SEMPRE_BLESS=1 cargo test --test export"
    );
}

#[test]
fn a_report_tells_which_sessions_it_covers_and_lists_open_actions_last() {
    let all = examples();
    let sessions = all.iter().map(|(_, s)| s.clone());
    let (chosen, report) =
        network_report(sessions, "LEN Syddjurs", Some(date(2026, 10, 1)), None).unwrap();
    assert_eq!(
        chosen.len(),
        1,
        "only the Theory of Change is after October 1st"
    );
    let library = MethodLibrary::builtin();
    let src = [Source {
        session: &chosen[0],
        method: library.get(&chosen[0].method.id),
    }];
    let md = export(
        &src,
        Some(report),
        Format::Markdown,
        &options(Lang::En, false, titles(&all)),
    );
    let summary = md.find("LEN Syddjurs").unwrap();
    let session = md.find(&chosen[0].context.title).unwrap();
    let open = md.rfind("Open actions").unwrap();
    assert!(summary < session && session < open, "{md}");
    let sessions = all.iter().map(|(_, s)| s.clone());
    assert!(network_report(sessions, "nowhere", None, None).is_none());
}

/// Every text a person can type, for `hostile_text_stays_inert`.
const HOSTILE: [&str; 9] = [
    "<script>alert('x')</script>",
    "</style><h1>big</h1>",
    "=HYPERLINK(\"http://evil.example/\",\"click\")",
    "| pipes | in | a | row |",
    "# Not a heading\n## nor this",
    "+45 1234 -- @everyone",
    "\tTab first",
    "OrdetsomaldrigslutterogsomerlængereendnogenlinjekanbærepåetA4arkellerpåenskærm",
    "مرحبا بكم في الورشة \u{202E}reversed",
];

fn hostile_session() -> (Session, sempre::methods::Method) {
    let method = MethodLibrary::builtin()
        .get("fremtidsvaerksted")
        .unwrap()
        .clone();
    let t = Timestamp::UNIX_EPOCH;
    let context = Context {
        title: "<b>Title</b> | # = <img src=x>".into(),
        language: Lang::En,
        network: Some("<i>LEN</i>".into()),
        target_group: Some("[link](javascript:alert(1))".into()),
        place: None,
        date: Some(date(2026, 11, 1)),
        facilitators: vec!["<u>Facilitator</u>".into()],
        participant_count: Some(3),
        participants: vec![],
        tags: vec![],
    };
    let mut s = Session::new(&method, context, t);
    let mut ids = Vec::new();
    for text in HOSTILE {
        ids.push(
            s.add_note(&method, NewNote::new("kritik", text), t)
                .unwrap(),
        );
    }
    // A hand-edited file may hold what typing cannot.
    s.notes[6].text = "\tTab first".into();
    s.cluster_notes(&ids[..2], "<script>cluster</script>", t)
        .unwrap();
    s.set_dots(ids[2], 3, None, t).unwrap();
    s.add_decision("=1+1 | <b>decision</b>", &ids[..1], t)
        .unwrap();
    s.add_action("-2+3 <script>action</script>", Some(ids[0]), None, t)
        .unwrap();
    let a = s.add_action("@SUM(A1:A9)", None, None, t).unwrap();
    s.update_action(
        a,
        Some("=owner"),
        Some(date(2026, 1, 1)),
        ActionStatus::Open,
        t,
    )
    .unwrap();
    (s, method)
}

fn export_hostile(format: Format) -> String {
    let (s, method) = hostile_session();
    let src = [Source {
        session: &s,
        method: Some(&method),
    }];
    export(
        &src,
        None,
        format,
        &options(Lang::En, false, HashMap::new()),
    )
}

#[test]
fn hostile_text_stays_inert_in_html() {
    let html = export_hostile(Format::Html);
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert_eq!(
        html.matches("<style").count(),
        1,
        "only the page's own style"
    );
    assert_eq!(html.matches("</style>").count(), 1);
    for tag in ["<h1>big", "<b>", "<img", "<i>", "<u>"] {
        assert!(!html.contains(tag), "{tag} came through: {html}");
    }
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("&lt;/style&gt;&lt;h1&gt;big"));
    assert!(
        html.contains("| pipes | in | a | row |"),
        "HTML shows pipes as they are"
    );
    assert!(html.contains("مرحبا"), "right-to-left text is kept");
    assert!(
        html.contains("dir=\"auto\""),
        "and shown in its own direction"
    );
    assert!(html.contains("overflow-wrap: anywhere"), "long words wrap");
}

#[test]
fn hostile_text_stays_inert_in_markdown() {
    let md = export_hostile(Format::Markdown);
    assert!(!md.contains("<script"), "{md}");
    assert!(!md.contains("<b>") && !md.contains("<img"), "{md}");
    assert!(md.contains("&lt;script&gt;alert"));
    assert!(md.contains("\\| pipes \\| in \\| a \\| row \\|"), "{md}");
    assert!(md.contains("\\# Not a heading / \\#\\# nor this"), "{md}");
    assert!(md.contains("\\[link\\](javascript:alert(1))"), "{md}");
    assert!(
        !md.contains('\u{202E}'),
        "no override can turn a line around"
    );
    assert!(md.contains("مرحبا بكم"));
    for line in md.lines() {
        let t = line.trim_start();
        assert!(
            !(t.starts_with("# Not") || t.starts_with("## nor") || t.starts_with("| pipes")),
            "{line}"
        );
    }
}

#[test]
fn hostile_text_stays_inert_in_csv() {
    let text = export_hostile(Format::Csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut cells = 0;
    let mut seen = Vec::new();
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} could run as a formula"
            );
            seen.push(cell.to_string());
        }
    }
    assert!(cells > 20);
    for expected in [
        "'=HYPERLINK(\"http://evil.example/\",\"click\")",
        "'+45 1234 -- @everyone",
        "'\tTab first",
        "'-2+3 <script>action</script>",
        "'@SUM(A1:A9)",
        "# Not a heading\n## nor this",
    ] {
        assert!(
            seen.iter().any(|c| c == expected),
            "{expected:?} not in {seen:?}"
        );
    }
}

#[test]
fn hostile_text_survives_json_exactly() {
    let json = export_hostile(Format::Json);
    let back: Session = serde_json::from_str(&json).unwrap();
    let texts: Vec<&str> = back.notes.iter().map(|n| n.text.as_str()).collect();
    for text in HOSTILE {
        let cleaned = sempre::model::text::clean(text);
        assert!(
            texts.contains(&cleaned.as_str()) || text.starts_with('\t'),
            "{text:?}"
        );
    }
}

/// Whatever in the page's markup could load something: attributes that
/// point somewhere, elements that fetch, and `url(` or `@import` in its
/// style. Text is escaped, so every `<` starts a real tag.
fn network_references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_lowercase();
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c);
        let tag = &rest[open..close];
        for needle in [
            "src=",
            "href=",
            "srcset",
            "action=",
            "<link",
            "<script",
            "<iframe",
            "<img",
            "<object",
            "<embed",
            "<video",
            "<audio",
            "<source",
            "<base",
            "http-equiv",
        ] {
            if tag.contains(needle) {
                found.push(tag.to_string());
            }
        }
        if tag.starts_with("<style") {
            let end = rest[close..]
                .find("</style>")
                .map_or(rest.len(), |e| close + e);
            let style = &rest[close..end];
            for needle in ["url(", "@import", "@font-face", "http"] {
                if style.contains(needle) {
                    found.push(format!("style: {needle}"));
                }
            }
            rest = &rest[end..];
            continue;
        }
        rest = &rest[close.min(rest.len())..];
        if !rest.is_empty() {
            rest = &rest[1..];
        }
    }
    found
}

#[test]
fn html_needs_nothing_from_the_network() {
    let all = examples();
    let titles = titles(&all);
    for (stem, s) in &all {
        for anonymize in [false, true] {
            let html = run(
                &[s],
                Format::Html,
                &options(Lang::Da, anonymize, titles.clone()),
            );
            assert_eq!(network_references(&html), Vec::<String>::new(), "{stem}");
            assert!(html.starts_with("<!DOCTYPE html>"), "{stem}");
        }
    }
    let html = export_hostile(Format::Html);
    assert_eq!(network_references(&html), Vec::<String>::new(), "{html}");
}

/// A text that is unlikely to appear anywhere by chance.
fn private_texts(s: &Session) -> Vec<String> {
    s.notes
        .iter()
        .filter(|n| n.private)
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn no_private_note_appears_in_any_export() {
    let all = examples();
    let titles = titles(&all);
    let mut checked = 0;
    for (stem, s) in &all {
        let secrets = private_texts(s);
        checked += secrets.len();
        for format in FORMATS {
            for anonymize in [false, true] {
                let text = run(&[s], format, &options(Lang::Da, anonymize, titles.clone()));
                for secret in &secrets {
                    let escaped = secret.replace('&', "&amp;");
                    assert!(
                        !text.contains(secret.as_str()) && !text.contains(&escaped),
                        "{stem} {format:?}: {secret}"
                    );
                }
                for n in s.notes.iter().filter(|n| n.private) {
                    assert!(
                        !text.contains(&n.id.to_string()),
                        "{stem} {format:?}: id of a private note"
                    );
                }
            }
        }
    }
    assert!(checked >= 5, "the examples hold private notes to test with");
}

#[test]
fn anonymizing_leaves_every_name_behind_in_every_format() {
    let method = MethodLibrary::builtin().get("rygsaek").unwrap().clone();
    let t = Timestamp::UNIX_EPOCH;
    let context = Context {
        title: "Unge på vej".into(),
        language: Lang::Da,
        network: Some("LEN Aarhus".into()),
        target_group: None,
        place: None,
        date: None,
        facilitators: vec!["Facilitatorfrida".into()],
        participant_count: None,
        participants: vec![Participant {
            id: new_id(),
            pseudonym: "Pseudonymperle".into(),
            created: t,
            updated: t,
            clock: Default::default(),
            revived: 0,
        }],
        tags: vec![],
    };
    let mut s = Session::new(&method, context, t);
    let board = s.add_board("Pseudonymperles rygsæk", t);
    let zone = method.zones[0].id.clone();
    let n = s
        .add_note(
            &method,
            NewNote {
                board: Some(board),
                author: Some("Skriverskarpe".into()),
                role: Some(Role::Citizen),
                ..NewNote::new(&zone, "Jeg kan lave mad")
            },
            t,
        )
        .unwrap();
    s.set_dots(n, 2, Some("Stemmestine"), t).unwrap();
    let a = s
        .add_action("Ring til jobcentret", Some(n), None, t)
        .unwrap();
    s.update_action(a, Some("Ejerejnar"), None, ActionStatus::Open, t)
        .unwrap();
    let names = [
        "Facilitatorfrida",
        "Pseudonymperle",
        "Skriverskarpe",
        "Stemmestine",
        "Ejerejnar",
    ];
    // A later session, whose title names the same participant.
    let mut later = s.clone();
    later.id = new_id();
    later.context.title = "Pseudonymperle et år efter".into();
    s.link_session(later.id, SessionRelation::LeadsTo, t);
    let src = [Source {
        session: &s,
        method: Some(&method),
    }];
    for format in FORMATS {
        let titles = |anonymize| link_titles([&s, &later], anonymize, Lang::Da);
        let plain = export(&src, None, format, &options(Lang::Da, false, titles(false)));
        assert!(
            plain.contains("Pseudonymperle"),
            "{format:?}: names stay without --anonymize"
        );
        if format != Format::Json && format != Format::Csv {
            assert!(
                plain.contains("et år efter"),
                "{format:?}: the linked session is named"
            );
        }
        let anon = export(&src, None, format, &options(Lang::Da, true, titles(true)));
        for name in names {
            assert!(
                !anon.contains(name),
                "{format:?} still names {name}: {anon}"
            );
        }
        assert!(
            anon.contains("Jeg kan lave mad"),
            "{format:?}: the words stay"
        );
    }
}

#[test]
fn several_sessions_export_one_after_the_other() {
    let all = examples();
    let a = &all[0].1;
    let b = &all[1].1;
    let opts = options(Lang::Da, false, titles(&all));
    let json = run(&[a, b], Format::Json, &opts);
    let back: Vec<Session> = serde_json::from_str(&json).unwrap();
    assert_eq!(back.len(), 2);
    let html = run(&[a, b], Format::Html, &opts);
    assert_eq!(
        html.matches("<section class=\"session\"").count(),
        2,
        "each on its own pages"
    );
    let csv = run(&[a, b], Format::Csv, &opts);
    assert!(csv.contains(&a.context.title) && csv.contains(&b.context.title));
}
