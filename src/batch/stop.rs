//! Stopping a run early: on SIGINT or SIGTERM, or when a file cannot be
//! written (a full disk fails every later file too). Workers look at the
//! flags between people, so the report at hand is finished and nothing is
//! cut off halfway.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Why a run stops early, shared by the reader and the workers.
#[derive(Debug, Default)]
pub struct Stop {
    signal: Arc<AtomicBool>,
    write_failed: AtomicBool,
    /// The messages of the failures that were writes: the run's summary
    /// names the cause by what failed, not by how its message reads.
    write_failures: Mutex<Vec<String>>,
}

impl Stop {
    /// A stop that SIGINT and SIGTERM trigger. A second signal while the
    /// run is winding down ends the process at once (exit 130), saying so
    /// in one line; the next run removes what that leaves behind.
    pub fn on_signals() -> anyhow::Result<Self> {
        let stop = Stop::default();
        #[cfg(unix)]
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            let flag = Arc::clone(&stop.signal);
            // SAFETY: the handler only touches an atomic and calls write(2)
            // and _exit(2), which are async-signal-safe.
            unsafe {
                signal_hook::low_level::register(sig, move || {
                    if flag.swap(true, Ordering::SeqCst) {
                        const SAID: &[u8] = b"interrupted again: stopped at once; run again to finish (the next run removes what this one left)\n";
                        libc::write(2, SAID.as_ptr().cast(), SAID.len());
                        libc::_exit(130);
                    }
                })?;
            }
        }
        Ok(stop)
    }

    /// Whether a signal asked the run to stop.
    pub fn interrupted(&self) -> bool {
        self.signal.load(Ordering::SeqCst)
    }

    /// Whether a write failed.
    pub fn write_failed(&self) -> bool {
        self.write_failed.load(Ordering::SeqCst)
    }

    /// Records that a write failed, and why: no further person is started.
    pub fn fail_write(&self, message: &str) {
        self.write_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(message.to_string());
        self.write_failed.store(true, Ordering::SeqCst);
    }

    /// Whether `message` is that of a failed write.
    pub fn is_write_failure(&self, message: &str) -> bool {
        self.write_failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .any(|m| m == message)
    }

    /// Whether to stop taking people.
    pub fn stopping(&self) -> bool {
        self.interrupted() || self.write_failed()
    }

    /// Sets the signal flag, as a signal would (for tests).
    pub fn interrupt(&self) {
        self.signal.store(true, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_stop_the_run() {
        let s = Stop::default();
        assert!(!s.stopping());
        s.fail_write("disk full");
        assert!(s.stopping() && !s.interrupted());
        assert!(s.is_write_failure("disk full") && !s.is_write_failure("disk"));
        let s = Stop::default();
        s.interrupt();
        assert!(s.stopping() && s.interrupted());
    }
}
