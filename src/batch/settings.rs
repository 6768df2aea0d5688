//! What a batch run is told to do, checked: built by `config` from the
//! command line, read by the batch and its team files. Defined here, below
//! `config`, so the batch never reaches up into the command line's layer.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::tables::CsvStyle;
use crate::analysis::assessment::DuplicatePolicy;
use crate::analysis::raters::Basis;
use crate::catalog::Catalog;
use crate::input::ReadSettings;
use crate::model::UnratedPolicy;
use crate::plan::PlanOptions;
use crate::render::pdf::draw::PageSize;

/// A checked `batch` invocation.
#[derive(Debug)]
pub struct BatchConfig {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub output: PathBuf,
    /// Templates in force.
    pub catalog: Catalog,
    /// Role ids to compare against (empty: every role).
    pub roles: Vec<String>,
    /// Worker threads.
    pub jobs: usize,
    /// Write `<slug>.pdf`.
    pub pdf: bool,
    /// Write `<slug>.json`.
    pub json: bool,
    /// "Today".
    pub today: NaiveDate,
    /// Show a progress bar.
    pub progress: bool,
    /// Print the final line.
    pub quiet: bool,
    /// Shard `(k, n)`, 1-based.
    pub shard: Option<(u64, u64)>,
    /// How the team summary reads target roles and groups.
    pub team: TeamOptions,
    /// Forced encoding.
    pub encoding: Option<String>,
    /// Larger input files are refused before they are read (`--max-input-mb`).
    pub max_input_bytes: u64,
    /// Column mapping, sheet and answer scale for every input.
    pub read: ReadSettings,
    /// PDF paper size.
    pub paper: PageSize,
    /// Extra fonts.
    pub fonts: Vec<PathBuf>,
    /// Duplicate handling.
    pub on_duplicate: DuplicatePolicy,
    /// Learning-plan settings.
    pub plan: PlanOptions,
    /// The team's earlier assessments: a file or a folder (`--previous`).
    pub previous: Option<PathBuf>,
    /// Whose ratings the analysis uses.
    pub basis: Basis,
    /// How required skills without a rating enter the fit.
    pub unrated: UnratedPolicy,
    /// The `--templates` folder, which no output may be written into.
    pub templates: Option<PathBuf>,
}

/// `--team-role` and `--group-by`: the team summary's target roles and groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamOptions {
    /// The role id people aim at when their input gives no target role or
    /// job title (`--team-role`); None = their best fit.
    pub team_role: Option<String>,
    /// The group column of `--group-by`.
    pub group_by: Option<crate::model::GroupKey>,
    /// `--csv-delimiter` and `--decimal-comma`: how the team CSVs are written.
    pub csv: CsvStyle,
}
