//! The core's errors, and their user-facing form.
//!
//! The core never builds sentences for people: it returns message *codes* with parameters, and the
//! edge (the UI's translation layer, or the CLI through [`crate::i18n`]) turns them into text in
//! the user's language. Both read the same catalogues in `locales/`.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One refused field: `field` names the input (as in the form), `code` the message key under
/// `error.` in the catalogues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub params: BTreeMap<String, String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: impl Into<String>) -> Self {
        FieldError { field: field.into(), code: code.into(), params: BTreeMap::new() }
    }

    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_string(), value.to_string());
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: i64 },
    /// An action the current state does not allow (e.g. deleting a record that is not archived).
    #[error("refused: {code}")]
    Refused { code: &'static str, params: BTreeMap<String, String> },
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error("ANAF: {0}")]
    Anaf(#[from] crate::anaf::AnafError),
}

impl Error {
    pub fn refused(code: &'static str) -> Self {
        Error::Refused { code, params: BTreeMap::new() }
    }

    pub fn invalid(field: &str, code: &str) -> Self {
        Error::Invalid(vec![FieldError::new(field, code)])
    }

    /// What the edge shows: a message code, its parameters, and the refused fields if any.
    pub fn to_user(&self) -> UserError {
        let (code, params) = match self {
            Error::Invalid(_) => ("error.invalid", BTreeMap::new()),
            Error::NotFound { entity, id } => (
                "error.not_found",
                BTreeMap::from([("entity".into(), entity.to_string()), ("id".into(), id.to_string())]),
            ),
            Error::Refused { code, params } => (*code, params.clone()),
            Error::Db(e) => ("error.database", BTreeMap::from([("detail".into(), e.to_string())])),
            Error::Migrate(e) => ("error.migration", BTreeMap::from([("detail".into(), e.to_string())])),
            Error::Io(e) => ("error.file", BTreeMap::from([("detail".into(), e.to_string())])),
            Error::Anaf(e) => (e.code(), e.params().into_iter().map(|(k, v)| (k.to_string(), v)).collect()),
        };
        let fields = match self {
            Error::Invalid(fields) => fields.clone(),
            _ => Vec::new(),
        };
        UserError { code: code.to_string(), params, fields }
    }
}

/// The serialisable form of [`Error`] that crosses to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UserError {
    pub code: String,
    pub params: BTreeMap<String, String>,
    pub fields: Vec<FieldError>,
}
