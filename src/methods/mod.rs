//! Methods: the SEMPRE tools as data files, loaded and checked.

mod error;
mod format;
mod library;
mod problem;
mod structure;
mod trust;
mod twice;
mod validate;

pub use error::{MethodError, ReadFailure};
pub use format::{
    Ask, BoardPolicy, Category, Complexity, GridCell, GridSize, GroupSize, MeetingPolicy, Method,
    Mode, Phase, Shape, TreePart, Zone,
};
pub use library::{
    LoadedMethod, MethodLibrary, Origin, kept, method_files, parse_method, read_method_file,
};
pub use problem::{Expected, Found, Problem};
pub use trust::Distrust;

use crate::i18n::Lang;

impl Method {
    /// The zone with this id.
    pub fn zone(&self, id: &str) -> Option<&Zone> {
        self.zones.iter().find(|z| z.id == id)
    }

    /// The phase with this id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// The position of a phase, from 0.
    pub fn phase_index(&self, id: &str) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }

    /// The name of the `n`th board of a session, such as "Canvas 2".
    pub fn board_name(&self, lang: Lang, n: usize) -> String {
        let label = self.boards.label.as_ref().unwrap_or(&self.name).get(lang);
        format!("{} {n}", crate::model::text::capitalise(label))
    }

    /// Total suggested minutes of the phases that are not optional.
    pub fn planned_minutes(&self) -> u32 {
        self.phases
            .iter()
            .filter(|p| !p.optional)
            .map(|p| p.minutes)
            .sum()
    }
}

impl Category {
    /// The category's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::NeedsAnalysis, Lang::Da) => "behovsanalyse",
            (Category::NeedsAnalysis, Lang::En) => "needs analysis",
            (Category::ServiceDesign, Lang::Da) => "servicedesign",
            (Category::ServiceDesign, Lang::En) => "service design",
        }
    }
}

impl Complexity {
    /// The rating's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Complexity::Low, Lang::Da) => "lav",
            (Complexity::Low, Lang::En) => "low",
            (Complexity::LowMedium, Lang::Da) => "lav til middel",
            (Complexity::LowMedium, Lang::En) => "low to medium",
            (Complexity::Medium, Lang::Da) => "middel",
            (Complexity::Medium, Lang::En) => "medium",
            (Complexity::MediumHigh, Lang::Da) => "middel til høj",
            (Complexity::MediumHigh, Lang::En) => "medium to high",
            (Complexity::High, Lang::Da) => "høj",
            (Complexity::High, Lang::En) => "high",
        }
    }
}

/// The three parts of one tree, by zone id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeZones {
    /// Causes or means, below the trunk.
    pub roots: String,
    /// The core problem or objective.
    pub trunk: String,
    /// Consequences or ends, above the trunk.
    pub crown: String,
}

impl Method {
    /// The trees of a tree-shaped method: the problem tree (zones that
    /// mirror into others) first, then the solution tree (their mirrors).
    pub fn trees(&self) -> Vec<TreeZones> {
        let mirrored: Vec<&str> = self
            .zones
            .iter()
            .filter_map(|z| z.mirror.as_deref())
            .collect();
        let side = |solution: bool| {
            let find = |part: TreePart| {
                self.zones
                    .iter()
                    .find(|z| z.part == Some(part) && mirrored.contains(&z.id.as_str()) == solution)
                    .map(|z| z.id.clone())
            };
            Some(TreeZones {
                roots: find(TreePart::Roots)?,
                trunk: find(TreePart::Trunk)?,
                crown: find(TreePart::Crown)?,
            })
        };
        [side(false), side(true)].into_iter().flatten().collect()
    }

    /// The zone that collects assumptions, if the method has one.
    pub fn assumptions_zone(&self) -> Option<&Zone> {
        self.zones.iter().find(|z| z.assumptions)
    }
}
