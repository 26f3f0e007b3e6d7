use super::*;
use crate::model::testing::{context, method};
use crate::model::{NewNote, Session};
use crate::store::save_session;
use jiff::Timestamp;

const T: Timestamp = Timestamp::UNIX_EPOCH;

/// A store holding one session with one note in its own file, and that
/// session with another note instead in a file named `copy`.
fn store_with_copy(copy: &str) -> (tempfile::TempDir, Store, Session, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let m = method();
    let base = Session::new(&m, context("Hverdagen"), T);
    let mut ours = base.clone();
    ours.add_note(&m, NewNote::new("kritik", "Tid om morgenen"), T)
        .unwrap();
    let mut theirs = base.clone();
    theirs
        .add_note(&m, NewNote::new("kritik", "Penge til fritid"), T)
        .unwrap();
    save_session(&store.path_of(base.id), &ours).unwrap();
    let copy = dir.path().join(copy.replace("ID", &base.id.to_string()));
    save_session(&copy, &theirs).unwrap();
    (dir, store, base, copy)
}

fn texts(session: &Session) -> Vec<String> {
    let mut t: Vec<String> = session.notes.iter().map(|n| n.text.clone()).collect();
    t.sort();
    t
}

const BOTH: [&str; 2] = ["Penge til fritid", "Tid om morgenen"];

#[test]
fn every_engines_copy_is_merged_and_set_aside() {
    for name in [
        "ID.sync-conflict-20261201-101010-ABCDEFG.json",
        "ID (conflicted copy 2026-12-01 101010).json",
        "ID (Mettes MacBook's conflicted copy 2026-12-01).json",
        "ID-METTES-LAPTOP.json",
        "noget helt andet.json",
    ] {
        let (dir, store, base, copy) = store_with_copy(name);
        let overview = store.overview(None).unwrap();
        assert_eq!(overview.sessions.len(), 1, "{name}");
        assert_eq!(overview.sessions[0].notes, 2, "{name}");
        assert_eq!(
            overview.sessions[0].file,
            store.path_of(base.id).display().to_string()
        );
        assert!(!copy.exists(), "{name} is still in the store");
        let kept = dir.path().join(MERGED_DIR).join(copy.file_name().unwrap());
        assert!(kept.is_file(), "{name} is not in .merged");
        let merged = store.read(base.id).unwrap();
        assert_eq!(texts(&merged), BOTH, "{name}");
        // Nothing more to do the second time.
        assert!(store.overview(None).unwrap().copies.is_empty());
    }
}

#[test]
fn the_kept_file_is_the_own_name_then_the_plain_one_then_the_shortest() {
    let id = crate::model::new_id();
    let p = |n: &str| PathBuf::from(format!("/s/{}", n.replace("ID", &id.to_string())));
    let kept = |names: &[&str]| {
        let groups = Copies::among(names.iter().map(|n| (id, p(n))));
        groups[0].kept().to_path_buf()
    };
    assert_eq!(kept(&["a.json", "ID.json", "ID-LAPTOP.json"]), p("ID.json"));
    assert_eq!(
        kept(&["mit møde (conflicted copy 2026).json", "mit møde.json"]),
        p("mit møde.json")
    );
    // OneDrive's NAME-HOST: the copy's name extends the original's.
    assert_eq!(kept(&["møde-LAPTOP.json", "møde.json"]), p("møde.json"));
    assert_eq!(
        kept(&["bb.json", "a.sync-conflict-1.json", "cc.json"]),
        p("bb.json")
    );
    assert_eq!(kept(&["b.json", "a.json"]), p("a.json"));
    // One file alone is no copy.
    assert!(Copies::among([(id, p("ID.json"))]).is_empty());
}

#[test]
fn a_copy_of_another_session_is_its_own_session() {
    let (dir, store, base, _) = store_with_copy("ID.sync-conflict-x.json");
    let other = Session::new(&method(), context("Noget andet"), T);
    let odd = dir.path().join(format!(
        "{}.sync-conflict-20261201-101010-ABCDEFG.json",
        base.id
    ));
    std::fs::remove_file(&odd).ok();
    save_session(&odd, &other).unwrap();
    let overview = store.overview(None).unwrap();
    assert_eq!(overview.sessions.len(), 2);
    assert!(odd.is_file());
}

#[test]
fn a_damaged_copy_stays_where_it_is() {
    let (dir, store, base, copy) = store_with_copy("ID.sync-conflict-x.json");
    std::fs::write(&copy, "{ half").unwrap();
    let overview = store.overview(None).unwrap();
    assert_eq!(overview.sessions.len(), 1);
    assert_eq!(overview.problems.len(), 1);
    assert!(copy.is_file());
    assert!(!dir.path().join(MERGED_DIR).exists());
    assert_eq!(store.read(base.id).unwrap().notes.len(), 1);
}

#[test]
fn a_session_open_on_a_board_keeps_its_copy_hidden_until_it_is_free() {
    let (dir, store, base, copy) = store_with_copy("ID (conflicted copy).json");
    let board = SessionLock::try_acquire(&store.path_of(base.id)).unwrap();
    let before = std::fs::read(store.path_of(base.id)).unwrap();
    for _ in 0..2 {
        let overview = store.overview_with_facts().unwrap();
        assert_eq!(overview.sessions.len(), 1);
        assert_eq!(overview.facts.len(), 1);
        assert_eq!(overview.copies.len(), 1);
        assert_eq!(store.list().unwrap().sessions.len(), 1);
    }
    assert!(copy.is_file());
    assert_eq!(std::fs::read(store.path_of(base.id)).unwrap(), before);
    drop(board);
    let overview = store.overview(None).unwrap();
    assert_eq!(overview.sessions[0].notes, 2);
    assert!(overview.copies.is_empty());
    assert!(dir.path().join(MERGED_DIR).read_dir().unwrap().count() == 1);
}

#[test]
fn a_name_taken_in_merged_gets_a_number() {
    let (dir, store, base, copy) = store_with_copy("ID-LAPTOP.json");
    let name = copy.file_name().unwrap().to_owned();
    create_private_dir(&dir.path().join(MERGED_DIR)).unwrap();
    std::fs::write(dir.path().join(MERGED_DIR).join(&name), "older").unwrap();
    let listing = store.list().unwrap();
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(MERGED_DIR).join(&name)).unwrap(),
        "older"
    );
    let numbered = dir
        .path()
        .join(MERGED_DIR)
        .join(format!("{}-LAPTOP.1.json", base.id));
    assert!(numbered.is_file());
}

#[test]
fn opening_a_session_merges_the_copies_named_after_it() {
    let (_dir, store, base, copy) = store_with_copy("ID.sync-conflict-20261201-101010-ABC.json");
    let id = base.id.to_string();
    // The start of the id names one session, not the session and its copy.
    let open = store.open(&id[..8], Access::ReadOnly).unwrap();
    assert_eq!(texts(&open.session), BOTH);
    assert!(!copy.exists());
}

#[test]
fn a_syncthing_folder_gets_a_stignore_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    store.overview(None).unwrap();
    assert!(!dir.path().join(".stignore").exists());
    std::fs::create_dir(dir.path().join(".stfolder")).unwrap();
    store.overview(None).unwrap();
    let text = std::fs::read_to_string(dir.path().join(".stignore")).unwrap();
    assert_eq!(text, STIGNORE);
    std::fs::write(dir.path().join(".stignore"), "// mine\n").unwrap();
    store.overview(None).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".stignore")).unwrap(),
        "// mine\n"
    );
}
