//! Typed identities for catalogue entries: a [`RoleId`] cannot be passed
//! where a [`SkillId`] is meant, while both read as the `str` they wrap
//! (`Deref`, `Borrow<str>`) so maps keyed by them are looked up by `&str`
//! and output is unchanged (`#[serde(transparent)]`).

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// Defines one string-backed id type with the same conversions, so the two
/// cannot drift apart.
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as written in the catalogue.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Rewrites the id in place: the catalogue cleans what it read
            /// before anything is keyed by it.
            pub(crate) fn edit(&mut self, f: impl FnOnce(&mut String)) {
                f(&mut self.0)
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        // Hash and Eq agree with `str`'s (derived on the one `String`
        // field), which is what `Borrow` requires for map look-ups.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                Self(id.clone())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

string_id! {
    /// The id of a role profile, such as `sre`.
    RoleId
}

string_id! {
    /// The id of a catalogue skill, such as `terraform`.
    SkillId
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    #[test]
    fn serialises_as_the_bare_string() {
        let id = SkillId::from("terraform");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"terraform\"");
        let back: RoleId = serde_json::from_str("\"sre\"").unwrap();
        assert_eq!(back, "sre");
    }

    #[test]
    fn maps_keyed_by_id_are_looked_up_by_str() {
        let mut map = HashMap::new();
        map.insert(SkillId::from("kubernetes"), 3);
        assert_eq!(map.get("kubernetes"), Some(&3));
        assert_eq!(map.get("docker"), None);
        let ordered: BTreeMap<RoleId, u8> = [("sre".into(), 1), ("devops".into(), 2)].into();
        assert_eq!(ordered.get("sre"), Some(&1));
        let keys: Vec<&str> = ordered.keys().map(RoleId::as_str).collect();
        assert_eq!(keys, ["devops", "sre"], "orders as the strings do");
    }

    #[test]
    fn compares_with_strings_both_ways() {
        let id = RoleId::from(String::from("devops"));
        assert!(id == "devops");
        assert!("devops" == id);
        assert!(id != *"sre");
        let owned = String::from("devops");
        assert!(owned == id);
        assert_eq!(id.to_string(), "devops");
        assert_eq!(id.len(), 6, "reads as str through Deref");
        assert_eq!(String::from(id), "devops");
    }
}
