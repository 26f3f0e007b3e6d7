//! Checks a method file's JSON against the shape of the format, field by
//! field, and finds every mistake in one pass instead of stopping at the
//! first. The shape is read from the JSON Schema generated from
//! [`Method`](super::Method), so it cannot drift from the types.
//!
//! Besides the mistakes, the walk returns a mended copy of the file:
//! unknown fields left out, and a stand-in of the right kind wherever a
//! value was missing or wrong. The rules between fields can then be checked
//! on the mended copy, and mistakes that only a stand-in caused are left
//! out (see `validate`).

use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::problem::{Expected, Found, Problem, shown};
use crate::schema::{Format, schema};

/// A mistake and the path of the field it is in, such as `phases[1].goal`.
pub(super) type Mistake = (String, Problem);

fn method_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| schema(Format::Method))
}

/// What the walk found: the mistakes, the paths of every field that was
/// mended (a superset of the mistakes' paths), and the mended copy.
pub(super) struct Walked {
    /// The mistakes, in the order met.
    pub mistakes: Vec<Mistake>,
    /// The fields that hold a stand-in or were left out.
    pub broken: Vec<String>,
    /// The file with every mistake mended.
    pub mended: Value,
}

/// Every mistake in the shape of `value`, and the mended copy.
pub(super) fn walk(value: &Value) -> Walked {
    let root = method_schema();
    let empty = Map::new();
    let defs = root
        .get("$defs")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut walker = Walker {
        defs,
        mistakes: Vec::new(),
        broken: Vec::new(),
    };
    let mended = walker.value("", value, root);
    Walked {
        mistakes: walker.mistakes,
        broken: walker.broken,
        mended,
    }
}

/// The path of field `key` inside the object at `path`.
pub(super) fn field(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

struct Walker<'s> {
    defs: &'s Map<String, Value>,
    mistakes: Vec<Mistake>,
    broken: Vec<String>,
}

fn is_null_type(s: &Value) -> bool {
    s.get("type").and_then(Value::as_str) == Some("null")
}

impl<'s> Walker<'s> {
    fn resolve(&self, schema: &'s Value) -> &'s Value {
        let mut s = schema;
        // A reference may lead to another; the format has no cycles of
        // bare references, but a bound keeps a mistake from looping.
        for _ in 0..8 {
            let Some(name) = s
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            else {
                break;
            };
            match self.defs.get(name) {
                Some(def) => s = def,
                None => break,
            }
        }
        s
    }

    /// The alternatives of a schema that is one of several, without `null`.
    fn options(schema: &'s Value) -> Option<Vec<&'s Value>> {
        let all = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))?
            .as_array()?;
        Some(all.iter().filter(|o| !is_null_type(o)).collect())
    }

    fn nullable(schema: &Value) -> bool {
        let in_options = ["anyOf", "oneOf"].iter().any(|k| {
            schema
                .get(k)
                .and_then(Value::as_array)
                .is_some_and(|o| o.iter().any(is_null_type))
        });
        let in_type = schema
            .get("type")
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|x| x == "null"));
        in_options || in_type
    }

    /// The words a schema of constants allows, if it is one.
    fn words(&self, schema: &'s Value) -> Option<Vec<String>> {
        let s = self.resolve(schema);
        if let Some(list) = s.get("enum").and_then(Value::as_array) {
            return Some(
                list.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect(),
            );
        }
        let options = Self::options(s)?;
        options
            .iter()
            .map(|o| o.get("const").and_then(Value::as_str).map(String::from))
            .collect()
    }

    fn kind(schema: &Value) -> Option<&str> {
        match schema.get("type")? {
            Value::String(t) => Some(t),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null"),
            _ => None,
        }
    }

    fn expected(&self, schema: &'s Value) -> Expected {
        if let Some(words) = self.words(schema) {
            return Expected::OneOf(words);
        }
        if schema.get("$ref").and_then(Value::as_str) == Some("#/$defs/Text") {
            return Expected::Text;
        }
        let s = self.resolve(schema);
        if let Some(options) = Self::options(s)
            && let [only] = options.as_slice()
        {
            return self.expected(only);
        }
        match Self::kind(s) {
            Some("string") => Expected::String,
            Some("integer") => Expected::Integer,
            Some("boolean") => Expected::Bool,
            Some("array") => Expected::List,
            _ => Expected::Object,
        }
    }

    /// A value of the right kind to stand in for a missing or wrong one.
    fn stand_in(&self, schema: &'s Value) -> Value {
        if let Some(words) = self.words(schema) {
            return words.into_iter().next().map_or(Value::Null, Value::from);
        }
        let s = self.resolve(schema);
        if Self::nullable(s) {
            return Value::Null;
        }
        if let Some(options) = Self::options(s)
            && let Some(first) = options.first()
        {
            return self.stand_in(first);
        }
        match Self::kind(s) {
            Some("string") => Value::from(""),
            Some("integer") => Value::from(1),
            Some("boolean") => Value::from(false),
            Some("array") => Value::Array(Vec::new()),
            _ => {
                let mut object = Map::new();
                for key in Self::required(s) {
                    if let Some(p) = s.get("properties").and_then(|p| p.get(key)) {
                        object.insert(key.to_string(), self.stand_in(p));
                    }
                }
                Value::Object(object)
            }
        }
    }

    fn required(schema: &Value) -> Vec<&str> {
        schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    fn fail(&mut self, path: &str, problem: Problem) {
        self.broken.push(path.to_string());
        self.mistakes.push((path.to_string(), problem));
    }

    fn wrong(&mut self, path: &str, value: &Value, schema: &'s Value) -> Value {
        let expected = self.expected(schema);
        self.fail(
            path,
            Problem::WrongType {
                expected,
                found: Found::of(value),
            },
        );
        self.stand_in(schema)
    }

    fn value(&mut self, path: &str, value: &Value, schema: &'s Value) -> Value {
        let s = self.resolve(schema);
        if value.is_null() && Self::nullable(s) {
            return Value::Null;
        }
        if let Some(words) = self.words(s) {
            return self.word(path, value, s, words);
        }
        if let Some(options) = Self::options(s) {
            return match options.as_slice() {
                [only] => self.value(path, value, only),
                // Not in the method format: accept what is there.
                _ => value.clone(),
            };
        }
        match (Self::kind(s), value) {
            (Some("object"), Value::Object(object)) => self.object(path, object, s),
            (Some("array"), Value::Array(items)) => {
                static ANY: Value = Value::Bool(true);
                let item = s.get("items").unwrap_or(&ANY);
                let mended = items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.value(&format!("{path}[{i}]"), x, item))
                    .collect();
                Value::Array(mended)
            }
            (Some("string"), Value::String(_)) | (Some("boolean"), Value::Bool(_)) | (None, _) => {
                value.clone()
            }
            (Some("integer"), Value::Number(n)) => self.integer(path, value, n, s),
            _ => self.wrong(path, value, s),
        }
    }

    fn word(&mut self, path: &str, value: &Value, s: &'s Value, words: Vec<String>) -> Value {
        let Some(word) = value.as_str() else {
            return self.wrong(path, value, s);
        };
        if words.iter().any(|w| w == word) {
            return value.clone();
        }
        let suggestion = closest(word, &words);
        self.fail(
            path,
            Problem::UnknownValue {
                value: shown(word),
                allowed: words,
                suggestion,
            },
        );
        self.stand_in(s)
    }

    fn integer(
        &mut self,
        path: &str,
        value: &Value,
        n: &serde_json::Number,
        s: &'s Value,
    ) -> Value {
        let max = match s.get("format").and_then(Value::as_str) {
            Some("uint8") => u64::from(u8::MAX),
            Some("uint16") => u64::from(u16::MAX),
            Some("uint32") => u64::from(u32::MAX),
            _ => s.get("maximum").and_then(Value::as_u64).unwrap_or(u64::MAX),
        };
        match n.as_u64() {
            Some(x) if x <= max => value.clone(),
            _ if n.is_f64() => self.wrong(path, value, s),
            _ => {
                self.fail(
                    path,
                    Problem::OutOfRange {
                        value: n.to_string(),
                        max,
                    },
                );
                self.stand_in(s)
            }
        }
    }

    fn object(&mut self, path: &str, object: &Map<String, Value>, s: &'s Value) -> Value {
        let properties = s.get("properties").and_then(Value::as_object);
        let property = |key: &str| properties.and_then(|p| p.get(key));
        let closed = s.get("additionalProperties") == Some(&Value::Bool(false));
        let mut mended = Map::new();
        let mut suggested = Vec::new();
        for (key, x) in object {
            let at = field(path, &shown(key));
            match property(key) {
                Some(p) => {
                    mended.insert(key.clone(), self.value(&at, x, p));
                }
                None if closed => {
                    let known: Vec<String> = properties
                        .map(|p| p.keys().cloned().collect())
                        .unwrap_or_default();
                    let absent: Vec<String> = known
                        .iter()
                        .filter(|k| !object.contains_key(*k))
                        .cloned()
                        .collect();
                    let suggestion = closest(key, &absent).or_else(|| closest(key, &known));
                    suggested.extend(suggestion.clone());
                    self.fail(&at, Problem::UnknownField { suggestion, known });
                }
                None => {
                    mended.insert(key.clone(), x.clone());
                }
            }
        }
        for key in Self::required(s) {
            if object.contains_key(key) {
                continue;
            }
            if let Some(p) = property(key) {
                let at = field(path, key);
                // A misspelt field is reported once, as the misspelling.
                if suggested.iter().any(|s| s == key) {
                    self.broken.push(at);
                } else {
                    let expected = self.expected(p);
                    self.fail(&at, Problem::Missing(expected));
                }
                mended.insert(key.to_string(), self.stand_in(p));
            }
        }
        Value::Object(mended)
    }
}

/// The word of `words` closest to `word`, if one is close enough to be a
/// likely misspelling.
pub(super) fn closest(word: &str, words: &[String]) -> Option<String> {
    let lower = word.to_lowercase();
    words
        .iter()
        .map(|w| (distance(&lower, &w.to_lowercase()), w))
        .filter(|(d, w)| *d <= (w.chars().count() / 3).clamp(1, 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, w)| w.clone())
}

/// Edits (insert, delete, replace) that turn `a` into `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replace = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = replace.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested_and_far_ones_not() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let fields = words(&["minutes", "goal", "zones", "asks"]);
        assert_eq!(closest("minuts", &fields).as_deref(), Some("minutes"));
        assert_eq!(closest("Goal", &fields).as_deref(), Some("goal"));
        assert_eq!(closest("colour", &fields), None);
        let colours = words(&["yellow", "pink", "purple"]);
        assert_eq!(closest("purpel", &colours).as_deref(), Some("purple"));
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_missing_field_is_named_and_stood_in_for() {
        let value = serde_json::json!({"id": "x"});
        let Walked {
            mistakes, mended, ..
        } = walk(&value);
        assert!(
            mistakes
                .iter()
                .any(|(p, m)| p == "phases" && matches!(m, Problem::Missing(Expected::List))),
            "{mistakes:?}"
        );
        assert_eq!(mended["phases"], Value::Array(Vec::new()));
        assert_eq!(mended["name"]["da"], "");
    }
}
