//! Ids, one type per kind of record, so that a unit's id cannot be passed where a
//! person's is meant. On the wire and in the database each is a plain 64-bit integer.

/// Defines an id newtype with conversions, serde as a bare integer and (with the
/// `openapi` feature) a schema of its own.
macro_rules! ids {
    ($($(#[doc = $doc:literal])+ $name:ident;)+) => {$(
        $(#[doc = $doc])+
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                Self(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let docs: &[&str] = &[$($doc),+];
                let description = docs.iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n");
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::Integer)
                    .format(Some(utoipa::openapi::schema::SchemaFormat::KnownFormat(
                        utoipa::openapi::schema::KnownFormat::Int64,
                    )))
                    .description(Some(description))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }
    )+};
}

ids! {
    /// A unit's id: stable forever, whatever the unit is renamed or recoded to.
    UnitId;
    /// A Party organisation's id.
    PartyOrgId;
    /// A person's id.
    PersonId;
    /// A term's id.
    TermId;
    /// A village head election's id.
    HeadElectionId;
    /// A cell congress's id.
    CongressId;
    /// A tenure's id.
    AppointmentId;
    /// A sign-in account's id.
    UserId;
    /// A cell meeting's id.
    CellMeetingId;
    /// A cadre's assignment to a cell's id.
    CadreAssignmentId;
    /// A scan of a minute's id.
    ScanId;
    /// A minute typed twice's id.
    MinuteEntryId;
    /// A reorganisation's id.
    ReorganizationId;
}
