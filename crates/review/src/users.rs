//! Who may use the review service: `users.toml`, with argon2id password hashes and
//! SHA-256 hashes of API tokens (never the secrets themselves).
//!
//! ```toml
//! [[users]]
//! name = "ana"
//! role = "analyst"
//! password_hash = "$argon2id$v=19$m=19456,t=2,p=1$..."   # interdict review hash-password
//! token_sha256 = ["9f86d0..."]                            # interdict review new-token
//! ```
//!
//! An API token is 32 random bytes: hashing it once with SHA-256 is enough (there is
//! nothing to guess), and lets every request be checked in microseconds. A password is
//! chosen by a person, so it is stored as a slow, salted argon2id hash.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::{OsRng, RngCore};
use serde::Deserialize;

use crate::workflow::{Actor, Role};

/// One user as configured.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// A PHC string, `$argon2id$...`.
    #[serde(default)]
    pub password_hash: Option<String>,
    /// Lower-case hex SHA-256 of each API token the user may present.
    #[serde(default)]
    pub token_sha256: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsersFile {
    #[serde(default)]
    users: Vec<User>,
}

/// Why a users file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("users file: {0}")]
pub struct UsersError(pub String);

/// The users of one service.
#[derive(Debug, Clone, Default)]
pub struct Users {
    users: Vec<User>,
}

impl Users {
    /// Reads a `users.toml` text: every user has a unique name, a credential, and
    /// well-formed hashes.
    pub fn from_toml(text: &str) -> Result<Users, UsersError> {
        let file: UsersFile = toml::from_str(text).map_err(|e| UsersError(e.to_string()))?;
        let mut seen = std::collections::HashSet::new();
        for user in &file.users {
            if user.name.trim().is_empty() {
                return Err(UsersError("a user has an empty name".into()));
            }
            if !seen.insert(user.name.as_str()) {
                return Err(UsersError(format!("user {:?} is listed twice", user.name)));
            }
            if user.password_hash.is_none() && user.token_sha256.is_empty() {
                return Err(UsersError(format!("user {:?} has neither a password hash nor a token", user.name)));
            }
            if let Some(hash) = &user.password_hash {
                let parsed = PasswordHash::new(hash)
                    .map_err(|e| UsersError(format!("user {:?}: password_hash is not a PHC string: {e}", user.name)))?;
                if parsed.algorithm.as_str() != "argon2id" {
                    return Err(UsersError(format!(
                        "user {:?}: password_hash uses {}, argon2id is required",
                        user.name, parsed.algorithm
                    )));
                }
            }
            for token in &user.token_sha256 {
                if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
                    return Err(UsersError(format!(
                        "user {:?}: token_sha256 {token:?} is not 64 lower-case hex digits",
                        user.name
                    )));
                }
            }
        }
        Ok(Users { users: file.users })
    }

    pub fn users(&self) -> &[User] {
        &self.users
    }

    /// The user holding API token `token`.
    pub fn by_token(&self, token: &str) -> Option<Actor> {
        let hash = sha256_hex(token.as_bytes());
        self.users
            .iter()
            .find(|u| u.token_sha256.iter().any(|t| t == &hash))
            .map(|u| Actor { user: u.name.clone(), role: u.role })
    }

    /// The user `name` if `password` is theirs.
    pub fn by_password(&self, name: &str, password: &str) -> Option<Actor> {
        let user = self.users.iter().find(|u| u.name == name)?;
        let hash = PasswordHash::new(user.password_hash.as_deref()?).ok()?;
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .ok()
            .map(|()| Actor { user: user.name.clone(), role: user.role })
    }
}

/// An argon2id hash of `password` (PHC string) with a fresh random salt, for
/// `users.toml`.
pub fn hash_password(password: &str) -> Result<String, UsersError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| UsersError(format!("hashing the password: {e}")))
}

/// A new random API token and the SHA-256 to put in `users.toml`.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hash = sha256_hex(token.as_bytes());
    (token, hash)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_and_a_token_identify_their_user() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        let (token, token_hash) = new_token();
        let text = format!(
            "[[users]]\nname = \"ana\"\nrole = \"analyst\"\npassword_hash = \"{hash}\"\n\
             [[users]]\nname = \"sue\"\nrole = \"supervisor\"\ntoken_sha256 = [\"{token_hash}\"]\n"
        );
        let users = Users::from_toml(&text).unwrap();
        assert_eq!(users.by_password("ana", "correct horse").map(|a| a.role), Some(Role::Analyst));
        assert_eq!(users.by_password("ana", "wrong"), None);
        assert_eq!(users.by_password("sue", "correct horse"), None, "sue has no password");
        assert_eq!(users.by_token(&token).map(|a| a.user), Some("sue".to_string()));
        assert_eq!(users.by_token("not-a-token"), None);
    }

    #[test]
    fn bad_users_files_are_refused_with_the_reason() {
        let token = "a".repeat(64);
        let cases = [
            ("[[users]]\nname = \"ana\"\nrole = \"analyst\"\n", "neither a password hash nor a token"),
            (
                &format!("[[users]]\nname = \"ana\"\nrole = \"analyst\"\ntoken_sha256 = [\"{token}\"]\n[[users]]\nname = \"ana\"\nrole = \"auditor\"\ntoken_sha256 = [\"{token}\"]\n"),
                "listed twice",
            ),
            ("[[users]]\nname = \"ana\"\nrole = \"boss\"\ntoken_sha256 = []\n", "unknown variant"),
            ("[[users]]\nname = \"ana\"\nrole = \"analyst\"\ntoken_sha256 = [\"ABC\"]\n", "64 lower-case hex"),
            ("[[users]]\nname = \"ana\"\nrole = \"analyst\"\npassword_hash = \"hunter2\"\n", "not a PHC string"),
            (
                "[[users]]\nname = \"ana\"\nrole = \"analyst\"\npassword_hash = \"$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo\"\n",
                "argon2id is required",
            ),
            ("[[users]]\nname = \"ana\"\nrole = \"analyst\"\npasword = \"x\"\n", "unknown field"),
        ];
        for (text, why) in cases {
            let error = Users::from_toml(text).expect_err(text).to_string();
            assert!(error.contains(why), "{text}: {error}");
        }
    }
}
