//! `learnscape password` at a real terminal: a pty made by util-linux's
//! `script`. Ctrl-C at the hidden prompt must give the terminal its echo
//! back (else whatever is typed next stays unseen) and end as Ctrl-C does.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[tokio::test]
async fn ctrl_c_at_the_password_prompt_gives_the_terminal_its_echo_back() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("store.db");
    let (store, _) = common::store_with_ana(&path).await;
    store.close().await;

    // The shell outlives the Ctrl-C (`trap :`) to report how learnscape
    // ended and what the terminal was left as.
    let inner = format!(
        "trap : INT; {} --store {} password ana@example.org; echo exit=$?; stty -a; echo stty-read",
        env!("CARGO_BIN_EXE_learnscape"),
        path.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &format!("sh -c '{inner}'"), "/dev/null"])
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run script (util-linux)");
    let mut out = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = String::new();
    let read_until = |what: &str, seen: &mut String| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !seen.contains(what) {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(bytes) => seen.push_str(&String::from_utf8_lossy(&bytes)),
                Err(_) => panic!("no {what:?} in: {seen}"),
            }
        }
    };
    read_until("New password for ana@example.org", &mut seen);
    // Echo goes off just after the question is printed.
    std::thread::sleep(Duration::from_millis(500));
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"\x03").expect("Ctrl-C");
    stdin.flush().expect("flush");
    read_until("stty-read", &mut seen);
    drop(stdin);
    let _ = child.wait();

    assert!(seen.contains("exit=130"), "{seen}");
    let stty = &seen[seen.find("exit=").unwrap_or(0)..];
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(
        flags.contains(&"echo") && !flags.contains(&"-echo"),
        "echo is off after Ctrl-C: {stty}"
    );
}
