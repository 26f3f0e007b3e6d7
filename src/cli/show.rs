//! `sempre show`: a session, zone by zone, for reading in a terminal.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use uuid::Uuid;

use super::args::ShowArgs;
use super::{CliError, Env};
use crate::export::{PrivateElsewhere, prepare};
use crate::i18n::Lang;
use crate::methods::Method;
use crate::model::{Board, Lookup, Note, Session};
use crate::store::Access;
use crate::strings::{Msg, colour_name, private_hidden, relation_name, role_name, status_name};

/// Prints a session.
pub fn run(env: &Env, args: ShowArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let open = env.store.open(&args.session, Access::ReadOnly)?;
    // Without --private, as an export would: also a copy of a note that
    // is private in a session this one links to stays behind.
    let session = if args.private {
        open.session.clone()
    } else {
        let linked = env.store.linked(std::slice::from_ref(&open.session));
        prepare(
            open.session.clone(),
            false,
            env.lang,
            &PrivateElsewhere::of_all(linked.iter().chain([&open.session])),
        )
    };
    if args.json {
        let mut json = serde_json::to_string_pretty(&session).unwrap_or_default();
        json.push('\n');
        out.write_all(json.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let method = env.methods.for_session(&session);
    let mut text = render(&session, method.as_deref(), env.lang);
    linked_sessions(&mut text, env, &session);
    let count =
        |s: &Session| s.notes.len() + s.clusters.len() + s.decisions.len() + s.actions.len();
    let hidden = count(&open.session) - count(&session);
    if hidden > 0 {
        let _ = writeln!(text, "\n{}", private_hidden(env.lang, hidden));
    }
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn local(ts: Timestamp) -> String {
    ts.to_zoned(TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// The whole session as text. Without its method (a method file that is
/// gone), zones and phases are shown by id.
pub fn render(session: &Session, method: Option<&Method>, lang: Lang) -> String {
    // About what a note takes on screen, so a long session's text is not
    // copied again each time it outgrows its buffer.
    let size: usize = session.notes.iter().map(|n| n.text.len() + 40).sum();
    let mut t = String::with_capacity(size);
    header(&mut t, session, method, lang);
    phase_log(&mut t, session, method, lang);
    let look = Lookup::new(session);
    for board in &session.boards {
        if session.boards.len() > 1 {
            let _ = writeln!(t, "\n═══ {}: {} ═══", Msg::Board.text(lang), board.name);
        }
        zones(&mut t, session, &look, board, method, lang);
    }
    outcomes(&mut t, session, lang);
    t
}

fn header(t: &mut String, s: &Session, method: Option<&Method>, lang: Lang) {
    let c = &s.context;
    let method_name = method.map_or(s.method.id.as_str(), |m| m.name.get(lang));
    let _ = writeln!(t, "{}", c.title);
    let _ = writeln!(
        t,
        "{method_name} ({} v{}) · {}",
        s.method.id, s.method.version, s.id
    );
    let mut facts: Vec<String> = Vec::new();
    let mut push = |label: Msg, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            facts.push(format!("{}: {v}", label.text(lang)));
        }
    };
    push(Msg::Network, c.network.clone());
    push(Msg::TargetGroup, c.target_group.clone());
    push(Msg::Place, c.place.clone());
    push(Msg::Date, c.date.map(|d| d.to_string()));
    push(Msg::Facilitators, Some(c.facilitators.join("; ")));
    push(
        Msg::Participants,
        c.participant_count.map(|n| n.to_string()),
    );
    push(
        Msg::Pseudonyms,
        Some(
            c.participants
                .iter()
                .map(|p| p.pseudonym.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    push(Msg::Tags, Some(c.tags.join(", ")));
    push(Msg::Language, Some(c.language.code().to_string()));
    for fact in facts {
        let _ = writeln!(t, "{fact}");
    }
}

fn phase_name(method: Option<&Method>, id: &str, lang: Lang) -> String {
    match method.and_then(|m| m.phase_index(id).map(|i| (i, m))) {
        Some((i, m)) => format!(
            "{}/{} {}",
            i + 1,
            m.phases.len(),
            m.phases[i].name.get(lang)
        ),
        None => id.to_string(),
    }
}

fn phase_log(t: &mut String, s: &Session, method: Option<&Method>, lang: Lang) {
    let _ = write!(t, "{}: ", Msg::Phase.text(lang));
    match s.current_phase() {
        Some(p) => {
            let _ = writeln!(
                t,
                "{} ({})",
                phase_name(method, p, lang),
                Msg::Running.text(lang)
            );
        }
        None => match s.phase_log.last() {
            Some(last) => {
                let ended = last.ended.map(local).unwrap_or_default();
                let _ = writeln!(
                    t,
                    "{} ({} {}, {ended})",
                    Msg::NoneRunning.text(lang),
                    Msg::Last.text(lang),
                    phase_name(method, &last.phase, lang)
                );
            }
            None => {
                let _ = writeln!(t, "{}", Msg::NotStarted.text(lang));
            }
        },
    }
    if s.phase_log.is_empty() {
        return;
    }
    let _ = writeln!(t, "\n{}", Msg::PhaseLog.text(lang));
    for entry in &s.phase_log {
        let end = entry
            .ended
            .map_or_else(|| Msg::Running.text(lang).to_string(), local);
        let _ = writeln!(
            t,
            "  {:<28} {} – {end}",
            phase_name(method, &entry.phase, lang),
            local(entry.started)
        );
    }
}

fn zones(
    t: &mut String,
    session: &Session,
    look: &Lookup,
    board: &Board,
    method: Option<&Method>,
    lang: Lang,
) {
    let mut zone_ids: Vec<&str> = method
        .map(|m| m.zones.iter().map(|z| z.id.as_str()).collect())
        .unwrap_or_default();
    let listed: HashSet<&str> = zone_ids.iter().copied().collect();
    zone_ids.extend(look.note_zones().iter().filter(|z| !listed.contains(*z)));
    for zone_id in zone_ids {
        let zone = method.and_then(|m| m.zone(zone_id));
        let notes = look.notes_in(board.id, zone_id);
        let name = zone.map_or(zone_id, |z| z.name.get(lang));
        let _ = writeln!(t, "\n── {name} ({}) ──", notes.len());
        if let Some(q) = zone.and_then(|z| z.questions.first()) {
            let _ = writeln!(t, "{}", q.get(lang));
        }
        if notes.is_empty() {
            let _ = writeln!(t, "  {}", Msg::NoNotes.text(lang));
        }
        let said = |note: &Note| Said {
            quote: zone.is_some_and(|z| z.quotes),
            meeting: crate::strings::meeting_name(session, method, note.meeting, lang),
        };
        // Each cluster's notes, sorted out in one pass over the zone.
        let mut clustered: HashMap<Uuid, Vec<&Note>> = HashMap::new();
        for note in notes {
            if let Some(c) = note.cluster {
                clustered.entry(c).or_default().push(note);
            }
        }
        for cluster in look.clusters_in(board.id, zone_id) {
            let _ = writeln!(t, "  ▸ {}", cluster.title);
            for note in clustered.get(&cluster.id).into_iter().flatten() {
                note_line(t, look, note, &said(note), "    ", lang);
            }
        }
        for note in notes.iter().filter(|n| n.cluster.is_none()) {
            note_line(t, look, note, &said(note), "  ", lang);
        }
    }
}

/// What `show` says about a note beyond the note itself: whether its
/// zone holds the participant's own words, and the meeting it is from.
struct Said {
    quote: bool,
    meeting: Option<String>,
}

fn note_line(t: &mut String, look: &Lookup, note: &Note, said: &Said, indent: &str, lang: Lang) {
    let text = if said.quote {
        crate::strings::quoted(&note.text, lang)
    } else {
        note.text.clone()
    };
    let mut lines = text.lines();
    let _ = writeln!(t, "{indent}• {}", lines.next().unwrap_or_default());
    for line in lines {
        let _ = writeln!(t, "{indent}  {line}");
    }
    let mut meta = vec![colour_name(note.colour, lang).to_string()];
    let dots = look.dots(note.id);
    if dots > 0 {
        meta.push(format!("{} {dots}", "●".repeat(dots.min(10) as usize)));
    }
    match (&note.author, note.role) {
        (Some(a), Some(r)) => meta.push(format!("{a} ({})", role_name(r, lang))),
        (Some(a), None) => meta.push(a.clone()),
        (None, Some(r)) => meta.push(role_name(r, lang).to_string()),
        (None, None) => {}
    }
    if said.quote {
        meta.push(Msg::OwnWords.text(lang).to_string());
    }
    if let Some(meeting) = &said.meeting {
        meta.push(meeting.clone());
    }
    if note.source == Some(crate::model::NoteSource::Phone) {
        meta.push(format!("📱 {}", crate::strings::Ui::FromPhone.text(lang)));
    }
    if note.private {
        meta.push(format!("🔒 {}", Msg::Private.text(lang)));
    }
    let _ = writeln!(t, "{indent}  [{}]", meta.join(" · "));
}

/// The mark before a private decision or action, shown with `--private`.
fn private_lock(private: bool, lang: Lang) -> String {
    if private {
        format!("🔒 {}: ", Msg::Private.text(lang))
    } else {
        String::new()
    }
}

fn outcomes(t: &mut String, s: &Session, lang: Lang) {
    if !s.decisions.is_empty() {
        let _ = writeln!(t, "\n{}", Msg::Decisions.text(lang));
        for d in &s.decisions {
            let _ = writeln!(
                t,
                "  • {}{}",
                private_lock(d.private, lang),
                d.text.replace('\n', "\n    ")
            );
        }
    }
    if !s.actions.is_empty() {
        let _ = writeln!(t, "\n{}", Msg::Actions.text(lang));
        for a in &s.actions {
            let mut meta = Vec::new();
            if let Some(o) = &a.owner {
                meta.push(format!("{} {o}", Msg::Owner.text(lang)));
            }
            if let Some(d) = a.due {
                meta.push(format!("{} {d}", Msg::Due.text(lang)));
            }
            meta.push(status_name(a.status, lang).to_string());
            let _ = writeln!(
                t,
                "  • {}{} — {}",
                private_lock(a.private, lang),
                a.text.replace('\n', " "),
                meta.join(", ")
            );
        }
    }
}

/// The sessions this one links to, with their titles where the store has
/// them.
fn linked_sessions(t: &mut String, env: &Env, s: &Session) {
    if s.links.is_empty() {
        return;
    }
    let lang = env.lang;
    let _ = writeln!(t, "\n{}", Msg::LinkedSessions.text(lang));
    // Read by id: the linked files only, whatever the size of the store.
    let ids: Vec<_> = s.links.iter().map(|l| l.session).collect();
    let linked = env.store.read_many(&ids);
    for link in &s.links {
        let id = link.session.to_string();
        let title = linked
            .iter()
            .find(|o| o.id == link.session)
            .map(|o| o.context.title.as_str())
            .unwrap_or_default();
        let _ = writeln!(
            t,
            "  • {} {} {title}",
            relation_name(link.relation, lang),
            &id[..8]
        );
    }
}
