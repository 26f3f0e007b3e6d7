//! The method file format: what `methods/*.json` holds.
//!
//! A method file describes one SEMPRE method completely: the handbook facts
//! a facilitator reads when choosing it, the zones notes go into, and the
//! phases that walk a group through it. The board is drawn from this data,
//! so a new method needs a new file and no new code.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::model::Colour;

/// One method, as read from its JSON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// Where an editor finds the schema; ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable identifier: lower-case letters, digits and `-`. Sessions refer
    /// to their method by it.
    pub id: String,
    /// Content version, raised when zones or phases change meaning.
    pub version: u32,
    /// The handbook section it comes from, such as `1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handbook: Option<String>,
    /// The method's name.
    pub name: Text,
    /// Two or three sentences: what the method does and when to choose it.
    pub summary: Text,
    /// Whether the method finds needs or designs services.
    pub category: Category,
    /// How hard it is to run.
    pub complexity: Complexity,
    /// Time to prepare and to run.
    pub time: Text,
    /// Suggested number of participants, where the handbook gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_size: Option<GroupSize>,
    /// What the facilitator needs to be able to do.
    pub facilitator_skills: Text,
    /// What partners found good about the method.
    pub strengths: Vec<Text>,
    /// What partners found hard, and what to watch out for.
    pub pitfalls: Vec<Text>,
    /// Target groups the method was used with.
    pub used_with: Vec<Text>,
    /// How partners used the method, as the handbook tells it: where,
    /// with whom, and what came of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Text>,
    /// Things to bring to the room.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<Text>,
    /// Questions that carry the whole method, shown on the board.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Text>,
    /// How the board is drawn.
    pub shape: Shape,
    /// The grid the zones are placed on, for the `grid` shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<GridSize>,
    /// Whether a session holds one board or several.
    #[serde(default)]
    pub boards: BoardPolicy,
    /// The method runs over several meetings (visits); what one is called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meetings: Option<MeetingPolicy>,
    /// Where notes can be placed, in reading order.
    pub zones: Vec<Zone>,
    /// The steps of the method, in order.
    pub phases: Vec<Phase>,
}

/// The two families of methods in the handbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Finding out what a group needs.
    NeedsAnalysis,
    /// Designing a service or a micro-project with the group.
    ServiceDesign,
}

/// How demanding a method is to run, as the handbook rates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Complexity {
    /// Low.
    Low,
    /// Low to medium.
    LowMedium,
    /// Medium.
    Medium,
    /// Medium to high.
    MediumHigh,
    /// High.
    High,
}

/// A range of participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSize {
    /// Fewest participants.
    pub min: u32,
    /// Most participants.
    pub max: u32,
}

/// How the board of a method looks on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// One column per zone, side by side.
    Columns,
    /// Zones placed on a grid (the Business Model Canvas).
    Grid,
    /// Roots, trunk and crown (the problem and solution tree).
    Tree,
    /// A left-to-right chain of zones (Theory of Change).
    Chain,
    /// Diverge and converge, twice (Double Diamond).
    Diamond,
    /// One backpack per participant.
    Backpack,
}

/// Columns and rows of a grid layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridSize {
    /// Number of columns.
    pub columns: u16,
    /// Number of rows.
    pub rows: u16,
}

/// Whether a session can hold several boards, and what one is called.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardPolicy {
    /// A session may hold several boards (canvases to compare).
    #[serde(default)]
    pub multiple: bool,
    /// There is one board per participant (backpacks).
    #[serde(default)]
    pub per_participant: bool,
    /// What one board is called, such as "canvas" or "backpack".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// A method whose sessions span several meetings, such as visits in a
/// home or weekly group meetings. Notes belong to the meeting they were
/// written in, and the board and exports say which.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingPolicy {
    /// What one meeting is called, such as "visit" or "meeting".
    pub label: Text,
}

/// A place on the board where notes go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Identifier, unique within the method; sessions store it on each note.
    pub id: String,
    /// The zone's heading.
    pub name: Text,
    /// A short heading (one word or two) for a block too narrow for the
    /// name, so that two blocks never show the same cut-off title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    /// The guiding question or questions shown while the zone has focus.
    pub questions: Vec<Text>,
    /// Colour a new note in this zone gets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<Colour>,
    /// Cell on the grid, for the `grid` shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridCell>,
    /// Part of the tree, for the `tree` shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<TreePart>,
    /// The zone a note's positive counterpart goes to when the tree is
    /// mirrored (cause → means).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror: Option<String>,
    /// Notes here can be attached to a note of this zone (an assumption to
    /// a step of change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attaches_to: Option<String>,
    /// This zone collects assumptions: a card that cannot be turned into a
    /// solution can be moved here.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumptions: bool,
    /// Notes here are the participant's own words, written down as said:
    /// the board, `sempre show` and every export show them as quotes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quotes: bool,
}

/// A rectangle of cells on the grid, counted from the top-left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridCell {
    /// First column, from 0.
    pub column: u16,
    /// First row, from 0.
    pub row: u16,
    /// Columns covered.
    #[serde(default = "one")]
    pub columns: u16,
    /// Rows covered.
    #[serde(default = "one")]
    pub rows: u16,
}

fn one() -> u16 {
    1
}

/// The parts of a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TreePart {
    /// Causes or means, drawn below the trunk.
    Roots,
    /// The core problem or objective.
    Trunk,
    /// Consequences or ends, drawn above the trunk.
    Crown,
}

/// One step of a method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Identifier, unique within the method; the phase log stores it.
    pub id: String,
    /// The phase's name.
    pub name: Text,
    /// What the group should have at the end of the phase.
    pub goal: Text,
    /// What the facilitator does, step by step.
    pub instructions: Vec<Text>,
    /// Suggested time box in minutes.
    pub minutes: u32,
    /// Zones the group works in during this phase.
    pub zones: Vec<String>,
    /// What the phase asks the group to do.
    pub asks: Vec<Ask>,
    /// A rule shown large on the board during the phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Text>,
    /// Whether the phase opens up (many ideas) or narrows down (choose).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// The phase can be skipped.
    #[serde(default)]
    pub optional: bool,
}

/// What a phase asks the group to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Ask {
    /// Write notes.
    Write,
    /// Group notes by theme.
    Cluster,
    /// Vote or rank.
    Vote,
    /// Decide.
    Decide,
    /// Give actions owners and due dates.
    Assign,
    /// Talk, listen and reflect, with little writing.
    Discuss,
    /// Turn problem notes into positive counterparts.
    Mirror,
    /// Choose the notes that go on to the next phase.
    Select,
    /// Rate something on a scale.
    Rate,
}

/// Diverging or converging, as in the Double Diamond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Open up: as many ideas as possible.
    Diverge,
    /// Narrow down: choose what goes on.
    Converge,
}
