use clap::Parser;

// mimalloc: a batch allocates and frees many small objects per report on
// every worker; with glibc's malloc that was about 12% of the CPU.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the mimalloc 3 headers of the pinned
/// `libmimalloc-sys` (its Rust bindings do not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // Give freed memory back at once: by default mimalloc keeps it for a
    // second, which made a 2,000-person batch peak at 140 MB instead of 100.
    // SAFETY: mimalloc options may be set at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = skillgap::cli::Cli::parse();
    if let Err(e) = skillgap::run(cli) {
        let code = skillgap::error::exit_code(&e);
        // An interrupt is not an error of the input: its message stands alone.
        if code == 130 {
            eprintln!("{e:#}");
        } else {
            eprintln!("error: {e:#}");
        }
        std::process::exit(code);
    }
}
