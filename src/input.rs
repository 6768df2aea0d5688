//! Reads an input file (or standard input) and parses it into a table.

use crate::config::{Input, InputConfig};
use crate::error::DataError;
use crate::ingest::{PersonSink, ReadOptions, Table, read_people, read_table_owned};
use anyhow::Context;
use std::io::Read;

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
    let limit = cfg.max_input_bytes;
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
        encoding: cfg.encoding.clone(),
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
