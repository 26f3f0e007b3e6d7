//! This laptop's device id: a short random name, made once and kept in
//! the preferences, that settles a tie between two changes made at the
//! same moment on two laptops when their copies of a session are merged.

use std::sync::OnceLock;

use crate::tui::prefs::{PrefsFile, platform_file};

/// The device id. `SEMPRE_DEVICE` overrides it (for tests and for
/// laptops without a home folder).
pub fn id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        if let Ok(id) = std::env::var("SEMPRE_DEVICE")
            && !id.trim().is_empty()
        {
            return id.trim().to_string();
        }
        let fresh = || uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
        let Some(path) = platform_file() else {
            return fresh();
        };
        let (mut file, mut remembered, problem) = PrefsFile::load(path);
        if let Some(id) = &remembered.device {
            return id.clone();
        }
        let id = fresh();
        // A damaged preferences file is left for the interface to report
        // and set aside; the id then lasts for this run only.
        if problem.is_none() {
            remembered.device = Some(id.clone());
            let _ = file.save(&remembered);
        }
        id
    })
}
