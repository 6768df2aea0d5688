//! The one path to the terminal, like cargo's `Shell`: every warning,
//! note, status line and error a command shows goes through [`Shell`],
//! which decides once whether `--quiet` hides it and whether standard
//! output may use colour.
//!
//! Nothing here panics: `println!` and `eprintln!` panic when the stream is
//! a closed pipe (`skillgap batch … 2>&1 | head -1`). A line that cannot be
//! written to standard error is dropped; the exit code still says how the
//! run went.

use std::fmt::Display;
use std::io::Write;

/// What a command may show, and how: built once per run from `--quiet`
/// and the terminal (see `config`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Shell {
    /// `--quiet`: no notes and no status line; warnings and errors stay.
    quiet: bool,
    /// Standard output is a terminal and `NO_COLOR` is not set.
    color: bool,
}

impl Shell {
    /// A shell that hides notes and status lines when `quiet`, and lets
    /// standard output use colour when `color`.
    pub fn new(quiet: bool, color: bool) -> Self {
        Shell { quiet, color }
    }

    /// Whether `--quiet` hides notes and the status line.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Whether text written to standard output may use colour.
    pub fn color(&self) -> bool {
        self.color
    }

    /// `warning: …`: something the reader must know (a rating not used, a
    /// glyph not drawn, a file kept); never hidden.
    pub fn warn(&self, message: impl Display) {
        err_line(format_args!("warning: {message}"));
    }

    /// `note: …`: what the run did on its own (a file skipped, temporary
    /// files removed); hidden by `--quiet`.
    pub fn note(&self, message: impl Display) {
        if !self.quiet {
            err_line(format_args!("note: {message}"));
        }
    }

    /// The final line of a run (`… reports, … failed → out`); hidden by
    /// `--quiet`.
    pub fn status(&self, message: impl Display) {
        if !self.quiet {
            err_line(message);
        }
    }

    /// `error: …`: one thing that failed while the run went on (a person's
    /// rows, a file not written); never hidden.
    pub fn error(&self, message: impl Display) {
        err_line(format_args!("error: {message}"));
    }

    /// A line already worded in full (its own label, or none: an input not
    /// understood, an interrupt); never hidden.
    pub fn print(&self, line: impl Display) {
        err_line(line);
    }

    /// One line of the command's answer on standard output (a written
    /// file's path); a closed pipe is not an error, any other failure is.
    pub fn out_line(&self, line: impl Display) -> anyhow::Result<()> {
        crate::output::write_stdout(format!("{line}\n").as_bytes())
    }
}

/// Writes one line to standard error, ignoring a closed or failing stderr.
/// Commands use [`Shell`]; this is its one writer.
fn err_line(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
