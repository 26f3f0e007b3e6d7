//! The README's key tables are the keymap's own help, so they cannot drift
//! from what the keys do. After changing a binding, run
//! `SEMPRE_BLESS=1 cargo test --test readme` to rewrite the tables.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use sempre::i18n::Lang;
use sempre::tui::keymap::{Context, help};

const START: &str = "<!-- keys:start -->";
const END: &str = "<!-- keys:end -->";

fn tables() -> String {
    let sections = [
        ("The board", Context::Board),
        ("The note editor", Context::Editor),
        ("Forms", Context::Form),
        ("Choosing a card (`i`)", Context::Pick),
        ("Notes from phones (`I`)", Context::Queue),
        ("The day's plan (`y`)", Context::Plan),
        ("The help overlay (`?`)", Context::Help),
        ("Sessions (home)", Context::Home),
        ("Follow-up: sessions", Context::Review),
        ("Follow-up: actions", Context::Actions),
        ("Follow-up: process", Context::Process),
        ("The export dialog", Context::Export),
        ("Method library", Context::Library),
        ("New session", Context::Wizard),
    ];
    let mut out = String::new();
    for (title, context) in sections {
        out.push_str(&format!(
            "\n**{title}**\n\n| keys | what they do |\n|---|---|\n"
        ));
        for (keys, what) in help(context) {
            let keys = keys.replace('|', "\\|");
            out.push_str(&format!("| `{keys}` | {} |\n", what.text(Lang::En)));
        }
    }
    out.push('\n');
    out
}

#[test]
fn the_readme_lists_the_keys_the_program_uses() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("README has the keys markers") + START.len();
    let end = readme.find(END).unwrap();
    let expected = tables();
    if std::env::var_os("SEMPRE_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[start..end] == expected,
        "the README's key tables are out of date; run SEMPRE_BLESS=1 cargo test --test readme"
    );
}
