//! What problems say, in English and in Vietnamese (`Accept-Language: vi`): the pair of
//! sentences every error carries, and the words for what the use cases report by name
//! (a record not found, a refusal, a field that fails a check). A rule broken is stated in
//! Vietnamese by the domain (`Rule::statement_vi`).

use chrono::NaiveDate;
use dantin_domain::validity::Validity;
use dantin_usecases::{Denial, Record};

/// One sentence for people, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub en: String,
    pub vi: String,
}

impl Detail {
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            vi: vi.into(),
        }
    }

    pub fn get(&self, vietnamese: bool) -> &str {
        if vietnamese {
            &self.vi
        } else {
            &self.en
        }
    }
}

/// What a kind of record is called, in English and Vietnamese.
pub fn record(r: Record) -> (&'static str, &'static str) {
    match r {
        Record::Appointment => ("appointment", "việc giữ chức vụ"),
        Record::AuditEvent => ("audit event", "sự kiện trong nhật ký thao tác"),
        Record::CadreAssignment => ("cadre assignment", "việc phân công cán bộ dự sinh hoạt"),
        Record::Scan => ("scan of the minutes", "bản quét biên bản"),
        Record::MinuteEntry => ("minute typed twice", "biên bản nhập hai lần"),
        Record::CellMeeting => ("cell meeting", "buổi sinh hoạt chi bộ"),
        Record::Congress => ("congress", "đại hội chi bộ"),
        Record::Delivery => ("delivery", "lần gửi webhook"),
        Record::HeadElection => ("head election", "cuộc bầu trưởng thôn, tổ dân phố"),
        Record::PartyOrg => ("party organisation", "tổ chức đảng"),
        Record::Person => ("person", "người"),
        Record::Province => ("province", "tỉnh, thành phố"),
        Record::Reorganization => ("reorganization", "quyết định sắp xếp đơn vị hành chính"),
        Record::Term => ("term", "nhiệm kỳ"),
        Record::Unit => ("unit", "đơn vị"),
        Record::UnitCode => ("unit with that code", "đơn vị có mã này"),
        Record::Webhook => ("webhook", "webhook"),
    }
}

/// Why the caller may not do this.
pub fn denial(d: Denial) -> Detail {
    let (en, vi) = match d {
        Denial::AuditorWrites => (
            "the auditor role cannot write",
            "Kiểm tra viên chỉ được xem, không được ghi dữ liệu.",
        ),
        Denial::AdminOnly => (
            "only an admin may do this",
            "Chỉ quản trị viên được thực hiện thao tác này.",
        ),
        Denial::CoordinatorOnly => (
            "only an admin or an officer with the coordinator capability settles entries",
            "Chỉ quản trị viên hoặc cán bộ có quyền điều phối mới xử lý các lần nhập khác nhau.",
        ),
        Denial::AuditTrail => (
            "only admins and auditors read the audit trail",
            "Chỉ quản trị viên và kiểm tra viên được xem nhật ký thao tác.",
        ),
        Denial::OutsideArea => (
            "the unit is outside your area",
            "Đơn vị nằm ngoài địa bàn của bạn.",
        ),
        Denial::OrgWithoutUnit => (
            "an officer may only see or change organisations that name a unit in its area",
            "Cán bộ chỉ được xem hoặc sửa tổ chức đảng gắn với một đơn vị trong địa bàn của mình.",
        ),
    };
    Detail::new(en, vi)
}

/// A field that failed a check, from the check's code and bounds; never the value itself,
/// which may be personal data. A check with a message of its own gives it in English and,
/// as its `vi` parameter, in Vietnamese.
pub fn field_check(path: &str, e: &validator::ValidationError) -> Detail {
    let param = |k: &str| {
        e.params
            .get(k)
            .map(|v| v.as_str().map_or(v.to_string(), str::to_owned))
    };
    let (en, vi) = match (e.code.as_ref(), param("min"), param("max")) {
        ("length", Some(min), Some(max)) => (
            format!("`{path}` must have between {min} and {max} characters"),
            format!("`{path}` phải có từ {min} đến {max} ký tự."),
        ),
        ("range", Some(min), Some(max)) => (
            format!("`{path}` must be between {min} and {max}"),
            format!("`{path}` phải nằm trong khoảng từ {min} đến {max}."),
        ),
        (code, _, _) => (
            format!("`{path}` is invalid ({code})"),
            format!("`{path}` không hợp lệ ({code})."),
        ),
    };
    match &e.message {
        Some(message) => Detail::new(message.to_string(), param("vi").unwrap_or(vi)),
        None => Detail::new(en, vi),
    }
}

/// A record asked for on a day it was not in force, with the days it was.
pub fn not_in_force(what: Record, day: NaiveDate, life: Validity) -> Detail {
    let (en, vi) = record(what);
    let vi_day = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    Detail::new(
        format!(
            "the {en} was not in force on {day}: from {}{}",
            life.from,
            life.to
                .map(|to| format!(" until the day before {to}"))
                .unwrap_or_else(|| " on".to_owned())
        ),
        format!(
            "Ngày {} {vi} không có hiệu lực: hiệu lực từ ngày {}{}.",
            vi_day(day),
            vi_day(life.from),
            life.to
                .map(|to| format!(" đến trước ngày {}", vi_day(to)))
                .unwrap_or_default()
        ),
    )
}
