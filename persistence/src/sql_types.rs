//! Domain types read straight from their columns: ids from `BIGINT`, enums from their
//! snake_case `TEXT`. A stored value that names no variant is corrupt data, reported as a
//! deserialization error rather than parsed by hand at each read. (Queryable as well as
//! FromSql: diesel builds a row's fields through Queryable.)

use dantin_domain::access::Role;
use dantin_domain::appointment::{Basis, EndReason, Post};
use dantin_domain::cell_meeting::MeetingKind;
use dantin_domain::double_entry::{EntryState, MinuteKind, Resolution};
use dantin_domain::head_election::{Outcome, VotingMethod};
use dantin_domain::minutes::ScanType;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::person::{Gender, PartyStatus};
use dantin_domain::unit::{UnitKind, UnitLevel};
use dantin_domain::{
    AppointmentId, CadreAssignmentId, CellMeetingId, CongressId, HeadElectionId, MinuteEntryId,
    PartyOrgId, PersonId, ReorganizationId, ScanId, TermId, UnitId, UserId,
};
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::sql_types::{BigInt, Text};

use crate::db::{MultiBackend, MultiRawValue};

/// Reads each listed id type from a `BIGINT` column.
macro_rules! id_columns {
    ($($id:ty),+ $(,)?) => {$(
        impl FromSql<BigInt, MultiBackend> for $id {
            fn from_sql(bytes: MultiRawValue<'_>) -> deserialize::Result<Self> {
                <i64 as FromSql<BigInt, MultiBackend>>::from_sql(bytes).map(<$id>::from)
            }
        }

        impl Queryable<BigInt, MultiBackend> for $id {
            type Row = Self;

            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }
    )+};
}

/// Reads each listed `string_enum` from a `TEXT` column holding its wire name.
macro_rules! text_enum_columns {
    ($($enum:ty),+ $(,)?) => {$(
        impl FromSql<Text, MultiBackend> for $enum {
            fn from_sql(bytes: MultiRawValue<'_>) -> deserialize::Result<Self> {
                let text = <String as FromSql<Text, MultiBackend>>::from_sql(bytes)?;
                Ok(text.parse::<$enum>()?)
            }
        }

        impl Queryable<Text, MultiBackend> for $enum {
            type Row = Self;

            fn build(row: Self) -> deserialize::Result<Self> {
                Ok(row)
            }
        }
    )+};
}

id_columns!(
    MinuteEntryId,
    ScanId,
    CellMeetingId,
    CadreAssignmentId,
    UnitId,
    PartyOrgId,
    PersonId,
    TermId,
    HeadElectionId,
    CongressId,
    AppointmentId,
    UserId,
    ReorganizationId
);

text_enum_columns!(
    Role,
    EntryState,
    MinuteKind,
    Resolution,
    ScanType,
    MeetingKind,
    Basis,
    EndReason,
    Post,
    Outcome,
    VotingMethod,
    PartyOrgKind,
    Gender,
    PartyStatus,
    UnitKind,
    UnitLevel
);
