//! See `skillgap_fuzz::workbook` (fuzz/src/lib.rs) for what this target checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| skillgap_fuzz::workbook(data));
