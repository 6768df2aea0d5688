//! Reads an input file (or standard input) and parses it into a table.

use crate::error::DataError;
use crate::error::UsageError;
use crate::ingest::{ColumnSpec, Scale};
use crate::ingest::{PersonSink, ReadOptions, Table, read_people, read_table_owned};
use anyhow::Context;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where ratings come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// How the input is named in messages and reports.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// How to read an input.
#[derive(Debug, Clone)]
pub struct InputConfig {
    /// The source.
    pub input: Input,
    /// Encoding, size limit, column mapping, sheet and answer scale.
    pub read: ReadSettings,
}

/// How inputs are read, the same for every input of a run: `--encoding`,
/// `--max-input-mb`, `--columns`, `--sheet`, `--transpose` and a
/// `scale.toml` in the `--templates` folder.
#[derive(Debug, Clone, Default)]
pub struct ReadSettings {
    /// Forced encoding label (`--encoding`).
    pub encoding: Option<String>,
    /// Larger inputs are refused before they are read (`--max-input-mb`).
    pub max_input_bytes: u64,
    /// Which column is which (`--columns`).
    pub columns: Option<ColumnSpec>,
    /// The workbook sheet to read (`--sheet`); None = the one with ratings.
    pub sheet: Option<String>,
    /// `--transpose`: Some(true) forces a matrix with people across,
    /// Some(false) forbids it; None = detect.
    pub transpose: Option<bool>,
    /// The survey's own answer labels.
    pub scale: Option<Arc<Scale>>,
    /// `--shard K/N`: N, else 1. Every task of a sharded run reads the
    /// whole input to report on about 1/N of it, so the per-input limits on
    /// people and cells are N times the default.
    pub shards: u64,
}

impl ReadSettings {
    /// Checks `--columns` and reads `scale.toml` from `templates`, if
    /// there; the other settings keep their defaults.
    pub fn new(
        columns: Option<&str>,
        sheet: Option<String>,
        templates: Option<&Path>,
    ) -> anyhow::Result<Self> {
        let columns = columns
            .map(|c| ColumnSpec::parse(c).map_err(UsageError))
            .transpose()?;
        let scale = match templates.map(|d| d.join("scale.toml")) {
            Some(path) if path.is_file() => {
                let file = path.display().to_string();
                let text = std::fs::read_to_string(&path).map_err(|e| DataError::Other {
                    file: file.clone(),
                    message: format!("cannot read the scale: {e}"),
                })?;
                let scale = Scale::from_toml(&text).map_err(|message| DataError::Other {
                    file,
                    message: format!(
                        "{message}. Write it as [labels] with \"Answer\" = level (0–5) lines"
                    ),
                })?;
                Some(Arc::new(scale))
            }
            _ => None,
        };
        Ok(ReadSettings {
            columns,
            sheet,
            scale,
            shards: 1,
            ..ReadSettings::default()
        })
    }
}

/// Reads and parses the input named by `cfg`.
pub fn read_input(cfg: &InputConfig) -> anyhow::Result<Table> {
    let (name, bytes, opts) = read_bytes(cfg)?;
    read_table_owned(&name, bytes, &opts)
        .map_err(|error| DataError::Ingest { file: name, error }.into())
}

/// Reads the input named by `cfg` for a batch, handing each person to
/// `sink` as soon as they are complete (see [`read_people`]).
pub fn read_input_people(cfg: &InputConfig, sink: &mut dyn PersonSink) -> anyhow::Result<Table> {
    let (name, bytes, opts) = read_bytes(cfg)?;
    read_people(&name, bytes, &opts, sink)
        .map_err(|error| DataError::Ingest { file: name, error }.into())
}

/// The bytes of the input named by `cfg`, within its size limit, and how to read them.
fn read_bytes(cfg: &InputConfig) -> anyhow::Result<(String, Vec<u8>, ReadOptions)> {
    let name = cfg.input.display();
    let limit = cfg.read.max_input_bytes;
    let too_big = |size: Option<u64>| -> anyhow::Error {
        let mb = |b: u64| b.div_ceil(1 << 20);
        let is = size.map_or("is".to_string(), |s| format!("is {} MB,", mb(s)));
        DataError::Other {
            file: name.clone(),
            message: format!(
                "{is} larger than the {} MB limit; split it into smaller files, or raise the limit with --max-input-mb if it really is one input",
                mb(limit)
            ),
        }
        .into()
    };
    // Never more than `limit` + 1 bytes are read, whatever the source claims
    // (a FIFO, /dev/zero, a file that grows while it is read).
    let mut bytes = Vec::new();
    match &cfg.input {
        Input::Stdin => {
            std::io::stdin()
                .take(limit.saturating_add(1))
                .read_to_end(&mut bytes)
                .with_context(|| format!("{name}: cannot read standard input"))?;
        }
        Input::File(p) => {
            use crate::regular_file::{ReadError, read};
            bytes = read(p, limit).map_err(|e| -> anyhow::Error {
                match e {
                    ReadError::TooBig { size, .. } => too_big(Some(size)),
                    ReadError::NotRegular("a folder") => DataError::Other {
                        file: name.clone(),
                        message: "is a folder, not a file; give one ratings file".into(),
                    }
                    .into(),
                    other => DataError::Other {
                        file: name.clone(),
                        message: other.to_string(),
                    }
                    .into(),
                }
            })?;
        }
    }
    if bytes.len() as u64 > limit {
        return Err(too_big(None));
    }
    let delimiter = match &cfg.input {
        Input::File(p) if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv")) => {
            Some(b'\t')
        }
        _ => None,
    };
    let opts = ReadOptions {
        encoding: cfg.read.encoding.clone(),
        delimiter,
        columns: cfg.read.columns.clone(),
        scale: cfg.read.scale.clone(),
        sheet: cfg.read.sheet.clone(),
        transpose: cfg.read.transpose,
        // A shard of N reports on about 1/N of the people it reads.
        max_people: crate::ingest::MAX_PEOPLE.saturating_mul(cfg.read.shards.max(1) as usize),
        max_cells: crate::ingest::MAX_CELLS.saturating_mul(cfg.read.shards.max(1) as usize),
        ..ReadOptions::default()
    };
    Ok((name, bytes, opts))
}
