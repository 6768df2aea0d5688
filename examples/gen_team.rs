//! Writes a synthetic team self-assessment (long format) for benchmarks:
//! `cargo run --release --example gen_team -- PEOPLE [SEED] > team.csv`.
//!
//! Same shape as real survey data: 30 skills per person typed the way
//! people type them (aliases included), ratings as numbers, a few labels
//! and decimals, Unicode names. Deterministic for a given PEOPLE and SEED.

use std::io::Write;

const FIRST: [&str; 20] = [
    "Alex",
    "Zoë",
    "Łukasz",
    "Ελένη",
    "李雷",
    "José",
    "Siobhán",
    "Mia",
    "Oluwaseun",
    "Priya",
    "Jürgen",
    "Noor",
    "Kenji",
    "Ana",
    "Dmitri",
    "Fatima",
    "Liam",
    "Søren",
    "Chloé",
    "Rahul",
];
const LAST: [&str; 20] = [
    "Müller",
    "Żółć",
    "Papadopoulou",
    "Wang",
    "García",
    "O'Neill",
    "Nguyen",
    "Okafor",
    "Sharma",
    "Schmidt",
    "Haddad",
    "Tanaka",
    "Silva",
    "Ivanov",
    "Khan",
    "Smith",
    "Jensen",
    "Dubois",
    "Patel",
    "Berg",
];
const SKILLS: [&str; 30] = [
    "Cloud (AWS/Azure/GCP)",
    "CI/CD",
    "Docker",
    "K8s",
    "Terraform",
    "Ansible",
    "Bash scripting",
    "Python",
    "Go",
    "Linux administration",
    "Networking",
    "Git",
    "Monitoring (Prometheus/Grafana)",
    "Application performance monitoring",
    "Logging",
    "Troubleshooting",
    "On-call / incident response",
    "Blameless postmortems",
    "SLOs and error budgets",
    "Capacity planning",
    "Release engineering",
    "Security",
    "Configuration management",
    "IaC",
    "Automation",
    "Toil reduction",
    "Distributed systems",
    "Databases",
    "Chaos engineering",
    "Cost management",
];
const LABELS: [&str; 6] = [
    "none",
    "awareness",
    "beginner",
    "intermediate",
    "advanced",
    "Expert",
];

/// xorshift64*: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let people: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(7);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut w = csv::Writer::from_writer(&mut out);
    w.write_record(["person", "email", "skill", "rating", "date"])
        .expect("write");
    for i in 0..people {
        let name = format!("{} {} {i:05}", FIRST[rng.below(20)], LAST[rng.below(20)]);
        let email = format!("person{i:05}@example.com");
        let date = format!("2026-{:02}-{:02}", 1 + rng.below(11), 1 + rng.below(28));
        let base = 0.5 + 4.0 * rng.unit();
        for skill in SKILLS {
            // Sum of uniforms: a cheap bell curve around the person's level.
            let noise = (rng.unit() + rng.unit() + rng.unit() - 1.5) * 2.0;
            let r = (base + noise).round().clamp(0.0, 5.0) as usize;
            let roll = rng.unit();
            let value = if roll < 0.05 {
                LABELS[r].to_string()
            } else if roll < 0.08 && r > 0 {
                format!("{:.1}", r as f64 - 0.5)
            } else {
                r.to_string()
            };
            w.write_record([name.as_str(), &email, skill, &value, &date])
                .expect("write");
        }
    }
    w.flush().expect("flush");
    drop(w);
    out.flush().expect("flush");
}
