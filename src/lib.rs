//! skillgap: self-rated skills in, a skill-gap report with a dated learning
//! plan out. The binary is a thin shell around [`run`]: parse → resolve →
//! run, with `config` the only place that turns arguments into settings.

pub mod batch;
pub mod cli;
pub mod commands;
pub mod config;
pub mod console;
pub mod input;
pub mod output;
pub mod render;

// The core library's layers, under the paths the rest of the binary uses.
pub use skillgap_core::{analysis, catalog, error, ingest, model, plan, regular_file, text};

use config::Config;

/// Resolves the command line against the environment and runs it.
pub fn run(cli: cli::Cli) -> anyhow::Result<()> {
    let env = config::Env::from_process();
    let config = config::resolve(cli, &env)?;
    let shell = config.shell(&env);
    match &config {
        Config::Report(c) => commands::report(c, &shell),
        Config::Roles(c) => commands::roles(c),
        Config::Template(c) => commands::template(c),
        Config::Check(c) => commands::check(c),
        Config::Batch(c) => commands::batch(c, &shell),
        Config::TeamSummary(c) => commands::team_summary(c, &shell),
        Config::Completions(shell) => commands::completions(*shell),
        Config::Man => commands::man(),
    }
}
