use clap::Parser;

fn main() {
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
