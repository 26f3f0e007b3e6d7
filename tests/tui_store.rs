//! The board's side of the store's promises, headless through `update`
//! and the real disk: the export dialog never writes over or beside a
//! session, and a save never overwrites a change made elsewhere.

#![allow(clippy::unwrap_used)]

mod headless;

use std::path::PathBuf;

use headless::Harness;
use sempre::tui::command::Command;
use sempre::tui::layers::Layer;

fn export_error(h: &mut Harness, target: &std::path::Path) -> Option<String> {
    h.cmd(Command::Export);
    let Some(Layer::Export(d)) = h.app.layers.last_mut() else {
        panic!("no export dialog");
    };
    d.file = ratatui_textarea::TextArea::new(vec![target.display().to_string()]);
    d.file_edited = true;
    h.cmd(Command::Submit);
    // Enter again: a confirmed replace must not get past the guard either.
    h.cmd(Command::Submit);
    let error = match h.app.layers.last() {
        Some(Layer::Export(d)) => d.error.clone(),
        _ => None,
    };
    h.cmd(Command::Back);
    error
}

fn store_files(h: &Harness) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![h.store.dir().to_path_buf()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_export_dialog_never_writes_over_or_beside_a_session() {
    let mut h = Harness::example("rygsaek");
    let store = h.store.dir().to_path_buf();
    let file = h.board().open.path().to_path_buf();
    let stem = file.file_stem().unwrap().to_string_lossy().to_string();
    let link = store.parent().unwrap().join("link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&store, &link).unwrap();
    let before = store_files(&h);
    for target in [
        store.join("x/../").join(format!("{stem}.json")),
        store.join(format!("{}.JSON", stem.to_uppercase())),
        store.join(".locks").join(format!("{stem}.lock")),
        link.join(format!("{stem}.json")),
    ] {
        let error = export_error(&mut h, &target);
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("inside the store folder")),
            "{}: {error:?}",
            target.display()
        );
        assert_eq!(store_files(&h), before, "{}", target.display());
    }
    let copy = store.parent().unwrap().join("copy.html");
    std::fs::copy(&file, &copy).unwrap();
    let error = export_error(&mut h, &copy).unwrap();
    assert!(error.contains("is a session file"), "{error}");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&file).unwrap());
}
