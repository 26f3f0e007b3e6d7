//! A network's report picks its sessions by the network's whole name, so
//! "LEN Herning" never takes in "LEN Herning Nord".

use jiff::civil::Date;

use super::Report;
use crate::model::Session;
use crate::model::text::clean_line;
use crate::store::{Filter, day_of, network_key};

/// The networks `sessions` belong to, one name each, in alphabetical
/// order. Names that differ only in case or spacing are one network,
/// written as most of its sessions write it.
pub fn known_networks<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> Vec<String> {
    network_names(sessions.into_iter().map(|s| s.context.network.as_deref()))
}

/// [`known_networks`] from the sessions' network names alone.
pub fn network_names<'a>(names: impl IntoIterator<Item = Option<&'a str>>) -> Vec<String> {
    let mut spellings: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for name in names {
        let Some(name) = name else {
            continue;
        };
        let key = network_key(name);
        if key.is_empty() {
            continue;
        }
        let name = clean_line(name);
        let i = match spellings.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                spellings.push((key, Vec::new()));
                spellings.len() - 1
            }
        };
        let counts = &mut spellings[i].1;
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    spellings.sort_by(|a, b| a.0.cmp(&b.0));
    spellings
        .into_iter()
        .filter_map(|(_, counts)| {
            // The most used spelling; on a tie, the first in sort order,
            // so the heading does not depend on the order files are read.
            counts
                .into_iter()
                .max_by(|(a, ca), (b, cb)| ca.cmp(cb).then(b.cmp(a)))
                .map(|(n, _)| n)
        })
        .collect()
}

/// The sessions of a network's report: every session of the network
/// named `network` (the whole name, in any case, spacing aside; see
/// [`network_key`]) between `since` and `until`, oldest first, and the
/// report's heading. `None` when no session matches.
pub fn network_report(
    sessions: impl IntoIterator<Item = Session>,
    network: &str,
    since: Option<Date>,
    until: Option<Date>,
) -> Option<(Vec<Session>, Report)> {
    let key = network_key(network);
    let filter = Filter {
        since,
        until,
        ..Filter::default()
    };
    let mut chosen: Vec<Session> = sessions
        .into_iter()
        .filter(|s| {
            s.context
                .network
                .as_deref()
                .is_some_and(|n| network_key(n) == key)
                && filter.matches(s)
        })
        .collect();
    if key.is_empty() || chosen.is_empty() {
        return None;
    }
    chosen.sort_by_key(|s| (day_of(s), s.created));
    let name = known_networks(&chosen).into_iter().next()?;
    let report = Report {
        network: name,
        since,
        until,
    };
    Some((chosen, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{context, method};
    use jiff::Timestamp;

    fn session(network: &str) -> Session {
        let mut ctx = context(network);
        ctx.network = Some(network.into());
        Session::new(&method(), ctx, Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn a_report_takes_the_whole_name_in_any_case_and_spacing() {
        let all = vec![
            session("LEN Herning"),
            session("LEN Herning Nord"),
            session(" len  herning"),
            session("LEN Herning"),
        ];
        for asked in ["LEN Herning", "len herning ", "LEN  HERNING"] {
            let (chosen, report) = network_report(all.clone(), asked, None, None).unwrap();
            assert_eq!(chosen.len(), 3, "{asked:?}");
            assert_eq!(report.network, "LEN Herning", "the most used spelling");
        }
        assert!(network_report(all.clone(), "LEN", None, None).is_none());
        assert!(network_report(all.clone(), "Herning", None, None).is_none());
        assert!(network_report(all.clone(), " ", None, None).is_none());
        assert_eq!(
            known_networks(&all),
            vec!["LEN Herning".to_string(), "LEN Herning Nord".to_string()]
        );
    }
}
