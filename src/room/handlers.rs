//! What the server does with each request: the join page, the phone
//! page, a note, a phone's dots. Every request but the join page must
//! carry the room's token; anything else is "not found".

use std::net::IpAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Extension, Form, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tower_http::timeout::TimeoutLayer;

use super::pages::{self, Draft, PhonePage};
use super::state::{Refused, Shared};
use super::web::{self, Reply};
use super::words::{Notice, Word};
use super::{Arrival, PhoneId, PhoneNote, PhoneVotes, PromptPhase};
use crate::i18n::Lang;
use crate::model::text::{clean, clean_line};

/// The address a request came from, put on each request by the server.
#[derive(Debug, Clone, Copy)]
pub(super) struct Peer(pub IpAddr);

const PHONE_COOKIE: &str = "phone";
const LANG_COOKIE: &str = "lang";
const NAME_COOKIE: &str = "name";

/// The room's routes with their limits.
pub(super) fn router(shared: Arc<Shared>) -> Router {
    let body = shared.limits.body_bytes;
    let timeout = shared.limits.request_timeout;
    Router::new()
        .route("/", get(join_page))
        .route("/join", post(join))
        .route("/r/{token}", get(phone_page))
        .route("/r/{token}/note", post(send_note))
        .route("/r/{token}/votes", post(send_votes))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), per_address))
        .layer(DefaultBodyLimit::max(body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .with_state(shared)
}

/// Refuses an address that asks too often, and guards every reply.
async fn per_address(State(s): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<Peer>().map(|p| p.0);
    let mut response = if peer.is_none_or(|ip| s.address_may(ip)) {
        next.run(request).await
    } else {
        let lang = language(&s, request.headers(), None);
        problem(lang, StatusCode::TOO_MANY_REQUESTS, Word::SlowDown).into_response()
    };
    web::guard(response.headers_mut());
    response
}

/// The language of a reply: asked for in the address, remembered in the
/// cookie, the browser's, or the group's.
fn language(s: &Shared, headers: &HeaderMap, asked: Option<&str>) -> Lang {
    asked
        .and_then(Lang::from_code)
        .or_else(|| web::cookie(headers, LANG_COOKIE).and_then(Lang::from_code))
        .or_else(|| web::accept_language(headers))
        .unwrap_or_else(|| s.prompt().lang)
}

fn problem(lang: Lang, status: StatusCode, word: Word) -> Reply {
    Reply::page(status, pages::message(lang, Word::Moment, word))
}

async fn not_found(State(s): State<Arc<Shared>>, headers: HeaderMap) -> Reply {
    let lang = language(&s, &headers, None);
    Reply::page(
        StatusCode::NOT_FOUND,
        pages::message(lang, Word::NotFoundTitle, Word::NotFound),
    )
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    lang: Option<String>,
    sent: Option<String>,
}

async fn join_page(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Reply {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let lang = language(&s, &headers, query.lang.as_deref());
    Reply::page(StatusCode::OK, pages::join(lang, None))
}

#[derive(Debug, Deserialize)]
struct JoinForm {
    #[serde(default)]
    code: String,
    lang: Option<String>,
}

async fn join(
    State(s): State<Arc<Shared>>,
    Extension(Peer(ip)): Extension<Peer>,
    headers: HeaderMap,
    form: Result<Form<JoinForm>, FormRejection>,
) -> Reply {
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => return form_problem(language(&s, &headers, None), &e),
    };
    let lang = language(&s, &headers, form.lang.as_deref());
    if !s.join_may(ip) {
        return problem(lang, StatusCode::TOO_MANY_REQUESTS, Word::SlowDown);
    }
    if s.code_is(&form.code) {
        let base = s.base();
        Reply::see_other(base.clone()).cookie(web::set_cookie(&base, LANG_COOKIE, lang.code()))
    } else {
        let notice = Notice::Problem(Word::JoinWrong, None);
        Reply::page(StatusCode::FORBIDDEN, pages::join(lang, Some(notice)))
    }
}

fn form_problem(lang: Lang, rejection: &FormRejection) -> Reply {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        problem(lang, StatusCode::PAYLOAD_TOO_LARGE, Word::TooBig)
    } else {
        problem(lang, StatusCode::BAD_REQUEST, Word::BadForm)
    }
}

/// Who is asking: a phone the room knows (or a new one), in its language.
struct Visitor {
    phone: PhoneId,
    new: bool,
    lang: Lang,
    pseudonym: Option<String>,
}

/// The phone behind a request; a "busy" reply when the room is full.
fn visitor(s: &Shared, headers: &HeaderMap, asked: Option<&str>) -> Result<Visitor, Reply> {
    let lang = language(s, headers, asked);
    let cookie = web::cookie(headers, PHONE_COOKIE).and_then(|v| u64::from_str_radix(v, 16).ok());
    let Some((phone, new)) = s.phone(cookie) else {
        return Err(problem(lang, StatusCode::SERVICE_UNAVAILABLE, Word::Busy));
    };
    let pseudonym = web::cookie(headers, NAME_COOKIE)
        .and_then(web::decode)
        .map(|n| clean_line(&n))
        .filter(|n| !n.is_empty() && n.chars().count() <= s.limits.pseudonym_chars);
    Ok(Visitor {
        phone,
        new,
        lang,
        pseudonym,
    })
}

/// The phone page for `v`, with `notice` above and `draft` in the form.
fn phone_reply(
    s: &Shared,
    v: &Visitor,
    status: StatusCode,
    notice: Option<Notice>,
    draft: Option<&Draft>,
) -> Reply {
    let prompt = s.prompt();
    let base = s.base();
    let dots = match &prompt.phase {
        Some(phase) if phase.voting.is_some() => s.dots(v.phone, &phase.id),
        _ => Vec::new(),
    };
    let page = pages::phone(&PhonePage {
        lang: v.lang,
        base: &base,
        prompt: &prompt,
        notice,
        pseudonym: v.pseudonym.as_deref(),
        draft,
        dots: &dots,
        note_chars: s.limits.note_chars,
        pseudonym_chars: s.limits.pseudonym_chars,
    });
    known(s, v, Reply::page(status, page))
}

/// `reply` with the phone's cookie if the phone is new.
fn known(s: &Shared, v: &Visitor, reply: Reply) -> Reply {
    if v.new {
        let id = format!("{:016x}", v.phone.0);
        reply.cookie(web::set_cookie(&s.base(), PHONE_COOKIE, &id))
    } else {
        reply
    }
}

async fn phone_page(
    State(s): State<Arc<Shared>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> Reply {
    if !s.token_is(&token) {
        return not_found(State(s), headers).await;
    }
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let asked = query.lang.as_deref().and_then(Lang::from_code);
    let v = match visitor(&s, &headers, query.lang.as_deref()) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let notice = match query.sent.as_deref() {
        Some("note") => Some(Notice::Done(Word::ThankYou)),
        Some("private") => Some(Notice::Done(Word::ThankYouPrivate)),
        Some("votes") => Some(Notice::Done(Word::VotesThanks)),
        _ => None,
    };
    let reply = phone_reply(&s, &v, StatusCode::OK, notice, None);
    match asked {
        Some(lang) => reply.cookie(web::set_cookie(&s.base(), LANG_COOKIE, lang.code())),
        None => reply,
    }
}

/// The running phase if the form was filled in for it.
fn phase_of(s: &Shared, form_phase: Option<&str>) -> Option<PromptPhase> {
    s.prompt()
        .phase
        .filter(|phase| form_phase == Some(phase.id.as_str()))
}

fn refused(lang: Lang, why: Refused) -> Reply {
    match why {
        Refused::TooFast => problem(lang, StatusCode::TOO_MANY_REQUESTS, Word::SlowDown),
        Refused::Busy => problem(lang, StatusCode::SERVICE_UNAVAILABLE, Word::Busy),
    }
}

#[derive(Debug, Deserialize)]
struct NoteForm {
    #[serde(default)]
    text: String,
    zone: Option<String>,
    pseudonym: Option<String>,
    private: Option<String>,
    phase: Option<String>,
}

async fn send_note(
    State(s): State<Arc<Shared>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<NoteForm>, FormRejection>,
) -> Reply {
    if !s.token_is(&token) {
        return not_found(State(s), headers).await;
    }
    let mut v = match visitor(&s, &headers, None) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => return form_problem(v.lang, &e),
    };
    let text = clean(&form.text);
    let draft = Draft {
        text: text.clone(),
        zone: form.zone.clone(),
        private: form.private.is_some(),
    };
    let unprocessable = |v: &Visitor, notice: Notice| {
        phone_reply(
            &s,
            v,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(notice),
            Some(&draft),
        )
    };
    let Some(phase) = phase_of(&s, form.phase.as_deref()).filter(|p| !p.zones.is_empty()) else {
        return unprocessable(&v, Notice::Problem(Word::MovedOn, None));
    };
    let zone = match (&form.zone, phase.zones.as_slice()) {
        (Some(z), zones) if zones.iter().any(|zone| zone.id == *z) => z.clone(),
        (None, [only]) => only.id.clone(),
        _ => return unprocessable(&v, Notice::Problem(Word::ChooseZone, None)),
    };
    let pseudonym = clean_line(form.pseudonym.as_deref().unwrap_or(""));
    let max_name = s.limits.pseudonym_chars;
    if pseudonym.chars().count() > max_name {
        return unprocessable(
            &v,
            Notice::Problem(Word::NameTooLong, Some(max_name as u64)),
        );
    }
    v.pseudonym = Some(pseudonym.clone()).filter(|p| !p.is_empty());
    if text.is_empty() {
        return unprocessable(&v, Notice::Problem(Word::WriteFirst, None));
    }
    let max_text = s.limits.note_chars;
    if text.chars().count() > max_text {
        return unprocessable(&v, Notice::Problem(Word::TooLong, Some(max_text as u64)));
    }
    let sent = if form.private.is_some() {
        "private"
    } else {
        "note"
    };
    let note = PhoneNote {
        id: uuid::Uuid::new_v4(),
        phone: v.phone,
        zone,
        text,
        pseudonym: v.pseudonym.clone(),
        private: form.private.is_some(),
        phase: Some(phase.id),
        received: jiff::Timestamp::now(),
    };
    if let Err(why) = s.send(v.phone, Arrival::Note(note)) {
        return refused(v.lang, why);
    }
    let base = s.base();
    let name = match &v.pseudonym {
        Some(p) => web::set_cookie(&base, NAME_COOKIE, &web::encode(p)),
        None => web::clear_cookie(&base, NAME_COOKIE),
    };
    known(
        &s,
        &v,
        Reply::see_other(format!("{base}?sent={sent}")).cookie(name),
    )
}

async fn send_votes(
    State(s): State<Arc<Shared>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Reply {
    if !s.token_is(&token) {
        return not_found(State(s), headers).await;
    }
    let v = match visitor(&s, &headers, None) {
        Ok(v) => v,
        Err(reply) => return reply,
    };
    let fields = match form {
        Ok(Form(f)) => f,
        Err(e) => return form_problem(v.lang, &e),
    };
    let form_phase = fields
        .iter()
        .find(|(k, _)| k == "phase")
        .map(|(_, p)| p.as_str());
    let unprocessable =
        |notice: Notice| phone_reply(&s, &v, StatusCode::UNPROCESSABLE_ENTITY, Some(notice), None);
    let phase = phase_of(&s, form_phase);
    let Some((phase, voting)) = phase.and_then(|p| p.voting.clone().map(|voting| (p, voting)))
    else {
        return unprocessable(Notice::Problem(Word::MovedOn, None));
    };
    let mut dots = Vec::new();
    for (key, value) in fields.iter().filter(|(k, _)| k != "phase") {
        let Some(note) = voting
            .candidates
            .iter()
            .map(|c| c.note)
            .find(|id| id.to_string() == *key)
        else {
            return unprocessable(Notice::Problem(Word::MovedOn, None));
        };
        let value = value.trim();
        let n = if value.is_empty() {
            0
        } else {
            match value.parse::<u32>() {
                Ok(n) => n,
                Err(_) => return unprocessable(Notice::Problem(Word::NotANumber, None)),
            }
        };
        if n > 0 && !dots.iter().any(|(id, _)| *id == note) {
            dots.push((note, n));
        }
    }
    let given: u64 = dots.iter().map(|(_, n)| u64::from(*n)).sum();
    if given > u64::from(voting.budget) {
        return unprocessable(Notice::Problem(Word::OverBudget, Some(given)));
    }
    let votes = PhoneVotes {
        phone: v.phone,
        pseudonym: v.pseudonym.clone(),
        phase: phase.id,
        dots,
    };
    if let Err(why) = s.send(v.phone, Arrival::Votes(votes)) {
        return refused(v.lang, why);
    }
    known(&s, &v, Reply::see_other(format!("{}?sent=votes", s.base())))
}
