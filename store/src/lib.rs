//! Fitted's IndexedDB store: the one module that owns the schema ([`schema`]), its ordered
//! migrations ([`migrate`]) and typed repository functions over every store ([`repo`]).
//!
//! Invariants (also in ARCHITECTURE.md):
//! - Every write is one IndexedDB transaction that either commits whole or rolls back whole;
//!   multi-record changes (a résumé and its bullets, a backup import) share one transaction.
//! - Nothing outside this crate names a store or index as a string.
//! - Errors become [`StoreError`]s whose message tells the user what happened to their data
//!   (nothing lost) and what to do.
//! - When another tab upgrades the schema this connection closes itself and refuses writes
//!   ([`StoreError::VersionChanged`]) rather than write with a stale view of the schema.

pub mod backup;
pub mod error;
pub mod migrate;
pub mod repo;
pub mod schema;
pub mod storage;
pub mod versions;

pub use error::{Result, StoreError};
pub use repo::Store;

/// The production database name; tests use their own names.
pub const DB_NAME: &str = "fitted";
