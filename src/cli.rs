//! Command-line definition: plain clap structs, no logic. `config` turns
//! them into a checked configuration.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Default `--max-input-mb`.
pub const DEFAULT_MAX_INPUT_MB: u64 = 100;

/// Common tasks, shown under the top-level help.
const COMMON_TASKS: &str = "Common tasks:
  One person's PDF report:       skillgap report my-skills.csv
  The same, as text or JSON:     skillgap report my-skills.csv --format text
  Write to standard output:      skillgap report my-skills.csv -o - > report.pdf
  A blank survey to send out:    skillgap template --wide > survey.csv
  See how an export is read:     skillgap check survey-export.csv
  A whole team, per manager:     skillgap batch team.csv -o out/ --group-by manager
  Mixed team, one target role:   skillgap batch team.csv -o out/ --team-role sre
  Split over a job scheduler:    skillgap batch team.csv -o out/shard --shard auto --format json
  Merge the shards:              skillgap team-summary out/shard-* -o out/
  Shell completions, man page:   skillgap completions bash; skillgap man > skillgap.1

Run `skillgap COMMAND --help` for a command's options and examples.";

/// Turn self-rated skills into a skill-gap report with a dated learning plan.
#[derive(Debug, Parser)]
#[command(name = "skillgap", version, about, after_help = COMMON_TASKS)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare one person's ratings with role profiles and write a report.
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
    /// List the role profiles, or show one with its skills, levels and weights.
    #[command(
        after_help = "Examples:\n  skillgap roles\n  skillgap roles sre\n  skillgap roles --format json"
    )]
    Roles(RolesArgs),
    /// Print a blank self-assessment CSV for people to fill in.
    #[command(
        after_help = "Examples:\n  skillgap template --role devops --role sre > my-skills.csv\n  skillgap template --wide > team-survey.csv"
    )]
    Template(TemplateArgs),
    /// Write every person's report and a team summary from a team export or a folder.
    #[command(
        after_help = "Examples:\n  skillgap batch team.csv -o reports/\n  skillgap batch hr-export.csv -o out --group-by manager      # one team-summary-<manager>.pdf each\n  skillgap batch team.csv -o out --team-role sre              # people without a job title aim at SRE\n  skillgap batch survey-export.csv people/ -o out --format pdf,json --jobs 2\n  skillgap batch team.csv -o out/shard-1 --format json --shard 1/4\n  skillgap batch team.csv -o out/shard-$JOB_COMPLETION_INDEX --format json --shard auto/4"
    )]
    Batch(BatchArgs),
    /// Build team-summary.pdf/.csv and team-skills.csv from the JSON reports of sharded batch runs.
    #[command(
        name = "team-summary",
        after_help = "Examples:\n  skillgap team-summary out/shard-1 out/shard-2 -o out/summary\n  skillgap team-summary out/shard-* -o out/ --group-by department"
    )]
    TeamSummary(TeamSummaryArgs),
    /// Read an input and say what was understood, without analysing it.
    #[command(
        after_help = "Examples:\n  skillgap check survey-export.csv\n  skillgap check hr-export.xlsx --sheet Responses\n  skillgap check odd.csv --columns 'person=Who,skill=2,rating=3'"
    )]
    Check(CheckArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Examples:\n  skillgap completions bash > ~/.local/share/bash-completion/completions/skillgap\n  skillgap completions zsh > ~/.zfunc/_skillgap\n  skillgap completions fish > ~/.config/fish/completions/skillgap.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to standard output.
    #[command(
        after_help = "Examples:\n  skillgap man > skillgap.1 && man ./skillgap.1\n  sudo sh -c 'skillgap man > /usr/local/share/man/man1/skillgap.1'"
    )]
    Man,
}

/// `report`'s examples and the rating scale, shown by both `-h` and `--help`.
const REPORT_HELP: &str = "Examples:
  skillgap report samples/sre-leaning.csv
  skillgap report team.csv --person \"Ada Lovelace\" --role sre --format json -o ada.json
  cat my-skills.csv | skillgap report - --format text
  skillgap report my-skills.csv -o - | lpr

Rating scale: 0 none (never used it), 1 awareness (knows what it is), \
2 beginner/novice (used it with help), 3 intermediate/competent (works independently), \
4 advanced/proficient (handles complex cases, guides others), 5 expert (designs around it, \
teaches it). Decimals such as 3.5 are fine; blank means not rated.";

/// `skillgap completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A PDF document (summary, charts, gap table, plan).
    Pdf,
    /// A readable terminal summary.
    Text,
    /// Machine-readable JSON.
    Json,
}

/// Output formats of `roles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A readable list.
    Text,
    /// JSON.
    Json,
}

/// What to do when the same skill is typed twice with different ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnDuplicate {
    /// Stop with an error naming both lines.
    Error,
    /// Keep the higher rating.
    Max,
    /// Keep the one further down the file.
    Last,
}

/// Which ratings gaps and fit use when a manager (or peer) rated too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BasisArg {
    /// The person's own ratings (rows without a rater count as self).
    #[value(name = "self")]
    SelfRating,
    /// The manager's ratings.
    Manager,
    /// Per skill the lower of self and manager.
    Min,
}

/// How required skills without a rating enter the fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnratedArg {
    /// Left out: fit over what was rated, coverage beside it.
    Skip,
    /// Counted as 0.
    Zero,
}

/// `--templates`: every command that reads the catalogue takes it.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// Folder with your own templates (skills.toml, roles/, learning/, scale.toml), overlaid on the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// How inputs are read: shared by `report`, `check` and `batch`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Force the input's character encoding (e.g. windows-1250, utf-16le).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    #[command(flatten)]
    pub templates: TemplatesArgs,
    /// Say which column is which, over the headers: ROLE=COLUMN pairs (header text or 1-based number), e.g. person="Your name",skill=2,rating=3. Roles: person, first-name, last-name, email, skill, rating, notes, date, rater, interest, ignore.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    /// The sheet of a workbook (.xlsx, .xls, .ods) to read (default: the one with the most ratings).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read a matrix with skills down and one column per person (`--transpose=false`: never); default: detect.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub transpose: Option<bool>,
    /// Refuse an input (or --previous file) larger than this many megabytes.
    #[arg(
        long,
        value_name = "MB",
        default_value_t = DEFAULT_MAX_INPUT_MB,
        value_parser = clap::value_parser!(u64).range(1..=1_000_000)
    )]
    pub max_input_mb: u64,
}

/// What the analysis compares and how it counts: shared by `report` and
/// `batch`.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// Compare against this role (id, title or alias); repeat for several. Default: every built-in role.
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
    /// The report date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// When the same skill is typed twice with different ratings.
    #[arg(long, value_enum, default_value_t = OnDuplicate::Error)]
    pub on_duplicate: OnDuplicate,
    /// Whose ratings gaps and fit use when a manager rated too: self, manager, or per skill the lower (min).
    #[arg(long, value_enum, default_value_t = BasisArg::SelfRating)]
    pub basis: BasisArg,
    /// Required skills without a rating: skip = left out of the fit, with coverage shown (default; no invented ratings); zero = counted as 0, the conservative reading.
    #[arg(long, value_enum, default_value_t = UnratedArg::Skip)]
    pub unrated: UnratedArg,
}

/// How PDFs are drawn: every command that writes one takes these.
#[derive(Debug, Args)]
pub struct PdfArgs {
    /// PDF paper size.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// An extra TrueType/OpenType font for characters DejaVu Sans lacks (e.g. CJK); repeatable.
    #[arg(long = "font", value_name = "PATH")]
    pub fonts: Vec<PathBuf>,
}

/// How the team files read target roles and groups and write their
/// CSVs: shared by `batch` and `team-summary`.
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// The role people aim at when the input gives no target role or job title for them (id, title or alias). Default: each person's best fit.
    #[arg(long, value_name = "ROLE")]
    pub team_role: Option<String>,
    /// Add a page per group to the team summary and write team-summary-<group>.pdf for each.
    #[arg(long, value_enum, value_name = "COLUMN")]
    pub group_by: Option<GroupBy>,
    /// Cell separator of team-summary.csv and team-skills.csv: one character, e.g. ';' for Excel in German, Dutch, French and other locales with a decimal comma ("tab" for a tab).
    #[arg(long, value_name = "CHAR")]
    pub csv_delimiter: Option<String>,
    /// Write decimals in team-summary.csv and team-skills.csv with a comma (91,8), as Excel in those locales reads them; the separator becomes ';' unless --csv-delimiter says otherwise.
    #[arg(long)]
    pub decimal_comma: bool,
}

/// `skillgap report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Ratings file (CSV, TSV, survey export), or `-` for standard input.
    pub input: String,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Pdf)]
    pub format: ReportFormat,
    /// Write to this file, or `-` for standard output (PDF default: <person>-skillgap.pdf here; text and JSON default: standard output).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub pdf: PdfArgs,
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Pick one person (name or email) from a team file; names the person in a file without a person column.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// The role the person aims at (id, title or alias): the plan works toward it, and the report still says where they fit today. Default: the input's target-role answer or job title, else the closest fit.
    #[arg(long, value_name = "ROLE")]
    pub target: Option<String>,
    /// An earlier assessment of the same person, to show what changed since (fit, skills, milestones reached).
    #[arg(long, value_name = "OLD")]
    pub previous: Option<PathBuf>,
}

/// PDF paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

/// Learning-plan options.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// First day of the plan, YYYY-MM-DD (default: the Monday after the report date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<String>,
    /// Hours of learning per week.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 5.0,
        allow_negative_numbers = true
    )]
    pub hours_per_week: f64,
    /// Plan this many weeks ahead; what does not fit is listed as "later".
    #[arg(
        long,
        value_name = "WEEKS",
        default_value_t = 26,
        conflicts_with = "until",
        allow_negative_numbers = true
    )]
    pub horizon: i64,
    /// Plan up to this date instead of --horizon, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// The cloud the plans are for (its resources for cloud, IaC, IAM, networking and cost); default: the cloud each person names in a survey column such as "Primary cloud", else the provider they rate highest.
    #[arg(long, value_enum)]
    pub cloud: Option<CloudArg>,
}

/// Cloud providers `--cloud` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CloudArg {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud.
    Gcp,
}

impl CloudArg {
    /// The skill id of the provider.
    pub fn id(self) -> &'static str {
        match self {
            CloudArg::Aws => "aws",
            CloudArg::Azure => "azure",
            CloudArg::Gcp => "gcp",
        }
    }
}

/// Formats a batch run writes per person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    /// `<slug>.pdf`.
    Pdf,
    /// `<slug>.json`.
    Json,
}

/// `skillgap batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Team files (long with a person column, or survey exports) and/or folders of personal files.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(short = 'o', long = "output", value_name = "OUT_DIR")]
    pub output: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
    /// Parallel workers (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Per-person formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    pub format: Vec<BatchFormat>,
    /// No progress bar, notes or final line; errors and warnings are still printed.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Process only shard K of N (stable by person), e.g. 2/8; `auto/N` takes K from JOB_COMPLETION_INDEX (Kubernetes Indexed Job, 0-based; N is required) or SLURM_ARRAY_TASK_ID (counted from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP); `auto` also takes N from SLURM_ARRAY_TASK_COUNT. A shard run always writes JSON too, for team-summary.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    #[command(flatten)]
    pub team: TeamArgs,
    #[command(flatten)]
    pub pdf: PdfArgs,
    /// The team's earlier assessments (a team file, or a folder of files): each report and the team summary show what changed.
    #[arg(long, value_name = "DIR_OR_FILE")]
    pub previous: Option<PathBuf>,
    #[command(flatten)]
    pub plan: PlanArgs,
}

/// The group columns `--group-by` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// A Department (division, business unit) column.
    Department,
    /// A Team (squad) column.
    Team,
    /// A Manager (line manager, supervisor) column.
    Manager,
    /// A Location (office, site, country) column.
    Location,
}

/// `skillgap team-summary`.
#[derive(Debug, Args)]
pub struct TeamSummaryArgs {
    /// Folders holding per-person `<slug>.json` reports (from `batch --format json`).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Where to write team-summary.pdf, team-summary.csv and team-skills.csv.
    #[arg(short = 'o', long = "output", value_name = "OUT_DIR")]
    pub output: PathBuf,
    /// Compare against this role; repeat for several. Default: the shards' roles; must be them.
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
    #[command(flatten)]
    pub templates: TemplatesArgs,
    #[command(flatten)]
    pub pdf: PdfArgs,
    /// The report date, YYYY-MM-DD (default: the shards' --date); must be the shards' date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Parallel readers of the shards' reports (default: the number of cores); the output is the same for any number.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Merge even when shards are missing or did not finish; the summary's first page and errors.csv say which and how many people are missing.
    #[arg(long)]
    pub allow_partial: bool,
    #[command(flatten)]
    pub team: TeamArgs,
    /// No final line; errors and warnings are still printed.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `skillgap roles`.
#[derive(Debug, Args)]
pub struct RolesArgs {
    /// Show this role (id, title or alias) in full.
    pub role: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Check the learning catalogue instead: list entries that break the level or hours rule, or were last checked over a year before --date (exit 1 when any).
    #[arg(long, conflicts_with = "role")]
    pub check_catalog: bool,
    /// The date freshness is measured at, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "check_catalog")]
    pub date: Option<String>,
    #[command(flatten)]
    pub templates: TemplatesArgs,
}

/// `skillgap template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Include the skills of this role; repeat for several. Default: every role.
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
    /// One row per person and one column per skill (for surveys) instead of one row per skill.
    #[arg(long)]
    pub wide: bool,
    #[command(flatten)]
    pub templates: TemplatesArgs,
}

/// `skillgap check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Ratings file (CSV, TSV, survey export), or `-` for standard input.
    pub input: String,
    #[command(flatten)]
    pub read: ReadArgs,
}
