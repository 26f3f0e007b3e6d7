//! Carrying chosen notes into a new session with another method: the new
//! session is saved, the two sessions link to each other, and the new
//! board opens.

use crate::model::{Carry, carry_forward};
use crate::strings::Ui;
use crate::tui::app::{App, Effect};

use super::board_mut;

/// Creates the new session of `method` from `notes`, titled `title`.
pub fn create(
    app: &mut App,
    notes: &[uuid::Uuid],
    method: &str,
    zone: &str,
    title: &str,
) -> Result<Vec<Effect>, String> {
    let lang = app.prefs.lang;
    let now = app.clock.now();
    let today = app.today();
    let prefs = app.prefs.clone();
    if crate::model::text::clean_line(title).is_empty() {
        return Err(Ui::ErrTitle.text(lang).to_string());
    }
    let target = app
        .methods
        .require(method)
        .cloned()
        .map_err(|e| e.message(lang))?;
    let b = board_mut(app).ok_or_else(String::new)?;
    let mut context = b.session().context.clone();
    context.title = title.to_string();
    context.date = Some(today);
    let new = b
        .change(&prefs, |s, m| {
            carry_forward(
                s,
                m,
                Carry {
                    notes,
                    method: &target,
                    zone,
                    context,
                    branches: m.shape == crate::methods::Shape::Tree && target.id == m.id,
                },
                now,
            )
        })
        .map_err(|e| e.message(lang))?;
    b.marked.clear();
    let private = new.notes.iter().filter(|n| n.private).count();
    if private > 0 {
        app.say(
            Ui::CarriedPrivate
                .text(lang)
                .replace("{k}", &private.to_string()),
        );
    }
    // Save this session's new link first; then the new session is created
    // and opened in its place.
    Ok(vec![Effect::Create(Box::new(new)), Effect::Save])
}
