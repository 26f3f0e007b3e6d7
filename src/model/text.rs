//! Cleaning text that people type or paste.

use unicode_normalization::UnicodeNormalization;

use super::ModelError;

/// The form every stored text takes: Unicode composed (NFC), so that a
/// decomposed "å" pasted from another system is one character, with `\n`
/// line ends and no blank space at either end.
pub fn clean(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let composed: String = unified.nfc().collect();
    composed.trim().to_string()
}

/// A one-line text, such as a title or a name: [`clean`], with runs of
/// white space (line breaks too) folded to one space.
pub fn clean_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`clean`], refused if that leaves nothing.
pub fn required(text: &str) -> Result<String, ModelError> {
    Some(clean(text))
        .filter(|t| !t.is_empty())
        .ok_or(ModelError::EmptyText)
}

/// [`clean_line`], refused if that leaves nothing.
pub fn required_line(text: &str) -> Result<String, ModelError> {
    Some(clean_line(text))
        .filter(|t| !t.is_empty())
        .ok_or(ModelError::EmptyText)
}

/// [`clean_line`], or nothing if that leaves nothing.
pub fn optional_line(text: Option<&str>) -> Option<String> {
    text.map(clean_line).filter(|t| !t.is_empty())
}

/// `text` with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` cut to at most `max` terminal columns, with "…" if cut.
pub fn fit(text: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_decomposed_letters() {
        let decomposed = "a\u{030A}bent m\u{00F8}de";
        assert_eq!(clean(decomposed), "åbent møde");
        assert_eq!(clean(decomposed).chars().count(), 10);
    }

    #[test]
    fn unifies_line_ends_and_trims() {
        assert_eq!(
            clean("  første\r\nanden\rtredje \n"),
            "første\nanden\ntredje"
        );
    }

    #[test]
    fn keeps_emoji_and_arabic() {
        let text = "👨‍👩‍👧 نريد عملاً";
        assert_eq!(clean(text), text);
    }

    #[test]
    fn fitting_keeps_within_width() {
        assert_eq!(fit("Rygsækmetoden", 6), "Rygsæ…");
        assert_eq!(fit("kort", 6), "kort");
    }

    #[test]
    fn lines_fold_white_space() {
        assert_eq!(clean_line(" LEN \n  Syddjurs "), "LEN Syddjurs");
        assert_eq!(optional_line(Some("   ")), None);
        assert_eq!(optional_line(None), None);
    }
}
