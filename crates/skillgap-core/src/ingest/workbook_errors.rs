//! How a workbook's refusals are worded, shared by the .xlsx/.ods reader
//! (`workbook`) and the .xls pre-check (`workbook_xls`): the limit on text
//! the cells may copy, and a reader's message made safe for a terminal.

use super::error::IngestError;

/// A workbook refused, with why.
pub(crate) fn limit(message: String) -> IngestError {
    IngestError::Workbook { message }
}

/// Most bytes of text the cells of one workbook may hold once read: a
/// short file can repeat one long string into millions of cells.
pub(crate) const MAX_TEXT: u64 = 256 << 20;

/// The refusal when the cells would copy more than [`MAX_TEXT`].
pub(crate) fn too_much_text() -> IngestError {
    limit(format!(
        "its cells repeat text to more than {} MB",
        MAX_TEXT >> 20
    ))
}

/// A sheet or part name as it may be shown on a terminal: control
/// characters and bidi overrides (ESC, BEL, RLO) become `?`.
pub(crate) fn printable(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// A reader's message on one line, without the control characters a
/// hostile file may have put into it (it quotes the file's XML).
pub(crate) fn shorten_message(m: &str) -> String {
    let one_line = printable(&m.replace(['\n', '\r'], " "));
    if one_line.chars().count() > 200 {
        one_line.chars().take(200).collect::<String>() + "…"
    } else {
        one_line
    }
}
