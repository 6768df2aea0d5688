//! See `skillgap_fuzz::templates` (fuzz/src/lib.rs) for what this target checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| skillgap_fuzz::templates(data));
