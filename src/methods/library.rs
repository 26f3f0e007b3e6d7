//! Finding methods: the ones built into the binary, and method files in a
//! folder that add to them or replace them.

use std::path::{Path, PathBuf};

use super::structure::{Walked, walk};
use super::trust::distrust;
use super::validate::{check, check_sound};
use super::{Method, MethodError, Problem};

include!(concat!(env!("OUT_DIR"), "/builtin_methods.rs"));

/// Where a method came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the program.
    Builtin,
    /// Read from this file, adding to or replacing a built-in method.
    File(PathBuf),
}

/// A method and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedMethod {
    /// The method.
    pub method: Method,
    /// Where it came from.
    pub origin: Origin,
}

/// All methods the program knows, plus the method files it had to skip.
#[derive(Debug, Clone, Default)]
pub struct MethodLibrary {
    methods: Vec<LoadedMethod>,
    problems: Vec<MethodError>,
}

/// Reads one method file's text: JSON syntax, the fields of the format, and
/// the rules that tie the fields together. `file` names the file in errors.
/// Every mistake is reported, not just the first; a mistake in the JSON
/// syntax stops the reading, with its line and column.
pub fn parse_method(file: &str, json: &str) -> Result<Method, Vec<MethodError>> {
    // A sound file, as every built-in one is, is read once; only a file
    // the types refuse is walked field by field for all its mistakes.
    if let Ok(method) = typed(json) {
        let problems = check(&method, file);
        return if problems.is_empty() {
            Ok(method)
        } else {
            Err(problems)
        };
    }
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        vec![MethodError::Syntax {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            reason: crate::json_error::reason(&e),
        }]
    })?;
    let Walked {
        mut mistakes,
        broken,
        mended,
    } = walk(&value);
    // The value above keeps only the last of a field written twice; the
    // text tells them all.
    mistakes.extend(
        super::twice::fields_written_twice(json)
            .into_iter()
            .map(|path| (path, Problem::Twice)),
    );
    let field = |(field, problem): (String, Problem)| MethodError::Field {
        file: file.to_string(),
        field,
        problem,
    };
    if mistakes.is_empty() {
        // The types refused the text for a reason the walk does not know.
        return Err(match typed(json) {
            Err(m) => vec![field(m)],
            Ok(method) => check(&method, file),
        });
    }
    let mut problems: Vec<MethodError> = mistakes.into_iter().map(field).collect();
    if let Ok(method) = serde_json::from_value::<Method>(mended) {
        problems.extend(check_sound(&method, file, &broken));
    }
    problems.sort_by_cached_key(|p| match p {
        MethodError::Field { field, .. } => path_key(field),
        _ => Vec::new(),
    });
    Err(problems)
}

/// A path split so that it sorts as a reader expects: `zones[2]` before
/// `zones[10]`.
fn path_key(path: &str) -> Vec<(String, usize)> {
    path.split(['.', '['])
        .map(
            |part| match part.strip_suffix(']').map(str::parse::<usize>) {
                Some(Ok(n)) => (String::new(), n),
                _ => (part.to_string(), 0),
            },
        )
        .collect()
}

/// The method in `json`, whose shape is known to be sound, or the one
/// mistake serde finds.
fn typed(json: &str) -> Result<Method, (String, Problem)> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let reason = crate::json_error::reason(e.inner());
        match reason
            .strip_prefix("duplicate field `")
            .and_then(|r| r.strip_suffix('`'))
        {
            Some(name) => (super::structure::field(&path, name), Problem::Twice),
            None => (path, Problem::DoesNotFit),
        }
    })
}

/// Reads and checks the method file at `path`, whose file name must match
/// the method's id.
pub fn read_method_file(path: &Path) -> Result<Method, Vec<MethodError>> {
    let file = path.display().to_string();
    if let Some(why) = distrust(path) {
        return Err(vec![MethodError::Untrusted {
            file,
            folder: false,
            why,
        }]);
    }
    let json = std::fs::read_to_string(path).map_err(|e| {
        vec![MethodError::Read {
            file: file.clone(),
            reason: (&e).into(),
        }]
    })?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let id_mistake = |id: &str| {
        (id != stem).then(|| MethodError::Field {
            file: file.clone(),
            field: "id".into(),
            problem: Problem::IdNotFileName {
                id: super::problem::shown(id),
                stem: super::problem::shown(stem),
            },
        })
    };
    match parse_method(&file, &json) {
        Ok(method) => match id_mistake(&method.id) {
            Some(mistake) => Err(vec![mistake]),
            None => Ok(method),
        },
        Err(mut problems) => {
            // The other mistakes do not hide a file name that does not fit.
            let id = serde_json::from_str::<serde_json::Value>(&json)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str().map(String::from)));
            let id_sound = !problems
                .iter()
                .any(|p| matches!(p, MethodError::Field { field, .. } if field == "id"));
            if let Some(mistake) = id.filter(|_| id_sound).and_then(|id| id_mistake(&id)) {
                problems.insert(0, mistake);
            }
            Err(problems)
        }
    }
}

impl MethodLibrary {
    /// The methods built into the program.
    pub fn builtin() -> MethodLibrary {
        let mut library = MethodLibrary::default();
        for (name, json) in BUILTIN {
            match parse_method(&format!("methods/{name}"), json) {
                Ok(method) => library.insert(method, Origin::Builtin),
                Err(problems) => library.problems.extend(problems),
            }
        }
        library
    }

    /// The built-in methods, with the method files of `dir` added; a file
    /// whose id matches a built-in method replaces it. A file with a mistake
    /// is skipped and reported in [`MethodLibrary::problems`]; a file equal
    /// to its built-in method changes nothing. A folder that does not exist
    /// adds nothing; one that another user owns or can change is not read
    /// (a problem says so), nor is such a file in it.
    pub fn with_folder(dir: &Path) -> MethodLibrary {
        let mut library = MethodLibrary::builtin();
        let paths = match method_files(dir) {
            Ok(paths) => paths,
            Err(refused) => {
                library.problems.push(refused);
                return library;
            }
        };
        for path in paths {
            match read_method_file(&path) {
                Ok(method) if library.get(&method.id) == Some(&method) => {}
                Ok(method) => library.insert(method, Origin::File(path)),
                Err(problems) => library.problems.extend(problems),
            }
        }
        library
    }

    fn insert(&mut self, method: Method, origin: Origin) {
        let loaded = LoadedMethod { method, origin };
        match self
            .methods
            .iter_mut()
            .find(|m| m.method.id == loaded.method.id)
        {
            Some(slot) => *slot = loaded,
            None => self.methods.push(loaded),
        }
    }

    /// Every method, in the order the handbook presents them; within a
    /// category, methods from elsewhere come after the handbook's.
    pub fn all(&self) -> Vec<&LoadedMethod> {
        let mut all: Vec<&LoadedMethod> = self.methods.iter().collect();
        all.sort_by(|a, b| {
            let key = |m: &Method| {
                let section = m.handbook.clone();
                (m.category as u8, section.is_none(), section, m.id.clone())
            };
            key(&a.method).cmp(&key(&b.method))
        });
        all
    }

    /// The method with this id.
    pub fn get(&self, id: &str) -> Option<&Method> {
        self.methods
            .iter()
            .find(|m| m.method.id == id)
            .map(|m| &m.method)
    }

    /// The method `session` follows: the library's, or, when that method
    /// file is gone, one made from the names the session keeps ([`kept`]),
    /// so that the session can still be read. `None` when neither.
    pub fn for_session(
        &self,
        session: &crate::model::Session,
    ) -> Option<std::borrow::Cow<'_, Method>> {
        match self.get(&session.method.id) {
            Some(m) => Some(std::borrow::Cow::Borrowed(m)),
            None => kept(&session.method).map(std::borrow::Cow::Owned),
        }
    }

    /// The method's name in Danish and English: the library's, else the
    /// name a session keeps of it (`kept`), else its id.
    pub fn names(&self, id: &str, kept: Option<&crate::i18n::Text>) -> [String; 2] {
        match (self.get(id), kept) {
            (Some(m), _) => [m.name.da.clone(), m.name.en.clone()],
            (None, Some(name)) => [name.da.clone(), name.en.clone()],
            (None, None) => [id.to_string(), id.to_string()],
        }
    }

    /// The method with this id, or an error listing the ids there are.
    pub fn require(&self, id: &str) -> Result<&Method, MethodError> {
        self.get(id).ok_or_else(|| MethodError::Unknown {
            id: id.to_string(),
            known: self.all().iter().map(|m| m.method.id.clone()).collect(),
        })
    }

    /// Method files that were skipped because of a mistake.
    pub fn problems(&self) -> &[MethodError] {
        &self.problems
    }
}

/// The `.json` files of the methods folder `dir`, by name: none when
/// there is no such folder, and a refusal when another user owns it or can
/// change it (its files are then not read at all).
pub fn method_files(dir: &Path) -> Result<Vec<PathBuf>, MethodError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    if let Some(why) = distrust(dir) {
        return Err(MethodError::Untrusted {
            file: dir.display().to_string(),
            folder: true,
            why,
        });
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// A method made from the names a session keeps of it: its zones side by
/// side and its phases, with no guidance, questions or time boxes. What a
/// session is read with when its method file is gone.
pub fn kept(method: &crate::model::MethodRef) -> Option<Method> {
    let labels = method.labels.as_ref()?;
    let empty = serde_json::json!({ "da": "", "en": "" });
    let zones: Vec<serde_json::Value> = labels
        .zones
        .iter()
        .map(|z| serde_json::json!({ "id": z.id, "name": z.name, "questions": [] }))
        .collect();
    let phases: Vec<serde_json::Value> = labels
        .phases
        .iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id, "name": p.name, "goal": empty, "instructions": [],
                "minutes": p.minutes.unwrap_or(15), "zones": [], "asks": []
            })
        })
        .collect();
    let value = serde_json::json!({
        "id": method.id,
        "version": method.version,
        "name": labels.name,
        "summary": empty,
        "category": "needs-analysis",
        "complexity": "low",
        "time": empty,
        "facilitator_skills": empty,
        "strengths": [],
        "pitfalls": [],
        "used_with": [],
        "shape": "columns",
        "boards": { "multiple": true },
        "zones": zones,
        "phases": phases,
    });
    serde_json::from_value(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_method_loads_without_problems() {
        let library = MethodLibrary::builtin();
        assert_eq!(library.problems(), &[]);
        assert_eq!(library.all().len(), BUILTIN.len());
        assert!(library.get("fremtidsvaerksted").is_some());
    }

    #[test]
    fn unknown_method_lists_the_known_ones() {
        let library = MethodLibrary::builtin();
        let err = library.require("kitchen-talks").unwrap_err();
        assert!(err.to_string().contains("fremtidsvaerksted"));
    }

    #[test]
    fn a_typo_names_file_and_field() {
        let json = BUILTIN[0].1.replacen("\"minutes\"", "\"minuttes\"", 1);
        let errors = parse_method("methods/x.json", &json).unwrap_err();
        let text = errors[0].to_string();
        assert!(text.contains("methods/x.json"), "{text}");
        assert!(text.contains("phases[0]"), "{text}");
        assert!(text.contains("minuttes"), "{text}");
    }

    #[test]
    fn broken_json_gives_line_and_column() {
        let errors = parse_method("m.json", "{\n  \"id\": \"x\",,\n}").unwrap_err();
        assert!(matches!(errors[0], MethodError::Syntax { line: 2, .. }));
    }
}
