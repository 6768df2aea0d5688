//! Lines for the terminal that never panic: `println!` and `eprintln!`
//! panic when the stream is a closed pipe (`skillgap batch … 2>&1 | head
//! -1`). A line that cannot be written is dropped; the exit code still
//! says how the run went.

use std::fmt::Display;
use std::io::Write;

/// Writes one line to standard error, ignoring a closed or failing stderr.
pub fn err_line(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Writes one line to standard output, ignoring a closed pipe (the reader
/// has all it wanted); any other failure is an error.
pub fn out_line(line: impl Display) -> anyhow::Result<()> {
    crate::output::write_stdout(format!("{line}\n").as_bytes())
}

/// `eprintln!` that never panics: formats like it and writes through
/// [`err_line`].
#[macro_export]
macro_rules! err_line {
    ($($arg:tt)*) => {
        $crate::console::err_line(format_args!($($arg)*))
    };
}
