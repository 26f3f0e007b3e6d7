//! What the phones are asked: built from the session and its method,
//! and told to the room again only when it changed.

use super::room::PHONE_DOTS;
use super::{BoardState, board_mut};
use crate::i18n::Text;
use crate::methods::Ask;
use crate::room::{Candidate, Prompt, PromptPhase, PromptZone, Texts, Voting};
use crate::tui::app::App;

fn texts(t: &Text) -> Texts {
    Texts {
        da: t.da.clone(),
        en: t.en.clone(),
    }
}

/// What the phones are asked now: the running phase, the zones it writes
/// in and, in a voting phase, the notes on the wall in its zones. A
/// private note's words never reach a phone.
pub fn prompt(b: &BoardState) -> Prompt {
    let s = b.session();
    let phase = b.phase_index().map(|i| {
        let p = &b.method.phases[i];
        let zones = if p.asks.contains(&Ask::Write) {
            p.zones
                .iter()
                .filter_map(|id| b.method.zone(id))
                .map(|z| PromptZone {
                    id: z.id.clone(),
                    name: texts(&z.name),
                    question: z.questions.first().map(texts).unwrap_or_default(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let voting = p.asks.contains(&Ask::Vote).then(|| Voting {
            budget: PHONE_DOTS,
            candidates: s
                .notes
                .iter()
                .filter(|n| p.zones.contains(&n.zone) && n.status.is_active())
                .filter(|n| !n.private)
                .map(|n| Candidate {
                    note: n.id,
                    text: n.text.clone(),
                })
                .collect(),
        });
        let questions = p.rule.iter().chain([&p.goal]).map(texts).collect();
        PromptPhase {
            id: p.id.clone(),
            name: texts(&p.name),
            questions,
            zones,
            voting,
        }
    });
    Prompt {
        title: s.context.title.clone(),
        lang: s.context.language,
        phase,
    }
}

/// Tells the room the prompt again if it changed (a new phase, notes on
/// the wall in a voting phase).
pub fn follow(app: &mut App) {
    let Some(b) = board_mut(app) else {
        return;
    };
    if !b.room.is_open() {
        return;
    }
    // Built again only after a change to the session (a key that changes
    // nothing, a tick, costs nothing): a merge or a reload moves its time.
    let stamp = (b.open.version(), b.session().updated);
    if b.room.sent_for == Some(stamp) {
        return;
    }
    b.room.sent_for = Some(stamp);
    let now = prompt(b);
    if b.room.sent.as_ref() == Some(&now) {
        return;
    }
    if let Some(room) = &b.room.room {
        room.set_prompt(now.clone());
    }
    b.room.sent = Some(now);
}
