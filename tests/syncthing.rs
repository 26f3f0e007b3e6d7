//! The two-instance Syncthing harness (`tests/common/syncthing.rs`) proved
//! on plain files: a file written on one side arrives whole on the other,
//! and one file changed differently on both sides while they were apart
//! gives exactly one real conflict copy. Two more pin down what Syncthing
//! 1.19 does that sempre's sync handling will rely on.
//!
//! Skipped without a `syncthing` program, unless `CI` is set.

#![allow(clippy::unwrap_used)]

#[path = "common/syncthing.rs"]
mod syncthing;

use syncthing::{Side, SyncPair};

#[test]
fn a_file_written_on_one_side_arrives_identical_on_the_other() {
    let Some(pair) = SyncPair::start() else {
        return;
    };
    let (a, b) = (pair.store(Side::A), pair.store(Side::B));
    let session = "{\n  \"title\": \"Fremtidsværksted\",\n  \"notes\": []\n}\n";
    std::fs::write(a.join("s.json"), session).unwrap();
    // What sempre keeps for itself stays on its side.
    std::fs::create_dir_all(a.join(".index")).unwrap();
    std::fs::write(a.join(".index/index.sqlite"), "index").unwrap();
    std::fs::create_dir_all(a.join(".locks")).unwrap();
    std::fs::write(a.join(".locks/s.lock"), "board").unwrap();
    std::fs::write(a.join(".s.json.Ab12Cd.tmp"), "half a save").unwrap();

    pair.wait_in_sync();

    assert_eq!(std::fs::read_to_string(b.join("s.json")).unwrap(), session);
    for left_out in [".index", ".locks", ".s.json.Ab12Cd.tmp"] {
        assert!(!b.join(left_out).exists(), "{left_out} reached B");
    }
    assert!(pair.conflict_copies(Side::B).is_empty());
}

/// `s.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.json`, DEVICE the first seven
/// characters of the id of the device whose change lost.
fn is_conflict_name(name: &str, ids: [&str; 2]) -> bool {
    let Some(rest) = name
        .strip_prefix("s.sync-conflict-")
        .and_then(|r| r.strip_suffix(".json"))
    else {
        return false;
    };
    let parts: Vec<&str> = rest.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 8
        && parts[1].len() == 6
        && parts[..2]
            .iter()
            .all(|p| p.bytes().all(|c| c.is_ascii_digit()))
        && ids.iter().any(|id| id[..7] == *parts[2])
}

#[test]
fn different_edits_made_apart_give_exactly_one_conflict_copy() {
    let Some(pair) = SyncPair::start() else {
        return;
    };
    let (a, b) = (pair.store(Side::A), pair.store(Side::B));
    std::fs::write(a.join("s.json"), "{\"v\": 0}\n").unwrap();
    pair.wait_in_sync();

    pair.pause_sharing();
    std::fs::write(a.join("s.json"), "{\"v\": \"edited on A\"}\n").unwrap();
    std::fs::write(b.join("s.json"), "{\"v\": \"edited on B, longer\"}\n").unwrap();
    pair.resume();
    pair.wait_in_sync();

    let copies = pair.conflict_copies(Side::A);
    assert_eq!(copies.len(), 1, "conflict copies on A: {copies:?}");
    assert_eq!(copies, pair.conflict_copies(Side::B));
    let ids = [pair.device_id(Side::A), pair.device_id(Side::B)];
    assert!(is_conflict_name(&copies[0], ids), "{copies:?}");
    // wait_in_sync compared the folders whole; the two versions are the
    // file and its conflict copy, one each.
    let mut both = [
        std::fs::read_to_string(a.join("s.json")).unwrap(),
        std::fs::read_to_string(a.join(&copies[0])).unwrap(),
    ];
    both.sort();
    assert_eq!(
        both,
        [
            "{\"v\": \"edited on A\"}\n".to_string(),
            "{\"v\": \"edited on B, longer\"}\n".to_string()
        ]
    );
    let names: Vec<String> = syncthing::contents(b).into_keys().collect();
    assert_eq!(names, ["s.json".to_string(), copies[0].clone()]);
}

/// Found out: two sides that changed a file apart but ended with the same
/// bytes get no conflict copy.
#[test]
fn identical_edits_made_apart_give_no_conflict_copy() {
    let Some(pair) = SyncPair::start() else {
        return;
    };
    let (a, b) = (pair.store(Side::A), pair.store(Side::B));
    std::fs::write(a.join("s.json"), "{\"v\": 0}\n").unwrap();
    pair.wait_in_sync();

    pair.pause_sharing();
    std::fs::write(a.join("s.json"), "{\"v\": \"the same edit\"}\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    std::fs::write(b.join("s.json"), "{\"v\": \"the same edit\"}\n").unwrap();
    pair.resume();
    pair.wait_in_sync();

    assert_eq!(pair.conflict_copies(Side::A), Vec::<String>::new());
    assert_eq!(pair.conflict_copies(Side::B), Vec::<String>::new());
}

/// Found out: a dot folder such as `.merged/` is synced like any other
/// unless `.stignore` names it.
#[test]
fn a_dot_folder_is_synced_unless_ignored() {
    let Some(pair) = SyncPair::start() else {
        return;
    };
    let (a, b) = (pair.store(Side::A), pair.store(Side::B));
    std::fs::create_dir_all(a.join(".merged")).unwrap();
    std::fs::write(a.join(".merged/s.json"), "merged").unwrap();
    std::fs::write(a.join(".hidden.json"), "dot file").unwrap();

    pair.wait_in_sync();

    assert_eq!(
        std::fs::read_to_string(b.join(".merged/s.json")).unwrap(),
        "merged"
    );
    assert_eq!(
        std::fs::read_to_string(b.join(".hidden.json")).unwrap(),
        "dot file"
    );
}
