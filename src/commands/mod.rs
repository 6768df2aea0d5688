//! One file per subcommand; each takes its checked configuration.

mod check;
mod report;
mod roles;
mod shell;
mod template;

mod batch;
mod team_summary;

pub use batch::batch;
pub use check::check;
pub use report::report;
pub use roles::roles;
pub use shell::{completions, man};
pub use team_summary::team_summary;
pub use template::template;
