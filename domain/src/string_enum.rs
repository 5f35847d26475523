//! Enums that travel as stable snake_case strings in JSON and in the database.

/// A string that names no variant of the enum it was parsed as. Its message lists the
/// strings that would have done, never the Rust type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not one of `{}`", expected.join("`, `"))]
pub struct UnknownValue {
    pub value: String,
    pub expected: &'static [&'static str],
}

/// Defines an enum whose variants map one-to-one to strings, with `as_str`, `FromStr`,
/// `Display`, serde and (with the `openapi` feature) a utoipa schema listing the strings.
macro_rules! string_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::string_enum::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::string_enum::UnknownValue {
                        value: s.to_owned(),
                        expected: &[$($text),+],
                    }),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::string_enum::UnknownValue;

            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        // Written out rather than derived: utoipa's derive does not see a `serde(rename)`
        // whose string comes from a macro argument, and would document the Rust names.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let docs: &[&str] = &[$($doc),*];
                let description = docs.iter().map(|line| line.trim()).collect::<Vec<_>>().join("\n");
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description((!description.is_empty()).then_some(description))
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;
