//! iCalendar: each action's due date as an all-day event, for the
//! coordinator's calendar. An event's UID is made from the action's id,
//! so importing a newer export updates the events instead of adding them
//! twice. Actions without a due date have no day to stand on and are
//! left out (the caller says how many).

use std::io::{self, Write};

use icalendar::{Calendar, Component, EventLike, Property};

use super::Options;
use super::actions::ActionLine;
use crate::model::ActionStatus;
use crate::model::text::{capitalise, without_controls};
use crate::strings::{Msg, Ui, status_name};

/// What went into a calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Events written, one per action with a due date.
    pub events: usize,
    /// Actions left out for want of a due date.
    pub undated: usize,
}

/// `lines` as an iCalendar file named `name`.
pub fn calendar(
    lines: &[ActionLine],
    name: &str,
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<Written> {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", "-//sempre//actions//EN"));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.name(&without_controls(name).replace('\n', " "));
    let mut written = Written::default();
    for line in lines {
        match event(line, opts) {
            Some(e) => {
                cal.push(e);
                written.events += 1;
            }
            None => written.undated += 1,
        }
    }
    out.write_all(cal.to_string().as_bytes())?;
    out.flush()?;
    Ok(written)
}

fn event(l: &ActionLine, opts: &Options) -> Option<icalendar::Event> {
    let lang = opts.lang;
    let due = l.due?;
    let day = |d: jiff::civil::Date| d.strftime("%Y%m%d").to_string();
    let next = due.tomorrow().unwrap_or(due);
    let stamp = l
        .updated
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut about = vec![format!(
        "{}: {} ({})",
        capitalise(Ui::CsvSession.text(lang)),
        l.session,
        l.date
    )];
    if let Some(network) = &l.network {
        about.push(format!("{}: {network}", Msg::Network.text(lang)));
    }
    if let Some(owner) = &l.owner {
        about.push(format!("{}: {owner}", capitalise(Msg::Owner.text(lang))));
    }
    about.push(format!(
        "{}: {}",
        capitalise(Ui::CsvStatus.text(lang)),
        status_name(l.status, lang)
    ));
    let mut e = icalendar::Event::new();
    e.uid(&format!("{}@sempre", l.id))
        .add_property("DTSTAMP", &stamp)
        .add_property("LAST-MODIFIED", &stamp)
        .add_property("SEQUENCE", sequence(l.updated).to_string())
        .append_property(date_property("DTSTART", &day(due)))
        .append_property(date_property("DTEND", &day(next)))
        .summary(&without_controls(&l.text))
        .description(&without_controls(&about.join("\n")))
        .categories([status_name(l.status, lang)])
        .add_property("TRANSP", "TRANSPARENT");
    if l.status == ActionStatus::Dropped {
        e.add_property("STATUS", "CANCELLED");
    }
    Some(e.done())
}

/// The event's revision: minutes from 2020 to the action's last change.
/// It grows with every change, so a calendar that imports a newer export
/// takes the changed event over the one it has (RFC 5545 §3.8.7.4), and it
/// stays the same when nothing changed, so importing twice changes nothing.
fn sequence(updated: jiff::Timestamp) -> i64 {
    const SINCE: i64 = 1_577_836_800; // 2020-01-01T00:00:00Z
    (updated.as_second() - SINCE).max(0) / 60
}

fn date_property(key: &str, day: &str) -> Property {
    Property::new(key, day)
        .add_parameter("VALUE", "DATE")
        .done()
}

#[cfg(test)]
mod tests {
    use super::{sequence, without_controls};

    #[test]
    fn a_later_change_has_a_higher_sequence_and_the_same_change_the_same() {
        let at = |t: &str| sequence(t.parse().unwrap());
        assert_eq!(at("2020-01-01T00:00:00Z"), 0);
        assert_eq!(at("2019-05-01T00:00:00Z"), 0);
        assert!(at("2026-11-03T10:01:00Z") > at("2026-11-03T10:00:00Z"));
        assert_eq!(at("2026-11-03T10:00:00Z"), at("2026-11-03T10:00:00Z"));
        assert!(at("2100-01-01T00:00:00Z") < i64::from(i32::MAX));
    }

    #[test]
    fn control_characters_cannot_break_a_line() {
        assert_eq!(without_controls("a\r\nb\rc\u{7}d"), "a\nb\ncd");
    }
}
