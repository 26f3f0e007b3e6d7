//! The rules a method file must follow beyond its JSON types: ids that are
//! unique and referred to correctly, texts in both languages, a grid whose
//! cells fit.
//!
//! When the file's shape had mistakes, the rules are checked on the mended
//! copy (see `structure`), and a rule is only reported when the fields it
//! reads were sound: a stand-in must never cause a mistake of its own.

use std::collections::HashSet;

use super::{Ask, Method, MethodError, Problem, Shape};
use crate::i18n::{Lang, Text};

struct Checker<'a> {
    file: &'a str,
    broken: &'a [String],
    problems: Vec<MethodError>,
}

/// Whether one path is the other, or inside it. The empty path is the
/// whole file.
fn related(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let inside = |a: &str, b: &str| {
        a.strip_prefix(b)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    };
    a == b || inside(a, b) || inside(b, a)
}

impl Checker<'_> {
    /// Whether the field at `path`, and everything in it, was sound.
    fn sound(&self, path: &str) -> bool {
        !self.broken.iter().any(|b| related(b, path))
    }

    fn fail(&mut self, field: impl Into<String>, problem: Problem) {
        let field = field.into();
        if !self.sound(&field) {
            return;
        }
        self.problems.push(MethodError::Field {
            file: self.file.to_string(),
            field,
            problem,
        });
    }

    fn text(&mut self, field: &str, text: &Text) {
        if text.da.trim().is_empty() {
            self.fail(format!("{field}.da"), Problem::EmptyText(Lang::Da));
        }
        if text.en.trim().is_empty() {
            self.fail(format!("{field}.en"), Problem::EmptyText(Lang::En));
        }
    }

    fn texts(&mut self, field: &str, texts: &[Text], required: bool) {
        if required && texts.is_empty() {
            self.fail(field, Problem::EmptyList);
        }
        for (i, t) in texts.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), t);
        }
    }

    fn slug(&mut self, field: &str, id: &str) {
        let ok = !id.is_empty()
            && !id.starts_with('-')
            && !id.ends_with('-')
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            self.fail(field, Problem::BadId(super::problem::shown(id)));
        }
    }

    /// Whether every zone's id was sound, so that a reference to a zone
    /// that is not there is a real mistake.
    fn zone_ids_sound(&self, method: &Method) -> bool {
        !self.broken.iter().any(|b| b == "zones")
            && (0..method.zones.len()).all(|i| self.sound(&format!("zones[{i}].id")))
    }
}

/// Every rule `method` breaks, each naming `file` and the field.
pub(super) fn check(method: &Method, file: &str) -> Vec<MethodError> {
    check_sound(method, file, &[])
}

/// Every rule `method` breaks that does not involve the fields at the
/// `broken` paths.
pub(super) fn check_sound(method: &Method, file: &str, broken: &[String]) -> Vec<MethodError> {
    let mut c = Checker {
        file,
        broken,
        problems: Vec::new(),
    };
    c.slug("id", &method.id);
    if method.version == 0 {
        c.fail("version", Problem::VersionZero);
    }
    for (field, text) in [
        ("name", &method.name),
        ("summary", &method.summary),
        ("time", &method.time),
        ("facilitator_skills", &method.facilitator_skills),
    ] {
        c.text(field, text);
    }
    c.texts("strengths", &method.strengths, true);
    c.texts("pitfalls", &method.pitfalls, true);
    c.texts("used_with", &method.used_with, false);
    c.texts("examples", &method.examples, false);
    c.texts("materials", &method.materials, false);
    c.texts("questions", &method.questions, false);
    if let Some(size) = method.group_size
        && (size.min == 0 || size.min > size.max)
    {
        c.fail("group_size", Problem::GroupSize);
    }
    if let Some(label) = &method.boards.label {
        c.text("boards.label", label);
    }
    if let Some(meetings) = &method.meetings {
        c.text("meetings.label", &meetings.label);
    }
    check_zones(&mut c, method);
    check_assumptions(&mut c, method);
    check_phases(&mut c, method);
    check_shape(&mut c, method);
    c.problems
}

fn check_zones(c: &mut Checker, method: &Method) {
    if method.zones.is_empty() {
        c.fail("zones", Problem::NoZones);
    }
    let ids: HashSet<&str> = method.zones.iter().map(|z| z.id.as_str()).collect();
    let ids_sound = c.zone_ids_sound(method);
    let mut seen = HashSet::new();
    let mut shorts = HashSet::new();
    for (i, zone) in method.zones.iter().enumerate() {
        let at = format!("zones[{i}]");
        c.slug(&format!("{at}.id"), &zone.id);
        if !seen.insert(zone.id.as_str()) {
            c.fail(
                format!("{at}.id"),
                Problem::ZoneIdTwice(super::problem::shown(&zone.id)),
            );
        }
        c.text(&format!("{at}.name"), &zone.name);
        if let Some(short) = &zone.short {
            c.text(&format!("{at}.short"), short);
            // Short names stand in for names on narrow blocks; two alike
            // would make two blocks look the same.
            for lang in crate::i18n::Lang::ALL {
                if !shorts.insert((lang, short.get(lang).to_lowercase())) {
                    c.fail(
                        format!("{at}.short.{}", lang.code()),
                        Problem::ShortTwice(super::problem::shown(short.get(lang))),
                    );
                }
            }
        }
        c.texts(&format!("{at}.questions"), &zone.questions, true);
        for (field, target) in [("mirror", &zone.mirror), ("attaches_to", &zone.attaches_to)] {
            if let Some(target) = target {
                if !ids.contains(target.as_str()) {
                    if ids_sound {
                        c.fail(
                            format!("{at}.{field}"),
                            Problem::NoSuchZone(super::problem::shown(target)),
                        );
                    }
                } else if *target == zone.id {
                    c.fail(format!("{at}.{field}"), Problem::PointsToItself);
                }
            }
        }
    }
}

fn check_assumptions(c: &mut Checker, method: &Method) {
    let count = method.zones.iter().filter(|z| z.assumptions).count();
    if count > 1 {
        c.fail("zones", Problem::AssumptionsTwice);
    }
}

fn check_phases(c: &mut Checker, method: &Method) {
    if method.phases.is_empty() {
        c.fail("phases", Problem::NoPhases);
    }
    let ids_sound = c.zone_ids_sound(method);
    let mut seen = HashSet::new();
    for (i, phase) in method.phases.iter().enumerate() {
        let at = format!("phases[{i}]");
        c.slug(&format!("{at}.id"), &phase.id);
        if !seen.insert(phase.id.as_str()) {
            c.fail(
                format!("{at}.id"),
                Problem::PhaseIdTwice(super::problem::shown(&phase.id)),
            );
        }
        c.text(&format!("{at}.name"), &phase.name);
        c.text(&format!("{at}.goal"), &phase.goal);
        c.texts(&format!("{at}.instructions"), &phase.instructions, true);
        if let Some(rule) = &phase.rule {
            c.text(&format!("{at}.rule"), rule);
        }
        if phase.minutes == 0 {
            c.fail(format!("{at}.minutes"), Problem::ZeroMinutes);
        }
        for (j, zone) in phase.zones.iter().enumerate() {
            if method.zone(zone).is_none() && ids_sound {
                c.fail(
                    format!("{at}.zones[{j}]"),
                    Problem::NoSuchZone(super::problem::shown(zone)),
                );
            }
        }
        if phase.asks.is_empty() {
            c.fail(format!("{at}.asks"), Problem::NoAsks);
        }
        if phase.asks.contains(&Ask::Write)
            && phase.zones.is_empty()
            && c.sound(&format!("{at}.asks"))
        {
            c.fail(format!("{at}.zones"), Problem::WriteWithoutZone);
        }
    }
}

fn check_shape(c: &mut Checker, method: &Method) {
    if !c.sound("shape") {
        return;
    }
    let grid = method.shape == Shape::Grid;
    match (grid, method.layout) {
        (true, None) => c.fail("layout", Problem::GridNeedsLayout),
        (false, Some(_)) => c.fail("layout", Problem::LayoutOnlyGrid),
        _ => {}
    }
    for (i, zone) in method.zones.iter().enumerate() {
        if grid && zone.grid.is_none() {
            c.fail(format!("zones[{i}].grid"), Problem::GridNeedsCell);
        }
        if !grid && zone.grid.is_some() {
            c.fail(format!("zones[{i}].grid"), Problem::CellOnlyGrid);
        }
        if method.shape != Shape::Tree && zone.part.is_some() {
            c.fail(format!("zones[{i}].part"), Problem::PartOnlyTree);
        }
    }
    if method.shape == Shape::Tree && !method.zones.iter().any(|z| z.part.is_some()) {
        c.fail("zones", Problem::TreeNeedsParts);
    }
    if let Some(layout) = method.layout.filter(|_| grid && c.sound("layout")) {
        check_cells(c, method, layout.columns, layout.rows);
    }
}

fn check_cells(c: &mut Checker, method: &Method, columns: u16, rows: u16) {
    if columns == 0 || rows == 0 {
        c.fail("layout", Problem::EmptyLayout);
        return;
    }
    let mut taken = vec![None::<usize>; usize::from(columns) * usize::from(rows)];
    'zones: for (i, zone) in method.zones.iter().enumerate() {
        let Some(cell) = zone.grid else { continue };
        let at = format!("zones[{i}].grid");
        if !c.sound(&at) {
            continue;
        }
        if cell.columns == 0 || cell.rows == 0 {
            c.fail(&at, Problem::EmptyCell);
            continue;
        }
        if cell.column + cell.columns > columns || cell.row + cell.rows > rows {
            c.fail(&at, Problem::CellOutside { columns, rows });
            continue;
        }
        for row in cell.row..cell.row + cell.rows {
            for col in cell.column..cell.column + cell.columns {
                let slot = &mut taken[usize::from(row) * usize::from(columns) + usize::from(col)];
                if let Some(other) = *slot {
                    if c.sound(&format!("zones[{other}]")) {
                        let id = super::problem::shown(&method.zones[other].id);
                        c.fail(&at, Problem::CellOverlaps(id));
                    }
                    continue 'zones;
                }
                *slot = Some(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::library::parse_method;

    fn fw() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/methods/fremtidsvaerksted.json"
        ))
        .unwrap()
    }

    fn problems(json: &str) -> Vec<String> {
        match parse_method("m.json", json) {
            Ok(_) => vec![],
            Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn a_phase_naming_a_missing_zone_is_reported_with_its_path() {
        let json = fw().replacen("\"zones\": [\"kritik\"]", "\"zones\": [\"kritikk\"]", 1);
        let p = problems(&json);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("`phases[1].zones[0]`"), "{}", p[0]);
        assert!(p[0].contains("no zone \"kritikk\""), "{}", p[0]);
    }

    #[test]
    fn empty_translation_and_zero_minutes_are_reported() {
        let json = fw()
            .replacen("\"en\": \"Future Workshop\"", "\"en\": \"\"", 1)
            .replacen("\"minutes\": 15", "\"minutes\": 0", 1);
        let p = problems(&json);
        assert!(p.iter().any(|x| x.contains("`name.en`")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("`phases[0].minutes`")), "{p:?}");
    }

    #[test]
    fn duplicate_zone_ids_and_bad_ids_are_reported() {
        let json = fw()
            .replacen("\"id\": \"fantasi\"", "\"id\": \"kritik\"", 1)
            .replacen("\"id\": \"fremtidsvaerksted\"", "\"id\": \"Fremtid\"", 1);
        let p = problems(&json);
        assert!(p.iter().any(|x| x.contains("used twice")), "{p:?}");
        assert!(
            p.iter()
                .any(|x| x.contains("`id`") && x.contains("lower-case")),
            "{p:?}"
        );
    }

    #[test]
    fn short_names_are_checked_and_must_differ() {
        let short = "\"name\": { \"da\": \"Kritik\", \"en\": \"Critique\" }";
        let json = fw().replacen(
            short,
            &format!("{short}, \"short\": {{ \"da\": \"K\", \"en\": \"\" }}"),
            1,
        );
        assert!(json.contains("\"short\""), "the fixture has the name");
        let p = problems(&json);
        assert!(p.iter().any(|x| x.contains("`zones[0].short.en`")), "{p:?}");
        let twice = "\"short\": { \"da\": \"K\", \"en\": \"C\" }";
        let json = fw()
            .replacen(short, &format!("{short}, {twice}"), 1)
            .replacen(
                "\"name\": { \"da\": \"Fantasi\", \"en\": \"Fantasy\" }",
                &format!("\"name\": {{ \"da\": \"Fantasi\", \"en\": \"Fantasy\" }}, {twice}"),
                1,
            );
        let p = problems(&json);
        assert!(p.iter().any(|x| x.contains("used twice")), "{p:?}");
    }

    #[test]
    fn mistakes_in_the_shape_and_in_the_rules_come_in_one_run() {
        let json = fw()
            .replacen("\"minutes\": 15", "\"minuts\": 15", 1)
            .replacen("\"zones\": [\"kritik\"]", "\"zones\": [\"kritikk\"]", 1);
        let p = problems(&json);
        assert!(p.iter().any(|x| x.contains("`phases[0].minuts`")), "{p:?}");
        assert!(
            p.iter().any(|x| x.contains("`phases[1].zones[0]`")),
            "{p:?}"
        );
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn a_stand_in_for_a_broken_field_causes_no_mistake_of_its_own() {
        // A zone whose id is a number: phases naming it are not blamed.
        let json = fw().replacen("\"id\": \"kritik\"", "\"id\": 7", 1);
        let p = problems(&json);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("`zones[0].id`"), "{p:?}");
        // Not an object at all: one mistake, not one per stand-in.
        assert_eq!(problems("[]").len(), 1);
        // An unknown shape: nothing about layouts or cells.
        let json = fw().replacen("\"shape\": \"columns\"", "\"shape\": \"spiral\"", 1);
        let p = problems(&json);
        assert_eq!(p.len(), 1, "{p:?}");
        // A goal of the wrong kind: not also an empty text.
        let json = fw().replacen("\"goal\": {", "\"goal\": 3, \"x\": {", 1);
        let p = problems(&json);
        assert!(p.iter().any(|x| x.contains("`phases[0].goal`")), "{p:?}");
        assert!(!p.iter().any(|x| x.contains("goal.da")), "{p:?}");
    }

    #[test]
    fn grid_cells_must_fit_and_not_overlap() {
        let json = fw()
            .replacen(
                "\"shape\": \"columns\"",
                "\"shape\": \"grid\", \"layout\": {\"columns\": 2, \"rows\": 1}",
                1,
            )
            .replacen(
                "\"colour\": \"pink\"",
                "\"colour\": \"pink\", \"grid\": {\"column\": 0, \"row\": 0}",
                1,
            )
            .replacen(
                "\"colour\": \"yellow\"",
                "\"colour\": \"yellow\", \"grid\": {\"column\": 0, \"row\": 0}",
                1,
            )
            .replacen(
                "\"colour\": \"green\"",
                "\"colour\": \"green\", \"grid\": {\"column\": 2, \"row\": 0}",
                1,
            );
        let p = problems(&json);
        assert!(
            p.iter().any(|x| x.contains("overlaps zone \"kritik\"")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|x| x.contains("outside the 2×1 layout")),
            "{p:?}"
        );
    }
}
