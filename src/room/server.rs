//! The room's web server (being built: opening a room says so).

use std::net::SocketAddr;
use std::sync::mpsc::Receiver;

use super::{Arrival, Prompt, RoomError, RoomOptions};

/// The running server.
pub(super) struct Server {
    url: String,
    address: SocketAddr,
    join_code: String,
}

impl Server {
    pub(super) fn start(
        _options: &RoomOptions,
        _prompt: Prompt,
    ) -> Result<(Server, Receiver<Arrival>), RoomError> {
        Err(RoomError::Start("not built yet".into()))
    }

    pub(super) fn url(&self) -> &str {
        &self.url
    }

    pub(super) fn address(&self) -> SocketAddr {
        self.address
    }

    pub(super) fn join_code(&self) -> &str {
        &self.join_code
    }

    pub(super) fn set_prompt(&self, _prompt: Prompt) {}

    pub(super) fn phones(&self) -> usize {
        0
    }
}
