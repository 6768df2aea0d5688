//! Learning resources: what the catalogue offers and what kind of learning
//! each entry is.

use chrono::NaiveDate;
use serde::Serialize;

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
/// level rule in the README).
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

/// One entry of the learning catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Resource {
    /// Unique id.
    pub id: String,
    /// The skill it teaches.
    pub skill: String,
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
}
