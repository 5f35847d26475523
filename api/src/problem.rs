//! RFC 9457 problems: the body every error leaves as (`application/problem+json`), and
//! the kinds of problem with their status, stable code and titles in English and
//! Vietnamese.

use actix_web::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// One thing that failed: a field of the input, a row of a bulk input, or a rule.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemItem {
    /// The input field, when one is to blame.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "name")]
    pub field: Option<String>,
    /// The 0-based row of a bulk input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The name of the rule that failed (one of `Rule`), or for a field of the wrong
    /// form the check it failed (`format`, `length`, `range`, `one_of`).
    #[schema(example = "unit_parent_level")]
    pub rule: String,
    #[schema(example = "a unit at level `village` cannot hang under a unit at level `district`")]
    pub detail: String,
}

/// An RFC 9457 problem.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:dantin:problem:rule_violation",
    "title": "The request breaks a rule",
    "status": 422,
    "code": "rule_violation",
    "detail": "1 rule failed",
    "request_id": "6f1c2a9e8b7d4c3a",
    "errors": [{"rule": "unit_parent_level", "detail": "a unit at level `village` cannot hang under a unit at level `district`"}]
}))]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    /// Stable, machine-readable: clients branch on this.
    pub code: String,
    pub detail: String,
    /// The `X-Request-Id` of the request, to quote when asking for help.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemItem>,
    /// With `not_in_force`: the days the record was in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
}

/// The days a record was in force: from `valid_from` until the day before `valid_to`.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(example = json!({"valid_from": "2000-01-01", "valid_to": "2025-07-01"}))]
pub struct InForce {
    pub valid_from: chrono::NaiveDate,
    /// Absent while in force.
    pub valid_to: Option<chrono::NaiveDate>,
}

/// The kinds of problem, each with its status and titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BadRequest,
    InvalidParameter,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    NotAcceptable,
    RequestTimeout,
    Conflict,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    HeaderTooLarge,
    TooManyRequests,
    ValidationFailed,
    RuleViolation,
    ImportRejected,
    ServiceUnavailable,
    Internal,
}

impl Kind {
    pub fn status(self) -> StatusCode {
        match self {
            Kind::BadRequest | Kind::InvalidParameter => StatusCode::BAD_REQUEST,
            Kind::Unauthorized => StatusCode::UNAUTHORIZED,
            Kind::Forbidden => StatusCode::FORBIDDEN,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Kind::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Kind::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Kind::Conflict => StatusCode::CONFLICT,
            Kind::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Kind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Kind::HeaderTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Kind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Kind::ValidationFailed | Kind::RuleViolation | Kind::ImportRejected => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Kind::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::BadRequest => "bad_request",
            Kind::InvalidParameter => "invalid_parameter",
            Kind::Unauthorized => "unauthorized",
            Kind::Forbidden => "forbidden",
            Kind::NotFound => "not_found",
            Kind::MethodNotAllowed => "method_not_allowed",
            Kind::NotAcceptable => "not_acceptable",
            Kind::RequestTimeout => "request_timeout",
            Kind::Conflict => "conflict",
            Kind::PreconditionFailed => "precondition_failed",
            Kind::PayloadTooLarge => "payload_too_large",
            Kind::UnsupportedMediaType => "unsupported_media_type",
            Kind::HeaderTooLarge => "headers_too_large",
            Kind::TooManyRequests => "too_many_requests",
            Kind::ValidationFailed => "validation_failed",
            Kind::RuleViolation => "rule_violation",
            Kind::ImportRejected => "import_rejected",
            Kind::ServiceUnavailable => "service_unavailable",
            Kind::Internal => "internal_error",
        }
    }

    /// The title in English and in Vietnamese.
    pub fn titles(self) -> (&'static str, &'static str) {
        match self {
            Kind::BadRequest => ("The request is malformed", "Yêu cầu không đúng định dạng"),
            Kind::InvalidParameter => ("A parameter is invalid", "Tham số không hợp lệ"),
            Kind::Unauthorized => ("Authentication is required", "Cần đăng nhập"),
            Kind::Forbidden => ("Not allowed", "Không có quyền"),
            Kind::NotFound => ("Not found", "Không tìm thấy"),
            Kind::MethodNotAllowed => ("Method not allowed", "Phương thức không được hỗ trợ"),
            Kind::NotAcceptable => ("No acceptable representation", "Không có định dạng phù hợp"),
            Kind::RequestTimeout => ("The request took too long", "Yêu cầu gửi quá chậm"),
            Kind::Conflict => (
                "Conflict with the current state",
                "Xung đột với dữ liệu hiện có",
            ),
            Kind::PreconditionFailed => ("The resource has changed", "Dữ liệu đã bị thay đổi"),
            Kind::PayloadTooLarge => ("The body is too large", "Nội dung quá lớn"),
            Kind::UnsupportedMediaType => (
                "Unsupported content type",
                "Kiểu nội dung không được hỗ trợ",
            ),
            Kind::HeaderTooLarge => ("The headers are too large", "Phần đầu yêu cầu quá lớn"),
            Kind::TooManyRequests => ("Too many requests", "Quá nhiều yêu cầu"),
            Kind::ValidationFailed => ("The input is invalid", "Dữ liệu nhập không hợp lệ"),
            Kind::RuleViolation => ("The request breaks a rule", "Yêu cầu vi phạm quy định"),
            Kind::ImportRejected => ("The import was refused", "Dữ liệu nhập khẩu bị từ chối"),
            Kind::ServiceUnavailable => (
                "The service is unavailable",
                "Dịch vụ tạm thời không khả dụng",
            ),
            Kind::Internal => ("Internal error", "Lỗi hệ thống"),
        }
    }

    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            401 => Kind::Unauthorized,
            403 => Kind::Forbidden,
            404 => Kind::NotFound,
            405 => Kind::MethodNotAllowed,
            406 => Kind::NotAcceptable,
            408 => Kind::RequestTimeout,
            409 => Kind::Conflict,
            412 => Kind::PreconditionFailed,
            413 => Kind::PayloadTooLarge,
            415 => Kind::UnsupportedMediaType,
            431 => Kind::HeaderTooLarge,
            422 => Kind::ValidationFailed,
            429 => Kind::TooManyRequests,
            503 => Kind::ServiceUnavailable,
            s if s >= 500 => Kind::Internal,
            _ => Kind::BadRequest,
        }
    }
}
