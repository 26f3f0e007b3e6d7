//! The HTTP around the pages: cookies, the language a phone asks for, and
//! the replies with the headers every page carries.

use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, HeaderName, LOCATION, REFERRER_POLICY, SET_COOKIE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::Markup;

use crate::i18n::Lang;

/// The value of cookie `name`, if the request carries it.
pub(super) fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A cookie for the room's pages only, gone when the browser closes.
pub(super) fn set_cookie(base: &str, name: &str, value: &str) -> String {
    format!("{name}={value}; Path={base}; HttpOnly; SameSite=Strict")
}

/// A cookie removed.
pub(super) fn clear_cookie(base: &str, name: &str) -> String {
    format!("{name}=; Path={base}; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// The language the browser prefers among Danish and English, if either.
pub(super) fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let value = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)?
        .to_str()
        .ok()?;
    let mut best: Option<(f32, Lang)> = None;
    for part in value.split(',') {
        let mut bits = part.split(';');
        let tag = bits.next().unwrap_or("").trim();
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        let lang = match primary.as_str() {
            "da" => Lang::Da,
            "en" => Lang::En,
            _ => continue,
        };
        let q = bits
            .filter_map(|b| b.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// `text` in a cookie: bytes other than letters, digits and `-_.`
/// written as `%XX`.
pub(super) fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text [`encode`] wrote; nothing if it was not that.
pub(super) fn decode(value: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut rest = value.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// A reply: a page with its status, or a redirect after a form.
pub(super) struct Reply {
    status: StatusCode,
    page: Option<Markup>,
    location: Option<String>,
    cookies: Vec<String>,
}

impl Reply {
    pub(super) fn page(status: StatusCode, page: Markup) -> Reply {
        Reply {
            status,
            page: Some(page),
            location: None,
            cookies: Vec::new(),
        }
    }

    /// "See other": the browser asks for `location` with GET, so that
    /// reloading the page does not send the form again.
    pub(super) fn see_other(location: String) -> Reply {
        Reply {
            status: StatusCode::SEE_OTHER,
            page: None,
            location: Some(location),
            cookies: Vec::new(),
        }
    }

    pub(super) fn cookie(mut self, cookie: String) -> Reply {
        self.cookies.push(cookie);
        self
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = match self.page {
            // As HTML: a String alone would be sent as plain text, and a
            // phone would show the page's source.
            Some(page) => axum::response::Html(page.into_string()).into_response(),
            None => ().into_response(),
        };
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        if let Some(location) = self.location.and_then(|l| HeaderValue::try_from(l).ok()) {
            headers.insert(LOCATION, location);
        }
        for cookie in self.cookies {
            if let Ok(value) = HeaderValue::try_from(cookie) {
                headers.append(SET_COOKIE, value);
            }
        }
        response
    }
}

/// Headers for every reply: nothing cached (a phone may be shared), no
/// address sent on (it carries the token), no scripts, no framing.
pub(super) fn guard(headers: &mut HeaderMap) {
    let fixed: [(HeaderName, &'static str); 5] = [
        (CACHE_CONTROL, "no-store"),
        (REFERRER_POLICY, "no-referrer"),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (X_FRAME_OPTIONS, "DENY"),
        (
            CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &'static str) -> Option<Lang> {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::ACCEPT_LANGUAGE,
            HeaderValue::from_static(value),
        );
        accept_language(&h)
    }

    #[test]
    fn the_preferred_language_wins() {
        assert_eq!(accept("da-DK,da;q=0.9,en;q=0.8"), Some(Lang::Da));
        assert_eq!(accept("en-GB,da;q=0.5"), Some(Lang::En));
        assert_eq!(accept("ar;q=1, da;q=0.3, en;q=0.7"), Some(Lang::En));
        assert_eq!(accept("ar, ti"), None);
    }

    #[test]
    fn cookie_text_round_trips() {
        for text in ["Åse Ø", "a;b=c", "%zz", ""] {
            assert_eq!(decode(&encode(text)).as_deref(), Some(text));
        }
        assert_eq!(decode("%"), None);
    }
}
