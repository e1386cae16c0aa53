// The release binary embeds the built web client (web/dist, see
// routes/client.rs); rebuild when it changes, since files that appear
// after a build are not otherwise tracked.
fn main() {
    println!("cargo:rerun-if-changed=../web/dist");
}
