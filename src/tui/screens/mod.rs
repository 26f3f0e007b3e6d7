//! One module per screen: its state, what its commands do, and how it is
//! drawn.

pub mod board;
pub mod followup;
pub mod home;
pub mod library;
pub mod wizard;
