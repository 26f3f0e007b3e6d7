//! Each method drawn as itself in HTML.

use maud::{Markup, PreEscaped, html};

use super::{note, zone};
use crate::export::doc::{BoardDoc, BranchDoc, SessionDoc, TreeDoc};
use crate::i18n::Lang;
use crate::methods::{Mode, Shape};
use crate::strings::Ui;

/// A board as its method's shape.
pub fn board(s: &SessionDoc, b: &BoardDoc, lang: Lang) -> Markup {
    match (s.shape, s.layout) {
        (Some(Shape::Grid), Some(layout)) => html! {
            div.canvas style=(format!("grid-template-columns: repeat({}, 1fr)", layout.columns)) {
                @for z in &b.zones {
                    // A zone the method no longer has spans a row of its own.
                    @let place = Some(z.cell.map_or("grid-column: 1 / -1".to_string(), |c| format!(
                        "grid-column: {} / span {}; grid-row: {} / span {}",
                        c.column + 1, c.columns, c.row + 1, c.rows
                    )));
                    (zone(z, lang, place))
                }
            }
        },
        (Some(Shape::Tree), _) => trees(b, lang),
        (Some(Shape::Chain), _) => chain(b, lang),
        (Some(Shape::Diamond), _) => diamond(b, lang),
        _ => html! {
            div.columns { @for z in &b.zones { (zone(z, lang, None)) } }
        },
    }
}

fn branch(b: &BranchDoc, up: bool, lang: Lang) -> Markup {
    html! {
        div class=(if up { "branch up" } else { "branch" }) {
            (note(&b.note, lang))
            @if !b.children.is_empty() {
                div.children { @for c in &b.children { (branch(c, up, lang)) } }
            }
        }
    }
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
