//! Cleaning text that people type or paste, and showing text that others
//! wrote on a terminal without letting it act there.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::ModelError;

/// A control character a text must not carry: C0 and C1 controls and
/// DEL, which a terminal may obey (an escape sequence retitles the window
/// or moves the cursor), except the line break and the tab.
fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` with `\n` line ends and without any other control character:
/// what a key press, a paste or a file may put into the session.
pub fn without_controls(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !is_stray_control(*c))
        .collect()
}

/// The form every stored text takes: [`without_controls`], Unicode
/// composed (NFC), so that a decomposed "å" pasted from another system is
/// one character, and no blank space at either end.
pub fn clean(text: &str) -> String {
    let composed: String = without_controls(text).nfc().collect();
    composed.trim().to_string()
}

/// A character that turns the direction of the text after it (the bidi
/// overrides and isolates): shown on a terminal, it can make words read
/// differently from what is stored.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` safe to print on a terminal: every control character but the
/// line break and the tab, and every direction override, is shown as its
/// code (`\u001b`) instead of acting. The code is JSON's own escape, so
/// JSON printed this way still reads as the same JSON.
pub fn visible(text: &str) -> Cow<'_, str> {
    let acts = |c: char| is_stray_control(c) || is_direction_control(c);
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A one-line text, such as a title or a name: [`clean`], with runs of
/// white space (line breaks too) folded to one space.
pub fn clean_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` as a lookup compares it, so that it is found however it was
/// typed: [`clean_line`], in lower case, the Danish letters spelt as on a
/// keyboard without them (æ ae, ø oe, å aa) and other letters without
/// their accents (é e, ü u). "Forældre" and "foraeldre" fold alike.
pub fn folded(text: &str) -> String {
    let mut spelt = String::with_capacity(text.len());
    for c in clean_line(text).to_lowercase().chars() {
        match c {
            'æ' => spelt.push_str("ae"),
            'ø' => spelt.push_str("oe"),
            'å' => spelt.push_str("aa"),
            'ß' => spelt.push_str("ss"),
            _ => spelt.push(c),
        }
    }
    spelt
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
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
    fn control_characters_are_removed_but_line_breaks_and_tabs_kept() {
        let typed = "a\u{1b}]0;pwned\u{7}b\u{9b}31m\tc\u{7f}\r\nd\u{0}";
        assert_eq!(without_controls(typed), "a]0;pwnedb31m\tc\nd");
        assert_eq!(clean(typed), "a]0;pwnedb31m\tc\nd");
        assert_eq!(clean_line(typed), "a]0;pwnedb31m c d");
        assert_eq!(required("\u{1b}\u{7}"), Err(ModelError::EmptyText));
    }

    #[test]
    fn visible_shows_what_would_act_on_a_terminal() {
        assert_eq!(
            visible("a\u{1b}]0;x\u{7}b\u{9b}c\u{202e}d\re\nf\tg"),
            "a\\u001b]0;x\\u0007b\\u009bc\\u202ed\\u000de\nf\tg"
        );
        assert!(matches!(visible("Rygsæk 👨‍👩‍👧 نريد"), Cow::Borrowed(_)));
        let json = serde_json::to_string("x\u{9b}\u{202e}y").unwrap();
        let shown: String = serde_json::from_str(&visible(&json)).unwrap();
        assert_eq!(shown, "x\u{9b}\u{202e}y");
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
    fn folding_finds_words_however_they_were_typed() {
        assert_eq!(folded("  Forældre i  MAJ "), "foraeldre i maj");
        assert_eq!(folded("foraeldre"), folded("FORÆLDRE"));
        assert_eq!(folded("Århus Ø"), "aarhus oe");
        // A decomposed "å" (pasted from another system) folds the same.
        assert_eq!(folded("a\u{030A}bent"), folded("åbent"));
        assert_eq!(folded("Café Über"), "cafe uber");
        assert_eq!(folded("نريد 👨‍👩‍👧"), "نريد 👨‍👩‍👧");
    }

    #[test]
    fn lines_fold_white_space() {
        assert_eq!(clean_line(" LEN \n  Syddjurs "), "LEN Syddjurs");
        assert_eq!(optional_line(Some("   ")), None);
        assert_eq!(optional_line(None), None);
    }
}
