//! The report's look: type scale, colours and page margins, in one place.
//!
//! Colours are chosen to survive greyscale printing: the current level is a
//! dark blue (prints near-black), the required level a light grey, and a gap
//! is always drawn with a hatch pattern and an outline, never by hue alone.

use super::super::draw::Color;

/// A text style: size in points, weight and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Size in points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// Fill colour.
    pub color: Color,
}

impl Font {
    const fn new(size: f32, bold: bool, color: Color) -> Font {
        Font { size, bold, color }
    }

    /// The same style in another colour.
    pub const fn color(self, color: Color) -> Font {
        Font { color, ..self }
    }

    /// The same style in bold.
    pub const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }

    /// The same style at another size.
    pub const fn size(self, size: f32) -> Font {
        Font { size, ..self }
    }

    /// Baseline-to-baseline distance for wrapped lines.
    pub fn leading(self) -> f32 {
        self.size * 1.32
    }
}

// ---- colours -------------------------------------------------------------

/// Body text.
pub const INK: Color = Color::rgb(0.10, 0.12, 0.16);
/// Secondary text.
pub const MUTED: Color = Color::grey(0.40);
/// Hairlines and grid.
pub const RULE: Color = Color::grey(0.80);
/// Faint grid lines in charts.
pub const GRID: Color = Color::grey(0.89);
/// Alternate table rows.
pub const ZEBRA: Color = Color::grey(0.955);
/// Table header band.
pub const HEAD_BG: Color = Color::rgb(0.90, 0.92, 0.95);
/// The accent: current level, best fit, links. Prints as near-black.
pub const ACCENT: Color = Color::rgb(0.11, 0.27, 0.53);
/// Lighter accent for roles other than the best fit (prints mid-grey).
pub const ACCENT_SOFT: Color = Color::rgb(0.52, 0.62, 0.76);
/// The required level.
pub const REQUIRED: Color = Color::grey(0.83);
/// Gap outline and hatch (dark orange; prints mid-grey, and always comes
/// with a pattern).
pub const GAP: Color = Color::rgb(0.76, 0.29, 0.04);
/// Light tint behind call-outs.
pub const CALLOUT_BG: Color = Color::rgb(0.99, 0.95, 0.90);

// ---- type scale ------------------------------------------------------------

/// The person's name on page 1.
pub const NAME: Font = Font::new(24.0, true, INK);
/// Small capitals above the name.
pub const KICKER: Font = Font::new(8.0, true, ACCENT);
/// The direction in one sentence.
pub const LEAD: Font = Font::new(17.0, true, ACCENT);
/// Section titles.
pub const H1: Font = Font::new(15.0, true, INK);
/// Subsection titles.
pub const H2: Font = Font::new(10.5, true, INK);
/// Running text.
pub const BODY: Font = Font::new(9.5, false, INK);
/// Secondary running text.
pub const SMALL: Font = Font::new(8.0, false, MUTED);
/// Table cells.
pub const CELL: Font = Font::new(8.0, false, INK);
/// Table headers.
pub const CELL_HEAD: Font = Font::new(7.5, true, INK);
/// Chart labels and axis ticks.
pub const TINY: Font = Font::new(7.0, false, MUTED);
/// Page header and footer.
pub const RUNNING: Font = Font::new(7.5, false, MUTED);

/// Smallest size text is shrunk to before it wraps or is cut.
pub const MIN_SIZE: f32 = 6.5;

// ---- page geometry -----------------------------------------------------------

/// Left and right margin.
pub const MARGIN_X: f32 = 50.0;
/// Top margin of page 1 (and of later pages, below the running header).
pub const MARGIN_TOP: f32 = 54.0;
/// Bottom margin: content never goes below `height - MARGIN_BOTTOM`.
pub const MARGIN_BOTTOM: f32 = 56.0;
/// Baseline of the running header on pages 2+.
pub const HEADER_Y: f32 = 32.0;
/// Baseline of the footer, from the bottom edge.
pub const FOOTER_FROM_BOTTOM: f32 = 30.0;

// ---- spacing -------------------------------------------------------------------

/// Space before a section title.
pub const SECTION_GAP: f32 = 18.0;
/// Space before a subsection title.
pub const SUBSECTION_GAP: f32 = 12.0;
/// Space after a title.
pub const TITLE_GAP: f32 = 6.0;
