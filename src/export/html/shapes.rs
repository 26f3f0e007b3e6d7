//! Each method drawn as itself in HTML.

use std::io;

use maud::{Markup, PreEscaped, html};

use super::{hole, note, write_frame, zone, zone_to};
use crate::export::doc::{BoardDoc, BranchDoc, DRAWN_DEPTH, SessionDoc, TreeDoc, ZoneDoc};
use crate::i18n::Lang;
use crate::methods::{Mode, Shape};
use crate::strings::Ui;

/// A board as its method's shape, written into `out` a zone at a time
/// where the shape is a row of zones or a canvas.
pub fn board_to(
    s: &SessionDoc,
    b: &BoardDoc,
    lang: Lang,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let zones = |style: fn(&ZoneDoc) -> Option<String>| {
        move |i: usize, out: &mut dyn io::Write| match b.zones.get(i) {
            Some(z) => zone_to(z, lang, style(z), out),
            None => Ok(()),
        }
    };
    let whole = match (s.shape, s.layout) {
        (Some(Shape::Grid), Some(layout)) => {
            let frame = html! {
                div.canvas style=(format!("grid-template-columns: repeat({}, 1fr)", layout.columns)) {
                    @for _ in &b.zones { (hole()) }
                }
            };
            return write_frame(out, frame, zones(place));
        }
        (Some(Shape::Tree), _) => trees(b, lang),
        (Some(Shape::Chain), _) => chain(b, lang),
        (Some(Shape::Diamond), _) => diamond(b, lang),
        _ => {
            let frame = html! { div.columns { @for _ in &b.zones { (hole()) } } };
            return write_frame(out, frame, zones(|_| None));
        }
    };
    out.write_all(whole.into_string().as_bytes())
}

/// A zone's place on a canvas; a zone the method no longer has spans a
/// row of its own.
fn place(z: &ZoneDoc) -> Option<String> {
    Some(z.cell.map_or("grid-column: 1 / -1".to_string(), |c| {
        format!(
            "grid-column: {} / span {}; grid-row: {} / span {}",
            c.column + 1,
            c.columns,
            c.row + 1,
            c.rows
        )
    }))
}

/// A branch as nested boxes, each card's box holding the boxes of the
/// cards under it. Written from the flat list with a stack of open boxes,
/// so depth costs no recursion; below [`DRAWN_DEPTH`] cards stay at that
/// depth with their level written on them.
fn branch(b: &BranchDoc, up: bool, lang: Lang) -> Markup {
    let class = if up { "branch up" } else { "branch" };
    let mut out = String::new();
    // Per open box: whether it has opened its box of children.
    let mut open: Vec<bool> = Vec::new();
    for (card, depth) in &b.cards {
        let level = (*depth).min(DRAWN_DEPTH).min(open.len());
        while open.len() > level {
            if open.pop() == Some(true) {
                out.push_str("</div>");
            }
            out.push_str("</div>");
        }
        if let Some(parent) = open.last_mut()
            && !*parent
        {
            out.push_str("<div class=\"children\">");
            *parent = true;
        }
        out.push_str(&format!("<div class=\"{class}\">"));
        if *depth > DRAWN_DEPTH {
            let label = html! { span.level { (Ui::TreeLevel.text(lang)) " " (depth + 1) } };
            out.push_str(&label.into_string());
        }
        out.push_str(&note(card, lang).into_string());
        open.push(false);
    }
    while let Some(children) = open.pop() {
        if children {
            out.push_str("</div>");
        }
        out.push_str("</div>");
    }
    PreEscaped(out)
}

fn tree(t: &TreeDoc, lang: Lang) -> Markup {
    let [crown, trunk, roots] = &t.names;
    html! {
        div.tree {
            div.part-name { (crown) }
            div.part { @for b in &t.crown { (branch(b, true, lang)) } }
            div.stem {}
            div.part-name { (trunk) }
            div.trunk { @for n in &t.trunk { (note(n, lang)) } }
            div.stem {}
            div.part.roots { @for b in &t.roots { (branch(b, false, lang)) } }
            div.part-name { (roots) }
        }
    }
}

fn trees(b: &BoardDoc, lang: Lang) -> Markup {
    html! {
        div.trees-side { @for t in &b.trees { (tree(t, lang)) } }
        div.columns {
            @for z in b.zones.iter().filter(|z| z.part.is_none()) { (zone(z, lang, None)) }
        }
    }
}

fn chain(b: &BoardDoc, lang: Lang) -> Markup {
    let (links, side): (Vec<_>, Vec<_>) = b
        .zones
        .iter()
        .partition(|z| !(z.assumptions || z.attaches && z.notes().count() == 0));
    html! {
        div.chain {
            @for (i, z) in links.iter().enumerate() {
                @if i > 0 { span.arrow { "→" } }
                (zone(z, lang, None))
            }
        }
        @if !side.is_empty() {
            div.columns.chain-side { @for z in side { (zone(z, lang, None)) } }
        }
    }
}

fn diamond(b: &BoardDoc, lang: Lang) -> Markup {
    let mode = |m: Option<Mode>| match m {
        Some(Mode::Diverge) => Ui::ModeDiverge.text(lang),
        Some(Mode::Converge) => Ui::ModeConverge.text(lang),
        None => "",
    };
    html! {
        div.diamond {
            svg viewBox="0 0 400 40" preserveAspectRatio="none" role="img" {
                (PreEscaped("<polygon points=\"2,20 100,2 198,20 100,38\"/><polygon points=\"202,20 300,2 398,20 300,38\"/>"))
            }
            div.modes { @for z in &b.zones { div { (mode(z.mode)) } } }
            div.columns { @for z in &b.zones { (zone(z, lang, None)) } }
        }
    }
}

/// Every participant's backpack side by side.
pub fn backpacks(s: &SessionDoc, lang: Lang) -> Markup {
    html! {
        div.backpacks {
            @for b in &s.boards {
                div.backpack {
                    h3 {
                        span { (b.name) }
                        @if let Some(w) = &b.weight { span.weight { (Ui::WeightWord.text(lang)) " " (w) } }
                    }
                    @for z in &b.zones { (zone(z, lang, None)) }
                }
            }
        }
    }
}
