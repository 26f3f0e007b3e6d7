//! Languages and bilingual text.
//!
//! Every string a person reads exists in Danish and English. Method content
//! carries both in its JSON file ([`Text`]); program strings live in
//! [`crate::strings`], where an exhaustive `match` keeps the two languages
//! in step.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language the program speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Danish.
    Da,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// Both languages, Danish first.
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The two-letter code used in files and flags.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// Reads a two-letter code (`da`, `en`), ignoring case.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "da" | "dansk" | "danish" => Some(Lang::Da),
            "en" | "english" | "engelsk" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a POSIX locale string such as `da_DK.UTF-8` asks for:
    /// Danish for `da*`, English for anything else.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("da") {
            Lang::Da
        } else {
            Lang::En
        }
    }

    /// The language the environment asks for: `SEMPRE_LANG`, then the
    /// locale variables in POSIX order (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_env() -> Lang {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        if let Some(lang) = var("SEMPRE_LANG").and_then(|v| Lang::from_code(&v)) {
            return lang;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name))
            .map(|locale| Lang::from_locale(&locale))
            .unwrap_or_default()
    }

    /// The other language, for a key that switches between the two.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Da => Lang::En,
            Lang::En => Lang::Da,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A text written in both languages, as method files carry it. Control
/// characters are dropped as the file is read, so that a method file from
/// someone else cannot act on the terminal it is shown on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Danish.
    #[serde(deserialize_with = "without_controls")]
    pub da: String,
    /// English.
    #[serde(deserialize_with = "without_controls")]
    pub en: String,
}

fn without_controls<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    Ok(crate::model::text::without_controls(&text))
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_decides_danish_only_for_da() {
        assert_eq!(Lang::from_locale("da_DK.UTF-8"), Lang::Da);
        assert_eq!(Lang::from_locale("DA"), Lang::Da);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale("de_DE"), Lang::En);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_code("sv"), None);
    }

    #[test]
    fn text_from_a_file_loses_control_characters() {
        let t: Text =
            serde_json::from_str(r#"{"da": "a\u001b]0;x\u0007b", "en": "c\u009bd\ne"}"#).unwrap();
        assert_eq!(t.da, "a]0;xb");
        assert_eq!(t.en, "cd\ne");
    }

    #[test]
    fn text_picks_language() {
        let t = Text {
            da: "Rygsæk".into(),
            en: "Backpack".into(),
        };
        assert_eq!(t.get(Lang::Da), "Rygsæk");
        assert_eq!(t.get(Lang::En), "Backpack");
        assert_eq!(Lang::Da.toggled(), Lang::En);
    }
}
