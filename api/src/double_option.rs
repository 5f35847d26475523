//! Telling an absent field from an explicit `null` in a PATCH body: absent leaves a value
//! as it is (`None`), `null` clears it (`Some(None)`).

use serde::{Deserialize, Deserializer};

pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
