//! Bytes to text: encoding detection, byte order marks, the Excel `sep=`
//! line and delimiter sniffing.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::error::IngestError;

/// Text decoded from the input, and how it was decoded.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The whole input as text, without a byte order mark.
    pub text: String,
    /// Human-readable description such as "UTF-8 (BOM)".
    pub encoding: String,
    /// UTF-16 files come from Excel's "Unicode text", which is tab-separated.
    pub utf16: bool,
}

/// Decodes `bytes`, honouring a forced WHATWG label when given. UTF-8
/// input becomes the text without being copied.
pub(crate) fn decode(
    bytes: impl Into<Vec<u8>>,
    forced: Option<&str>,
) -> Result<Decoded, IngestError> {
    let bytes = bytes.into();
    let mut decoded = match forced {
        Some(label) => decode_forced(&bytes, label)?,
        None => decode_detect(bytes)?,
    };
    // A second BOM survives when a forced encoding differs from the file's own.
    if let Some(rest) = decoded.text.strip_prefix('\u{feff}') {
        decoded.text = rest.to_string();
    }
    check_not_binary(&decoded.text)?;
    // A stray NUL becomes U+FFFD, as an undecodable byte would: a rating
    // or skill name holding one then fails its row visibly instead of
    // silently reading as another value (or as not rated).
    if decoded.text.contains('\0') {
        decoded.text = decoded.text.replace('\0', "\u{fffd}");
    }
    // Escape sequences and bidi overrides must never reach a terminal or a
    // PDF; the few that pass the binary check are dropped here, once.
    if let std::borrow::Cow::Owned(clean) = crate::text::strip_unsafe(&decoded.text) {
        decoded.text = clean;
    }
    Ok(decoded)
}

fn decode_forced(bytes: &[u8], label: &str) -> Result<Decoded, IngestError> {
    let unknown = || IngestError::UnknownEncoding {
        label: label.to_string(),
    };
    let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(unknown)?;
    // "replacement" is a WHATWG label, but decoding with it destroys the text.
    if enc == encoding_rs::REPLACEMENT {
        return Err(unknown());
    }
    let (text, had_errors) = enc.decode_with_bom_removal(bytes);
    if had_errors {
        return Err(replacement_error(&text, enc.name()));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: format!("{} (forced)", enc.name()),
        utf16: enc == UTF_16LE || enc == UTF_16BE,
    })
}

fn decode_detect(mut bytes: Vec<u8>) -> Result<Decoded, IngestError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes)
        && enc == UTF_8
    {
        bytes.drain(..bom_len);
        return match String::from_utf8(bytes) {
            Ok(text) => Ok(Decoded {
                text,
                encoding: "UTF-8 (BOM)".to_string(),
                utf16: false,
            }),
            Err(e) => {
                let (text, _) = UTF_8.decode_without_bom_handling(e.as_bytes());
                Err(replacement_error(&text, UTF_8.name()))
            }
        };
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(replacement_error(&text, enc.name()));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name().to_string(),
            utf16: true,
        });
    }
    if let Some(enc) = sniff_utf16_without_bom(&bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        if !had_errors {
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: format!("{} (detected)", enc.name()),
                utf16: true,
            });
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: "UTF-8".to_string(),
            utf16: false,
        }),
        Err(e) => decode_legacy(e.as_bytes()),
    }
}

/// Decodes bytes that are not valid UTF-8 with the encoding chardetng guesses.
fn decode_legacy(bytes: &[u8]) -> Result<Decoded, IngestError> {
    let scan = scan_utf8(bytes);
    // Mostly-valid UTF-8 with a few bad bytes is a damaged UTF-8 file: decoding
    // it as Windows-125x would turn every correct accent into mojibake. The
    // bad bytes become U+FFFD, and each row holding one fails on its own
    // (see `table::ragged`) rather than the whole file.
    if scan.valid_multibyte > 0 && scan.valid_multibyte >= scan.invalid {
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: format!("UTF-8 ({} damaged byte sequence(s))", scan.invalid),
            utf16: false,
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, false);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        let (line, column) = line_col_of_byte(bytes, scan.first_invalid);
        return Err(IngestError::Encoding {
            line,
            column,
            encoding: format!("UTF-8 or {}", enc.name()),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: format!("{} (detected)", enc.name()),
        utf16: false,
    })
}

struct Utf8Scan {
    valid_multibyte: usize,
    invalid: usize,
    first_invalid: usize,
}

fn scan_utf8(bytes: &[u8]) -> Utf8Scan {
    let mut scan = Utf8Scan {
        valid_multibyte: 0,
        invalid: 0,
        first_invalid: 0,
    };
    let mut offset = 0;
    let mut rest = bytes;
    let count_multi = |b: &[u8]| {
        std::str::from_utf8(b).map_or(0, |s| s.chars().filter(|c| c.len_utf8() > 1).count())
    };
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                scan.valid_multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                return scan;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                scan.valid_multibyte += count_multi(rest.get(..valid).unwrap_or_default());
                if scan.invalid == 0 {
                    scan.first_invalid = offset + valid;
                }
                scan.invalid += 1;
                let skip = valid + e.error_len().unwrap_or(rest.len() - valid).max(1);
                offset += skip;
                rest = rest.get(skip..).unwrap_or_default();
                if rest.is_empty() {
                    return scan;
                }
            }
        }
    }
}

/// UTF-16 without a BOM shows up as a zero byte in every other position.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(2000))?;
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// 1-based line and character column of a byte offset.
fn line_col_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let prefix = before.get(line_start..).unwrap_or_default();
    let column = String::from_utf8_lossy(prefix).chars().count() + 1;
    (line, column)
}

/// Line and column of the first U+FFFD that a decoder inserted.
fn replacement_error(text: &str, encoding: &str) -> IngestError {
    let (line, column) = line_col_of_char(text, |c| c == '\u{fffd}');
    IngestError::Encoding {
        line,
        column,
        encoding: encoding.to_string(),
    }
}

fn line_col_of_char(text: &str, pred: impl Fn(char) -> bool) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for c in text.chars() {
        if pred(c) {
            break;
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// Fewest control characters that make a file binary: a few stray ones in
/// a short export are its rows' problems.
const BINARY_MIN_CONTROLS: usize = 16;

/// Rejects text with many control characters (NULs included): more than
/// a quarter of it, or more than one in 50 characters and at least
/// [`BINARY_MIN_CONTROLS`]. That is a
/// binary file (a spreadsheet saved as .xlsx, an image) rather than
/// delimited text. A stray NUL in a few rows of a text file is those
/// rows' problem, not the whole file's: they fail when they are read.
fn check_not_binary(text: &str) -> Result<(), IngestError> {
    let is_bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}');
    let total = text.chars().count();
    let bad = text.chars().filter(|&c| is_bad(c)).count();
    if bad * 4 > total || (bad >= BINARY_MIN_CONTROLS && bad * 50 > total) {
        let (line, _) = line_col_of_char(text, is_bad);
        return Err(IngestError::Binary { line });
    }
    Ok(())
}

/// Splits off an Excel `sep=X` first line, returning the delimiter it names.
pub(crate) fn split_sep_line(text: &str) -> (Option<u8>, &str) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.strip_suffix('\r').unwrap_or(first);
    let inner = first
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(first);
    let Some(prefix) = inner.get(..4) else {
        return (None, text);
    };
    if !prefix.eq_ignore_ascii_case("sep=") {
        return (None, text);
    }
    let named = inner.get(4..).unwrap_or_default();
    let mut chars = named.chars();
    // Excel re-saving a sep= file can append more delimiters: "sep=;;;".
    match chars.next() {
        Some(c) if c.is_ascii() && chars.all(|d| d == c) => (Some(c as u8), rest),
        _ => (None, text),
    }
}

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the first records most consistently.
///
/// Counting happens outside double quotes so that a quoted note such as
/// "a, b; c" does not vote.
pub(crate) fn sniff_delimiter(text: &str, prefer_tab: bool) -> u8 {
    let counts = count_per_record(text, 20);
    let Some(header) = counts.first() else {
        return if prefer_tab { b'\t' } else { b',' };
    };
    let order: [u8; 4] = if prefer_tab {
        [b'\t', b',', b';', b'|']
    } else {
        CANDIDATES
    };
    let mut best: Option<(usize, usize, u8)> = None;
    for delim in order {
        let Some(idx) = CANDIDATES.iter().position(|&c| c == delim) else {
            continue;
        };
        let in_header = header.get(idx).copied().unwrap_or(0);
        if in_header == 0 {
            continue;
        }
        let consistent = counts
            .iter()
            .filter(|rec| rec.get(idx).copied().unwrap_or(0) == in_header)
            .count();
        let better = best.is_none_or(|(c, h, _)| (consistent, in_header) > (c, h));
        if better {
            best = Some((consistent, in_header, delim));
        }
    }
    best.map_or(if prefer_tab { b'\t' } else { b',' }, |(_, _, d)| d)
}

/// Per record (up to `limit` non-blank ones): how often each candidate occurs
/// outside quotes.
fn count_per_record(text: &str, limit: usize) -> Vec<[usize; 4]> {
    let mut records = Vec::new();
    let mut current = [0usize; 4];
    let mut non_blank = false;
    let mut in_quotes = false;
    for c in text.chars() {
        if records.len() >= limit {
            break;
        }
        match c {
            '"' => {
                in_quotes = !in_quotes;
                non_blank = true;
            }
            '\n' if !in_quotes => {
                if non_blank {
                    records.push(current);
                }
                current = [0; 4];
                non_blank = false;
            }
            _ => {
                if !in_quotes
                    && let Some(slot) = CANDIDATES
                        .iter()
                        .position(|&d| u32::from(d) == u32::from(c))
                        .and_then(|idx| current.get_mut(idx))
                {
                    *slot += 1;
                }
                if !c.is_whitespace() {
                    non_blank = true;
                }
            }
        }
    }
    if non_blank && records.len() < limit {
        records.push(current);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("a,b\n".as_bytes(), None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("a,b\n", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBFSkill,Rating\n", None).unwrap();
        assert_eq!(d.text, "Skill,Rating\n");
        assert_eq!(d.encoding, "UTF-8 (BOM)");
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Ελένη\tGo\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(le.to_vec(), None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str(), d.utf16),
            ("Ελένη\tGo\n", "UTF-16LE", true)
        );
        let d = decode(be.to_vec(), None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("Ελένη\tGo\n", "UTF-16BE")
        );
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let le: Vec<u8> = "Skill\tRating\nGo\t3\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(le.to_vec(), None).unwrap();
        assert_eq!(d.text, "Skill\tRating\nGo\t3\n");
        assert_eq!(d.encoding, "UTF-16LE (detected)");
    }

    #[test]
    fn cp1252_is_detected() {
        let text = "Person;Skill;Rating\nRenée Müller;Terraform;3,5\nRenée Müller;Docker;4\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(bytes.to_vec(), None).unwrap();
        assert_eq!(d.text, text);
        assert!(d.encoding.ends_with("(detected)"), "{}", d.encoding);
    }

    #[test]
    fn cp1250_is_detected() {
        let text =
            "Osoba,Umiejętność,Ocena\nŁukasz Żółć,Kubernetes,4\nŁukasz Żółć,Zarządzanie siecią,3\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(text);
        let d = decode(bytes.to_vec(), None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "windows-1250 (detected)");
    }

    #[test]
    fn forced_encoding_and_unknown_label() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("Łukasz");
        let d = decode(bytes.to_vec(), Some("windows-1250")).unwrap();
        assert_eq!(d.text, "Łukasz");
        assert_eq!(d.encoding, "windows-1250 (forced)");
        let err = decode(b"x", Some("klingon")).unwrap_err();
        assert_eq!(
            err,
            IngestError::UnknownEncoding {
                label: "klingon".into()
            }
        );
        assert!(err.to_string().contains("windows-1252"));
        assert!(decode(b"x", Some("replacement")).is_err());
    }

    #[test]
    fn damaged_utf8_stays_utf8_with_the_bad_bytes_marked() {
        let bytes = b"Skill,Rating\n\xC5\x81ukasz,3\nK\xC3\xB6ln,4\nbad \xFF here,2\n";
        let d = decode(bytes, None).unwrap();
        assert!(d.text.contains("\u{141}ukasz") && d.text.contains("bad \u{fffd} here"));
        assert_eq!(d.encoding, "UTF-8 (1 damaged byte sequence(s))");
    }

    #[test]
    fn binary_input_is_an_error() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        let err = decode(bytes.to_vec(), None).unwrap_err();
        assert!(matches!(err, IngestError::Binary { .. }), "{err:?}");
        let err = decode(b"PK\x03\x04\x14\x00\x06\x00", None).unwrap_err();
        assert_eq!(err, IngestError::Binary { line: 1 });
    }

    #[test]
    fn a_few_control_characters_in_a_short_file_are_its_rows_problem() {
        // 4 of about 40 characters: over 2%, but four stray bytes are not
        // a binary file; the two rows fail when read, naming the cells.
        let d = decode(
            b"skill,rating
Docker,3
Go,4
"
            .to_vec(),
            None,
        )
        .unwrap();
        assert!(d.text.contains("Docker"));
        let many: Vec<u8> = b"skill,rating
"
        .iter()
        .copied()
        .chain((0..20).flat_map(|_| {
            *b"a,3
"
        }))
        .collect();
        assert!(matches!(
            decode(many, None),
            Err(IngestError::Binary { .. })
        ));
    }

    #[test]
    fn a_stray_nul_is_kept_visible_not_binary() {
        let mut text = b"person,skill,rating\n".to_vec();
        for i in 0..50 {
            text.extend_from_slice(format!("P{i},Docker,3\n").as_bytes());
        }
        text.extend_from_slice(b"Bo,Docker,\x00\n");
        let d = decode(text, None).unwrap();
        assert!(
            d.text.ends_with("Bo,Docker,\u{fffd}\n"),
            "{:?}",
            &d.text[d.text.len() - 20..]
        );
    }

    #[test]
    fn sep_line() {
        assert_eq!(split_sep_line("sep=;\r\na;b\n"), (Some(b';'), "a;b\n"));
        assert_eq!(split_sep_line("\"sep=|\"\na|b"), (Some(b'|'), "a|b"));
        assert_eq!(split_sep_line("SEP=\t\na\tb"), (Some(b'\t'), "a\tb"));
        assert_eq!(split_sep_line("sep=;;;\na;b"), (Some(b';'), "a;b"));
        assert_eq!(split_sep_line("Skill,Rating\n"), (None, "Skill,Rating\n"));
        assert_eq!(split_sep_line("sep"), (None, "sep"));
        assert_eq!(split_sep_line("sep=ab\n"), (None, "sep=ab\n"));
    }

    #[test]
    fn delimiter_sniffing() {
        assert_eq!(sniff_delimiter("Skill,Rating\nGo,3\n", false), b',');
        assert_eq!(
            sniff_delimiter("Person;Skill;Rating\nA;Go;3,5\nB;Go;4\n", false),
            b';'
        );
        assert_eq!(sniff_delimiter("Name\tGo\tK8s\nA\t3\t4\n", false), b'\t');
        assert_eq!(sniff_delimiter("Skill|Rating\nGo|3\n", false), b'|');
        // Quoted commas in a semicolon file do not vote.
        let text = "Skill;Rating;Notes\n\"Go\";3;\"a, b, c, d\"\nGo;2;x\n";
        assert_eq!(sniff_delimiter(text, false), b';');
        // Quoted newlines do not split records.
        let text = "Skill,Rating,Notes\nGo,3,\"line1;\nline2;\"\n";
        assert_eq!(sniff_delimiter(text, false), b',');
        assert_eq!(sniff_delimiter("Skill\n", false), b',');
        assert_eq!(sniff_delimiter("Skill\n", true), b'\t');
        assert_eq!(sniff_delimiter("", false), b',');
    }
}
