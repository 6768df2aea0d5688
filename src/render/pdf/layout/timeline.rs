//! The plan's timeline: one bar per item across month columns.

use chrono::{Datelike, NaiveDate};

use super::flow::{Align, Doc};
use super::style;
use crate::plan::PlanItem;
use crate::text::num;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const ROW_H: f32 = 13.0;
const BAR_H: f32 = 7.0;
const HEAD_H: f32 = 22.0;

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn next_month(d: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// The months the items span: first days, plus the first day after them.
fn months(items: &[PlanItem]) -> Option<(Vec<NaiveDate>, NaiveDate)> {
    let first = items.iter().map(|i| i.start.min(i.end)).min()?;
    let last = items.iter().map(|i| i.end.max(i.start)).max()?;
    let mut out = vec![month_start(first)];
    loop {
        let next = next_month(*out.last()?)?;
        if next > last {
            return Some((out, next));
        }
        out.push(next);
    }
}

/// Horizontal geometry: where a date falls.
#[derive(Clone, Copy)]
struct Geo {
    left: f32,
    label_w: f32,
    plot_x: f32,
    plot_w: f32,
    first: NaiveDate,
    days: f32,
}

impl Geo {
    fn x(&self, d: NaiveDate) -> f32 {
        let n = (d - self.first).num_days() as f32;
        self.plot_x + self.plot_w * (n / self.days).clamp(0.0, 1.0)
    }
}

fn header(doc: &mut Doc, geo: Geo, months: &[NaiveDate], end: NaiveDate) {
    let top = doc.y;
    let f = style::TINY.bold().color(style::INK);
    let col_w = geo.plot_w / months.len() as f32;
    // Label every `step` months when the columns are too narrow.
    let need = doc.measure("Mmm", f) + 4.0;
    let step = ((need / col_w).ceil() as usize).max(1);
    for (i, m) in months.iter().enumerate() {
        let x0 = geo.x(*m);
        let x1 = geo.x(months.get(i + 1).copied().unwrap_or(end));
        if i % step == 0 {
            let cx = if step == 1 { (x0 + x1) / 2.0 } else { x0 + 1.0 };
            let align = if step == 1 {
                Align::Center
            } else {
                Align::Left
            };
            doc.text_at(cx, top + 8.0, MONTHS[m.month0() as usize], f, align);
            if i == 0 || m.month() == 1 {
                doc.text_at(cx, top + 16.0, &m.year().to_string(), style::TINY, align);
            }
        }
    }
    doc.y = top + HEAD_H;
}

/// Draws the timeline (nothing for no items).
/// The days of each session of a recurring practice (first day, last day),
/// or `None` for an item done in one block. Sessions start every
/// `every_weeks` weeks from the item's start; each lasts as long as the
/// first, which is what is left of the item once the gaps are taken out.
fn sessions(item: &PlanItem) -> Option<Vec<(NaiveDate, NaiveDate)>> {
    let s = item
        .resource
        .sessions
        .filter(|s| s.count > 1 && s.every_weeks > 0)?;
    let step = i64::from(s.every_weeks) * 7;
    let span = (item.end - item.start).num_days() + 1;
    let len = (span - i64::from(s.count - 1) * step).clamp(1, step);
    (0..i64::from(s.count))
        .map(|k| {
            let a = item
                .start
                .checked_add_signed(chrono::TimeDelta::try_days(k * step)?)?;
            let b = a.checked_add_signed(chrono::TimeDelta::try_days(len - 1)?)?;
            Some((a, b.min(item.end)))
        })
        .collect()
}

pub fn timeline(doc: &mut Doc, items: &[PlanItem]) {
    let Some((months, end)) = months(items) else {
        return;
    };
    let first = months[0];
    let label_w = (doc.width() * 0.3).round();
    let geo = Geo {
        left: doc.left(),
        label_w,
        plot_x: doc.left() + label_w,
        plot_w: doc.width() - label_w,
        first,
        days: ((end - first).num_days() as f32).max(1.0),
    };
    // The title keeps the month header and three bars with it.
    doc.subheading("Timeline", HEAD_H + ROW_H * items.len().min(3) as f32);
    let alt = items
        .iter()
        .map(|i| format!("{}: {} to {}", i.name, i.start, i.end));
    doc.begin(super::super::draw::Tag::Figure(format!(
        "Timeline of the plan. {}",
        alt.collect::<Vec<_>>().join("; ")
    )));
    header(doc, geo, &months, end);
    for item in items {
        if !doc.fits(ROW_H) {
            doc.page_break();
            let x = doc.left();
            let f = style::SMALL;
            doc.text(x, doc.y + f.size, "Timeline (continued)", f);
            doc.y += f.leading() + 2.0;
            header(doc, geo, &months, end);
        }
        let top = doc.y;
        // Month columns, alternately tinted.
        for (i, m) in months.iter().enumerate() {
            let x0 = geo.x(*m);
            let x1 = geo.x(months.get(i + 1).copied().unwrap_or(end));
            if i % 2 == 0 {
                doc.rect_fill(x0, top, x1 - x0, ROW_H, style::ZEBRA);
            }
        }
        let label = format!("{} {} → {}", item.name, num(item.from), item.to);
        let (label, lf) = doc.fit(&label, geo.label_w - 8.0, style::CELL);
        doc.text(geo.left, top + 9.5, &label, lf);
        let (s, e) = (item.start.min(item.end), item.end.max(item.start));
        let x0 = geo.x(s);
        let x1 = e.succ_opt().map_or(geo.plot_x + geo.plot_w, |d| geo.x(d));
        let w = (x1 - x0).max(2.0);
        let by = top + (ROW_H - BAR_H) / 2.0;
        match sessions(item) {
            // A recurring practice: a thin line over its weeks and one
            // short bar per session, so it does not read as one block.
            Some(bars) => {
                doc.line(
                    x0,
                    by + BAR_H / 2.0,
                    x0 + w,
                    by + BAR_H / 2.0,
                    0.75,
                    style::ACCENT,
                );
                for (a, b) in bars {
                    let bx0 = geo.x(a);
                    let bx1 = b.succ_opt().map_or(x0 + w, |d| geo.x(d));
                    doc.rect_fill(bx0, by, (bx1 - bx0).max(2.0), BAR_H, style::ACCENT);
                }
            }
            None => doc.rect_fill(x0, by, w, BAR_H, style::ACCENT),
        }
        let hours = format!("{} h", item.hours);
        let hf = style::TINY;
        let hw = doc.measure(&hours, hf);
        if x0 + w + 3.0 + hw <= doc.right() {
            doc.text(x0 + w + 3.0, top + 9.0, &hours, hf);
        } else if x0 - 3.0 - hw >= geo.plot_x {
            doc.text_at(x0 - 3.0, top + 9.0, &hours, hf, Align::Right);
        }
        doc.y = top + ROW_H;
    }
    doc.end();
    let (l, r, y) = (doc.left(), doc.right(), doc.y);
    doc.line(l, y, r, y, 0.5, style::RULE);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn recurring_items_are_drawn_as_sessions() {
        let mut item = PlanItem {
            skill: "k".into(),
            name: "K".into(),
            from: 2.0,
            to: 3,
            resource: crate::plan::PlanResource {
                id: "r".into(),
                kind: crate::model::ResourceKind::Practice,
                title: "T".into(),
                provider: "P".into(),
                url: None,
                sessions: Some(crate::model::Sessions {
                    count: 3,
                    every_weeks: 4,
                }),
                cost: None,
                weeks: None,
                cloud: None,
                condition: None,
                alternative: None,
                instead: None,
            },
            hours: 9,
            start: d(2026, 11, 30),
            // Two 4-week gaps and a 3-day first session.
            end: d(2027, 1, 27),
        };
        assert_eq!(
            sessions(&item).unwrap(),
            [
                (d(2026, 11, 30), d(2026, 12, 2)),
                (d(2026, 12, 28), d(2026, 12, 30)),
                (d(2027, 1, 25), d(2027, 1, 27)),
            ]
        );
        item.resource.sessions = None;
        assert!(sessions(&item).is_none());
    }

    #[test]
    fn months_cover_items_across_a_year_end() {
        let item = |s, e| PlanItem {
            skill: "k".into(),
            name: "K".into(),
            from: 1.0,
            to: 2,
            resource: crate::plan::PlanResource {
                id: "r".into(),
                kind: crate::model::ResourceKind::Book,
                title: "T".into(),
                provider: "P".into(),
                url: None,
                sessions: None,
                cost: None,
                weeks: None,
                cloud: None,
                condition: None,
                alternative: None,
                instead: None,
            },
            hours: 4,
            start: s,
            end: e,
        };
        let (m, end) = months(&[item(d(2026, 11, 30), d(2027, 2, 27))]).unwrap();
        assert_eq!(
            m,
            [d(2026, 11, 1), d(2026, 12, 1), d(2027, 1, 1), d(2027, 2, 1)]
        );
        assert_eq!(end, d(2027, 3, 1));
        assert!(months(&[]).is_none());
    }
}
