//! The facilitator's script for a workshop day: one printable HTML page
//! with each step's planned time, and for each phase its goal, the zones
//! it works in, its rule and what to do. It holds no participant's words:
//! only the method's texts and the session's heading.

use std::collections::BTreeSet;
use std::io;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::day::{View, duration};
use crate::i18n::Lang;
use crate::methods::{Method, MethodLibrary};
use crate::model::Session;
use crate::strings::{Msg, PlanText};

const SCRIPT_STYLE: &str = "
@page { size: A4; margin: 12mm 11mm; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif;
  color: #1d1d22; margin: 0 auto; max-width: 190mm; padding: 8px; font-size: 9pt; line-height: 1.3; }
h1 { font-size: 15pt; margin: 0; }
h1 small { display: block; font-size: 9.5pt; color: #55556a; font-weight: normal; }
p.facts { margin: 4px 0 8px; color: #55556a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 5px; border-bottom: 1px solid #c8c8d4; }
th { font-size: 8pt; color: #55556a; text-transform: uppercase; letter-spacing: .04em; }
td.when, td.n { white-space: nowrap; }
td.n { text-align: right; }
tr.break td { background: #f0f0f4; color: #55556a; font-style: italic; }
tr { break-inside: avoid; }
.name { font-weight: 600; }
.method { color: #55556a; font-weight: normal; }
.goal { margin: 1px 0; }
.label { color: #1f5f99; font-weight: 600; }
ol { margin: 2px 0 0; padding-left: 15px; }
ol li { margin: 0; }
.rule { border-left: 3px solid #1f5f99; padding-left: 4px; margin: 2px 0; }
.materials { margin-top: 8px; }
.materials ul { margin: 2px 0; padding-left: 15px; columns: 2; }
footer { margin-top: 8px; color: #55556a; font-size: 7.5pt; }
@media print { body { padding: 0; max-width: none; } }
";

/// Writes the script for `host`'s day into `out`.
pub fn script_to(
    host: &Session,
    view: &View,
    library: &MethodLibrary,
    lang: Lang,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(page(host, view, library, lang).into_string().as_bytes())
}

fn page(host: &Session, v: &View, library: &MethodLibrary, lang: Lang) -> Markup {
    let c = &host.context;
    let mut facts: Vec<String> = Vec::new();
    if let Some(d) = c.date {
        facts.push(d.to_string());
    }
    if let Some(p) = &c.place {
        facts.push(p.clone());
    }
    if let Some(n) = &c.network {
        facts.push(n.clone());
    }
    if !c.facilitators.is_empty() {
        facts.push(format!(
            "{}: {}",
            Msg::Facilitators.text(lang),
            c.facilitators.join(", ")
        ));
    }
    match &v.start {
        Some(t) => facts.push(PlanText::Starts.text(lang).replace("{time}", t)),
        None => facts.push(PlanText::NoStart.text(lang).to_string()),
    }
    facts.push(format!(
        "{} {}",
        PlanText::Total.text(lang),
        duration(v.total, lang)
    ));
    // Every method the day uses, for its materials.
    let mut methods: Vec<&Method> = Vec::new();
    for id in std::iter::once(host.method.id.as_str()).chain(
        host.plan
            .iter()
            .flat_map(|p| p.items.iter().filter_map(|i| i.method.as_deref())),
    ) {
        if let Some(m) = library.get(id)
            && !methods.iter().any(|x| x.id == m.id)
        {
            methods.push(m);
        }
    }
    let mut seen = BTreeSet::new();
    let materials: Vec<&str> = methods
        .iter()
        .flat_map(|m| m.materials.iter().map(|t| t.get(lang)))
        .filter(|t| seen.insert(t.to_string()))
        .collect();
    let own = library.get(&host.method.id);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (PlanText::ScriptTitle.text(lang)) " — " (c.title) }
                style { (PreEscaped(SCRIPT_STYLE)) }
            }
            body {
                h1 {
                    (c.title)
                    small { (PlanText::ScriptTitle.text(lang)) }
                }
                p.facts { (facts.join(" · ")) }
                table {
                    thead { tr {
                        th { (PlanText::Time.text(lang)) }
                        th.n { (PlanText::Minutes.text(lang)) }
                        th { (PlanText::What.text(lang)) }
                    } }
                    tbody {
                        @for r in &v.rows {
                            @if r.is_break {
                                tr.break {
                                    td.when { (r.clock.as_deref().unwrap_or("")) }
                                    td.n { (r.planned) }
                                    td { (r.what) }
                                }
                            } @else {
                                tr {
                                    td.when { (r.clock.as_deref().unwrap_or("")) }
                                    td.n { (r.planned) }
                                    td { (step(r, own, library, host, lang)) }
                                }
                            }
                        }
                    }
                }
                @if !materials.is_empty() {
                    div.materials {
                        span.label { (PlanText::Materials.text(lang)) }
                        ul { @for m in &materials { li { (m) } } }
                    }
                }
                footer { "sempre " (env!("CARGO_PKG_VERSION")) }
            }
        }
    }
}

fn step(
    r: &crate::day::Row,
    own: Option<&Method>,
    library: &MethodLibrary,
    host: &Session,
    lang: Lang,
) -> Markup {
    // The zones' names come from the phase's own method.
    let method = match &r.session {
        Some(_) => host
            .plan
            .as_ref()
            .and_then(|p| p.items.get(r.number - 1))
            .and_then(|i| i.method.as_deref())
            .and_then(|m| library.get(m)),
        None => own,
    };
    let zones: Vec<&str> = match (&r.phase, method) {
        (Some(p), Some(m)) => p
            .zones
            .iter()
            .filter_map(|z| m.zone(z))
            .map(|z| z.name.get(lang))
            .collect(),
        _ => Vec::new(),
    };
    html! {
        div.name {
            (r.what)
            @if let Some(m) = &r.method { " " span.method { "(" (m) ")" } }
        }
        @if let Some(p) = &r.phase {
            div.goal { span.label { (PlanText::Goal.text(lang)) ": " } (p.goal.get(lang)) }
            @if !zones.is_empty() {
                div { span.label { (PlanText::Zones.text(lang)) ": " } (zones.join(", ")) }
            }
            @if let Some(rule) = &p.rule {
                div.rule { span.label { (PlanText::Rule.text(lang)) ": " } (rule.get(lang)) }
            }
            @if !p.instructions.is_empty() {
                ol { @for i in &p.instructions { li { (i.get(lang)) } } }
            }
        }
    }
}
