//! Passwords (argon2id) and opaque secrets (32 random bytes; only their
//! SHA-256 is stored, so a leaked database opens no session).

use super::Failure;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use learnscape_core::StoreError;
use learnscape_core::commons::OneTimeLink;
use learnscape_core::stamp;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// A real argon2id hash of a random password, made once: what a sign-in
/// for an unknown address is verified against.
pub fn stand_in_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_secret()).unwrap_or_default())
}

/// False for a wrong password and for a damaged hash alike.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new secret as the client will hold it (64 hex characters).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A secret must look like one before the store is asked about it.
pub fn well_formed(secret: &str) -> bool {
    secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The open link (an invitation, a password reset) that `secret` names,
/// found by its hash with `find`: 404 for an unknown secret or one that is
/// not a secret at all, 409 saying why for a closed link.
pub async fn open_link<L, F, Fut>(secret: &str, find: F) -> Result<L, Failure>
where
    L: OneTimeLink,
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<Option<L>, StoreError>>,
{
    let unknown = || {
        Failure::NotFound(format!(
            "no {} has this link: check that it was copied whole",
            L::WHAT
        ))
    };
    if !well_formed(secret) {
        return Err(unknown());
    }
    let link = find(secret_hash(secret)).await?.ok_or_else(unknown)?;
    if let Some(words) = link.closed_words(stamp::now()) {
        return Err(Failure::Conflict(words.into()));
    }
    Ok(link)
}

/// Compares without leaking where two strings first differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_and_secrets_are_random() {
        let h = hash_password("correct horse battery").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("x", "not a hash"));
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(well_formed(&a) && !well_formed("abc"));
        assert_eq!(secret_hash(&a).len(), 64);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
        assert!(stand_in_hash().starts_with("$argon2id$"));
        assert!(!verify_password("", stand_in_hash()));
    }
}
