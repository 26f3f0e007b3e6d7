//! Method files: every built-in one is sound, and every kind of mistake is
//! reported with its file, its field and what is wrong.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use sempre::methods::{MethodLibrary, Shape, read_method_file};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_method_file_in_the_repository_is_sound() {
    let mut count = 0;
    for entry in std::fs::read_dir(root().join("methods")).unwrap() {
        let path = entry.unwrap().path();
        if let Err(problems) = read_method_file(&path) {
            panic!("{}: {problems:#?}", path.display());
        }
        count += 1;
    }
    assert!(
        count >= 10,
        "the six methods, the social canvas and three more"
    );
    let library = MethodLibrary::builtin();
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    assert_eq!(library.all().len(), count);
}

#[test]
fn the_methods_have_the_shapes_the_handbook_describes() {
    let library = MethodLibrary::builtin();
    let shape = |id: &str| library.get(id).map(|m| m.shape);
    assert_eq!(shape("fremtidsvaerksted"), Some(Shape::Columns));
    assert_eq!(shape("rygsaek"), Some(Shape::Backpack));
    assert_eq!(shape("problemtrae"), Some(Shape::Tree));
    assert_eq!(shape("theory-of-change"), Some(Shape::Chain));
    assert_eq!(shape("business-model-canvas"), Some(Shape::Grid));
    assert_eq!(shape("social-business-model-canvas"), Some(Shape::Grid));
    assert_eq!(shape("double-diamond"), Some(Shape::Diamond));
    let bmc = library.get("business-model-canvas").unwrap();
    assert_eq!(bmc.zones.len(), 9);
    assert!(bmc.boards.multiple);
    assert!(library.get("rygsaek").unwrap().boards.per_participant);
    let toc = library.get("theory-of-change").unwrap();
    assert_eq!(
        toc.zone("antagelser")
            .and_then(|z| z.attaches_to.as_deref()),
        Some("trin")
    );
    for id in ["fokusgruppeinterview", "koekkensamtaler", "trafiklys"] {
        assert_eq!(shape(id), Some(Shape::Columns), "{id}");
    }
    let quotes = |id: &str| -> Vec<String> {
        let m = library.get(id).unwrap();
        m.zones
            .iter()
            .filter(|z| z.quotes)
            .map(|z| z.id.clone())
            .collect()
    };
    assert_eq!(quotes("fokusgruppeinterview"), ["citater"]);
    assert_eq!(quotes("koekkensamtaler"), ["egne-ord"]);
    assert!(quotes("trafiklys").is_empty());
    let kitchen = library.get("koekkensamtaler").unwrap();
    assert!(kitchen.boards.multiple && !kitchen.boards.per_participant);
    assert_eq!(
        kitchen
            .meetings
            .as_ref()
            .map(|m| m.label.get(sempre::i18n::Lang::Da)),
        Some("besøg")
    );
    let light = library.get("trafiklys").unwrap();
    let colours: Vec<_> = light.zones.iter().filter_map(|z| z.colour).collect();
    use sempre::model::Colour;
    assert_eq!(
        colours,
        [Colour::Green, Colour::Yellow, Colour::Red, Colour::Orange]
    );
    let tree = library.get("problemtrae").unwrap();
    assert_eq!(
        tree.zone("aarsager").and_then(|z| z.mirror.as_deref()),
        Some("midler")
    );
}

#[test]
fn each_mistake_names_file_field_and_problem() {
    let cases = [
        ("zone-typo", "`phases[1].zones[0]`", "no zone \"kritikk\""),
        (
            "unknown-field",
            "`phases[1].minuttes`",
            "unknown field; did you mean `minutes`?",
        ),
        ("missing-translation", "`name.en`", "missing"),
        (
            "wrong-type",
            "`phases[3].minutes`",
            "should be a whole number, not the text \"45\"",
        ),
        ("broken-json", "line 3, column 23", "key must be a string"),
        ("unknown-shape", "`shape`", "\"spiral\" is not allowed here"),
        ("id-not-file-name", "`id`", "must match the file name"),
        (
            "grid-overlap",
            "`zones[1].grid`",
            "overlaps zone \"kritik\"",
        ),
        (
            "write-without-zone",
            "`phases[1].zones`",
            "needs a zone to write in",
        ),
        ("missing-goal", "`phases[1].goal`", "missing"),
        ("many-mistakes", "`name.en`", "the English text is empty"),
    ];
    let dir = root().join("tests/invalid_methods");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        cases.len(),
        "every example has a case"
    );
    for (name, field, problem) in cases {
        let path = dir.join(format!("{name}.json"));
        let problems = read_method_file(&path).expect_err(name);
        let text = problems[0].to_string();
        assert!(text.contains(&format!("{name}.json")), "{name}: {text}");
        assert!(text.contains(field), "{name}: expected {field} in {text}");
        assert!(
            text.contains(problem),
            "{name}: expected {problem} in {text}"
        );
    }
}
