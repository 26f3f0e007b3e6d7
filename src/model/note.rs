//! Sticky notes: the words a group produces.

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::clock::{Clock, is_zero};

/// One idea on one sticky note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Identifier.
    pub id: Uuid,
    /// The board (canvas, backpack) the note is on.
    pub board: Uuid,
    /// The method zone the note is in.
    pub zone: String,
    /// The words, as the participant said them; may span several lines.
    pub text: String,
    /// Colour of the sticky note.
    pub colour: Colour,
    /// The cluster the note belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Uuid>,
    /// Pseudonym of whoever wrote it; never required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The writer's role in the room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Stays on the facilitator's machine: hidden on the projector if asked,
    /// never exported.
    #[serde(default)]
    pub private: bool,
    /// Relations to other notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<NoteLink>,
    /// The phase the note was written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The meeting the note was written in, for sessions that span several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Uuid>,
    /// On a copied board (a canvas to vary), the note this one was first
    /// copied from: the original, also through copies of copies. It stays
    /// when the original is deleted, so a comparison of two canvases can
    /// still tell which notes belong together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copied_from: Option<Uuid>,
    /// Whether the note still counts, or was dropped on purpose.
    #[serde(default, skip_serializing_if = "NoteStatus::is_active")]
    pub status: NoteStatus,
    /// When the note was written.
    pub created: Timestamp,
    /// When the note last changed.
    pub updated: Timestamp,
    /// Where the note stands among the others, when it was moved after it
    /// was written (otherwise it stands by the time it was written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Timestamp>,
    /// When each field last changed, for the fields changed after the
    /// item was made; what lets copies of the session be merged.
    #[serde(default, skip_serializing_if = "Clock::is_empty")]
    pub clock: Clock,
    /// How many times a deletion of the item was undone.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revived: u32,
    /// Where the note was written, when not on the facilitator's keyboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<NoteSource>,
}

/// Where a note was written, when not on the facilitator's keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NoteSource {
    /// On a participant's phone in the room, approved by the facilitator.
    Phone,
}

impl Note {
    /// Where the note stands among the others: its place if it was moved,
    /// otherwise the time it was written.
    pub fn order_key(&self) -> Timestamp {
        self.pos.unwrap_or(self.created)
    }
}

/// Whether a note still counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NoteStatus {
    /// In play.
    #[default]
    Active,
    /// Dropped on purpose (a problem card that cannot be turned into a
    /// solution); kept in the file and shown as dropped.
    Dropped,
}

impl NoteStatus {
    /// Whether the note is in play.
    pub fn is_active(&self) -> bool {
        *self == NoteStatus::Active
    }
}

/// Sticky-note colours. Every colour also has a symbol, so that no
/// information is carried by colour alone. What each colour looks like
/// and is called lives in one table, `COLOURS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// Yellow.
    #[default]
    Yellow,
    /// Pink.
    Pink,
    /// Blue.
    Blue,
    /// Green.
    Green,
    /// Orange.
    Orange,
    /// Purple.
    Purple,
    /// White.
    White,
    /// Red.
    Red,
}

/// Everything sempre knows about one note colour: its name in files, in
/// Danish and in English, its symbol, and how it is drawn in each theme
/// and on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColourInfo {
    /// The colour.
    pub colour: Colour,
    /// The name used in files and on the command line.
    pub code: &'static str,
    /// Danish name.
    pub da: &'static str,
    /// English name.
    pub en: &'static str,
    /// Other spellings the command line accepts.
    pub aliases: &'static [&'static str],
    /// The symbol that stands for the colour.
    pub symbol: char,
    /// Background on the default theme, as an xterm-256 colour.
    pub soft: u8,
    /// Background on the high-contrast theme, as an xterm-256 colour.
    pub strong: u8,
    /// Background on the colour-blind safe theme (Okabe–Ito), as RGB.
    pub safe: [u8; 3],
    /// Background in HTML and on paper, as CSS.
    pub print: &'static str,
}

/// Every note colour, in the order a recolour key cycles through them.
/// Adding a colour is one variant of [`Colour`] and one row here.
#[rustfmt::skip]
pub const COLOURS: [ColourInfo; 8] = [
    ColourInfo { colour: Colour::Yellow, code: "yellow", da: "gul", en: "yellow", aliases: &["gul"], symbol: '●', soft: 229, strong: 3, safe: [240, 228, 66], print: "#fff5b8" },
    ColourInfo { colour: Colour::Pink, code: "pink", da: "lyserød", en: "pink", aliases: &["lyserød", "lyserod", "rosa"], symbol: '♥', soft: 218, strong: 13, safe: [204, 121, 167], print: "#ffd6e4" },
    ColourInfo { colour: Colour::Blue, code: "blue", da: "blå", en: "blue", aliases: &["blå", "blaa"], symbol: '■', soft: 153, strong: 14, safe: [86, 180, 233], print: "#d3e6ff" },
    ColourInfo { colour: Colour::Green, code: "green", da: "grøn", en: "green", aliases: &["grøn", "groen"], symbol: '▲', soft: 157, strong: 10, safe: [0, 158, 115], print: "#d5f3da" },
    ColourInfo { colour: Colour::Orange, code: "orange", da: "orange", en: "orange", aliases: &[], symbol: '◆', soft: 223, strong: 214, safe: [230, 159, 0], print: "#ffe0bd" },
    ColourInfo { colour: Colour::Purple, code: "purple", da: "lilla", en: "purple", aliases: &["lilla"], symbol: '★', soft: 183, strong: 177, safe: [170, 140, 210], print: "#e8d9ff" },
    ColourInfo { colour: Colour::White, code: "white", da: "hvid", en: "white", aliases: &["hvid"], symbol: '○', soft: 255, strong: 15, safe: [245, 245, 245], print: "#ffffff" },
    ColourInfo { colour: Colour::Red, code: "red", da: "rød", en: "red", aliases: &["rød", "roed"], symbol: '✖', soft: 203, strong: 9, safe: [213, 94, 0], print: "#ffaaa0" },
];

impl Colour {
    /// Every colour, in the order a recolour key cycles through them.
    pub const ALL: [Colour; COLOURS.len()] = {
        let mut all = [Colour::Yellow; COLOURS.len()];
        let mut i = 0;
        while i < COLOURS.len() {
            all[i] = COLOURS[i].colour;
            i += 1;
        }
        all
    };

    /// The colour's row in [`COLOURS`].
    pub fn info(self) -> &'static ColourInfo {
        COLOURS
            .iter()
            .find(|c| c.colour == self)
            .unwrap_or(&COLOURS[0])
    }

    /// The colour a name in files, in Danish or in English stands for.
    pub fn from_name(name: &str) -> Option<Colour> {
        let name = name.trim().to_lowercase();
        COLOURS
            .iter()
            .find(|c| {
                c.code == name || c.da == name || c.en == name || c.aliases.contains(&name.as_str())
            })
            .map(|c| c.colour)
    }

    /// The name used in files and on the command line.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The symbol that stands for the colour, so colour is never the only
    /// clue (and a print in black and white still tells notes apart).
    pub fn symbol(self) -> char {
        self.info().symbol
    }

    /// The colour after this one.
    pub fn next(self) -> Colour {
        let i = Colour::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Colour::ALL[(i + 1) % Colour::ALL.len()]
    }
}

/// The role of the person a note comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A citizen using the service.
    Citizen,
    /// Staff of a service provider.
    Staff,
    /// A peer supporter.
    Peer,
    /// A relative.
    Relative,
    /// A volunteer.
    Volunteer,
    /// Anyone else (a stakeholder, a politician).
    Other,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 6] = [
        Role::Citizen,
        Role::Staff,
        Role::Peer,
        Role::Relative,
        Role::Volunteer,
        Role::Other,
    ];

    /// The name used in files and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Staff => "staff",
            Role::Peer => "peer",
            Role::Relative => "relative",
            Role::Volunteer => "volunteer",
            Role::Other => "other",
        }
    }
}

/// A relation from one note to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteLink {
    /// What the relation means.
    pub kind: LinkKind,
    /// The other note.
    pub note: Uuid,
    /// The session the other note is in, when it is not this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Uuid>,
}

/// Kinds of relation between notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// This note is a cause of the other (a root below a problem).
    Causes,
    /// This note is the positive counterpart of the other (a means for a
    /// cause, in the solution tree).
    Mirrors,
    /// This note hangs under the other (an assumption under a step).
    AttachedTo,
    /// This note was carried over from the other, in an earlier session.
    CarriedFrom,
}

#[cfg(test)]
mod tests {
    use super::{COLOURS, Colour};

    #[test]
    fn each_colour_has_one_row_and_its_names_lead_back_to_it() {
        assert_eq!(Colour::ALL.len(), COLOURS.len());
        for c in Colour::ALL {
            let info = c.info();
            assert_eq!(info.colour, c);
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", info.code));
            for name in [info.code, info.da, info.en].iter().chain(info.aliases) {
                assert_eq!(Colour::from_name(name), Some(c), "{name}");
            }
        }
        assert_eq!(Colour::from_name(" RØD "), Some(Colour::Red));
        assert_eq!(Colour::from_name("turkis"), None);
        assert_eq!(Colour::Red.next(), Colour::Yellow, "the cycle comes round");
    }
}
