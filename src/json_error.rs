//! Wording of serde_json's errors for people.

/// What serde_json found, without the " at line L column C" it appends:
/// sempre's messages name the line and column themselves.
pub fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// What serde_json found about a file's JSON syntax ([`reason`]), in
/// `lang`. serde_json speaks English; its syntax errors are a short fixed
/// list, put into Danish here.
pub fn in_lang(reason: &str, lang: crate::i18n::Lang) -> String {
    if lang == crate::i18n::Lang::En {
        return reason.to_string();
    }
    let danish = match reason {
        "EOF while parsing a list" => "filen slutter midt i en liste; mangler der en ]?",
        "EOF while parsing an object" => "filen slutter midt i et objekt; mangler der en }?",
        "EOF while parsing a string" => "filen slutter midt i en tekst; mangler der et \"?",
        "EOF while parsing a value" | "EOF while parsing" => "filen slutter, før en værdi",
        "expected `:`" => "her skal stå et kolon `:`",
        "expected `,` or `]`" => "her skal stå et komma `,` eller `]`",
        "expected `,` or `}`" => "her skal stå et komma `,` eller `}`",
        "expected ident" => "her skal stå `true`, `false` eller `null`",
        "expected value" => "her skal stå en værdi",
        "invalid escape" => "ugyldig escape-sekvens med \\",
        "invalid number" => "ugyldigt tal",
        "number out of range" => "tallet er for stort",
        "invalid unicode code point" => "ugyldigt Unicode-tegn",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "et kontroltegn i en tekst; skriv linjeskift som \\n"
        }
        "key must be a string" => "et feltnavn skal stå i anførselstegn",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "ugyldig \\u-escape"
        }
        "trailing comma" => "et komma for meget før ] eller }",
        "trailing characters" => "der står mere efter det sidste }",
        "recursion limit exceeded" => "for mange lag inden i hinanden",
        _ => "filen kan ikke læses som JSON",
    };
    danish.to_string()
}
