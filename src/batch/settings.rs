//! What a batch run is told to do, checked: built by `config` from the
//! command line, read by the batch and its team files. Defined here, below
//! `config`, so the batch never reaches up into the command line's layer.

use std::path::PathBuf;

use super::tables::CsvStyle;
use crate::analysis::AnalysisSettings;
use crate::catalog::Catalog;
use crate::input::ReadSettings;
use crate::render::pdf::PdfSettings;

/// A checked `batch` invocation.
#[derive(Debug)]
pub struct BatchConfig {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub output: PathBuf,
    /// Templates in force.
    pub catalog: Catalog,
    /// Worker threads.
    pub jobs: usize,
    /// Write `<slug>.pdf`.
    pub write_pdf: bool,
    /// Write `<slug>.json`.
    pub write_json: bool,
    /// Show a progress bar.
    pub progress: bool,
    /// Print the final line.
    pub quiet: bool,
    /// Shard `(k, n)`, 1-based.
    pub shard: Option<(u64, u64)>,
    /// How the team summary reads target roles and groups.
    pub team: TeamOptions,
    /// Encoding, size limit, column mapping, sheet and answer scale for
    /// every input.
    pub read: ReadSettings,
    /// What is compared and how it is counted.
    pub analysis: AnalysisSettings,
    /// How PDFs are drawn.
    pub pdf: PdfSettings,
    /// The team's earlier assessments: a file or a folder (`--previous`).
    pub previous: Option<PathBuf>,
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
