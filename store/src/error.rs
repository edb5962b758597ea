//! Store errors, each with a message that says what happened to the user's data (nothing
//! was lost, in every case) and what to do next.

use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError, UnexpectedDataError};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error("This browser does not let Fitted store data (IndexedDB is unavailable, as in some private windows). Open Fitted in a normal window to keep your work.")]
    Unavailable,
    #[error("The device's storage for Fitted is full, so this change was not saved; everything saved before is intact. Free space on this device (or delete runs and jobs you no longer need) and try again.")]
    QuotaExceeded,
    #[error("Fitted is open in another tab with an older version. Close the other Fitted tabs so the upgrade can finish; nothing has been changed yet.")]
    Blocked,
    #[error("Fitted was updated in another tab, so this tab stopped writing to keep your data consistent. Reload this tab to continue; everything saved is intact.")]
    VersionChanged,
    #[error("Your saved data was written by a newer version of Fitted than this tab runs. Reload the page to get the newer version; nothing was changed.")]
    TooNew,
    #[error("{what} already exists.")]
    Duplicate { what: String, existing_id: String },
    #[error("{what} was not found; it may have been deleted in another tab.")]
    NotFound { what: String },
    #[error("Saved data could not be read ({0}). It has been left untouched; please report this.")]
    Corrupt(String),
    #[error("The change could not be saved ({0}); everything saved before is intact. Try again.")]
    Failed(String),
    /// The change touches locked content; the message names it and says to unlock it.
    #[error("{0} Nothing was changed.")]
    Locked(String),
}

impl StoreError {
    /// The user-facing sentence (same as `Display`); named for call sites in the UI.
    pub fn user_message(&self) -> String {
        self.to_string()
    }
}

pub(crate) fn dom_name(e: &IdbError) -> Option<String> {
    match e {
        IdbError::DomException(d) => Some(d.name().into_owned()),
        _ => None,
    }
}

impl From<IdbError> for StoreError {
    fn from(e: IdbError) -> Self {
        match &e {
            IdbError::DomException(DomException::InvalidStateError(_)) => StoreError::VersionChanged,
            IdbError::Serialisation(s) => StoreError::Corrupt(format!("{s:?}")),
            IdbError::MissingData(UnexpectedDataError::TransactionAborted) => {
                StoreError::Failed("the browser cancelled the transaction".into())
            }
            _ => match dom_name(&e).as_deref() {
                Some("QuotaExceededError") => StoreError::QuotaExceeded,
                Some("VersionError") => StoreError::TooNew,
                Some(name) => StoreError::Failed(format!("{name}: {}", dom_message(&e))),
                None => StoreError::Failed(format!("{e:?}")),
            },
        }
    }
}

fn dom_message(e: &IdbError) -> String {
    match e {
        IdbError::DomException(d) => d.message(),
        _ => String::new(),
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> Self {
        match e {
            OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => StoreError::Unavailable,
            OpenDbError::VersionZero => StoreError::Failed("invalid schema version".into()),
            OpenDbError::Base(inner) => inner.into(),
        }
    }
}

impl From<serde_wasm_bindgen::Error> for StoreError {
    fn from(e: serde_wasm_bindgen::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
