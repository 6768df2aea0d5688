//! How the pages are laid out, for the personal report and the team
//! summary alike: the look ([`style`]), flowing content down pages
//! ([`flow`]), tables that break across pages ([`table`]), the skills
//! chart ([`chart`]) and the plan's timeline ([`timeline`]).

pub(super) mod chart;
pub(super) mod flow;
pub(super) mod style;
pub(super) mod table;
pub(super) mod timeline;
