//! The team files of a run: team-summary.csv, team-skills.csv,
//! team-summary.pdf, team-summary.json (the PDF's numbers, for dashboards)
//! and, with `--group-by`, one team-summary-<group>.pdf per group, written
//! together (all of them carry the new run, or none).

use super::TeamOptions;
use crate::analysis::groups::build_groups;
use crate::analysis::target::{assign, build_team};
use crate::analysis::team::{PersonSummary, TeamReport};
use crate::batch::manifest::FileEntry;
use crate::batch::tables;
use crate::catalog::Catalog;
use crate::output::{slug, write_atomic_all};
use crate::render::Pdf;
use crate::render::pdf::render_team;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The team files every run writes, besides the per-group summaries.
pub const TEAM_FILES: [&str; 4] = [
    "team-summary.csv",
    "team-skills.csv",
    "team-summary.pdf",
    "team-summary.json",
];

/// What the team files are made from besides the people.
pub struct TeamRun<'a> {
    /// Templates in force.
    pub catalog: &'a Catalog,
    /// Role ids compared (empty: every role).
    pub roles: &'a [String],
    /// Report date.
    pub today: chrono::NaiveDate,
    /// `--team-role` and `--group-by`.
    pub team: &'a TeamOptions,
    /// The PDF renderer.
    pub pdf: &'a Pdf,
    /// Whether a file name in OUT_DIR is free for a group summary: not a
    /// report of this run, and not a file the run does not own.
    pub free: &'a dyn Fn(&str) -> bool,
    /// Whose summary it is when not the whole team's (a partial merge),
    /// said on page 1.
    pub scope: Option<String>,
}

/// `team-summary.json`: the numbers the PDF shows (readiness, coverage,
/// single points of failure, shared gaps with hours and cost, who to
/// chase), from the same [`crate::analysis::overview::TeamOverview`].
fn team_json(r: &TeamReport) -> anyhow::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct TeamJson<'a> {
        generated_on: chrono::NaiveDate,
        scope: Option<&'a str>,
        failed: usize,
        #[serde(flatten)]
        overview: &'a crate::analysis::overview::TeamOverview,
        not_understood: &'a [String],
    }
    let mut v = serde_json::to_vec_pretty(&TeamJson {
        generated_on: r.generated_on,
        scope: r.scope.as_deref(),
        failed: r.failed,
        overview: &r.overview,
        not_understood: &r.not_understood,
    })?;
    v.push(b'\n');
    Ok(v)
}

/// What was written.
pub struct TeamWritten {
    /// The summary.
    pub report: TeamReport,
    /// The PDFs' warnings (missing glyphs).
    pub warnings: Vec<String>,
    /// Every file written, by name.
    pub files: Vec<FileEntry>,
    /// Of them, the per-group summaries.
    pub group_files: Vec<String>,
}

/// Writes the team files into `out` (see the module docs), with how many
/// people failed and what the inputs held that was not understood.
/// Assigns every person's target role first (see
/// [`crate::analysis::target`]).
pub fn write_team_files(
    out: &Path,
    people: &mut [PersonSummary],
    (failed, not_understood): (usize, &[String]),
    run: &TeamRun<'_>,
) -> anyhow::Result<TeamWritten> {
    let unmapped = assign(
        people,
        run.catalog,
        run.roles,
        run.team.team_role.as_deref(),
    );
    let role_cols: Vec<(String, String)> = run
        .catalog
        .roles
        .iter()
        .filter(|r| run.roles.is_empty() || run.roles.iter().any(|id| *id == r.id))
        .map(|r| (r.id.to_string(), r.title.clone()))
        .collect();
    let summary = tables::team_summary_csv(people, &role_cols, run.team.csv)?;
    let skill_cols: Vec<(String, String)> = run
        .catalog
        .skills
        .iter()
        .filter(|s| people.iter().any(|p| p.rating(&s.id).is_some()))
        .map(|s| (s.id.to_string(), s.name.clone()))
        .collect();
    let skills = tables::team_skills_csv(people, &skill_cols, run.team.csv)?;
    let mut report = build_team(people, failed, run.catalog, run.roles, run.today, unmapped);
    report.not_understood = not_understood.to_vec();
    report.scope.clone_from(&run.scope);
    if let Some(key) = run.team.group_by {
        report.groups = build_groups(people, key, run.catalog, run.roles, run.today);
        let mut taken: BTreeSet<String> = TEAM_FILES.iter().map(|s| s.to_string()).collect();
        for g in &mut report.groups {
            let base = format!(
                "team-summary-{}",
                g.name
                    .as_deref()
                    .map_or_else(|| format!("no-{}", key.key()), slug)
            );
            let mut name = format!("{base}.pdf");
            let mut n = 1;
            while taken.contains(&name) || !(run.free)(&name) {
                n += 1;
                name = format!("{base}-{n}.pdf");
            }
            taken.insert(name.clone());
            g.file = name;
            // A group's manager needs to know what the input held that no
            // report uses as much as the team's does.
            g.report.not_understood = not_understood.to_vec();
        }
    }
    let rendered = render_team(run.pdf, &report)?;
    let mut warnings = rendered.warnings;
    let mut contents: Vec<(String, Vec<u8>)> = vec![
        (TEAM_FILES[0].to_string(), summary),
        (TEAM_FILES[1].to_string(), skills),
        (TEAM_FILES[2].to_string(), rendered.bytes),
        (TEAM_FILES[3].to_string(), team_json(&report)?),
    ];
    let mut group_files = Vec::new();
    for g in &report.groups {
        let r = render_team(run.pdf, &g.report)?;
        warnings.extend(r.warnings);
        group_files.push(g.file.clone());
        contents.push((g.file.clone(), r.bytes));
    }
    warnings.sort();
    warnings.dedup();
    let paths: Vec<PathBuf> = contents.iter().map(|(n, _)| out.join(n)).collect();
    let pairs: Vec<(&Path, &[u8])> = paths
        .iter()
        .map(PathBuf::as_path)
        .zip(contents.iter().map(|(_, b)| b.as_slice()))
        .collect();
    write_atomic_all(&pairs)?;
    let files = contents
        .iter()
        .map(|(n, b)| FileEntry::of(n.clone(), b))
        .collect();
    Ok(TeamWritten {
        report,
        warnings,
        files,
        group_files,
    })
}
