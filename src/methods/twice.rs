//! Fields written twice in one object of a method file. A JSON value keeps
//! only the last of them, so the walk over the shape cannot see them; this
//! reads the text itself, once, and names each with its path, beside the
//! file's other mistakes.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::structure::field;

/// The path of every field written a second (or third…) time in `json`, in
/// the order met. Text that is not JSON gives none: the syntax error is
/// reported on its own.
pub(super) fn fields_written_twice(json: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut de = serde_json::Deserializer::from_str(json);
    let read = Node {
        path: String::new(),
        found: &mut found,
    }
    .deserialize(&mut de);
    if read.is_err() {
        return Vec::new();
    }
    found
}

/// One value of the file, at `path`.
struct Node<'f> {
    path: String,
    found: &'f mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq
            .next_element_seed(Node {
                path: format!("{}[{i}]", self.path),
                found: &mut *self.found,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = field(&self.path, &key);
            if !seen.insert(key) {
                self.found.push(path.clone());
            }
            map.next_value_seed(Node {
                path,
                found: &mut *self.found,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::fields_written_twice;

    #[test]
    fn every_field_written_twice_is_named_with_its_path() {
        let json = r#"{
            "id": "a", "id": "b",
            "zones": [{"id": "x", "name": 1, "name": 2}, {"id": "y"}],
            "phases": [[{"k": 1, "k": 2, "k": 3}]]
        }"#;
        assert_eq!(
            fields_written_twice(json),
            ["id", "zones[0].name", "phases[0][0].k", "phases[0][0].k"]
        );
        assert!(fields_written_twice(r#"{"a": {"a": 1}, "b": [1, 2]}"#).is_empty());
        assert!(fields_written_twice("{ not json").is_empty());
    }
}
