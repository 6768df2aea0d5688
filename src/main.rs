use clap::Parser;

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
        // Through the shell, never eprintln!: that panics when stderr is a
        // closed pipe (`skillgap check FILE 2>&1 | head -3`); the exit code
        // says enough.
        let shell = skillgap::console::Shell::default();
        if code == 130 {
            // An interrupt is not an error of the input: its message stands alone.
            shell.print(format_args!("{e:#}"));
        } else {
            shell.error(format_args!("{e:#}"));
        }
        std::process::exit(code);
    }
}

#[cfg(test)]
mod tests {
    use super::MI_OPTION_PURGE_DELAY;

    /// The option number is checked against mimalloc itself: mimalloc
    /// reads `MIMALLOC_PURGE_DELAY` from the environment into the purge
    /// delay option at start, so a child process started with it set must
    /// see that value under our number. Another `libmimalloc-sys` release
    /// that renumbers the options fails here, not silently in production.
    #[test]
    fn purge_delay_option_number_is_mimallocs() {
        if let Ok(want) = std::env::var("SKILLGAP_TEST_PURGE_DELAY") {
            // SAFETY: reading an option is allowed at any time.
            let got = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
            assert_eq!(got.to_string(), want);
            return;
        }
        let me = std::env::current_exe().expect("test binary path");
        let out = std::process::Command::new(me)
            .args(["--exact", "tests::purge_delay_option_number_is_mimallocs"])
            .env("MIMALLOC_PURGE_DELAY", "4321")
            .env("SKILLGAP_TEST_PURGE_DELAY", "4321")
            .output()
            .expect("run the test binary again");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
    }
}
