//! Storage: one pool over SQLite (embedded, the default) or PostgreSQL, chosen by URL, and the
//! migrations that give both the same schema.
//!
//! Every statement of the crate is written once, in SQL both accept (`$1` parameters, which
//! sqlx's SQLite driver binds by number too), and runs through sqlx's `Any` driver. Only
//! connection set-up differs: SQLite gets write-ahead logging and a busy timeout so that readers
//! never wait for the one writer, and a pool sized for that.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Executor, Transaction};

use crate::error::Error;

/// The migrations in `platform/migrations/`, embedded in the binary.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Which database is behind the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The platform's database.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Opens the database at `url` (`sqlite:PATH` or `postgres://...`) and brings its schema up to
    /// date. An SQLite file and its folder are created when missing.
    pub async fn open(url: &str) -> Result<Db, Error> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Connects without migrating.
    pub async fn connect(url: &str) -> Result<Db, Error> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).map_err(|e| Error::DatabaseUrl { url: redact(&url), reason: e.to_string() })?;
        let pool = match backend {
            // One writer at a time in any case; readers run in parallel on their own connections.
            Backend::Sqlite => AnyPoolOptions::new().max_connections(16).after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                    )
                    .await?;
                    Ok(())
                })
            }),
            Backend::Postgres => AnyPoolOptions::new().max_connections(24),
        }
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await?;
        Ok(Db { pool, backend })
    }

    /// Applies the migrations not applied yet.
    pub async fn migrate(&self) -> Result<(), Error> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), waiting for it under the busy timeout: a transaction that read first and
    /// then wanted to write would instead fail with "database is locked" whenever another
    /// connection wrote in between. Transactions that only read use [`Db::snapshot`].
    pub async fn write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// A transaction that only reads, and sees one snapshot of the data throughout: on SQLite a
    /// deferred transaction does (write-ahead logging keeps its first read's snapshot), on
    /// PostgreSQL one at REPEATABLE READ.
    pub async fn snapshot(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin().await,
            Backend::Postgres => self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ").await,
        }
    }

    /// The connection pool, for queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (waiting for those in use).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn backend_of(url: &str) -> Result<Backend, Error> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(Error::DatabaseUrl {
            url: redact(url),
            reason: "expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE".to_owned(),
        })
    }
}

/// `sqlite:PATH` with its folder created and `mode=rwc` (create the file when missing) unless
/// the URL sets a mode. `sqlite::memory:` is left alone.
fn sqlite_url(url: &str) -> Result<String, Error> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path == ":memory:" || path.is_empty() {
        return Ok(url.to_owned());
    }
    if let Some(folder) = Path::new(path).parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|source| Error::Io { what: format!("creating {}", folder.display()), source })?;
    }
    let query = if query.split('&').any(|kv| kv.starts_with("mode=")) {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// A new random id with a prefix that names its kind (`tch_` for a teacher), as Stripe does, so
/// that an id in a log or a support request says what it is.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::new_v4().simple())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_get_a_create_mode_and_keep_their_own() {
        let dir = std::env::temp_dir().join(format!("horarium-db-url-{}", std::process::id()));
        let file = dir.join("sub").join("x.db");
        let url = format!("sqlite:{}", file.display());
        assert_eq!(sqlite_url(&url).unwrap(), format!("sqlite://{}?mode=rwc", file.display()));
        assert!(file.parent().unwrap().is_dir());
        assert_eq!(sqlite_url(&format!("{url}?mode=ro")).unwrap(), format!("sqlite://{}?mode=ro", file.display()));
        assert_eq!(sqlite_url("sqlite::memory:").unwrap(), "sqlite::memory:");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://u:secret@127.0.0.1:5432/db"), "postgres://u:***@127.0.0.1:5432/db");
        assert_eq!(redact("sqlite:data/x.db"), "sqlite:data/x.db");
        let err = backend_of("mysql://u:secret@h/db").unwrap_err().to_string();
        assert!(err.contains("u:***@h/db") && !err.contains("secret"), "{err}");
    }

    #[test]
    fn ids_name_their_kind_and_are_unique() {
        let (a, b) = (new_id("tch"), new_id("tch"));
        assert!(a.starts_with("tch_") && a.len() == 36);
        assert_ne!(a, b);
    }
}
