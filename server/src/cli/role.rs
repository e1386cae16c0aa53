//! `learnscape role EMAIL ROLE`: grants a role to an account. The way the
//! first admin or moderator is made — on the server's own machine, not
//! over the API.

use crate::exit::Failure;
use clap::Args;
use learnscape_core::Store;
use learnscape_core::commons::Role;

#[derive(Debug, Args)]
pub struct RoleArgs {
    /// The account's e-mail address (it signed up through the API or the map).
    email: String,
    /// member, moderator or admin.
    #[arg(value_parser = ["member", "moderator", "admin"])]
    role: String,
}

pub async fn run(store: &dyn Store, args: RoleArgs) -> Result<(), Failure> {
    let role = Role::parse(&args.role)
        .ok_or_else(|| Failure::Usage(format!("unknown role {:?}", args.role)))?;
    let email = args.email.trim().to_lowercase();
    let Some(account) = store.account_by_email(&email).await? else {
        return Err(Failure::Usage(format!(
            "no account has the e-mail address {email}; sign up first"
        )));
    };
    // The server's own machine may change any role, the last admin's too:
    // it is how a registry left without an admin gets one back.
    store.set_role(account.id, role, false).await?;
    println!("{email} is now {}", role.as_str());
    Ok(())
}
