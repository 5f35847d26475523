//! Blocking storage work, moved off the async workers.

use actix_web::web;
use dantin_usecases::Store;

use crate::error::ApiError;

/// Runs `f` on the blocking thread pool with the store.
pub async fn run<T, E>(
    store: web::Data<Store>,
    f: impl FnOnce(&Store) -> Result<T, E> + Send + 'static,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    E: Into<ApiError> + Send + 'static,
{
    web::block(move || f(&store))
        .await
        .map_err(|e| ApiError::internal(format!("blocking task failed: {e}")))?
        .map_err(Into::into)
}
