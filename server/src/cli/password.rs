//! `learnscape password EMAIL`: sets a new password for someone who forgot
//! theirs, on the server's own machine (learnscape sends no e-mail). Every
//! session and API token of the account ends, so it also locks out
//! whoever may have taken it over.

use crate::app::commons::{Failure as Refusal, password};
use crate::exit::Failure;
use clap::Args;
use learnscape_core::Store;
use std::io::{BufRead, IsTerminal, Write};
use std::process::{Command, Stdio};
use tokio::signal::unix::{SignalKind, signal};

#[derive(Debug, Args)]
#[command(
    after_help = "The new password is read from standard input, one line: typed at the \
prompt (not shown, and asked twice), or piped (`printf '%s\\n' \"$PW\" | learnscape password …`). \
Tell its owner to change it once signed in."
)]
pub struct PasswordArgs {
    /// The account's e-mail address.
    email: String,
}

pub async fn run(store: &dyn Store, args: PasswordArgs) -> Result<(), Failure> {
    let email = args.email.trim().to_lowercase();
    // Asked before the password is typed, so a typo costs no typing.
    if store.account_by_email(&email).await?.is_none() {
        return Err(unknown(&email));
    }
    let new = if std::io::stdin().is_terminal() {
        let first = prompt(&format!("New password for {email}: "))?;
        if prompt("Once more: ")? != first {
            return Err(Failure::Usage(
                "the two passwords differ; nothing changed".into(),
            ));
        }
        first
    } else {
        read_line()?
    };
    match password::reset(store, &email, &new).await {
        Ok(ended) => {
            println!("{email} has a new password; {ended} session(s) and API token(s) ended");
            Ok(())
        }
        Err(Refusal::Invalid(errors)) => Err(Failure::Usage(format!(
            "the password {}; nothing changed",
            errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Err(Refusal::NotFound(_)) => Err(unknown(&email)),
        Err(Refusal::Store(e)) => Err(e.into()),
        Err(other) => Err(Failure::Usage(format!(
            "cannot set the password: {other:?}"
        ))),
    }
}

fn unknown(email: &str) -> Failure {
    Failure::Usage(format!("no account has the e-mail address {email}"))
}

/// One line of standard input, without its line ending.
fn read_line() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::Usage(format!("cannot read the password: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Sets a terminal mode of standard input by `stty`; true if it did.
fn stty(mode: &str) -> bool {
    Command::new("stty")
        .arg(mode)
        .stdin(Stdio::inherit())
        .status()
        .is_ok_and(|s| s.success())
}

/// Asks on the terminal with echo off (by `stty`, put back afterwards).
fn prompt(question: &str) -> Result<String, Failure> {
    // Ctrl-C would end the process with echo still off, leaving the
    // terminal blind. Its listener is made before the question is asked,
    // so none slips past: Ctrl-C puts echo back first, then ends as Ctrl-C
    // does (exit 130). (Once made, a Ctrl-C after the prompt waits for the
    // short write that follows.)
    let interrupt = signal(SignalKind::interrupt()).ok();
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let hidden = stty("-echo");
    let watch = interrupt.map(|mut interrupt| {
        tokio::spawn(async move {
            if interrupt.recv().await.is_some() {
                if hidden {
                    stty("echo");
                }
                eprintln!();
                std::process::exit(130);
            }
        })
    });
    let line = read_line();
    if let Some(watch) = watch {
        watch.abort();
    }
    if hidden {
        stty("echo");
    }
    eprintln!();
    line
}
