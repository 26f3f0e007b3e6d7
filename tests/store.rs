//! The store: saving, loading, bad files, permissions and locks.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use jiff::Timestamp;
use proptest::prelude::*;
use sempre::i18n::Lang;
use sempre::methods::{Method, MethodLibrary};
use sempre::model::{Colour, Context, NewNote, Role, Session};
use sempre::store::{Access, Store, StoreError, load_session, save_session};

fn method(id: &str) -> Method {
    MethodLibrary::builtin()
        .get(id)
        .cloned()
        .expect("built-in method")
}

fn context(title: &str) -> Context {
    Context {
        title: title.into(),
        language: Lang::Da,
        network: Some("LEN Aarhus Vest".into()),
        target_group: Some("Flygtninge".into()),
        place: None,
        date: None,
        facilitators: vec!["Mette".into()],
        participant_count: Some(12),
        participants: vec![],
        tags: vec!["sprog".into()],
    }
}

fn session_with(texts: &[&str]) -> Session {
    let m = method("fremtidsvaerksted");
    let mut s = Session::new(&m, context("Sprog og arbejde"), Timestamp::UNIX_EPOCH);
    for text in texts {
        s.add_note(&m, NewNote::new("kritik", text), Timestamp::UNIX_EPOCH)
            .unwrap();
    }
    s
}

#[test]
fn danish_emoji_and_arabic_survive_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let texts = [
        "Blåbær, æbler og rødgrød med fløde",
        "👨‍👩‍👧 mere tid med familien 💪🏽",
        "نحتاج إلى دروس اللغة في المساء",
        "første linje\nanden linje",
    ];
    let s = session_with(&texts);
    let path = store.create(&s).unwrap();
    let back = load_session(&path).unwrap();
    assert_eq!(back, s);
    let stored: Vec<&str> = back.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(stored, texts);
}

#[test]
fn a_damaged_file_is_reported_untouched_and_the_rest_still_lists() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.create(&session_with(&["god"])).unwrap();
    let broken = dir.path().join("broken.json");
    let bytes = b"{\"format\": 1, \"id\": \"abc\", \"notes\": [".to_vec();
    std::fs::write(&broken, &bytes).unwrap();
    let newer = dir.path().join("newer.json");
    let newer_bytes =
        serde_json::to_vec(&serde_json::json!({"format": 99, "hologram": true})).unwrap();
    std::fs::write(&newer, &newer_bytes).unwrap();

    let listing = store.list().unwrap();
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!(listing.problems.len(), 2);
    let messages: Vec<String> = listing.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("broken.json") && m.contains("damaged")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("newer.json") && m.contains("format 99")),
        "{messages:?}"
    );
    assert!(listing.problems.iter().all(StoreError::is_bad_file));

    // Opening them for editing fails and writes nothing.
    assert!(store.open(broken.to_str().unwrap(), Access::Edit).is_err());
    assert!(store.open(newer.to_str().unwrap(), Access::Edit).is_err());
    assert_eq!(std::fs::read(&broken).unwrap(), bytes);
    assert_eq!(std::fs::read(&newer).unwrap(), newer_bytes);
}

#[cfg(unix)]
#[test]
fn session_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("new-store"));
    let path = store.create(&session_with(&["x"])).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(store.dir()), 0o700);
    // Saving again keeps it private.
    save_session(&path, &session_with(&["y"])).unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_second_open_for_editing_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let s = session_with(&["x"]);
    store.create(&s).unwrap();
    let id = s.id.to_string();
    let mut first = store.open(&id, Access::Edit).unwrap();
    assert!(!first.is_read_only());
    let mut second = store.open(&id, Access::Edit).unwrap();
    assert!(second.is_read_only());
    assert!(second.is_locked_elsewhere());
    assert!(matches!(
        second.save_own(),
        Err(StoreError::ReadOnly { .. })
    ));
    first.save_own().unwrap();
    drop(first);
    let third = store.open(&id, Access::Edit).unwrap();
    assert!(!third.is_read_only());
}

#[test]
fn sessions_are_found_by_id_prefix_or_path() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let a = session_with(&["a"]);
    let path = store.create(&a).unwrap();
    let id = a.id.to_string();
    assert_eq!(store.resolve(&id).unwrap(), path);
    assert_eq!(store.resolve(&id[..6].to_uppercase()).unwrap(), path);
    assert_eq!(store.resolve(path.to_str().unwrap()).unwrap(), path);
    assert!(matches!(
        store.resolve("zzzz"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.resolve(""),
        Err(StoreError::NotFound { .. })
    ));

    // A renamed file is still found by the id inside it.
    let renamed = dir.path().join("workshop.json");
    std::fs::rename(&path, &renamed).unwrap();
    assert_eq!(store.resolve(&id[..8]).unwrap(), renamed);

    // Two sessions that share a first character make a short prefix
    // ambiguous.
    let mut many = Vec::new();
    while many.len() < 2 {
        let s = session_with(&["b"]);
        if s.id.to_string().starts_with('a') {
            many.push(store.create(&s).unwrap());
        }
    }
    assert!(matches!(
        store.resolve("a"),
        Err(StoreError::Ambiguous { count: 2, .. })
    ));
}

#[test]
fn an_empty_or_missing_store_lists_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("not-yet"));
    let listing = store.list().unwrap();
    assert!(listing.sessions.is_empty() && listing.problems.is_empty());
}

fn colour() -> impl Strategy<Value = Colour> {
    proptest::sample::select(Colour::ALL.to_vec())
}

fn role() -> impl Strategy<Value = Option<Role>> {
    proptest::option::of(proptest::sample::select(Role::ALL.to_vec()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn save_then_load_gives_the_same_session(
        notes in proptest::collection::vec(
            ("\\PC{1,60}", 0usize..3, colour(), role(), any::<bool>(), proptest::option::of("[a-zA-ZæøåÆØÅ ]{1,12}")),
            0..25,
        ),
        title in "\\PC{1,40}",
        dots in proptest::collection::vec(0u32..9, 0..25),
    ) {
        let m = method("fremtidsvaerksted");
        let mut s = Session::new(&m, context(&title), Timestamp::UNIX_EPOCH);
        let zones = ["kritik", "fantasi", "virkeliggoerelse"];
        let mut ids = Vec::new();
        for (i, (text, zone, colour, role, private, author)) in notes.into_iter().enumerate() {
            let new = NewNote {
                zone: zones[zone].into(),
                text,
                colour: Some(colour),
                role,
                private,
                author,
                board: None,
            };
            let at = Timestamp::from_second(i as i64).unwrap();
            if let Ok(id) = s.add_note(&m, new, at) {
                ids.push(id);
            }
        }
        for (id, d) in ids.iter().zip(dots) {
            s.set_dots(*id, d, None, Timestamp::UNIX_EPOCH).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        save_session(&path, &s).unwrap();
        let back = load_session(&path).unwrap();
        prop_assert_eq!(back, s);
    }
}

#[test]
fn a_change_from_outside_the_board_takes_the_lock_and_writes_only_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let session = session_with(&["første"]);
    save_session(&path, &session).unwrap();
    let before = std::fs::read(&path).unwrap();

    let refused = sempre::store::update_file(&path, |s| {
        s.context.title = "ændret".into();
        Err("nej")
    })
    .unwrap();
    assert_eq!(refused.unwrap_err(), "nej");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a refused change writes nothing"
    );

    let lock = sempre::store::SessionLock::try_acquire(&path)
        .unwrap()
        .unwrap();
    let locked = sempre::store::update_file(&path, |s| {
        s.context.title = "ændret".into();
        Ok::<(), ()>(())
    });
    assert!(matches!(locked, Err(StoreError::Locked { .. })));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(lock);

    let saved = sempre::store::update_file(&path, |s| {
        s.context.title = "ændret".into();
        Ok::<(), ()>(())
    })
    .unwrap()
    .unwrap();
    assert_eq!(saved.context.title, "ændret");
    assert_eq!(load_session(&path).unwrap().context.title, "ændret");
    assert!(
        sempre::store::SessionLock::try_acquire(&path)
            .unwrap()
            .is_some(),
        "the lock is let go"
    );
}

/// A board that has saved over its file once, its one note now "bbbb":
/// the file is as this board last wrote it.
fn board_after_own_save(dir: &Path) -> (sempre::store::OpenSession, std::path::PathBuf) {
    let path = dir.join("s.json");
    save_session(&path, &session_with(&["aaaa"])).unwrap();
    let mut open = sempre::store::open_file(&path, Access::Edit).unwrap();
    open.session.notes[0].text = "bbbb".into();
    assert!(matches!(
        open.save_own(),
        Ok(sempre::store::SaveOutcome::Saved)
    ));
    (open, path)
}

/// The file's bytes with the board's note words swapped for `to`, of the
/// same length.
fn same_size_change(path: &Path, to: &str) -> Vec<u8> {
    let mine = std::fs::read_to_string(path).unwrap();
    let theirs = mine.replace("bbbb", to);
    assert_eq!(theirs.len(), mine.len());
    theirs.into_bytes()
}

/// Saves skip reading the file back while it is the one they wrote (issue
/// 11); a change made in place with the same size and its modification
/// time put back, as a restore does, must still be found by its change
/// time, and nothing is written over it.
#[cfg(unix)]
#[test]
fn a_same_size_change_with_its_time_put_back_is_found() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let (mut open, path) = board_after_own_save(dir.path());
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let theirs = same_size_change(&path, "cccc");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.write_all(&theirs).unwrap();
    file.set_times(std::fs::FileTimes::new().set_modified(modified))
        .unwrap();
    drop(file);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    open.session.notes[0].text = "dddd".into();
    let outcome = open.save_own().unwrap();
    let sempre::store::SaveOutcome::ChangedOnDisk(change) = outcome else {
        panic!("the change was not found: {outcome:?}");
    };
    assert_eq!(
        change.base.notes[0].text, "bbbb",
        "the merge starts from ours"
    );
    assert_eq!(change.theirs.unwrap().notes[0].text, "cccc");
    assert_eq!(std::fs::read(&path).unwrap(), theirs);
}

/// A file put back in place of ours (a sync, an editor's save) with the
/// same size and times is another file: found too.
#[test]
fn a_file_put_in_place_of_ours_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (mut open, path) = board_after_own_save(dir.path());
    let meta = std::fs::metadata(&path).unwrap();
    let theirs = same_size_change(&path, "eeee");
    let other = dir.path().join("other.json");
    std::fs::write(&other, &theirs).unwrap();
    let times = std::fs::FileTimes::new()
        .set_modified(meta.modified().unwrap())
        .set_accessed(meta.accessed().unwrap());
    std::fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_times(times)
        .unwrap();
    std::fs::rename(&other, &path).unwrap();
    assert!(matches!(
        open.save_own(),
        Ok(sempre::store::SaveOutcome::ChangedOnDisk(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), theirs);
}

/// Saves after the board's own save go ahead, and so does a save after
/// the file was only touched: its bytes are still the ones last written.
#[test]
fn own_saves_and_a_touched_file_save_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut open, path) = board_after_own_save(dir.path());
    for text in ["ffff", "gggg"] {
        open.session.notes[0].text = text.into();
        assert!(matches!(
            open.save_own(),
            Ok(sempre::store::SaveOutcome::Saved)
        ));
        assert_eq!(load_session(&path).unwrap().notes[0].text, text);
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    open.session.notes[0].text = "hhhh".into();
    assert!(matches!(
        open.save_own(),
        Ok(sempre::store::SaveOutcome::Saved)
    ));
    assert_eq!(load_session(&path).unwrap().notes[0].text, "hhhh");
}
