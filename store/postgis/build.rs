//! `sqlx::migrate!` embeds `migrations/` when the crate compiles, and Cargo
//! only reruns a macro when a file it already knows changes: a migration
//! added on its own would leave binaries and tests migrating to the old
//! list. This reruns the build (and so the macro) when the folder changes,
//! as sqlx's documentation advises.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
