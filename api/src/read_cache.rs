//! The public reads' answers, kept in memory while nothing has been written since.
//!
//! Every committed write advances the data version (`Store::data_version`), in whichever
//! process it ran. A public read first reads that version (one single-row query, shared
//! by the requests that arrived while the read before it ran: `data_version`); an answer
//! kept for the same request at the same version is the right answer, and goes out as it
//! is, or as 304 when the caller's `If-None-Match` names its digest: neither computes the
//! page again. Otherwise the answer is computed and kept only if the version is the same
//! after the reading as before it, so that no write committed while it was being read.
//! Two instances over one PostgreSQL each keep their own answers, and each sees the other's
//! writes on its next request, through the version.

use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};
use dantin_usecases::clock::today;
use dantin_usecases::Store;
use quick_cache::sync::Cache;
use quick_cache::Weighter;

use crate::data_version::DataVersion;
use crate::db::run;
use crate::error::ApiError;
use crate::etag;

/// At most this many bytes of answers (bodies and keys) are kept; the least used go first.
const CAPACITY_BYTES: u64 = 32 * 1024 * 1024;
/// How many answers a typical load keeps, for the cache's sizing.
const TYPICAL_ANSWERS: usize = 4096;

/// What a public read answers: its JSON body and, for a page, the `Link` to the next one.
pub struct Answer {
    pub body: Vec<u8>,
    pub link: Option<String>,
}

/// An answer as kept: the version it was read at, its digest `ETag`, its body.
struct Kept {
    version: i64,
    tag: String,
    body: web::Bytes,
    link: Option<String>,
}

impl Kept {
    fn respond(&self, req: &HttpRequest) -> HttpResponse {
        etag::respond_public(req, &self.tag, self.body.clone(), self.link.as_deref())
    }
}

#[derive(Clone)]
struct BodySize;

impl Weighter<String, Arc<Kept>> for BodySize {
    fn weight(&self, key: &String, kept: &Arc<Kept>) -> u64 {
        (key.len() + kept.body.len() + kept.tag.len()) as u64
    }
}

/// The kept answers of this process.
pub struct ReadCache {
    answers: Cache<String, Arc<Kept>, BodySize>,
    version: Arc<DataVersion>,
}

impl ReadCache {
    /// Answers kept against the data version that `version` reads.
    pub fn new(version: Arc<DataVersion>) -> Self {
        Self {
            answers: Cache::with_weighter(TYPICAL_ANSWERS, CAPACITY_BYTES, BodySize),
            version,
        }
    }

    /// Answers `req` from memory when its kept answer is of the current data version, else
    /// with `render` of what `read` reads from `store` (the store the request reads: as
    /// known now or at an instant). Errors are never kept.
    pub async fn answer<T: Send + 'static>(
        &self,
        req: &HttpRequest,
        store: web::Data<Store>,
        read: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
        render: impl FnOnce(T) -> Result<Answer, ApiError>,
    ) -> Result<HttpResponse, ApiError> {
        // The defaults of `on` are today's date: a new day is a new request.
        let key = format!("{}?{}#{}", req.path(), req.query_string(), today());
        let version = self.version.clone().current(store.clone()).await?;
        if let Some(kept) = self.answers.get(&key).filter(|k| k.version == version) {
            return Ok(kept.respond(req));
        }
        let (read, after) = run(store, move |s| {
            let read = read(s)?;
            Ok::<_, ApiError>((read, s.data_version()?))
        })
        .await?;
        let answer = render(read)?;
        let kept = Arc::new(Kept {
            version,
            tag: etag::digest(&answer.body),
            body: answer.body.into(),
            link: answer.link,
        });
        if after == version {
            self.answers.insert(key, kept.clone());
        }
        Ok(kept.respond(req))
    }
}
