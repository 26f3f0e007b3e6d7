//! The HTML export proven in a real browser: every example, and a
//! network's report, printed to PDF by headless Chromium.
//!
//! Needs Debian's `chromium` (`apt-get install chromium`); `.ci/run`
//! installs it. Another browser binary can be named in `SEMPRE_CHROMIUM`.

#![allow(clippy::unwrap_used)]

mod examples;

#[path = "common/browser.rs"]
mod browser;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use examples::examples;
use jiff::civil::date;
use jiff::tz::TimeZone;
use sempre::export::{Format, Options, Source, export, network_report};
use sempre::i18n::Lang;
use sempre::methods::MethodLibrary;

/// A browser that hangs is a failure, not a wait forever. This is a guard
/// against a hang, not a speed goal.
const HANG: Duration = Duration::from_secs(180);

fn chromium() -> PathBuf {
    browser::chromium().unwrap_or_else(|| {
        panic!(
            "Chromium is needed to prove the HTML export prints: install Debian's `chromium` \
             (sudo apt-get install chromium) or name a browser in SEMPRE_CHROMIUM"
        )
    })
}

/// Prints `html` to a PDF and returns its bytes.
fn print(browser: &Path, dir: &Path, name: &str, html: &str) -> Vec<u8> {
    let page = dir.join(format!("{name}.html"));
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&page, html).unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&page)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", browser.display()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            panic!("{} hung printing {name}", browser.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.success(),
        "{} failed on {name}: {status}",
        browser.display()
    );
    std::fs::read(&pdf).unwrap_or_else(|e| panic!("no PDF for {name}: {e}"))
}

/// The number of pages: `/Type /Page` objects, not the `/Pages` tree.
fn pages(pdf: &[u8]) -> usize {
    let needle = b"/Type";
    let mut count = 0;
    for (i, w) in pdf.windows(needle.len()).enumerate() {
        if w != needle {
            continue;
        }
        let rest = &pdf[i + needle.len()..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        if rest.starts_with(b"/Page") && !rest.starts_with(b"/Pages") {
            count += 1;
        }
    }
    count
}

fn options(lang: Lang) -> Options {
    Options {
        anonymize: false,
        lang,
        tz: TimeZone::UTC,
        today: date(2026, 11, 23),
        titles: Default::default(),
        private_elsewhere: Default::default(),
        plans: Default::default(),
    }
}

#[test]
fn every_example_prints_to_pdf_in_chromium() {
    let browser = chromium();
    let dir = tempfile::tempdir().unwrap();
    let library = MethodLibrary::builtin();
    let all = examples();
    assert_eq!(all.len(), 10);
    for (stem, s) in &all {
        let src = [Source {
            session: s,
            method: library.get(&s.method.id),
        }];
        let html = export(&src, None, Format::Html, &options(s.context.language));
        let pdf = print(&browser, dir.path(), stem, &html);
        assert!(pdf.starts_with(b"%PDF-"), "{stem} is not a PDF");
        assert!(
            pdf.len() > 20_000,
            "{stem}: a PDF of {} bytes holds too little",
            pdf.len()
        );
        assert!(pages(&pdf) >= 1, "{stem} has no pages");
    }

    // A report starts each session, and the open actions, on a new page.
    let sessions = all.iter().map(|(_, s)| s.clone());
    let (chosen, report) = network_report(sessions, "LEN Herning", None, None).unwrap();
    let src: Vec<Source> = chosen
        .iter()
        .map(|s| Source {
            session: s,
            method: library.get(&s.method.id),
        })
        .collect();
    let html = export(&src, Some(report), Format::Html, &options(Lang::Da));
    let pdf = print(&browser, dir.path(), "report", &html);
    assert!(pdf.starts_with(b"%PDF-"));
    // The first page carries the heading and the whole summary: the
    // report's part before the first session prints on one page, and the
    // first session starts on a page of its own.
    let cut = html.find("<section class=\"session\"").unwrap();
    let first = format!("{}</body></html>", &html[..cut]);
    assert!(first.contains("<svg class=\"chart\""), "the chart is on it");
    let pdf_first = print(&browser, dir.path(), "report-first", &first);
    assert_eq!(
        pages(&pdf_first),
        1,
        "heading and summary on the first page"
    );
    assert!(
        html.contains(".report + .session"),
        "sessions start on a new page"
    );
    assert!(
        pages(&pdf) >= 4,
        "summary, two sessions and open actions: {} pages",
        pages(&pdf)
    );
}

/// A full day's facilitator's script, in both languages, prints on one
/// A4 page: the four phases of a Future Workshop with a lunch break, then
/// two phases of a Double Diamond run in a session of their own.
#[test]
fn a_full_days_script_prints_on_one_page() {
    use sempre::day::{Day, view};
    use sempre::model::{PlanItem, Session};
    let browser = chromium();
    let dir = tempfile::tempdir().unwrap();
    let library = MethodLibrary::builtin();
    let all = examples();
    let (_, example) = all
        .iter()
        .find(|(_, s)| s.method.id == "fremtidsvaerksted")
        .unwrap();
    let mut host: Session = example.clone();
    let t = host.updated;
    host.plan = None;
    let other = uuid::Uuid::from_u128(7);
    for (phase, minutes, elsewhere) in [
        ("forberedelse", 20, None),
        ("kritik", 60, None),
        ("fantasi", 60, None),
        ("virkeliggoerelse", 45, None),
        ("opdag", 45, Some((other, "double-diamond"))),
        ("definer", 30, Some((other, "double-diamond"))),
    ] {
        host.plan_insert(PlanItem::phase(phase, minutes, elsewhere), None, t)
            .unwrap();
    }
    host.plan_insert(PlanItem::pause(45, Some("Frokost".into())), Some(3), t)
        .unwrap();
    host.plan_set_start(Some(jiff::civil::Time::constant(9, 0, 0, 0)), t);
    for lang in Lang::ALL {
        let v = view(&Day::default(), &host, &library, lang, &TimeZone::UTC, t).unwrap();
        let mut html = Vec::new();
        sempre::export::script_to(&host, &v, &library, lang, &mut html).unwrap();
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("Frokost") && html.contains("11:20"), "{html}");
        let pdf = print(
            &browser,
            dir.path(),
            &format!("script-{}", lang.code()),
            &html,
        );
        assert_eq!(
            pages(&pdf),
            1,
            "the script in {} fills more than a page",
            lang.code()
        );
    }
}
