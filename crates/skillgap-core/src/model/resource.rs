//! Learning resources: what the catalogue offers and what kind of learning
//! each entry is.

use chrono::NaiveDate;
use serde::Serialize;

use super::SkillId;

/// What kind of learning resource an entry is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceKind {
    /// A book or book chapter.
    #[default]
    Book,
    /// Official documentation, a specification or a white paper.
    Docs,
    /// A course or workshop.
    Course,
    /// A certification whose exam is multiple choice (knowledge only).
    Certification,
    /// A certification whose exam is performance-based: tasks done on live
    /// systems (CKA, RHCSA, LFCS...).
    LabCertification,
    /// A hands-on project to build.
    Project,
    /// Deliberate practice at work.
    Practice,
}

/// The kinds grouped by how far they can take someone (see the catalogue's
/// level rule in docs/templates.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearningClass {
    /// Books and documentation.
    Reading,
    /// Courses and multiple-choice certifications: taught, not done.
    Taught,
    /// Practice, projects and lab-based exams: done on real systems.
    HandsOn,
}

impl ResourceKind {
    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Book => "Book",
            ResourceKind::Docs => "Docs",
            ResourceKind::Course => "Course",
            ResourceKind::Certification => "Certification",
            ResourceKind::LabCertification => "Lab certification",
            ResourceKind::Project => "Project",
            ResourceKind::Practice => "Practice",
        }
    }

    /// How far this kind of learning can take someone.
    pub fn class(self) -> LearningClass {
        match self {
            ResourceKind::Book | ResourceKind::Docs => LearningClass::Reading,
            ResourceKind::Course | ResourceKind::Certification => LearningClass::Taught,
            ResourceKind::LabCertification | ResourceKind::Project | ResourceKind::Practice => {
                LearningClass::HandsOn
            }
        }
    }
}

/// A practice done as repeated sessions spread over weeks (drills, game
/// days, on-call shifts) rather than in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Sessions {
    /// How many sessions.
    pub count: u32,
    /// Weeks from one session to the next.
    pub every_weeks: u32,
}

/// What a resource costs the learner, in US dollars where it is not free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Cost {
    /// Free to use (open documentation, free courses, hands-on projects on
    /// free tiers or a laptop).
    Free,
    /// Bought once: a book, a course or a subscription.
    Paid {
        /// Price in USD.
        usd: u32,
    },
    /// An exam fee (the study material may be free).
    Exam {
        /// Fee in USD.
        usd: u32,
    },
}

impl Cost {
    /// Dollars to budget (0 when free).
    pub fn usd(self) -> u32 {
        match self {
            Cost::Free => 0,
            Cost::Paid { usd } | Cost::Exam { usd } => usd,
        }
    }

    /// Reads the catalogue's spelling: `"free"`, `"paid 49"` or `"exam 395"`
    /// (US dollars, whole numbers).
    pub fn parse(text: &str) -> Option<Cost> {
        let mut words = text.split_whitespace();
        let kind = words.next()?;
        let usd = words
            .next()
            .map(|n| n.trim_start_matches('$').parse::<u32>());
        if words.next().is_some() {
            return None;
        }
        match (kind, usd) {
            ("free", None) => Some(Cost::Free),
            ("paid", Some(Ok(usd))) if usd > 0 => Some(Cost::Paid { usd }),
            ("exam", Some(Ok(usd))) if usd > 0 => Some(Cost::Exam { usd }),
            _ => None,
        }
    }
}

/// One entry of the learning catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Resource {
    /// Unique id.
    pub id: String,
    /// The skill it teaches.
    pub skill: SkillId,
    /// Book, docs, course...
    pub kind: ResourceKind,
    /// Title as published.
    pub title: String,
    /// Author(s) or provider.
    pub provider: String,
    /// Where to find it, when it is online.
    pub url: Option<String>,
    /// Effort in hours (for sessions, all of them together).
    pub hours: u32,
    /// Level it starts from.
    pub from: u8,
    /// Level it brings someone to.
    pub to: u8,
    /// Skills to learn first.
    pub requires: Vec<String>,
    /// Catalogue resources that must be passed first (an exam that requires
    /// another certification); their skills are also in `requires`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires_resources: Vec<String>,
    /// Printed pages (books) or printed-page equivalent (documentation):
    /// the size `hours` follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// The length a course's provider publishes, in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_hours: Option<u32>,
    /// When repeated over weeks: how many sessions and how far apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions: Option<Sessions>,
    /// When the entry was last checked against its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<NaiveDate>,
    /// What it costs, when the catalogue knows; unknown is not free.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    /// Calendar weeks it takes, for practice and projects that need time
    /// to pass (a quarter of on-call, a rollout watched for weeks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u32>,
    /// A long hands-on programme (a course of labs over months) that says
    /// it moves someone more than one level.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub programme: bool,
    /// The cloud provider it is about (`aws`, `azure`, `gcp`), when it is
    /// about one; a plan offers it only to someone on that cloud.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
    /// For practice that needs a job context: what must be true ("your team
    /// runs an on-call rotation").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The simulated alternative (a resource id) for someone without that
    /// context: a Wheel of Misfortune, SadServers, a homelab game day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
    /// The concept skills this resource also counts for, the way a rating
    /// of its skill rolls up (Terraform's docs count for IaC): filled in
    /// from skills.toml when the catalogue loads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts_for: Vec<SkillId>,
}

/// The cloud providers a plan can be specific to.
pub const CLOUDS: [&str; 3] = ["aws", "azure", "gcp"];

#[cfg(test)]
mod cost_tests {
    use super::Cost;

    #[test]
    fn catalogue_spellings() {
        assert_eq!(Cost::parse("free"), Some(Cost::Free));
        assert_eq!(Cost::parse("paid 49"), Some(Cost::Paid { usd: 49 }));
        assert_eq!(Cost::parse("exam $395"), Some(Cost::Exam { usd: 395 }));
        assert_eq!(Cost::parse("exam 395").map(Cost::usd), Some(395));
        for bad in [
            "",
            "paid",
            "paid 0",
            "free 3",
            "exam 1.5",
            "gratis",
            "paid 49 usd",
        ] {
            assert_eq!(Cost::parse(bad), None, "{bad:?}");
        }
    }
}
