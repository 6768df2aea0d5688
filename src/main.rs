use clap::Parser;
use std::io::Write;

// mimalloc: a batch allocates and frees many small objects per report on
// every worker; with glibc's malloc that was about 12% of the CPU.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the mimalloc 3 headers of the pinned
/// `libmimalloc-sys` (its Rust bindings do not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Give freed memory back after 10 ms: mimalloc's default (a second)
    // made a 10,000-person batch peak at 175 MB instead of 145; giving it
    // back at once (0) kept 128 MB but cost 5% of the batch's time in
    // system calls and page faults (A B A B, 10,000 people).
    // SAFETY: mimalloc options may be set at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    // A closed standard output (`>&-`) is noted before anything runs: a
    // report for it would otherwise vanish without a word.
    skillgap::output::guard_standard_streams();
    let cli = skillgap::cli::Cli::parse();
    if let Err(e) = skillgap::run(cli) {
        let code = skillgap::error::exit_code(&e);
        // An interrupt is not an error of the input: its message stands alone.
        let prefix = if code == 130 { "" } else { "error: " };
        // Not eprintln!: it panics when stderr is a closed pipe
        // (`skillgap check FILE 2>&1 | head -3`); the exit code says enough.
        let _ = writeln!(std::io::stderr(), "{prefix}{e:#}");
        std::process::exit(code);
    }
}
