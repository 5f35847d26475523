//! Errors on their way to the caller: every one leaves as a problem (`crate::problem`),
//! built here and nowhere else, with its `title` and `detail` in the caller's language (see
//! `middleware::finish`) and, for validation and rule failures, the list of what failed.
//! Causes of server errors are logged, never sent. Also the error responses operations
//! document.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use dantin_domain::{Rule, Violations};
use dantin_usecases::{Error, StoreError};
use std::time::Duration;
use utoipa::IntoResponses;

use crate::problem::{InForce, Kind, Problem, ProblemItem, PROBLEM_JSON};
use crate::wording::{self, Detail};

/// An error on its way to becoming a problem response.
#[derive(Debug)]
pub struct ApiError {
    pub kind: Kind,
    /// Overrides the kind's code where a more specific one helps (`unit_code_unique_on_date`).
    pub code: Option<&'static str>,
    /// Boxed: the two sentences would make every `Result<_, ApiError>` large.
    pub detail: Box<Detail>,
    pub errors: Vec<Failure>,
    /// Logged with the request id, never sent.
    pub cause: Option<String>,
    /// Sent as `Retry-After` (whole seconds, rounded up).
    pub retry_after: Option<Duration>,
    /// With `not_in_force`: the record's days.
    pub in_force: Option<InForce>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.detail.en)
    }
}

/// One thing that failed, in both languages: a problem's `errors` item once the caller's
/// language is known.
#[derive(Debug, Clone)]
pub struct Failure {
    pub field: Option<String>,
    pub index: Option<usize>,
    pub rule: String,
    pub detail: Detail,
}

impl Failure {
    fn item(&self, vietnamese: bool) -> ProblemItem {
        ProblemItem {
            field: self.field.clone(),
            index: self.index,
            rule: self.rule.clone(),
            detail: self.detail.get(vietnamese).to_owned(),
        }
    }
}

impl ApiError {
    /// A problem of `kind`, said in English and in Vietnamese.
    pub fn new(kind: Kind, en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self::said(kind, Detail::new(en, vi))
    }

    pub fn said(kind: Kind, detail: Detail) -> Self {
        Self {
            kind,
            code: None,
            detail: Box::new(detail),
            errors: Vec::new(),
            cause: None,
            retry_after: None,
            in_force: None,
        }
    }

    pub fn unauthorized(en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self::new(Kind::Unauthorized, en, vi)
    }

    pub fn invalid_parameter(en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self::new(Kind::InvalidParameter, en, vi)
    }

    pub fn internal(cause: impl Into<String>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(
                Kind::Internal,
                "the server could not complete the request",
                "Máy chủ không thể hoàn tất yêu cầu.",
            )
        }
    }

    /// Over a rate limit: `what` names what was counted, in both languages.
    pub fn too_many_requests(what: Detail, wait: Duration) -> Self {
        Self {
            retry_after: Some(wait),
            ..Self::new(
                Kind::TooManyRequests,
                format!(
                    "too many {}: retry after the time in `Retry-After`",
                    what.en
                ),
                format!(
                    "Quá nhiều {}: hãy thử lại sau số giây ghi trong `Retry-After`.",
                    what.vi
                ),
            )
        }
    }

    pub fn with_errors(mut self, errors: Vec<Failure>) -> Self {
        self.errors = errors;
        self
    }

    pub fn problem(&self, vietnamese: bool) -> Problem {
        let (en, vi) = self.kind.titles();
        let code = self.code.unwrap_or(self.kind.code());
        Problem {
            type_: format!("urn:dantin:problem:{code}"),
            title: if vietnamese { vi } else { en }.to_owned(),
            status: self.kind.status().as_u16(),
            code: code.to_owned(),
            detail: self.detail.get(vietnamese).to_owned(),
            request_id: None,
            errors: self.errors.iter().map(|f| f.item(vietnamese)).collect(),
            in_force: self.in_force,
        }
    }
}

/// What the finishing middleware needs to render or log an error response.
#[derive(Debug, Clone)]
pub struct ProblemSource {
    pub problem_en: Problem,
    pub problem_vi: Problem,
    pub cause: Option<String>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.kind.status()
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code())
            .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
            .json(self.problem(false));
        if self.kind == Kind::Unauthorized {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        if self.kind == Kind::RequestTimeout {
            // The rest of a slow body is not worth waiting for.
            res.head_mut()
                .set_connection_type(actix_web::http::ConnectionType::Close);
        }
        if let Some(wait) = self.retry_after {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            res.headers_mut()
                .insert(header::RETRY_AFTER, seconds.max(1).into());
        }
        res.extensions_mut().insert(ProblemSource {
            problem_en: self.problem(false),
            problem_vi: self.problem(true),
            cause: self.cause.clone(),
        });
        res
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { what } => ApiError::new(
                Kind::Conflict,
                format!("another write just stored {what}; read it and try again"),
                "Một thao tác khác vừa ghi cùng dữ liệu này; hãy đọc lại rồi thử lại.",
            ),
            StoreError::Unavailable(cause) => ApiError {
                cause: Some(cause),
                ..ApiError::new(
                    Kind::ServiceUnavailable,
                    "the database cannot be reached; try again shortly",
                    "Không kết nối được cơ sở dữ liệu; hãy thử lại sau ít phút.",
                )
            },
            e @ (StoreError::Database(_) | StoreError::Migration(_) | StoreError::Corrupt(_)) => {
                ApiError::internal(e.to_string())
            }
        }
    }
}

/// Rules the request broke: 422 listing each, or 409 when the one rule broken guards
/// the current state (`Rule::is_conflict`), with the rule as the problem's code.
fn rules_problem(v: Violations) -> ApiError {
    if let [one] = v.0.as_slice() {
        if one.rule.is_conflict() {
            return ApiError {
                code: Some(one.rule.as_str()),
                ..ApiError::new(Kind::Conflict, one.detail.clone(), one.rule.statement_vi())
            };
        }
    }
    let n = v.0.len();
    ApiError::new(
        Kind::RuleViolation,
        format!("{n} rule(s) failed"),
        format!("Yêu cầu vi phạm {n} quy định."),
    )
    .with_errors(
        v.0.into_iter()
            .map(|r| broken(None, r.rule, r.detail))
            .collect(),
    )
}

/// A rule broken (by the row `index` of a bulk input): the English detail says what in the
/// request broke it, the Vietnamese one states the rule.
fn broken(index: Option<usize>, rule: Rule, en: String) -> Failure {
    Failure {
        field: None,
        index,
        rule: rule.as_str().to_owned(),
        detail: Detail::new(en, rule.statement_vi()),
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::NotFound(what) => {
                let (en, vi) = wording::record(what);
                ApiError::new(
                    Kind::NotFound,
                    format!("{en} not found"),
                    format!("Không tìm thấy {vi}."),
                )
            }
            Error::NotInForce { what, day, life } => ApiError {
                code: Some("not_in_force"),
                in_force: Some(InForce {
                    valid_from: life.from,
                    valid_to: life.to,
                }),
                ..ApiError::said(Kind::NotFound, wording::not_in_force(what, day, life))
            },
            Error::Forbidden(why) => ApiError::said(Kind::Forbidden, wording::denial(why)),
            Error::Rules(v) => rules_problem(v),
            Error::Rows(rows) => {
                let n = rows.len();
                ApiError::new(
                    Kind::ImportRejected,
                    format!("{n} row(s) refused; nothing was imported"),
                    format!("{n} dòng bị từ chối; không dòng nào được nhập."),
                )
                .with_errors(
                    rows.into_iter()
                        .map(|r| broken(Some(r.index), r.rule, r.detail))
                        .collect(),
                )
            }
            Error::KeyJustAnswered => ApiError {
                code: Some("idempotency_key_in_flight"),
                ..ApiError::new(
                    Kind::Conflict,
                    "another request with this Idempotency-Key was answered meanwhile; \
                     retry to get its answer",
                    "Một yêu cầu khác có cùng Idempotency-Key vừa được trả lời; \
                     hãy gửi lại để nhận câu trả lời đó.",
                )
            },
            Error::KeyReused => ApiError {
                code: Some("idempotency_key_reused"),
                ..ApiError::new(
                    Kind::ValidationFailed,
                    "this Idempotency-Key was used for a different request",
                    "Idempotency-Key này đã được dùng cho một yêu cầu khác.",
                )
            },
            Error::Stale { current } => ApiError::new(
                Kind::PreconditionFailed,
                format!("If-Match names an old version; the current ETag is \"{current}\""),
                format!("If-Match ghi một phiên bản cũ; ETag hiện tại là \"{current}\"."),
            ),
            Error::Store(e) => e.into(),
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut items = Vec::new();
        collect_validation(&errors, "", &mut items);
        items.sort_by(|a, b| a.field.cmp(&b.field));
        ApiError::fields_invalid(items)
    }
}

impl ApiError {
    /// 422 listing each field that failed.
    pub fn fields_invalid(items: Vec<Failure>) -> Self {
        let n = items.len();
        ApiError::new(
            Kind::ValidationFailed,
            format!("{n} field(s) are invalid"),
            format!("{n} trường dữ liệu không hợp lệ."),
        )
        .with_errors(items)
    }
}

fn collect_validation(errors: &validator::ValidationErrors, prefix: &str, out: &mut Vec<Failure>) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => out.extend(list.iter().map(|e| Failure {
                field: Some(path.clone()),
                index: None,
                rule: e.code.to_string(),
                detail: wording::field_check(&path, e),
            })),
            ValidationErrorsKind::Struct(inner) => collect_validation(inner, &path, out),
            ValidationErrorsKind::List(map) => {
                for (i, inner) in map {
                    collect_validation(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

/// The errors any operation may answer with, documented once.
#[derive(IntoResponses)]
pub enum CommonErrors {
    /// Malformed JSON, or a path or query parameter of the wrong form.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// The database is unreachable; retry later.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// The errors of an operation that needs a bearer token.
#[derive(IntoResponses)]
pub enum AuthErrors {
    /// No token, or a token that is expired, malformed or wrongly signed.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// A valid token whose role or area does not cover this.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
}

/// The errors of an operation that writes.
#[derive(IntoResponses)]
pub enum WriteErrors {
    /// A conflict with what is stored (a duplicate code, a taken label).
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// The body is over the size limit.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// The body is not `application/json` (or, where offered, `text/csv`).
    #[response(status = 415, content_type = "application/problem+json")]
    UnsupportedMediaType(Problem),
    /// Over the rate limit (sign-ins per client address, writes per account); retry after
    /// the seconds in `Retry-After`.
    #[response(
        status = 429,
        content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait before retrying"))
    )]
    TooManyRequests(Problem),
    /// Well-formed input that fails validation or a named rule; `errors` lists each.
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
}

/// Answered by a read whose parameters break a rule (a status asked of a unit that is
/// not a village).
#[derive(IntoResponses)]
pub enum RuleError {
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
}

/// Answered when the id names nothing (or nothing the caller may know of).
#[derive(IntoResponses)]
pub enum NotFoundError {
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
}

/// Answered when `If-Match` names an old version.
#[derive(IntoResponses)]
pub enum StaleError {
    #[response(status = 412, content_type = "application/problem+json")]
    PreconditionFailed(Problem),
}
