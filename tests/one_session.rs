//! A command on one session reads that session and the sessions it links
//! to, and nothing else of the store (issue 11): run through the real
//! binary over a store with sessions it must not read.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use jiff::Timestamp;
use sempre::methods::MethodLibrary;
use sempre::model::{Carry, Context, NewNote, Session, carry_forward};
use sempre::store::save_session;

const SECRET: &str = "Gælden til huslejen vokser";

fn sempre(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sempre").unwrap();
    cmd.arg("--store")
        .arg(store)
        .env_remove("SEMPRE_STORE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("SEMPRE_LANG", "da")
        .env("LANG", "C.UTF-8");
    cmd
}

fn context(title: &str) -> Context {
    Context {
        title: title.into(),
        ..Context::default()
    }
}

/// Three sessions in a chain (`first` → `second` → `third`, each note
/// carried on), the carried note made private in `first` afterwards, and
/// an unrelated session with a private note in the same words as a
/// public note carried from `first`.
struct Chain {
    second: Session,
    third: Session,
}

fn chain(store: &Path) -> Chain {
    let library = MethodLibrary::builtin();
    let m = library.get("fremtidsvaerksted").unwrap();
    let t = Timestamp::UNIX_EPOCH;
    let mut first = Session::new(m, context("Første møde om økonomi"), t);
    let secret = first
        .add_note(m, NewNote::new("kritik", SECRET), t)
        .unwrap();
    let open = first
        .add_note(m, NewNote::new("kritik", "Vi vil have mere tid"), t)
        .unwrap();
    let carried = [secret, open];
    let carry = |notes, context| Carry {
        notes,
        method: m,
        zone: "kritik",
        context,
        branches: false,
    };
    let mut second =
        carry_forward(&mut first, m, carry(&carried, context("Andet møde")), t).unwrap();
    let copies: Vec<_> = second.notes.iter().map(|n| n.id).collect();
    let third = carry_forward(&mut second, m, carry(&copies, context("Tredje møde")), t).unwrap();
    // Made private in the first session only after it was carried on.
    first.set_private(secret, true, t).unwrap();

    let mut unrelated = Session::new(m, context("Et helt andet møde"), t);
    let same_words = unrelated
        .add_note(m, NewNote::new("kritik", "Vi vil have mere tid"), t)
        .unwrap();
    unrelated.set_private(same_words, true, t).unwrap();

    std::fs::create_dir_all(store).unwrap();
    for s in [&first, &second, &third, &unrelated] {
        save_session(&store.join(format!("{}.json", s.id)), s).unwrap();
    }
    // Damaged files that are no session of these.
    std::fs::write(store.join("ødelagt.json"), "{ not json").unwrap();
    std::fs::write(
        store.join(format!("{}.json", uuid::Uuid::new_v4())),
        [0xff, 0xfe],
    )
    .unwrap();
    Chain { second, third }
}

fn out(cmd: &mut Command) -> String {
    let output = cmd.assert().success().get_output().clone();
    // Nothing about the damaged files: they were never opened.
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn export_reads_the_linked_sessions_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let c = chain(&store);
    for (s, from) in [
        (&c.second, "Første møde om økonomi"),
        (&c.third, "Andet møde"),
    ] {
        for format in ["md", "html", "csv", "json"] {
            let id = s.id.to_string();
            let text = out(sempre(&store).args(["export", &id, "--format", format]));
            // Private where it was written, so no copy of it leaves, even
            // two sessions on.
            assert!(!text.contains(SECRET), "{format}: {text}");
            if format == "md" || format == "html" {
                assert!(text.contains(from), "{format}: link title missing: {text}");
            }
            // An unrelated session is not read: its private note does not
            // hide a public note that only shares its words.
            assert!(text.contains("Vi vil have mere tid"), "{format}: {text}");
        }
    }
}

#[test]
fn show_finds_its_session_and_link_titles_without_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let c = chain(&store);
    let id = c.third.id.to_string();
    let text = out(sempre(&store).args(["show", &id]));
    assert!(text.contains("Tredje møde"), "{text}");
    // The note made private where it was first written stays behind here
    // too, as it does in an export, also in the JSON.
    assert!(!text.contains(SECRET), "{text}");
    let json = out(sempre(&store).args(["show", "--json", &id]));
    assert!(!json.contains(SECRET), "{json}");
    assert!(text.contains(&c.second.id.to_string()[..8]), "{text}");
    assert!(text.contains("Andet møde"), "link title missing: {text}");
    // By the start of its id, and in capitals, it is the same session.
    let text = out(sempre(&store).args(["show", &id[..8]]));
    assert!(text.contains("Tredje møde"), "{text}");
    let text = out(sempre(&store).args(["show", &id.to_uppercase()]));
    assert!(text.contains("Tredje møde"), "{text}");
    let added = out(sempre(&store).args(["add", &id, "--zone", "kritik", "Ny seddel"]));
    assert_eq!(added.trim().len(), 36, "{added}");
    let text = out(sempre(&store).args(["show", &id]));
    assert!(text.contains("Ny seddel"), "{text}");
}
