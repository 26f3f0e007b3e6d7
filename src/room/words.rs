//! Every fixed string the phone pages show, in Danish and English. A new
//! string is a new variant; the compiler then asks for both translations.

use crate::i18n::Lang;

/// A fixed piece of text on a phone page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    /// The other language's name, on the switch.
    OtherLanguage,
    JoinTitle,
    JoinCode,
    JoinButton,
    JoinWrong,
    NotFoundTitle,
    Moment,
    NotFound,
    SlowDown,
    Busy,
    TooBig,
    BadForm,
    Wait,
    NoNotes,
    YourNote,
    WhichZone,
    Pseudonym,
    Private,
    Send,
    ThankYou,
    ThankYouPrivate,
    WriteFirst,
    TooLong,
    NameTooLong,
    MovedOn,
    ChooseZone,
    YourDots,
    DotsBudget,
    DotsGiven,
    GiveDots,
    OverBudget,
    NotANumber,
    VotesThanks,
    NoCandidates,
}

impl Word {
    /// The text in `lang`.
    pub(super) fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Da => self.danish(),
            Lang::En => self.english(),
        }
    }

    fn danish(self) -> &'static str {
        use Word::*;
        match self {
            OtherLanguage => "English",
            JoinTitle => "Deltag i workshoppen",
            JoinCode => "Koden på væggen",
            JoinButton => "Deltag",
            JoinWrong => "Koden passer ikke. Se på væggen, og prøv igen.",
            NotFoundTitle => "Ikke fundet",
            Moment => "Et øjeblik",
            NotFound => "Adressen fører ingen steder hen. Scan koden på væggen igen.",
            SlowDown => "Lidt langsommere: vent et minut, og prøv så igen.",
            Busy => "Der er travlt lige nu: prøv igen om et øjeblik.",
            TooBig => "Det var for meget at sende på én gang.",
            BadForm => "Noget i formularen var ikke rigtigt. Prøv igen.",
            Wait => "Vent på, at facilitatoren går i gang.",
            NoNotes => "Denne del tager ikke imod sedler fra telefoner. Se på væggen.",
            YourNote => "Din seddel",
            WhichZone => "Hvor hører den til?",
            Pseudonym => {
                "Dit navn eller et opdigtet navn (frivilligt; lad feltet stå tomt for at være anonym)"
            }
            Private => "Hold den privat (kun facilitatoren ser den)",
            Send => "Send",
            ThankYou => "Tak — facilitatoren sætter den op på væggen.",
            ThankYouPrivate => "Tak — kun facilitatoren ser den.",
            WriteFirst => "Skriv noget først.",
            TooLong => "Sedlen er for lang. Største længde i tegn:",
            NameTooLong => "Navnet er for langt. Største længde i tegn:",
            MovedOn => "Facilitatoren er gået videre. Her er det, der spørges om nu.",
            ChooseZone => "Vælg, hvor sedlen hører til.",
            YourDots => "Dine prikker",
            DotsBudget => "Prikker du kan give:",
            DotsGiven => "Prikker du har givet:",
            GiveDots => "Giv mine prikker",
            OverBudget => {
                "Det er flere prikker, end du har. Intet blev sendt; tag nogle væk, og send igen. Du gav:"
            }
            NotANumber => "Skriv hele tal (0, 1, 2 …).",
            VotesThanks => "Tak — dine prikker er nået frem.",
            NoCandidates => "Der er endnu intet at stemme om.",
        }
    }

    fn english(self) -> &'static str {
        use Word::*;
        match self {
            OtherLanguage => "Dansk",
            JoinTitle => "Join the workshop",
            JoinCode => "The code on the wall",
            JoinButton => "Join",
            JoinWrong => "That code is not right. Look at the wall and try again.",
            NotFoundTitle => "Not found",
            Moment => "One moment",
            NotFound => "This address leads nowhere. Scan the code on the wall again.",
            SlowDown => "Slow down: wait a minute, then try again.",
            Busy => "Busy right now: try again in a moment.",
            TooBig => "That was too much to send at once.",
            BadForm => "Something in the form was not right. Try again.",
            Wait => "Wait for the facilitator to start.",
            NoNotes => "This part takes no notes from phones. Look at the wall.",
            YourNote => "Your note",
            WhichZone => "Where does it belong?",
            Pseudonym => "Your name or a made-up name (optional; leave it empty to stay anonymous)",
            Private => "Keep private (only the facilitator sees it)",
            Send => "Send",
            ThankYou => "Thank you — the facilitator will put it on the wall.",
            ThankYouPrivate => "Thank you — only the facilitator will see it.",
            WriteFirst => "Write something first.",
            TooLong => "The note is too long. Most characters allowed:",
            NameTooLong => "The name is too long. Most characters allowed:",
            MovedOn => "The facilitator has moved on. Here is what is asked now.",
            ChooseZone => "Choose where the note belongs.",
            YourDots => "Your dots",
            DotsBudget => "Dots you can give:",
            DotsGiven => "Dots you have given:",
            GiveDots => "Give my dots",
            OverBudget => {
                "That is more dots than you have. Nothing was sent; take some away and send again. You gave:"
            }
            NotANumber => "Write whole numbers (0, 1, 2 …).",
            VotesThanks => "Thank you — your dots have arrived.",
            NoCandidates => "There is nothing to vote on yet.",
        }
    }
}

/// What a page tells the phone above its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Notice {
    /// All went well.
    Done(Word),
    /// Something to put right, with a number to show after the words.
    Problem(Word, Option<u64>),
}

impl Notice {
    /// The sentence in `lang`.
    pub(super) fn text(self, lang: Lang) -> String {
        match self {
            Notice::Done(word) | Notice::Problem(word, None) => word.text(lang).to_string(),
            Notice::Problem(word, Some(n)) => format!("{} {n}", word.text(lang)),
        }
    }

    pub(super) fn is_problem(self) -> bool {
        matches!(self, Notice::Problem(..))
    }
}
