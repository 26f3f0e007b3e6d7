//! CSV: every note and every action of the sessions, one row each, in one
//! table a spreadsheet opens. A cell that a spreadsheet would read as a
//! formula is made plain text first, whichever separator the spreadsheet
//! splits on: Danish spreadsheets split on `;`, which the file does not
//! quote, so a `;` inside a text starts a cell there too.

use std::collections::HashMap;
use std::io::{self, Write};

use uuid::Uuid;

use super::Options;
use crate::i18n::Lang;
use crate::methods::Method;
use crate::model::{Lookup, Session};
use crate::strings::{Msg, Ui, colour_name, role_name, status_name};

/// A cell that cannot run as a formula: wherever a spreadsheet could start
/// a cell — at the start, or after a `,`, `;`, quote or line break inside
/// the text — a `=`, `+`, `-`, `@`, tab or carriage return gets a leading
/// apostrophe, which spreadsheets show as plain text.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut may_start_cell = true;
    for c in text.chars() {
        if may_start_cell && matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') {
            out.push('\'');
        }
        out.push(c);
        may_start_cell = matches!(c, ',' | ';' | '"' | '\n' | '\r');
    }
    out
}

fn header(lang: Lang) -> Vec<String> {
    [
        Ui::CsvRecord,
        Ui::CsvSession,
        Ui::CsvDate,
        Ui::CsvMethod,
        Ui::CsvBoard,
        Ui::CsvZone,
        Ui::CsvCluster,
        Ui::CsvText,
        Ui::CsvColour,
        Ui::CsvVotes,
        Ui::CsvRole,
        Ui::CsvCreated,
        Ui::CsvOwner,
        Ui::CsvDue,
        Ui::CsvStatus,
        Ui::CsvQuote,
        Ui::CsvMeeting,
    ]
    .iter()
    .map(|u| u.text(lang).to_string())
    .collect()
}

/// The notes and actions of `sessions` as CSV, written row by row.
pub fn table(
    sessions: &[(&Session, Option<&Method>)],
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = opts.lang;
    let mut out = csv::WriterBuilder::new().from_writer(out);
    let mut write = |row: Vec<String>| out.write_record(row.iter().map(|c| cell(c)));
    write(header(lang))?;
    for (s, method) in sessions {
        let date = s.context.date.map(|d| d.to_string()).unwrap_or_default();
        let method_name = method.map_or(s.method.id.clone(), |m| m.name.get(lang).to_string());
        let zone_name = |id: &str| match (method, method.and_then(|m| m.zone(id))) {
            (_, Some(z)) => z.name.get(lang).to_string(),
            (Some(_), None) => super::doc::unplaced_name(id, lang),
            (None, None) => id.to_string(),
        };
        let boards: HashMap<Uuid, &str> =
            s.boards.iter().map(|b| (b.id, b.name.as_str())).collect();
        let clusters: HashMap<Uuid, &str> = s
            .clusters
            .iter()
            .map(|c| (c.id, c.title.as_str()))
            .collect();
        let look = Lookup::new(s);
        for n in &s.notes {
            write(vec![
                Msg::Notes.text(lang).to_string(),
                s.context.title.clone(),
                date.clone(),
                method_name.clone(),
                boards
                    .get(&n.board)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                zone_name(&n.zone),
                n.cluster
                    .and_then(|c| clusters.get(&c).copied())
                    .unwrap_or_default()
                    .to_string(),
                n.text.clone(),
                colour_name(n.colour, lang).to_string(),
                look.dots(n.id).to_string(),
                n.role
                    .map(|r| role_name(r, lang))
                    .unwrap_or_default()
                    .to_string(),
                n.created
                    .to_zoned(opts.tz.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string(),
                String::new(),
                String::new(),
                String::new(),
                if method
                    .and_then(|m| m.zone(&n.zone))
                    .is_some_and(|z| z.quotes)
                {
                    Ui::CsvYes.text(lang).to_string()
                } else {
                    String::new()
                },
                crate::strings::meeting_name(s, *method, n.meeting, lang).unwrap_or_default(),
            ])?;
        }
        for a in &s.actions {
            write(vec![
                Msg::Actions.text(lang).to_string(),
                s.context.title.clone(),
                date.clone(),
                method_name.clone(),
                String::new(),
                String::new(),
                String::new(),
                a.text.clone(),
                String::new(),
                String::new(),
                String::new(),
                a.created
                    .to_zoned(opts.tz.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string(),
                a.owner.clone().unwrap_or_default(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                status_name(a.status, lang).to_string(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "'\rx");
        assert_eq!(cell("Helt almindelig tekst"), "Helt almindelig tekst");
        assert_eq!(cell("1-2 gange, hver uge"), "1-2 gange, hver uge");
    }

    #[test]
    fn a_cell_that_another_separator_would_start_is_text_too() {
        assert_eq!(cell("tid;=1+1;tak"), "tid;'=1+1;tak");
        assert_eq!(cell("a,+1"), "a,'+1");
        assert_eq!(cell("x\n@SUM(A1)"), "x\n'@SUM(A1)");
        assert_eq!(cell("sagde \"-nej\""), "sagde \"'-nej\"");
    }
}
