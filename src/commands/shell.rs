//! `skillgap completions SHELL` and `skillgap man`: the shell completion
//! script and the manual page, both generated from the command-line
//! definition so they never disagree with it.

use crate::output::write_stdout;
use clap::CommandFactory;

/// Writes the completion script for `shell` to standard output.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut cmd = crate::cli::Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut cmd, "skillgap", &mut bytes);
    write_stdout(&bytes)
}

/// Writes the manual page (roff, section 1) to standard output: the
/// top-level page, then a page per subcommand (`skillgap-report`, ...)
/// with its options and examples.
pub fn man() -> anyhow::Result<()> {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let mut bytes = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut bytes)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("skillgap-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(name.replacen('-', " ", 1));
        clap_mangen::Man::new(sub).render(&mut bytes)?;
    }
    write_stdout(&bytes)
}
