//! `sempre methods`: the method library on the command line.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::args::{MethodsAction, MethodsArgs};
use super::table::render;
use super::{CliError, Env};
use crate::i18n::{Lang, Text};
use crate::methods::{Method, Origin, method_files, read_method_file};
use crate::strings::{Msg, mistakes};

/// Lists methods, shows one, or checks files.
pub fn run(env: &Env, args: MethodsArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    match args.action {
        None => {
            env.warn_method_problems();
            out.write_all(table(env).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(MethodsAction::Show { id }) => {
            let method = env.methods.require(id.trim())?;
            out.write_all(describe(method, env.lang).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(MethodsAction::Check { files }) => check(env, files, out),
    }
}

/// Checks method files, or every file in the methods folder, and prints
/// each file's name with `ok` or the number of mistakes, then one line per
/// mistake.
fn check(env: &Env, files: Vec<PathBuf>, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let lang = env.lang;
    let files = if files.is_empty() {
        match method_files(&env.methods_dir) {
            Ok(files) => files,
            // A folder the library would not read is not called "ok".
            Err(refused) => {
                writeln!(out, "{}", refused.message(lang))?;
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        files
    };
    if files.is_empty() {
        let dir = env.methods_dir.display();
        match lang {
            Lang::En => writeln!(out, "There are no method files in {dir}.")?,
            Lang::Da => writeln!(out, "Der er ingen metodefiler i {dir}.")?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut bad = false;
    for file in &files {
        let name = file.display().to_string();
        match read_method_file(file) {
            Ok(m) => writeln!(out, "{}", ok_line(lang, &name, &m))?,
            Err(problems) => {
                bad = true;
                writeln!(out, "{name}: {}", mistakes(lang, problems.len()))?;
                for p in problems {
                    writeln!(out, "  {}", p.line(lang))?;
                }
            }
        }
    }
    Ok(if bad {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn ok_line(lang: Lang, file: &str, m: &Method) -> String {
    match lang {
        Lang::En => format!(
            "{file}: ok ({}, {} zones, {} phases)",
            m.id,
            m.zones.len(),
            m.phases.len()
        ),
        Lang::Da => format!(
            "{file}: ok ({}, {} zoner, {} faser)",
            m.id,
            m.zones.len(),
            m.phases.len()
        ),
    }
}

fn table(env: &Env) -> String {
    let lang = env.lang;
    let rows: Vec<Vec<String>> = env
        .methods
        .all()
        .iter()
        .map(|loaded| {
            let m = &loaded.method;
            let size = m
                .group_size
                .map_or("–".to_string(), |g| format!("{}–{}", g.min, g.max));
            let origin = match &loaded.origin {
                Origin::Builtin => Msg::BuiltIn.text(lang).to_string(),
                Origin::File(path) => path.display().to_string(),
            };
            vec![
                m.id.clone(),
                m.name.get(lang).to_string(),
                m.category.label(lang).to_string(),
                m.complexity.label(lang).to_string(),
                size,
                origin,
            ]
        })
        .collect();
    let header = [
        Msg::Id.text(lang),
        Msg::Method.text(lang),
        Msg::Category.text(lang),
        Msg::Complexity.text(lang),
        Msg::GroupSize.text(lang),
        Msg::From.text(lang),
    ];
    render(&header, &rows)
}

fn list(t: &mut String, label: Msg, items: &[Text], lang: Lang) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(t, "\n{}", label.text(lang));
    for item in items {
        let _ = writeln!(t, "  • {}", item.get(lang));
    }
}

/// Everything a facilitator reads when choosing a method.
pub fn describe(m: &Method, lang: Lang) -> String {
    let mut t = String::new();
    let handbook = m
        .handbook
        .as_deref()
        .map(|h| format!(" · {h}"))
        .unwrap_or_default();
    let _ = writeln!(t, "{} ({}{handbook})", m.name.get(lang), m.id);
    let _ = writeln!(t, "{}\n", m.summary.get(lang));
    let _ = writeln!(
        t,
        "{}: {}",
        Msg::Category.text(lang),
        m.category.label(lang)
    );
    let _ = writeln!(
        t,
        "{}: {}",
        Msg::Complexity.text(lang),
        m.complexity.label(lang)
    );
    let _ = writeln!(t, "{}: {}", Msg::Time.text(lang), m.time.get(lang));
    if let Some(g) = m.group_size {
        let _ = writeln!(t, "{}: {}–{}", Msg::GroupSize.text(lang), g.min, g.max);
    }
    let _ = writeln!(
        t,
        "{}: {}",
        Msg::FacilitatorSkills.text(lang),
        m.facilitator_skills.get(lang)
    );
    list(&mut t, Msg::Strengths, &m.strengths, lang);
    list(&mut t, Msg::Pitfalls, &m.pitfalls, lang);
    list(&mut t, Msg::UsedWith, &m.used_with, lang);
    list(&mut t, Msg::Examples, &m.examples, lang);
    list(&mut t, Msg::Materials, &m.materials, lang);
    list(&mut t, Msg::Questions, &m.questions, lang);
    let _ = writeln!(t, "\n{}", Msg::Zones.text(lang));
    for z in &m.zones {
        let own = if z.quotes {
            format!(", {}", Msg::OwnWords.text(lang))
        } else {
            String::new()
        };
        let _ = writeln!(t, "  {} ({}{own})", z.name.get(lang), z.id);
        for q in &z.questions {
            let _ = writeln!(t, "    ? {}", q.get(lang));
        }
    }
    let _ = writeln!(
        t,
        "\n{} ({} {})",
        Msg::Phases.text(lang),
        m.planned_minutes(),
        Msg::Minutes.text(lang)
    );
    for (i, p) in m.phases.iter().enumerate() {
        let optional = if p.optional {
            format!(", {}", Msg::Optional.text(lang))
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "  {}. {} ({} {}{optional})",
            i + 1,
            p.name.get(lang),
            p.minutes,
            Msg::Minutes.text(lang)
        );
        let _ = writeln!(t, "     {}: {}", Msg::Goal.text(lang), p.goal.get(lang));
        if let Some(rule) = &p.rule {
            let _ = writeln!(t, "     {}: {}", Msg::Rule.text(lang), rule.get(lang));
        }
        for step in &p.instructions {
            let _ = writeln!(t, "     – {}", step.get(lang));
        }
    }
    t
}
