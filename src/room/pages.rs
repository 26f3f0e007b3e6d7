//! The phone pages, as HTML: large text, plain forms, no JavaScript.
//! maud escapes every text put into them.

use maud::{DOCTYPE, Markup, html};
use uuid::Uuid;

use super::words::{Notice, Word};
use super::{Prompt, PromptPhase, Voting};
use crate::i18n::Lang;

/// Small enough for old phones: no grid, no web fonts, large text.
const STYLE: &str = "body{font-family:sans-serif;font-size:1.25rem;line-height:1.5;\
max-width:40em;margin:0 auto;padding:0.75rem;color:#111;background:#fff}\
h1{font-size:1.6rem}h2{font-size:1.4rem}\
label,legend{display:block;font-weight:bold;margin-top:1rem}\
.choice label{display:inline;font-weight:normal}\
textarea,input[type=text],input[type=number]{font-size:1.25rem;width:100%;\
box-sizing:border-box;padding:0.4rem}\
input[type=number]{width:6em}\
button{font-size:1.3rem;padding:0.6rem 1.4rem;margin-top:1rem}\
.notice{border:3px solid #1a5e20;padding:0.5rem}\
.problem{border-color:#a00000}\
.switch{text-align:right}";

/// A whole page around `body`.
pub(super) fn layout(lang: Lang, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) }
                style { (maud::PreEscaped(STYLE)) }
            }
            body { main { (body) } }
        }
    }
}

/// A page that only says `word`.
pub(super) fn message(lang: Lang, title: Word, word: Word) -> Markup {
    layout(
        lang,
        title.text(lang),
        html! { h1 { (title.text(lang)) } p { (word.text(lang)) } },
    )
}

fn notice_box(lang: Lang, notice: Option<Notice>) -> Markup {
    html! {
        @if let Some(n) = notice {
            @if n.is_problem() {
                p.notice.problem role="alert" { (n.text(lang)) }
            } @else {
                p.notice role="status" { (n.text(lang)) }
            }
        }
    }
}

fn switch(lang: Lang, href: &str) -> Markup {
    let other = lang.toggled();
    html! {
        p.switch { a href=(href) lang=(other.code()) hreflang=(other.code()) { (Word::OtherLanguage.text(lang)) } }
    }
}

/// The bare address's page, asking for the join code.
pub(super) fn join(lang: Lang, notice: Option<Notice>) -> Markup {
    let body = html! {
        (switch(lang, &format!("/?lang={}", lang.toggled().code())))
        h1 { (Word::JoinTitle.text(lang)) }
        (notice_box(lang, notice))
        form method="post" action="/join" accept-charset="utf-8" {
            input type="hidden" name="lang" value=(lang.code());
            label for="code" { (Word::JoinCode.text(lang)) }
            input type="text" id="code" name="code" maxlength="20" autocomplete="off"
                autocapitalize="characters" spellcheck="false";
            button type="submit" { (Word::JoinButton.text(lang)) }
        }
    };
    layout(lang, Word::JoinTitle.text(lang), body)
}

/// What a note form shows again after a problem: the phone's own words.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub text: String,
    pub zone: Option<String>,
    pub private: bool,
}

/// Everything the phone page shows.
pub(super) struct PhonePage<'a> {
    pub lang: Lang,
    /// `/r/<token>`.
    pub base: &'a str,
    pub prompt: &'a Prompt,
    pub notice: Option<Notice>,
    pub pseudonym: Option<&'a str>,
    pub draft: Option<&'a Draft>,
    /// This phone's dots in the running round.
    pub dots: &'a [(Uuid, u32)],
    pub note_chars: usize,
    pub pseudonym_chars: usize,
}

/// The page a phone writes and votes on.
pub(super) fn phone(page: &PhonePage<'_>) -> Markup {
    let lang = page.lang;
    let title = if page.prompt.title.is_empty() {
        "sempre"
    } else {
        page.prompt.title.as_str()
    };
    let body = html! {
        (switch(lang, &format!("{}?lang={}", page.base, lang.toggled().code())))
        h1 { (title) }
        (notice_box(lang, page.notice))
        @match &page.prompt.phase {
            None => p { (Word::Wait.text(lang)) },
            Some(phase) => (phase_part(page, phase)),
        }
    };
    layout(lang, title, body)
}

fn phase_part(page: &PhonePage<'_>, phase: &PromptPhase) -> Markup {
    let lang = page.lang;
    html! {
        h2 { (phase.name.get(lang)) }
        @for q in &phase.questions {
            p { (q.get(lang)) }
        }
        @if !phase.zones.is_empty() {
            (note_form(page, phase))
        }
        @if let Some(voting) = &phase.voting {
            (vote_form(page, phase, voting))
        }
        @if phase.zones.is_empty() && phase.voting.is_none() {
            p { (Word::NoNotes.text(lang)) }
        }
    }
}

fn note_form(page: &PhonePage<'_>, phase: &PromptPhase) -> Markup {
    let lang = page.lang;
    let empty = Draft::default();
    let draft = page.draft.unwrap_or(&empty);
    let chosen = draft
        .zone
        .as_deref()
        .filter(|z| phase.zones.iter().any(|zone| zone.id == *z))
        .unwrap_or(phase.zones[0].id.as_str());
    html! {
        form method="post" action={ (page.base) "/note" } accept-charset="utf-8" {
            input type="hidden" name="phase" value=(phase.id);
            @if let [zone] = phase.zones.as_slice() {
                input type="hidden" name="zone" value=(zone.id);
                @if !zone.question.get(lang).is_empty() {
                    p { (zone.question.get(lang)) }
                }
            } @else {
                fieldset {
                    legend { (Word::WhichZone.text(lang)) }
                    @for (i, zone) in phase.zones.iter().enumerate() {
                        p.choice {
                            input type="radio" name="zone" id={ "zone-" (i) } value=(zone.id)
                                checked[zone.id == chosen];
                            " "
                            label for={ "zone-" (i) } { (zone.name.get(lang)) }
                            @if !zone.question.get(lang).is_empty() {
                                br; span { (zone.question.get(lang)) }
                            }
                        }
                    }
                }
            }
            label for="text" { (Word::YourNote.text(lang)) }
            textarea id="text" name="text" rows="5" maxlength=(page.note_chars) { (draft.text) }
            label for="pseudonym" { (Word::Pseudonym.text(lang)) }
            input type="text" id="pseudonym" name="pseudonym" maxlength=(page.pseudonym_chars)
                autocomplete="off" value=(page.pseudonym.unwrap_or(""));
            p.choice {
                input type="checkbox" id="private" name="private" value="1" checked[draft.private];
                " "
                label for="private" { (Word::Private.text(lang)) }
            }
            button type="submit" { (Word::Send.text(lang)) }
        }
    }
}

fn vote_form(page: &PhonePage<'_>, phase: &PromptPhase, voting: &Voting) -> Markup {
    let lang = page.lang;
    let given: u64 = page.dots.iter().map(|(_, n)| u64::from(*n)).sum();
    let mine = |note: Uuid| {
        page.dots
            .iter()
            .find(|(id, _)| *id == note)
            .map_or(0, |(_, n)| *n)
    };
    html! {
        h2 { (Word::YourDots.text(lang)) }
        p { (Word::DotsBudget.text(lang)) " " strong { (voting.budget) } }
        p { (Word::DotsGiven.text(lang)) " " strong { (given) } }
        @if voting.candidates.is_empty() {
            p { (Word::NoCandidates.text(lang)) }
        } @else {
            form method="post" action={ (page.base) "/votes" } accept-charset="utf-8" {
                input type="hidden" name="phase" value=(phase.id);
                @for (i, c) in voting.candidates.iter().enumerate() {
                    label for={ "dots-" (i) } { (c.text) }
                    input type="number" id={ "dots-" (i) } name=(c.note) min="0"
                        max=(voting.budget) inputmode="numeric" value=(mine(c.note));
                }
                button type="submit" { (Word::GiveDots.text(lang)) }
            }
        }
    }
}
