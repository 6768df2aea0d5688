//! Reads an input file (or standard input) and parses it into a table.

use crate::config::{Input, InputConfig};
use crate::error::DataError;
use crate::ingest::{ReadOptions, Table, read_table};
use anyhow::Context;
use std::io::Read;

/// Reads and parses the input named by `cfg`.
pub fn read_input(cfg: &InputConfig) -> anyhow::Result<Table> {
    let name = cfg.input.display();
    let bytes = match &cfg.input {
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .context("cannot read standard input")?;
            b
        }
        Input::File(p) => {
            if p.is_dir() {
                return Err(DataError::Other {
                    file: name,
                    message: "is a folder, not a file; give one ratings file".into(),
                }
                .into());
            }
            std::fs::read(p).with_context(|| {
                format!("{name}: cannot read the file; check the path and permissions")
            })?
        }
    };
    let delimiter = match &cfg.input {
        Input::File(p) if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv")) => {
            Some(b'\t')
        }
        _ => None,
    };
    let opts = ReadOptions {
        encoding: cfg.encoding.clone(),
        delimiter,
    };
    read_table(&name, &bytes, &opts)
        .map_err(|source| DataError::Ingest { file: name, source }.into())
}
