//! See `skillgap_fuzz::ingest` (fuzz/src/lib.rs) for what this target checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| skillgap_fuzz::ingest(data));
