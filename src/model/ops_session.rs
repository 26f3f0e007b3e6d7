//! Creating a session, and changing its boards, phases and links.

use jiff::Timestamp;
use uuid::Uuid;

use super::text::{clean_line, required_line};
use super::{
    Board, Clock, Context, FORMAT, MethodRef, ModelError, Participant, PhaseEntry, Session,
    SessionLink, SessionRelation, new_id,
};
use crate::methods::Method;

impl Session {
    /// A new, empty session of `method`. The session gets one board, or one
    /// per participant for methods that give everyone their own board.
    pub fn new(method: &Method, mut context: Context, now: Timestamp) -> Session {
        context.title = clean_line(&context.title);
        let boards = if method.boards.per_participant && !context.participants.is_empty() {
            context
                .participants
                .iter()
                .map(|p| Board {
                    id: new_id(),
                    name: p.pseudonym.clone(),
                    participant: Some(p.id),
                    created: now,
                    updated: now,
                    clock: Clock::new(),
                    revived: 0,
                })
                .collect()
        } else {
            vec![Board {
                id: new_id(),
                name: method.board_name(context.language, 1),
                participant: None,
                created: now,
                updated: now,
                clock: Clock::new(),
                revived: 0,
            }]
        };
        Session {
            format: FORMAT,
            id: new_id(),
            method: MethodRef {
                id: method.id.clone(),
                version: method.version,
                labels: Some(super::MethodLabels::of(method)),
            },
            context,
            created: now,
            updated: now,
            boards,
            notes: Vec::new(),
            clusters: Vec::new(),
            votes: Vec::new(),
            decisions: Vec::new(),
            actions: Vec::new(),
            phase_log: Vec::new(),
            links: Vec::new(),
            meetings: Vec::new(),
            ratings: Vec::new(),
            timer: None,
            plan: None,
            clock: Clock::new(),
            deleted: Vec::new(),
        }
    }

    /// The board a name, an id or an id prefix refers to.
    pub fn find_board(&self, query: &str) -> Result<&Board, ModelError> {
        let q = query.trim();
        let by_name = self.boards.iter().find(|b| b.name.eq_ignore_ascii_case(q));
        let by_id = || {
            let matches: Vec<&Board> = self
                .boards
                .iter()
                .filter(|b| !q.is_empty() && b.id.to_string().starts_with(&q.to_lowercase()))
                .collect();
            (matches.len() == 1).then(|| matches[0])
        };
        by_name
            .or_else(by_id)
            .ok_or_else(|| ModelError::UnknownBoard(q.to_string()))
    }

    /// Adds a board, such as a second canvas to compare, and returns its id.
    pub fn add_board(&mut self, name: &str, now: Timestamp) -> Uuid {
        let id = new_id();
        self.boards.push(Board {
            id,
            name: clean_line(name),
            participant: None,
            created: now,
            updated: now,
            clock: Clock::new(),
            revived: 0,
        });
        self.updated = now;
        id
    }

    /// Adds a copy of a board (a canvas to vary) with its notes and
    /// clusters, and returns the new board's id. Dots and links between
    /// the copied notes do not come along: the copy starts a new option.
    /// Each copy remembers its original (`copied_from`), for comparing.
    pub fn copy_board(
        &mut self,
        from: Uuid,
        name: &str,
        now: Timestamp,
    ) -> Result<Uuid, ModelError> {
        if !self.boards.iter().any(|b| b.id == from) {
            return Err(ModelError::UnknownBoard(from.to_string()));
        }
        let id = self.add_board(name, now);
        let mut cluster_map = std::collections::HashMap::new();
        let clusters: Vec<_> = self
            .clusters
            .iter()
            .filter(|c| c.board == from)
            .cloned()
            .collect();
        for mut c in clusters {
            let new = new_id();
            cluster_map.insert(c.id, new);
            c.id = new;
            c.board = id;
            c.created = now;
            c.updated = now;
            c.clock.clear();
            c.revived = 0;
            self.clusters.push(c);
        }
        let notes: Vec<_> = self
            .notes
            .iter()
            .filter(|n| n.board == from)
            .cloned()
            .collect();
        for mut n in notes {
            n.copied_from = n.copied_from.or(Some(n.id));
            n.id = new_id();
            n.board = id;
            n.cluster = n.cluster.and_then(|c| cluster_map.get(&c).copied());
            n.links.clear();
            n.created = self.next_note_time(now);
            n.updated = now;
            n.pos = None;
            n.clock.clear();
            n.revived = 0;
            self.notes.push(n);
        }
        Ok(id)
    }

    /// Renames a board.
    pub fn rename_board(&mut self, id: Uuid, name: &str, now: Timestamp) -> Result<(), ModelError> {
        let name = required_line(name)?;
        let board = self
            .boards
            .iter_mut()
            .find(|b| b.id == id)
            .ok_or_else(|| ModelError::UnknownBoard(id.to_string()))?;
        board.name = name;
        self.updated = now;
        Ok(())
    }

    /// Adds a participant under a pseudonym; on a method with a board per
    /// participant, the participant gets their own board too.
    pub fn add_participant(
        &mut self,
        method: &Method,
        pseudonym: &str,
        now: Timestamp,
    ) -> Result<Uuid, ModelError> {
        let pseudonym = required_line(pseudonym)?;
        let id = new_id();
        self.context.participants.push(Participant {
            id,
            pseudonym: pseudonym.clone(),
            created: now,
            updated: now,
            clock: Clock::new(),
            revived: 0,
        });
        if method.boards.per_participant {
            let unclaimed = self
                .boards
                .iter_mut()
                .find(|b| b.participant.is_none() && !self.notes.iter().any(|n| n.board == b.id));
            match unclaimed {
                Some(board) => {
                    board.participant = Some(id);
                    board.name = pseudonym;
                    board.updated = now;
                }
                None => self.boards.push(Board {
                    id: new_id(),
                    name: pseudonym,
                    participant: Some(id),
                    created: now,
                    updated: now,
                    clock: Clock::new(),
                    revived: 0,
                }),
            }
        }
        self.updated = now;
        Ok(id)
    }

    /// The phase that is running: the last one started and not yet ended.
    pub fn current_phase(&self) -> Option<&str> {
        self.phase_log
            .last()
            .filter(|entry| entry.ended.is_none())
            .map(|entry| entry.phase.as_str())
    }

    /// Starts `phase`, ending the one that runs.
    pub fn start_phase(
        &mut self,
        method: &Method,
        phase: &str,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        if method.phase(phase).is_none() {
            return Err(ModelError::UnknownPhase(phase.to_string()));
        }
        self.end_phase(now);
        self.phase_log.push(PhaseEntry {
            id: new_id(),
            phase: phase.to_string(),
            started: now,
            ended: None,
            updated: now,
            clock: Clock::new(),
            revived: 0,
        });
        self.updated = now;
        Ok(())
    }

    /// Ends the running phase, if any.
    pub fn end_phase(&mut self, now: Timestamp) {
        if let Some(entry) = self.phase_log.last_mut().filter(|e| e.ended.is_none()) {
            entry.ended = Some(now);
            entry.updated = now;
            self.updated = now;
        }
    }

    /// Records that this session relates to `other`. Linking twice is a
    /// no-op.
    pub fn link_session(&mut self, other: Uuid, relation: SessionRelation, now: Timestamp) {
        if !self
            .links
            .iter()
            .any(|l| l.session == other && l.relation == relation)
        {
            self.links.push(SessionLink {
                id: super::link_id(self.id, other, relation),
                session: other,
                relation,
                created: now,
                updated: now,
                clock: Clock::new(),
                revived: 0,
            });
            self.updated = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{context, method};

    #[test]
    fn new_session_has_one_board_and_no_phase() {
        let m = method();
        let s = Session::new(
            &m,
            context("  Hverdag \n som enlig "),
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(s.format, FORMAT);
        assert_eq!(s.context.title, "Hverdag som enlig");
        assert_eq!(s.boards.len(), 1);
        assert_eq!(s.method.id, m.id);
        assert_eq!(s.current_phase(), None);
    }

    #[test]
    fn phases_log_start_and_end() {
        let m = method();
        let mut s = Session::new(&m, context("t"), Timestamp::UNIX_EPOCH);
        let t1 = Timestamp::from_second(60).unwrap();
        let t2 = Timestamp::from_second(120).unwrap();
        s.start_phase(&m, "kritik", t1).unwrap();
        assert_eq!(s.current_phase(), Some("kritik"));
        s.start_phase(&m, "fantasi", t2).unwrap();
        assert_eq!(s.phase_log.len(), 2);
        assert_eq!(s.phase_log[0].ended, Some(t2));
        assert_eq!(s.current_phase(), Some("fantasi"));
        s.end_phase(t2);
        assert_eq!(s.current_phase(), None);
        assert_eq!(
            s.start_phase(&m, "nope", t2),
            Err(ModelError::UnknownPhase("nope".into()))
        );
    }

    #[test]
    fn boards_are_found_by_name_or_id_prefix() {
        let m = method();
        let mut s = Session::new(&m, context("t"), Timestamp::UNIX_EPOCH);
        let id = s.add_board("Option B", Timestamp::UNIX_EPOCH);
        assert_eq!(s.find_board("option b").unwrap().id, id);
        assert_eq!(s.find_board(&id.to_string()[..8]).unwrap().id, id);
        assert!(s.find_board("option c").is_err());
        s.rename_board(id, "Plan C", Timestamp::UNIX_EPOCH).unwrap();
        assert_eq!(s.find_board("Plan C").unwrap().id, id);
        assert_eq!(
            s.rename_board(id, "  ", Timestamp::UNIX_EPOCH),
            Err(ModelError::EmptyText)
        );
    }

    #[test]
    fn a_copied_board_has_its_own_notes_and_clusters() {
        let m = method();
        let mut s = Session::new(&m, context("t"), Timestamp::UNIX_EPOCH);
        let first = s.boards[0].id;
        let a = s
            .add_note(
                &m,
                crate::model::NewNote::new("kritik", "a"),
                Timestamp::UNIX_EPOCH,
            )
            .unwrap();
        s.cluster_notes(&[a], "Tid", Timestamp::UNIX_EPOCH).unwrap();
        let copy = s
            .copy_board(first, "Option B", Timestamp::UNIX_EPOCH)
            .unwrap();
        let copied: Vec<_> = s.notes.iter().filter(|n| n.board == copy).collect();
        assert_eq!(copied.len(), 1);
        assert_ne!(copied[0].id, a);
        let cluster = copied[0].cluster.unwrap();
        assert!(
            s.clusters
                .iter()
                .any(|c| c.id == cluster && c.board == copy)
        );
        assert!(m.zone("kritik").is_some());
        assert_eq!(s.inconsistencies(&m), vec![]);
    }

    #[test]
    fn links_are_not_duplicated() {
        let m = method();
        let mut s = Session::new(&m, context("t"), Timestamp::UNIX_EPOCH);
        let other = new_id();
        s.link_session(other, SessionRelation::FollowsFrom, Timestamp::UNIX_EPOCH);
        s.link_session(other, SessionRelation::FollowsFrom, Timestamp::UNIX_EPOCH);
        assert_eq!(s.links.len(), 1);
    }
}
