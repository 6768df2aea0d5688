//! Turns the parsed command line (and the few environment variables we
//! honour) into a checked configuration. The only place that reads the
//! clock or the environment.

use crate::analysis::assessment::DuplicatePolicy;
use crate::analysis::raters::Basis;
use crate::catalog::Catalog;
use crate::cli::{self, Cli, Command, ListFormat, OnDuplicate, Paper, ReportFormat};
use crate::console::Shell;
use crate::error::UsageError;
use crate::model::UnratedPolicy;
use crate::plan::{PlanOptions, default_start};
use crate::render::pdf::PdfSettings;
use crate::render::pdf::draw::PageSize;
use chrono::NaiveDate;
use std::io::IsTerminal;
use std::path::Path;
use std::path::PathBuf;

mod shard;
mod team;
pub use crate::analysis::AnalysisSettings;
pub use crate::batch::{BatchConfig, TeamOptions};
pub use crate::input::{Input, InputConfig, ReadSettings};
pub use shard::Scheduler;
use shard::parse_shard;
use team::team_options;

pub use crate::cli::DEFAULT_MAX_INPUT_MB;

/// The templates in force, the links skipped in `--templates` said once.
fn load_catalog(dir: Option<&Path>) -> anyhow::Result<Catalog> {
    let (catalog, warnings) = Catalog::load(dir)?;
    // The catalogue words its warnings in full ("warning: …"); they are
    // never hidden, so no `--quiet` is needed yet.
    let shell = Shell::default();
    for w in warnings {
        shell.print(w);
    }
    Ok(catalog)
}

/// `--jobs` may be at most this many threads per core.
pub const MAX_JOBS_PER_CORE: usize = 4;

/// The largest `--jobs` accepted on a machine with `cores` cores.
pub fn max_jobs(cores: usize) -> usize {
    MAX_JOBS_PER_CORE.saturating_mul(cores.max(1))
}

/// A checked `report` invocation.
#[derive(Debug)]
pub struct ReportConfig {
    /// Ratings to read.
    pub input: InputConfig,
    /// Templates in force.
    pub catalog: Catalog,
    /// What is compared and how it is counted.
    pub analysis: AnalysisSettings,
    /// Output format.
    pub format: ReportFormat,
    /// Output file; None = the format's default (standard output for text
    /// and JSON, `<person>-skillgap.pdf` for PDF).
    pub output: Option<PathBuf>,
    /// `-o -`: standard output, whatever the format (PDF too).
    pub stdout: bool,
    /// Person to pick from a team file.
    pub person: Option<String>,
    /// The role id the person aims at (`--target`).
    pub target: Option<String>,
    /// How the PDF is drawn.
    pub pdf: PdfSettings,
    /// An earlier assessment to compare with (`--previous`).
    pub previous: Option<InputConfig>,
    /// The `--templates` folder, which no output may be written into.
    pub templates: Option<PathBuf>,
}

/// A checked `roles` invocation.
#[derive(Debug)]
pub struct RolesConfig {
    /// Templates in force.
    pub catalog: Catalog,
    /// Role id to show in full.
    pub role: Option<String>,
    /// Output format.
    pub format: ListFormat,
    /// `--check-catalog`: check the learning catalogue as of this date
    /// instead of listing roles.
    pub check_catalog: Option<NaiveDate>,
}

/// A checked `template` invocation.
#[derive(Debug)]
pub struct TemplateConfig {
    /// Templates in force.
    pub catalog: Catalog,
    /// Role ids whose skills to include (empty: all roles).
    pub roles: Vec<String>,
    /// Wide layout.
    pub wide: bool,
}

/// A checked `check` invocation.
#[derive(Debug)]
pub struct CheckConfig {
    /// Ratings to read.
    pub input: InputConfig,
    /// Templates in force.
    pub catalog: Catalog,
}

/// A checked `team-summary` invocation.
#[derive(Debug)]
pub struct TeamSummaryConfig {
    /// Folders with per-person JSON reports.
    pub dirs: Vec<PathBuf>,
    /// Output folder.
    pub output: PathBuf,
    /// Templates in force.
    pub catalog: Catalog,
    /// Role ids compared (empty: every role).
    pub roles: Vec<String>,
    /// How the PDF is drawn.
    pub pdf: PdfSettings,
    /// "Today".
    pub today: NaiveDate,
    /// The `--templates` folder, which no output may be written into.
    pub templates: Option<PathBuf>,
    /// How the team summary reads target roles and groups.
    pub team: TeamOptions,
    /// No final line.
    pub quiet: bool,
    /// `--date` was given (else the shards' date is used).
    pub date_given: bool,
    /// `--role` was given (else the shards' roles are compared).
    pub roles_given: bool,
    /// `--allow-partial`: merge missing or unfinished shards on purpose.
    pub allow_partial: bool,
    /// Threads reading the shards' reports.
    pub jobs: usize,
}

/// What to run.
#[derive(Debug)]
pub enum Config {
    /// `report`.
    Report(Box<ReportConfig>),
    /// `roles`.
    Roles(RolesConfig),
    /// `template`.
    Template(TemplateConfig),
    /// `check`.
    Check(CheckConfig),
    /// `batch`.
    Batch(Box<BatchConfig>),
    /// `team-summary`.
    TeamSummary(TeamSummaryConfig),
    /// `completions SHELL`.
    Completions(clap_complete::Shell),
    /// `man`.
    Man,
}

impl Config {
    /// The shell the command speaks through: `--quiet` where the command
    /// has it, colour when standard output is a terminal and `NO_COLOR`
    /// is not set.
    pub fn shell(&self, env: &Env) -> Shell {
        let quiet = match self {
            Config::Batch(c) => c.quiet,
            Config::TeamSummary(c) => c.quiet,
            _ => false,
        };
        Shell::new(quiet, env.stdout_tty && !env.no_color)
    }
}

/// What `resolve` may read from the process environment.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `SOURCE_DATE_EPOCH`.
    pub source_date_epoch: Option<String>,
    /// Whether `NO_COLOR` is set to something non-empty.
    pub no_color: bool,
    /// Whether standard output is a terminal.
    pub stdout_tty: bool,
    /// Whether standard error is a terminal (progress bars).
    pub stderr_tty: bool,
    /// Cores available.
    pub cores: usize,
    /// Today's date from the clock.
    pub clock_today: NaiveDate,
    /// A job scheduler's task index and count, for `--shard auto`.
    pub scheduler: Scheduler,
}

impl Env {
    /// Reads the real environment and clock.
    pub fn from_process() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Env {
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            stdout_tty: std::io::stdout().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            clock_today: date_from_epoch(secs as i64).unwrap_or_default(),
            scheduler: Scheduler::from_vars(|v| std::env::var(v).ok()),
        }
    }
}

fn date_from_epoch(secs: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?
        .checked_add_signed(chrono::TimeDelta::try_days(secs.div_euclid(86_400))?)
}

/// Checks the command line against the templates and the environment.
pub fn resolve(cli: Cli, env: &Env) -> anyhow::Result<Config> {
    Ok(match cli.command {
        Command::Report(a) => Config::Report(Box::new(report(a, env)?)),
        Command::Roles(a) => Config::Roles(roles(a, env)?),
        Command::Template(a) => {
            let catalog = load_catalog(a.templates.templates.as_deref())?;
            let roles = resolve_roles(&catalog, &a.roles)?;
            Config::Template(TemplateConfig {
                catalog,
                roles,
                wide: a.wide,
            })
        }
        Command::Batch(a) => Config::Batch(Box::new(batch(a, env)?)),
        Command::TeamSummary(a) => Config::TeamSummary(team_summary(a, env)?),
        Command::Completions(a) => Config::Completions(a.shell),
        Command::Man => Config::Man,
        Command::Check(a) => {
            let catalog = load_catalog(a.read.templates.templates.as_deref())?;
            let read = read_settings(&a.read, 1)?;
            Config::Check(CheckConfig {
                input: InputConfig {
                    input: input(&a.input),
                    read,
                },
                catalog,
            })
        }
    })
}

/// `report`: one person, one output.
fn report(a: cli::ReportArgs, env: &Env) -> anyhow::Result<ReportConfig> {
    let templates = a.read.templates.templates.clone();
    let catalog = load_catalog(templates.as_deref())?;
    let read = read_settings(&a.read, 1)?;
    let analysis = analysis_settings(&a.analysis, &a.plan, &catalog, env)?;
    let target = match a.target.as_deref() {
        Some(t) => {
            let id = resolve_roles(&catalog, &[t.to_string()])?.remove(0);
            let roles = &analysis.roles;
            if !roles.is_empty() && !roles.contains(&id) {
                return Err(UsageError(format!(
                    "--target {t} is not among the roles compared (--role); add --role {id}"
                ))
                .into());
            }
            Some(id)
        }
        None => None,
    };
    Ok(ReportConfig {
        target,
        pdf: pdf_settings(&a.pdf),
        analysis,
        previous: a.previous.map(|p| InputConfig {
            input: Input::File(p),
            read: read.clone(),
        }),
        input: InputConfig {
            input: input(&a.input),
            read,
        },
        format: a.format,
        stdout: a.output.as_deref() == Some(Path::new("-")),
        output: a.output.filter(|o| o != Path::new("-")),
        person: a.person,
        templates,
        catalog,
    })
}

/// `roles`: list them, show one, or check the learning catalogue.
fn roles(a: cli::RolesArgs, env: &Env) -> anyhow::Result<RolesConfig> {
    let catalog = load_catalog(a.templates.templates.as_deref())?;
    let role = match &a.role {
        Some(q) => resolve_roles(&catalog, std::slice::from_ref(q))?
            .into_iter()
            .next(),
        None => None,
    };
    let check_catalog = if a.check_catalog {
        Some(today(a.date.as_deref(), env)?)
    } else {
        None
    };
    Ok(RolesConfig {
        catalog,
        role,
        format: a.format,
        check_catalog,
    })
}

/// `batch`: every person of the inputs, and the team files.
fn batch(a: cli::BatchArgs, env: &Env) -> anyhow::Result<BatchConfig> {
    let templates = a.read.templates.templates.clone();
    let catalog = load_catalog(templates.as_deref())?;
    let analysis = analysis_settings(&a.analysis, &a.plan, &catalog, env)?;
    let shard = a
        .shard
        .as_deref()
        .map(|s| parse_shard(s, &env.scheduler))
        .transpose()?;
    let read = read_settings(&a.read, shard.map_or(1, |(_, n)| n))?;
    let team = team_options(&catalog, &analysis.roles, &a.team)?;
    Ok(BatchConfig {
        team,
        write_pdf: a.format.contains(&cli::BatchFormat::Pdf),
        // A shard's JSON is what team-summary merges: always written.
        write_json: a.format.contains(&cli::BatchFormat::Json) || shard.is_some(),
        inputs: a.inputs,
        output: a.output,
        jobs: jobs(a.jobs, env.cores)?,
        progress: env.stderr_tty && !a.quiet,
        quiet: a.quiet,
        shard,
        read,
        analysis,
        pdf: pdf_settings(&a.pdf),
        previous: a.previous,
        templates,
        catalog,
    })
}

/// `--jobs` checked: at least one, at most [`max_jobs`]; default one per core.
fn jobs(jobs: Option<usize>, cores: usize) -> Result<usize, UsageError> {
    let max = max_jobs(cores);
    match jobs {
        Some(0) => Err(UsageError("--jobs must be at least 1".into())),
        Some(n) if n > max => Err(UsageError(format!(
            "--jobs {n} is more than the maximum of {max} ({MAX_JOBS_PER_CORE} per core on this machine's {} core(s)); more threads than that only slow a run down",
            cores.max(1)
        ))),
        Some(n) => Ok(n),
        None => Ok(cores.max(1)),
    }
}

/// `team-summary`: the team files from the shards' JSON reports.
fn team_summary(a: cli::TeamSummaryArgs, env: &Env) -> anyhow::Result<TeamSummaryConfig> {
    let catalog = load_catalog(a.templates.templates.as_deref())?;
    let roles = resolve_roles(&catalog, &a.roles)?;
    let team = team_options(&catalog, &roles, &a.team)?;
    Ok(TeamSummaryConfig {
        jobs: jobs(a.jobs, env.cores)?,
        team,
        quiet: a.quiet,
        date_given: a.date.is_some(),
        roles_given: !a.roles.is_empty(),
        allow_partial: a.allow_partial,
        dirs: a.dirs,
        output: a.output,
        roles,
        pdf: pdf_settings(&a.pdf),
        today: today(a.date.as_deref(), env)?,
        templates: a.templates.templates,
        catalog,
    })
}

/// The reading group (`--encoding`, `--max-input-mb`, `--columns`,
/// `--sheet`, `--transpose`, `scale.toml`) as settings; `shards` raises
/// the per-input limits of a sharded run.
fn read_settings(a: &cli::ReadArgs, shards: u64) -> anyhow::Result<ReadSettings> {
    Ok(ReadSettings {
        encoding: a.encoding.clone(),
        max_input_bytes: a.max_input_mb.saturating_mul(1 << 20),
        transpose: a.transpose,
        shards,
        ..ReadSettings::new(
            a.columns.as_deref(),
            a.sheet.clone(),
            a.templates.templates.as_deref(),
        )?
    })
}

/// The analysis group (`--role`, `--date`, `--on-duplicate`, `--basis`,
/// `--unrated`) and the plan group as settings.
fn analysis_settings(
    a: &cli::AnalysisArgs,
    plan: &cli::PlanArgs,
    catalog: &Catalog,
    env: &Env,
) -> anyhow::Result<AnalysisSettings> {
    let today = today(a.date.as_deref(), env)?;
    Ok(AnalysisSettings {
        roles: resolve_roles(catalog, &a.roles)?,
        plan: plan_options(plan, today)?,
        today,
        on_duplicate: match a.on_duplicate {
            OnDuplicate::Error => DuplicatePolicy::Error,
            OnDuplicate::Max => DuplicatePolicy::Max,
            OnDuplicate::Last => DuplicatePolicy::Last,
        },
        basis: match a.basis {
            cli::BasisArg::SelfRating => Basis::SelfRating,
            cli::BasisArg::Manager => Basis::Manager,
            cli::BasisArg::Min => Basis::Min,
        },
        unrated: match a.unrated {
            cli::UnratedArg::Skip => UnratedPolicy::Skip,
            cli::UnratedArg::Zero => UnratedPolicy::Zero,
        },
    })
}

/// The PDF group (`--paper`, `--font`) as settings.
fn pdf_settings(a: &cli::PdfArgs) -> PdfSettings {
    PdfSettings {
        paper: match a.paper {
            Paper::A4 => PageSize::A4,
            Paper::Letter => PageSize::Letter,
        },
        fonts: a.fonts.clone(),
    }
}

/// The input argument: `-` is standard input.
fn input(a: &str) -> Input {
    if a == "-" {
        Input::Stdin
    } else {
        Input::File(PathBuf::from(a))
    }
}

/// Role queries → role ids, in order, without repeats.
fn resolve_roles(catalog: &Catalog, queries: &[String]) -> Result<Vec<String>, UsageError> {
    let mut ids: Vec<String> = Vec::new();
    for q in queries {
        let Some(role) = catalog.role(q) else {
            let valid: Vec<String> = catalog
                .roles
                .iter()
                .map(|r| format!("{} ({})", r.id, r.title))
                .collect();
            return Err(UsageError(format!(
                "unknown role \"{q}\"; valid roles: {}",
                valid.join(", ")
            )));
        };
        if !ids.iter().any(|id| *id == role.id) {
            ids.push(role.id.to_string());
        }
    }
    Ok(ids)
}

fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, UsageError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        UsageError(format!(
            "{flag} \"{text}\" is not a date; use YYYY-MM-DD, e.g. 2026-11-26"
        ))
    })
}

/// Checks the plan options: a positive pace and an end after the start.
fn plan_options(a: &cli::PlanArgs, today: NaiveDate) -> Result<PlanOptions, UsageError> {
    let start = match &a.start {
        Some(s) => parse_date("--start", s)?,
        None => default_start(today),
    };
    if !(a.hours_per_week.is_finite() && a.hours_per_week > 0.0 && a.hours_per_week <= 168.0) {
        return Err(UsageError(format!(
            "--hours-per-week {} must be more than 0 and at most 168",
            a.hours_per_week
        )));
    }
    let horizon_end = match &a.until {
        Some(u) => parse_date("--until", u)?,
        None => {
            if !(1..=520).contains(&a.horizon) {
                return Err(UsageError(format!(
                    "--horizon {} must be between 1 and 520 weeks",
                    a.horizon
                )));
            }
            start
                .checked_add_signed(chrono::TimeDelta::days(a.horizon * 7 - 1))
                .ok_or_else(|| {
                    UsageError("--horizon goes past the last representable date".into())
                })?
        }
    };
    if horizon_end <= start {
        return Err(UsageError(format!(
            "the plan would end ({horizon_end}) before it starts ({start}); choose a later --until or an earlier --start"
        )));
    }
    Ok(PlanOptions {
        start,
        hours_per_week: a.hours_per_week,
        horizon_end,
        cloud: a.cloud.map(|c| c.id().to_string()),
    })
}

/// `--date`, else `SOURCE_DATE_EPOCH`, else the clock.
fn today(date: Option<&str>, env: &Env) -> Result<NaiveDate, UsageError> {
    if let Some(d) = date {
        return parse_date("--date", d);
    }
    if let Some(epoch) = env.source_date_epoch.as_deref().filter(|s| !s.is_empty()) {
        return epoch
            .trim()
            .parse::<i64>()
            .ok()
            // The reproducible-builds rule: a count of seconds from 1970 on,
            // never before (-1 would date every report 1969-12-31).
            .filter(|s| *s >= 0)
            .and_then(date_from_epoch)
            .filter(|d| chrono::Datelike::year(d) <= 9999)
            .ok_or_else(|| {
                UsageError(format!(
                    "SOURCE_DATE_EPOCH=\"{epoch}\" is not a number of seconds since 1970 (0 or more, before the year 10000); unset it or fix it"
                ))
            });
    }
    Ok(env.clock_today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Env {
        Env {
            clock_today: NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
            ..Env::default()
        }
    }

    #[test]
    fn date_flag_wins_then_epoch_then_clock() {
        let mut e = env();
        e.source_date_epoch = Some("1764115200".into()); // 2025-11-26
        assert_eq!(
            today(Some("2026-11-26"), &e).unwrap().to_string(),
            "2026-11-26"
        );
        assert_eq!(today(None, &e).unwrap().to_string(), "2025-11-26");
        assert_eq!(today(None, &env()).unwrap().to_string(), "2026-01-02");
    }

    #[test]
    fn bad_dates_are_usage_errors() {
        assert!(today(Some("26/11/2026"), &env()).is_err());
        let mut e = env();
        e.source_date_epoch = Some("soon".into());
        assert!(today(None, &e).is_err());
        for bad in ["-1", "-86400", "999999999999999"] {
            e.source_date_epoch = Some(bad.into());
            let err = today(None, &e).unwrap_err();
            assert!(err.0.contains("0 or more"), "{bad}: {}", err.0);
        }
        e.source_date_epoch = Some("0".into());
        assert_eq!(today(None, &e).unwrap().to_string(), "1970-01-01");
    }

    fn plan_args(
        start: Option<&str>,
        hours: f64,
        horizon: i64,
        until: Option<&str>,
    ) -> cli::PlanArgs {
        cli::PlanArgs {
            start: start.map(str::to_string),
            hours_per_week: hours,
            horizon,
            until: until.map(str::to_string),
            cloud: None,
        }
    }

    #[test]
    fn plan_defaults_to_monday_after_and_26_weeks() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let p = plan_options(&plan_args(None, 5.0, 26, None), today).unwrap();
        assert_eq!(p.start.to_string(), "2026-11-30");
        assert_eq!(p.horizon_end.to_string(), "2027-05-30");
        let p = plan_options(
            &plan_args(Some("2027-01-04"), 3.0, 1, Some("2027-02-01")),
            today,
        )
        .unwrap();
        assert_eq!(p.horizon_end.to_string(), "2027-02-01");
    }

    #[test]
    fn bad_plan_options_are_usage_errors() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for a in [
            plan_args(None, 0.0, 26, None),
            plan_args(None, -2.0, 26, None),
            plan_args(None, f64::NAN, 26, None),
            plan_args(None, 5.0, 0, None),
            plan_args(Some("2027-01-04"), 5.0, 26, Some("2027-01-01")),
            plan_args(Some("soon"), 5.0, 26, None),
        ] {
            assert!(plan_options(&a, today).is_err(), "{a:?}");
        }
    }

    #[test]
    fn jobs_are_capped_per_core() {
        assert_eq!(max_jobs(0), 4);
        assert_eq!(max_jobs(2), 8);
        assert_eq!(max_jobs(usize::MAX), usize::MAX);
    }

    #[test]
    fn jobs_default_to_the_cores_and_refuse_zero_or_too_many() {
        assert_eq!(jobs(None, 3).unwrap(), 3);
        assert_eq!(jobs(None, 0).unwrap(), 1);
        assert_eq!(jobs(Some(8), 2).unwrap(), 8);
        assert!(jobs(Some(0), 2).unwrap_err().0.contains("at least 1"));
        let e = jobs(Some(9), 2).unwrap_err();
        assert!(e.0.contains("maximum of 8"), "{}", e.0);
    }

    #[test]
    fn quiet_comes_from_the_command_and_colour_from_the_terminal() {
        use clap::Parser;
        let mut e = env();
        e.stdout_tty = true;
        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap();
        let batch = resolve(
            parse(&["skillgap", "batch", "x.csv", "-o", "out", "-q"]),
            &e,
        )
        .unwrap();
        let shell = batch.shell(&e);
        assert!(shell.color() && shell.is_quiet());
        assert!(
            !resolve(parse(&["skillgap", "roles"]), &e)
                .unwrap()
                .shell(&e)
                .is_quiet()
        );
        let roles = resolve(parse(&["skillgap", "roles"]), &e).unwrap();
        e.no_color = true;
        assert!(!roles.shell(&e).color());
    }

    #[test]
    fn every_pdf_command_resolves_paper_and_fonts_the_same_way() {
        use clap::Parser;
        let e = env();
        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap();
        let pdf = |c: Config| match c {
            Config::Report(c) => c.pdf,
            Config::Batch(c) => c.pdf,
            Config::TeamSummary(c) => c.pdf,
            _ => unreachable!(),
        };
        for args in [
            &["skillgap", "report", "x.csv"][..],
            &["skillgap", "batch", "x.csv", "-o", "out"],
            &["skillgap", "team-summary", "s1", "-o", "out"],
        ] {
            let mut args = args.to_vec();
            args.extend(["--paper", "letter", "--font", "a.ttf", "--font", "b.otf"]);
            let p = pdf(resolve(parse(&args), &e).unwrap());
            assert_eq!(p.paper, PageSize::Letter, "{args:?}");
            assert_eq!(p.fonts, [PathBuf::from("a.ttf"), PathBuf::from("b.otf")]);
        }
    }

    #[test]
    fn roles_match_id_title_alias_case_insensitively() {
        let c = Catalog::builtin().unwrap();
        let ids = resolve_roles(
            &c,
            &[
                "sre".into(),
                "Site Reliability Engineer".into(),
                "DEVOPS".into(),
            ],
        )
        .unwrap();
        assert_eq!(ids, ["sre", "devops"]);
        let err = resolve_roles(&c, &["astronaut".into()]).unwrap_err();
        assert!(err.0.contains("unknown role \"astronaut\""), "{}", err.0);
        assert!(
            err.0.contains("sre (Site Reliability Engineer)"),
            "{}",
            err.0
        );
    }
}
