//! `sempre merge`, run as a facilitator runs it: copies of one session
//! become one, whatever order they are given in, and nothing else is
//! written.

#![allow(clippy::unwrap_used)]

mod merging;

use merging::{Fixture, change, later, short, text_of};
use sempre::model::Session;
use sempre::store::{decode, load_session};

fn parse(bytes: &[u8]) -> Session {
    decode("merged", bytes).unwrap()
}

#[test]
fn two_copies_merge_with_the_later_edit_and_the_deletion_kept() {
    let f = Fixture::new();
    let store = f.path("store");
    let id = f.new_session(&store, "Hverdag").to_string();
    let edited = f.add(&store, &id, "kritik", "Tid");
    let deleted = f.add(&store, &id, "kritik", "Penge");
    let kept = f.add(&store, &id, "kritik", "Bussen");
    let (a, b) = (f.path("a.json"), f.path("b.json"));
    std::fs::copy(store.join(format!("{id}.json")), &a).unwrap();
    std::fs::copy(&a, &b).unwrap();
    let from_a = f.add(&store, "a.json", "kritik", "Kun i A");
    let from_b = f.add(&store, "b.json", "fantasi", "Kun i B");
    change(&a, later(1), "laptop-a", |s| {
        s.edit_note(edited, "Tid (A)", later(1)).unwrap();
        s.delete_note(deleted, later(1)).unwrap();
    });
    change(&b, later(2), "laptop-b", |s| {
        s.edit_note(edited, "Tid (B)", later(2)).unwrap();
    });
    let (bytes_a, bytes_b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());

    // Without --into: the merge on standard output, the report on
    // standard error, the copies untouched.
    let out = f
        .sempre(&store, "laptop")
        .args(["merge", "a.json", "b.json"])
        .assert()
        .success();
    let merged = parse(&out.get_output().stdout);
    let report = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let conflict = format!("note {} text (b.json newer)", short(edited));
    assert!(report.starts_with("From b.json: +1 note"), "{report}");
    assert!(report.contains("1 conflict resolved"), "{report}");
    assert!(report.contains(&conflict), "{report}");
    assert_eq!(report.trim_end().lines().count(), 1, "{report}");
    assert_eq!(text_of(&merged, edited), Some("Tid (B)"));
    assert_eq!(text_of(&merged, deleted), None);
    assert!(merged.deleted.iter().any(|t| t.id == deleted));
    for (note, text) in [(kept, "Bussen"), (from_a, "Kun i A"), (from_b, "Kun i B")] {
        assert_eq!(text_of(&merged, note), Some(text));
    }
    assert_eq!(std::fs::read(&a).unwrap(), bytes_a);
    assert_eq!(std::fs::read(&b).unwrap(), bytes_b);

    // The other order says the same session, told from the other side.
    let out = f
        .sempre(&store, "laptop")
        .args(["--lang", "da", "merge", "b.json", "a.json"])
        .assert()
        .success();
    assert_eq!(out.get_output().stdout, encode(&merged));
    let report = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(report.starts_with("Fra a.json: +1 note"), "{report}");
    assert!(report.contains(&format!("note {} text (b.json nyere)", short(edited))));

    // --into a new file: the same bytes; the copies untouched.
    let told = f.run(&store, &["merge", "a.json", "b.json", "--into", "c.json"]);
    assert!(told.contains(&conflict), "{told}");
    assert_eq!(std::fs::read(f.path("c.json")).unwrap(), encode(&merged));
    assert_eq!(std::fs::read(&a).unwrap(), bytes_a);
    assert_eq!(std::fs::read(&b).unwrap(), bytes_b);

    // --into one of the copies: that copy holds the merge, the other is
    // untouched, and merging again brings nothing new.
    f.run(&store, &["merge", "a.json", "b.json", "--into", "a.json"]);
    let into_a = load_session(&a).unwrap();
    assert_eq!(
        into_a.without_bookkeeping(),
        merged.without_bookkeeping(),
        "a.json holds the merge"
    );
    assert_eq!(std::fs::read(&b).unwrap(), bytes_b);
    let again = f.run(&store, &["merge", "a.json", "b.json", "--into", "a.json"]);
    assert_eq!(again.trim(), "From b.json: nothing new");
}

fn encode(s: &Session) -> Vec<u8> {
    sempre::store::encode_session(s)
}

#[test]
fn copies_of_different_sessions_or_damaged_files_are_refused_and_nothing_is_written() {
    let f = Fixture::new();
    let store = f.path("store");
    let one = f.new_session(&store, "Én").to_string();
    let other = f.new_session(&store, "En anden").to_string();
    let a = f.path("a.json");
    std::fs::copy(store.join(format!("{one}.json")), &a).unwrap();
    std::fs::write(f.path("damaged.json"), "{\"format\": 3, \"id\": ").unwrap();
    std::fs::write(f.path("method.json"), "{\"id\": \"x\", \"zones\": []}").unwrap();
    std::fs::write(f.path("taken.json"), "mine").unwrap();
    let files_before = listing(&f);
    let bytes_a = std::fs::read(&a).unwrap();
    let store_file = store.join(format!("{other}.json"));
    let bytes_other = std::fs::read(&store_file).unwrap();
    let refused = |args: &[&str], words: &str| {
        let out = f.sempre(&store, "laptop").args(args).assert().failure();
        let out = out.get_output();
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        let text = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            text.trim_end().lines().count(),
            1,
            "not one sentence: {text}"
        );
        assert!(text.contains(words), "{args:?}: {text}");
    };
    let different = "two different sessions";
    refused(&["merge", "a.json", &other], different);
    refused(&["merge", "a.json", &other, "--into", "a.json"], different);
    refused(
        &["merge", &other, "a.json", "--into", "new.json"],
        different,
    );
    refused(
        &["merge", "a.json", "damaged.json", "--into", "a.json"],
        "damaged.json",
    );
    refused(
        &["merge", "a.json", "method.json", "--into", "new.json"],
        "method.json",
    );
    refused(
        &["merge", "a.json", "a.json", "--into", "taken.json"],
        "--into",
    );
    assert_eq!(std::fs::read(&a).unwrap(), bytes_a);
    assert_eq!(std::fs::read(&store_file).unwrap(), bytes_other);
    assert_eq!(std::fs::read(f.path("taken.json")).unwrap(), b"mine");
    assert_eq!(listing(&f), files_before, "a file was written");
    // Danish too.
    let out = f
        .sempre(&store, "laptop")
        .args(["--lang", "da", "merge", "a.json", &other])
        .assert()
        .failure();
    let text = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(text.contains("to forskellige sessioner"), "{text}");
}

/// The files in the fixture's folder (not its lock files).
fn listing(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".locks")
        .collect();
    names.sort();
    names
}

/// Three breakout groups work on copies of one Future Workshop session:
/// notes, clusters, dots, a decision and an action on each, and the same
/// note edited in two groups. Merged back in every order, by the real
/// binary, the result is the same to the byte.
#[test]
fn three_breakout_copies_merge_to_the_same_bytes_in_all_six_orders() {
    let f = Fixture::new();
    let store = f.path("store");
    let id = f.new_session(&store, "Fremtidens fritid").to_string();
    let shared = f.add(&store, &id, "kritik", "For få steder at mødes");
    let names = ["g1.json", "g2.json", "g3.json"];
    for name in names {
        std::fs::copy(store.join(format!("{id}.json")), f.path(name)).unwrap();
    }
    let mut expected = vec![shared];
    for (k, name) in names.iter().enumerate() {
        let n = k as i64 + 1;
        let critique = [
            f.add(&store, name, "kritik", &format!("Kritik {n}a")),
            f.add(&store, name, "kritik", &format!("Kritik {n}b")),
        ];
        let fantasy = f.add(&store, name, "fantasi", &format!("Fantasi {n}"));
        expected.extend(critique);
        expected.push(fantasy);
        let at = later(n);
        change(&f.path(name), at, &format!("gruppe-{n}"), |s| {
            s.cluster_notes(&critique, &format!("Klynge {n}"), at)
                .unwrap();
            s.set_dots(fantasy, n as u32, None, at).unwrap();
            let decision = s
                .add_decision(&format!("Beslutning {n}"), &[fantasy], at)
                .unwrap();
            s.add_action(&format!("Handling {n}"), None, Some(decision), at)
                .unwrap();
            if n != 2 {
                s.edit_note(shared, &format!("Mødesteder ({n})"), at)
                    .unwrap();
            }
        });
    }
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut results = Vec::new();
    for order in orders {
        let args: Vec<&str> = std::iter::once("merge")
            .chain(order.iter().map(|i| names[*i]))
            .collect();
        let out = f.sempre(&store, "laptop").args(&args).assert().success();
        let out = out.get_output();
        let told = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(
            told.lines().count(),
            2,
            "one line per copy after the first: {told}"
        );
        results.push((order, out.stdout.clone()));
    }
    let (_, first) = &results[0];
    for (order, bytes) in &results {
        assert!(bytes == first, "order {order:?} gave other bytes");
    }
    let merged = parse(first);
    for note in &expected {
        assert!(text_of(&merged, *note).is_some(), "note {note} lost");
    }
    assert_eq!(merged.notes.len(), expected.len());
    assert_eq!(text_of(&merged, shared), Some("Mødesteder (3)"));
    assert_eq!(merged.clusters.len(), 3);
    assert_eq!(merged.decisions.len(), 3);
    assert_eq!(merged.actions.len(), 3);
    let dots: u32 = expected.iter().map(|n| merged.dots(*n)).sum();
    assert_eq!(dots, 1 + 2 + 3);
    // Merging the merge with a copy again changes nothing.
    std::fs::write(f.path("all.json"), first).unwrap();
    let out = f
        .sempre(&store, "laptop")
        .args(["merge", "all.json", "g2.json"])
        .assert()
        .success();
    assert_eq!(&out.get_output().stdout, first);
}
