//! Embeds every `methods/*.json` file in the binary, so that `sempre` runs
//! anywhere and a new method needs a new file, not new code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=methods");
    // Read when the script runs, not baked in when it is compiled: a
    // target folder copied from another checkout must not embed that
    // checkout's methods.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("methods");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the methods folder is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut code =
        String::from("/// Method files embedded at build time: (file name, contents).\n");
    code.push_str("pub(crate) const BUILTIN: &[(&str, &str)] = &[\n");
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_methods.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
