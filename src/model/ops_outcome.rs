//! Clusters, votes, decisions and actions.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use super::text::{clean_line, optional_line, required};
use super::{Action, ActionStatus, Cluster, Decision, ModelError, Session, Vote, new_id};

/// A note's place in a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// 1 for the most dots; notes with equal dots share a place.
    pub place: usize,
    /// The note.
    pub note: Uuid,
    /// Its dots.
    pub dots: u32,
    /// Votes from a tie-break round, which order notes with equal dots.
    pub tie_break: u32,
    /// Another note has the same dots and tie-break votes.
    pub tied: bool,
}

/// A cluster's place among the clusters of a zone, by the sum of its
/// notes' dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterRank {
    /// 1 for the most dots; equal totals share a place.
    pub place: usize,
    /// The cluster.
    pub cluster: Uuid,
    /// The dots of its notes together.
    pub dots: u32,
    /// How many of its notes were ranked.
    pub notes: usize,
    /// Another cluster has the same total.
    pub tied: bool,
}

/// Sorts `(item, dots, tie-break votes)` most first and gives places:
/// equal scores share a place and are tied. Linear after the sort, since
/// runs of equal scores are adjacent once sorted.
fn places<K: Copy>(mut scored: Vec<(K, u32, u32)>) -> Vec<(usize, bool, K, u32, u32)> {
    scored.sort_by_key(|(_, dots, extra)| std::cmp::Reverse((*dots, *extra)));
    let mut out = Vec::with_capacity(scored.len());
    let mut start = 0;
    while start < scored.len() {
        let score = (scored[start].1, scored[start].2);
        let end = scored[start..]
            .iter()
            .position(|(_, d, e)| (*d, *e) != score)
            .map_or(scored.len(), |len| start + len);
        let tied = end - start > 1;
        for (item, dots, extra) in &scored[start..end] {
            out.push((start + 1, tied, *item, *dots, *extra));
        }
        start = end;
    }
    out
}

/// The ranking of `candidates` by their `tallies` (dots, tie-break votes):
/// shared by [`Session::ranking`] and the lookup that counts once.
pub(super) fn rank<'a>(
    tallies: &HashMap<Uuid, (u32, u32)>,
    candidates: impl IntoIterator<Item = &'a Uuid>,
) -> Vec<Rank> {
    let scored = candidates
        .into_iter()
        .filter_map(|id| tallies.get(id).map(|(d, t)| (*id, *d, *t)))
        .filter(|(_, dots, _)| *dots > 0)
        .collect();
    places(scored)
        .into_iter()
        .map(|(place, tied, note, dots, tie_break)| Rank {
            place,
            note,
            dots,
            tie_break,
            tied,
        })
        .collect()
}

impl Session {
    /// Groups notes under a new cluster titled `title`, taking them out of
    /// any cluster they were in. The notes must share a board and a zone;
    /// the cluster lives there. With a private note among them the cluster
    /// is private, since its title may carry that note's words.
    pub fn cluster_notes(
        &mut self,
        notes: &[Uuid],
        title: &str,
        now: Timestamp,
    ) -> Result<Uuid, ModelError> {
        let first = *notes.first().ok_or(ModelError::NoNotes)?;
        let (board, zone) = {
            let n = self.note(first)?;
            (n.board, n.zone.clone())
        };
        for id in notes {
            self.note(*id)?;
        }
        let id = new_id();
        let private = self.any_private(notes);
        self.clusters.push(Cluster {
            id,
            title: clean_line(title),
            board,
            zone,
            from: notes.to_vec(),
            private,
            created: now,
            updated: now,
            clock: Default::default(),
            revived: 0,
        });
        for note in self.notes.iter_mut().filter(|n| notes.contains(&n.id)) {
            note.cluster = Some(id);
            note.updated = now;
        }
        self.drop_empty_clusters();
        self.updated = now;
        Ok(id)
    }

    /// Gives a cluster a new title.
    pub fn rename_cluster(
        &mut self,
        id: Uuid,
        title: &str,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let cluster = self
            .clusters
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or(ModelError::UnknownCluster(id))?;
        cluster.title = clean_line(title);
        cluster.updated = now;
        self.updated = now;
        Ok(())
    }

    /// Puts a note into an existing cluster, or takes it out (`None`).
    pub fn set_cluster(
        &mut self,
        note: Uuid,
        cluster: Option<Uuid>,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        if let Some(c) = cluster
            && !self.clusters.iter().any(|x| x.id == c)
        {
            return Err(ModelError::UnknownCluster(c));
        }
        let private = self.note(note)?.private;
        if let Some(n) = self.notes.iter_mut().find(|n| n.id == note) {
            n.cluster = cluster;
            n.updated = now;
        }
        // A private note in a cluster makes it private: its title may be
        // renamed with the note's words.
        if private
            && let Some(c) = self.clusters.iter_mut().find(|c| Some(c.id) == cluster)
            && !c.private
        {
            c.private = true;
            c.updated = now;
        }
        self.drop_empty_clusters();
        self.updated = now;
        Ok(())
    }

    /// Removes a cluster; its notes stay, unclustered.
    pub fn dissolve_cluster(&mut self, id: Uuid, now: Timestamp) -> Result<(), ModelError> {
        let before = self.clusters.len();
        self.clusters.retain(|c| c.id != id);
        if self.clusters.len() == before {
            return Err(ModelError::UnknownCluster(id));
        }
        for note in self.notes.iter_mut().filter(|n| n.cluster == Some(id)) {
            note.cluster = None;
            note.updated = now;
        }
        self.updated = now;
        Ok(())
    }

    fn drop_empty_clusters(&mut self) {
        let notes = &self.notes;
        self.clusters
            .retain(|c| notes.iter().any(|n| n.cluster == Some(c.id)));
    }

    /// Sets the dots the facilitator counted on the wall for a note,
    /// replacing an earlier count (votes cast by named participants stay).
    /// Zero dots removes the count.
    pub fn set_dots(
        &mut self,
        note: Uuid,
        dots: u32,
        voter: Option<&str>,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        self.put_votes(note, dots, voter, false, now)
    }

    /// Sets the votes one participant gave a note in a tie-break round,
    /// replacing their earlier tie-break votes for it. They order notes
    /// with equal dots and are kept apart from the dots themselves.
    pub fn set_tie_break_dots(
        &mut self,
        note: Uuid,
        dots: u32,
        voter: Option<&str>,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        self.put_votes(note, dots, voter, true, now)
    }

    fn put_votes(
        &mut self,
        note: Uuid,
        dots: u32,
        voter: Option<&str>,
        tie_break: bool,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        self.note(note)?;
        let voter = optional_line(voter);
        self.votes
            .retain(|v| !(v.note == note && v.voter == voter && v.tie_break == tie_break));
        if dots > 0 {
            self.votes.push(Vote {
                id: new_id(),
                note,
                voter,
                dots,
                phase: self.current_phase().map(str::to_string),
                tie_break,
                created: now,
                updated: now,
                clock: Default::default(),
                revived: 0,
            });
        }
        self.updated = now;
        Ok(())
    }

    /// All dots a note has, tie-break votes left out.
    pub fn dots(&self, note: Uuid) -> u32 {
        self.votes
            .iter()
            .filter(|v| v.note == note && !v.tie_break)
            .map(|v| v.dots)
            .sum()
    }

    /// Dots and tie-break votes of every note that has any, in one pass.
    fn tallies(&self) -> HashMap<Uuid, (u32, u32)> {
        let mut out: HashMap<Uuid, (u32, u32)> = HashMap::new();
        for v in &self.votes {
            let t = out.entry(v.note).or_default();
            if v.tie_break {
                t.1 += v.dots;
            } else {
                t.0 += v.dots;
            }
        }
        out
    }

    /// Notes with dots, most first; notes with equal dots are ordered by
    /// the votes of a tie-break round, and those still equal share a place
    /// and are marked as tied. Notes are taken from `candidates`, in their
    /// order for equal dots. Rank one zone (or phase) at a time: places
    /// only mean something among notes that answered the same question.
    pub fn ranking<'a>(&self, candidates: impl IntoIterator<Item = &'a Uuid>) -> Vec<Rank> {
        rank(&self.tallies(), candidates)
    }

    /// The clusters of the `candidates` notes ranked by the dots of those
    /// of their notes that are among the candidates, most first; equal
    /// totals share a place. Clusters without dots are left out.
    pub fn cluster_ranking<'a>(
        &self,
        candidates: impl IntoIterator<Item = &'a Uuid>,
    ) -> Vec<ClusterRank> {
        let tallies = self.tallies();
        let wanted: HashSet<&Uuid> = candidates.into_iter().collect();
        // Clusters in the order they were made, so equal totals keep a
        // stable order between draws.
        let mut totals: Vec<(Uuid, u32, u32, usize)> = Vec::new();
        let mut position: HashMap<Uuid, usize> = HashMap::new();
        for n in self.notes.iter().filter(|n| wanted.contains(&n.id)) {
            let Some(c) = n.cluster else { continue };
            let i = *position.entry(c).or_insert_with(|| {
                totals.push((c, 0, 0, 0));
                totals.len() - 1
            });
            let (d, t) = tallies.get(&n.id).copied().unwrap_or_default();
            totals[i].1 += d;
            totals[i].2 += t;
            totals[i].3 += 1;
        }
        let notes: HashMap<Uuid, usize> = totals.iter().map(|t| (t.0, t.3)).collect();
        let scored = totals
            .into_iter()
            .filter(|t| t.1 > 0)
            .map(|(c, d, t, _)| (c, d, t))
            .collect();
        places(scored)
            .into_iter()
            .map(|(place, tied, cluster, dots, _)| ClusterRank {
                place,
                cluster,
                dots,
                notes: notes.get(&cluster).copied().unwrap_or(0),
                tied,
            })
            .collect()
    }

    /// Records a decision, linked to the notes it came from; private when
    /// one of them is.
    pub fn add_decision(
        &mut self,
        text: &str,
        notes: &[Uuid],
        now: Timestamp,
    ) -> Result<Uuid, ModelError> {
        let text = required(text)?;
        for id in notes {
            self.note(*id)?;
        }
        let id = new_id();
        let private = self.any_private(notes);
        self.decisions.push(Decision {
            id,
            text,
            notes: notes.to_vec(),
            phase: self.current_phase().map(str::to_string),
            private,
            created: now,
            updated: now,
            clock: Default::default(),
            revived: 0,
        });
        self.updated = now;
        Ok(id)
    }

    /// Records a follow-up action, from a note or a decision if given;
    /// private when the note or the decision is.
    pub fn add_action(
        &mut self,
        text: &str,
        note: Option<Uuid>,
        decision: Option<Uuid>,
        now: Timestamp,
    ) -> Result<Uuid, ModelError> {
        let text = required(text)?;
        if let Some(n) = note {
            self.note(n)?;
        }
        let mut private = note.is_some_and(|n| self.is_private(super::Item::Note(n)));
        if let Some(d) = decision {
            let from = self
                .decisions
                .iter()
                .find(|x| x.id == d)
                .ok_or(ModelError::UnknownDecision(d))?;
            private |= from.private;
        }
        let id = new_id();
        self.actions.push(Action {
            id,
            text,
            owner: None,
            due: None,
            status: ActionStatus::Open,
            note,
            decision,
            private,
            created: now,
            updated: now,
            clock: Default::default(),
            revived: 0,
        });
        self.updated = now;
        Ok(id)
    }

    /// Changes a decision's words.
    pub fn edit_decision(
        &mut self,
        id: Uuid,
        text: &str,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let text = required(text)?;
        let d = self.decision_mut(id)?;
        if d.text != text {
            d.text = text;
            d.updated = now;
            self.updated = now;
        }
        Ok(())
    }

    fn decision_mut(&mut self, id: Uuid) -> Result<&mut Decision, ModelError> {
        self.decisions
            .iter_mut()
            .find(|d| d.id == id)
            .ok_or(ModelError::UnknownDecision(id))
    }

    /// Removes a decision; actions that came from it keep their text.
    pub fn remove_decision(&mut self, id: Uuid, now: Timestamp) -> Result<(), ModelError> {
        let before = self.decisions.len();
        self.decisions.retain(|d| d.id != id);
        if self.decisions.len() == before {
            return Err(ModelError::UnknownDecision(id));
        }
        for a in self.actions.iter_mut().filter(|a| a.decision == Some(id)) {
            a.decision = None;
        }
        self.updated = now;
        Ok(())
    }

    /// Removes an action.
    pub fn remove_action(&mut self, id: Uuid, now: Timestamp) -> Result<(), ModelError> {
        let before = self.actions.len();
        self.actions.retain(|a| a.id != id);
        if self.actions.len() == before {
            return Err(ModelError::UnknownAction(id));
        }
        self.updated = now;
        Ok(())
    }

    /// Changes what an action says.
    pub fn edit_action_text(
        &mut self,
        id: Uuid,
        text: &str,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let text = required(text)?;
        let a = self.action_mut(id)?;
        if a.text != text {
            a.text = text;
            a.updated = now;
            self.updated = now;
        }
        Ok(())
    }

    fn action_mut(&mut self, id: Uuid) -> Result<&mut Action, ModelError> {
        self.actions
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or(ModelError::UnknownAction(id))
    }

    /// The action with this id.
    pub fn action(&self, id: Uuid) -> Result<&Action, ModelError> {
        self.actions
            .iter()
            .find(|a| a.id == id)
            .ok_or(ModelError::UnknownAction(id))
    }

    /// Changes who owns an action, when it is due and how far it has come.
    pub fn update_action(
        &mut self,
        id: Uuid,
        owner: Option<&str>,
        due: Option<Date>,
        status: ActionStatus,
        now: Timestamp,
    ) -> Result<(), ModelError> {
        let action = self.action_mut(id)?;
        action.owner = optional_line(owner);
        action.due = due;
        action.status = status;
        action.updated = now;
        self.updated = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewNote;
    use crate::model::testing::{context, method};

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    fn three_notes() -> (Session, [Uuid; 3]) {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let ids = ["a", "b", "c"].map(|x| s.add_note(&m, NewNote::new("kritik", x), t(1)).unwrap());
        (s, ids)
    }

    #[test]
    fn clusters_group_rename_and_dissolve() {
        let (mut s, [a, b, c]) = three_notes();
        let k = s.cluster_notes(&[a, b], " Økonomi ", t(2)).unwrap();
        assert_eq!(s.clusters[0].title, "Økonomi");
        assert_eq!(s.clusters[0].zone, "kritik");
        s.set_cluster(c, Some(k), t(3)).unwrap();
        assert_eq!(s.notes.iter().filter(|n| n.cluster == Some(k)).count(), 3);
        s.rename_cluster(k, "Penge", t(4)).unwrap();
        assert_eq!(s.clusters[0].title, "Penge");
        s.dissolve_cluster(k, t(5)).unwrap();
        assert!(s.clusters.is_empty());
        assert!(s.notes.iter().all(|n| n.cluster.is_none()));
    }

    #[test]
    fn a_cluster_emptied_by_regrouping_disappears() {
        let (mut s, [a, b, _]) = three_notes();
        let first = s.cluster_notes(&[a], "Tid", t(2)).unwrap();
        let second = s.cluster_notes(&[a, b], "Tid og penge", t(3)).unwrap();
        assert!(!s.clusters.iter().any(|c| c.id == first));
        assert!(s.clusters.iter().any(|c| c.id == second));
    }

    #[test]
    fn dots_by_hand_replace_and_add_to_cast_votes() {
        let (mut s, [a, _, _]) = three_notes();
        s.set_dots(a, 4, None, t(2)).unwrap();
        s.set_dots(a, 2, None, t(3)).unwrap();
        s.set_dots(a, 1, Some("Amal"), t(3)).unwrap();
        assert_eq!(s.dots(a), 3);
        s.set_dots(a, 0, None, t(4)).unwrap();
        assert_eq!(s.dots(a), 1);
        assert_eq!(s.votes.len(), 1);
    }

    #[test]
    fn ranking_shares_places_between_ties() {
        let (mut s, [a, b, c]) = three_notes();
        s.set_dots(a, 2, None, t(2)).unwrap();
        s.set_dots(b, 5, None, t(2)).unwrap();
        s.set_dots(c, 2, None, t(2)).unwrap();
        let ids: Vec<Uuid> = s.notes.iter().map(|n| n.id).collect();
        let r = s.ranking(&ids);
        assert_eq!(r.len(), 3);
        assert_eq!((r[0].note, r[0].place, r[0].tied), (b, 1, false));
        assert_eq!((r[1].note, r[1].place, r[1].tied), (a, 2, true));
        assert_eq!((r[2].note, r[2].place, r[2].tied), (c, 2, true));
    }

    #[test]
    fn a_tie_break_round_orders_only_the_tied_notes() {
        let (mut s, [a, b, c]) = three_notes();
        s.set_dots(a, 3, None, t(2)).unwrap();
        s.set_dots(b, 3, None, t(2)).unwrap();
        s.set_dots(c, 1, None, t(2)).unwrap();
        s.set_tie_break_dots(b, 1, Some("Amal"), t(3)).unwrap();
        let r = s.ranking(&[a, b, c]);
        assert_eq!(
            (r[0].note, r[0].place, r[0].tied, r[0].tie_break),
            (b, 1, false, 1)
        );
        assert_eq!((r[1].note, r[1].place, r[1].tied), (a, 2, false));
        assert_eq!((r[2].note, r[2].place), (c, 3));
        // The round does not add to the dots, and counting by hand again
        // leaves it standing.
        assert_eq!(s.dots(b), 3);
        s.set_dots(b, 3, None, t(4)).unwrap();
        assert_eq!(s.ranking(&[a, b, c])[0].tie_break, 1);
        // A second voter evens it out: the tie is back, and says so.
        s.set_tie_break_dots(a, 1, Some("Bo"), t(5)).unwrap();
        let r = s.ranking(&[a, b, c]);
        assert!(r[0].tied && r[1].tied && !r[2].tied);
    }

    #[test]
    fn clusters_are_ranked_by_the_sum_of_their_notes_dots() {
        let (mut s, [a, b, c]) = three_notes();
        let money = s.cluster_notes(&[a, b], "Penge", t(2)).unwrap();
        let time = s.cluster_notes(&[c], "Tid", t(2)).unwrap();
        s.set_dots(a, 2, None, t(3)).unwrap();
        s.set_dots(b, 2, None, t(3)).unwrap();
        s.set_dots(c, 4, None, t(3)).unwrap();
        let r = s.cluster_ranking(&[a, b, c]);
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].cluster, r[0].dots, r[0].notes, r[0].tied),
            (money, 4, 2, true)
        );
        assert_eq!((r[1].cluster, r[1].place, r[1].tied), (time, 1, true));
        // Only the candidates count: a zone's table leaves other notes out.
        let r = s.cluster_ranking(&[a]);
        assert_eq!((r.len(), r[0].dots), (1, 2));
    }

    #[test]
    fn ranking_many_equal_notes_stays_linear_and_shares_one_place() {
        let m = method();
        let mut s = Session::new(&m, context("t"), t(0));
        let ids: Vec<Uuid> = (0..3000)
            .map(|i| {
                s.add_note(&m, NewNote::new("kritik", &i.to_string()), t(1))
                    .unwrap()
            })
            .collect();
        for id in &ids {
            s.set_dots(*id, 1, None, t(2)).unwrap();
        }
        let r = s.ranking(&ids);
        assert!(r.iter().all(|x| x.place == 1 && x.tied));
        assert_eq!(r.len(), 3000);
    }

    #[test]
    fn decisions_and_actions_can_be_changed_and_removed() {
        let (mut s, [a, _, _]) = three_notes();
        let d = s.add_decision("Legestue", &[a], t(2)).unwrap();
        let x = s.add_action("Find lokale", None, Some(d), t(2)).unwrap();
        s.edit_decision(d, "Legestue om lørdagen", t(3)).unwrap();
        s.edit_action_text(x, "Find et lokale", t(3)).unwrap();
        assert_eq!(s.decisions[0].text, "Legestue om lørdagen");
        assert_eq!(s.action(x).unwrap().text, "Find et lokale");
        s.remove_decision(d, t(4)).unwrap();
        assert_eq!(s.action(x).unwrap().decision, None);
        s.remove_action(x, t(4)).unwrap();
        assert!(s.actions.is_empty());
        assert!(s.remove_action(x, t(5)).is_err());
    }

    #[test]
    fn decisions_and_actions_link_to_their_source() {
        let (mut s, [a, _, _]) = three_notes();
        let d = s
            .add_decision("Vi starter en legestue", &[a], t(2))
            .unwrap();
        let x = s.add_action("Find et lokale", None, Some(d), t(3)).unwrap();
        let due = Date::new(2026, 12, 1).unwrap();
        s.update_action(x, Some("Mette"), Some(due), ActionStatus::InProgress, t(4))
            .unwrap();
        let action = s.action(x).unwrap();
        assert_eq!(action.decision, Some(d));
        assert_eq!(action.owner.as_deref(), Some("Mette"));
        assert_eq!(action.due, Some(due));
        assert!(action.status.is_open());
        assert!(s.add_action("x", None, Some(a), t(5)).is_err());
        assert_eq!(s.add_decision(" ", &[], t(5)), Err(ModelError::EmptyText));
    }
}
