use clap::Parser;

fn main() {
    let cli = skillgap::cli::Cli::parse();
    if let Err(e) = skillgap::run(cli) {
        eprintln!("error: {e:#}");
        std::process::exit(skillgap::error::exit_code(&e));
    }
}
