//! The document's logical structure, recorded while drawing: which
//! structure element (heading, paragraph, table cell, figure, …) each
//! drawn operation belongs to, or that it is an artifact (decoration,
//! running headers and footers). [`super::Canvas::finish`] writes it as
//! the structure tree of a tagged PDF.
//!
//! Report code marks blocks with [`super::Canvas::begin`] and
//! [`super::Canvas::end`]; what it does not mark is still tagged sensibly:
//! text outside any block becomes a paragraph of its own, lines and
//! rectangles outside a figure are artifacts, and everything drawn by
//! [`super::Canvas::for_each_page`] (running headers and footers) is an
//! artifact.

use super::content::{Mark, Page};

/// The kind of a structure element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// A top-level heading (a section title; also an outline entry).
    H1,
    /// A second-level heading (also an outline entry, under the last `H1`).
    H2,
    /// A paragraph.
    P,
    /// A list; text drawn directly in it becomes a list item.
    L,
    /// A list item.
    LI,
    /// A table; holds rows.
    Table,
    /// A table row; text drawn directly in it becomes a data cell.
    TR,
    /// A header cell.
    TH,
    /// A data cell.
    TD,
    /// A chart or picture, read as its alternative text: what is drawn
    /// inside (bars, labels) is not read on its own.
    Figure(String),
    /// A link annotation (recorded by [`super::Canvas::link`]).
    Link,
}

impl Tag {
    /// The PDF structure type name.
    pub(crate) fn name(&self) -> &'static [u8] {
        match self {
            Tag::H1 => b"H1",
            Tag::H2 => b"H2",
            Tag::P => b"P",
            Tag::L => b"L",
            Tag::LI => b"LI",
            Tag::Table => b"Table",
            Tag::TR => b"TR",
            Tag::TH => b"TH",
            Tag::TD => b"TD",
            Tag::Figure(_) => b"Figure",
            Tag::Link => b"Link",
        }
    }

    /// Elements that group others: text drawn straight into one gets an
    /// element of its own.
    fn groups(&self) -> Option<Tag> {
        match self {
            Tag::L => Some(Tag::LI),
            Tag::TR => Some(Tag::TD),
            Tag::Table => Some(Tag::P),
            _ => None,
        }
    }
}

/// A child of a structure element.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kid {
    Elem(usize),
    /// Marked content `mcid` on page `page`.
    Content {
        page: usize,
        mcid: u32,
    },
    /// Link annotation number `index` (in drawing order) of page `page`.
    Annot {
        page: usize,
        index: usize,
    },
}

/// One structure element.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    /// `None` for the document root.
    pub(crate) tag: Option<Tag>,
    pub(crate) parent: usize,
    pub(crate) kids: Vec<Kid>,
    /// For headings: the text drawn in it and where it starts (page, PDF y
    /// of the top of its first line), for the outline.
    pub(crate) title: String,
    pub(crate) at: Option<(usize, f32)>,
}

/// The structure being recorded.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    pub(crate) elems: Vec<Elem>,
    /// Open elements, innermost last; the root (0) is always at the bottom.
    stack: Vec<usize>,
    /// Nesting depth of artifact blocks.
    artifact: usize,
}

impl Default for Tree {
    fn default() -> Self {
        Self {
            elems: vec![Elem {
                tag: None,
                parent: 0,
                kids: Vec::new(),
                title: String::new(),
                at: None,
            }],
            stack: vec![0],
            artifact: 0,
        }
    }
}

/// What kind of operation is being marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Drawn {
    Text,
    Graphics,
}

impl Tree {
    fn add(&mut self, tag: Tag) -> usize {
        let parent = *self.stack.last().unwrap_or(&0);
        let id = self.elems.len();
        self.elems.push(Elem {
            tag: Some(tag),
            parent,
            kids: Vec::new(),
            title: String::new(),
            at: None,
        });
        self.elems[parent].kids.push(Kid::Elem(id));
        id
    }

    pub(crate) fn begin(&mut self, tag: Tag) {
        if self.artifact > 0 {
            return;
        }
        let id = self.add(tag);
        self.stack.push(id);
    }

    pub(crate) fn end(&mut self) {
        if self.artifact == 0 && self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    pub(crate) fn begin_artifact(&mut self) {
        self.artifact += 1;
    }

    pub(crate) fn end_artifact(&mut self) {
        self.artifact = self.artifact.saturating_sub(1);
    }

    /// The mark of the next operation drawn on `page` (number `index`),
    /// and the element it belongs to.
    pub(crate) fn mark(
        &mut self,
        page: &mut Page,
        index: usize,
        what: Drawn,
    ) -> (Mark, Option<usize>) {
        if self.artifact > 0 {
            return (Mark::Artifact, None);
        }
        let top = *self.stack.last().unwrap_or(&0);
        let target = match what {
            Drawn::Graphics => {
                let figure = self
                    .stack
                    .iter()
                    .rev()
                    .find(|&&e| matches!(self.elems[e].tag, Some(Tag::Figure(_))));
                match figure {
                    Some(&f) => f,
                    None => return (Mark::Artifact, None),
                }
            }
            Drawn::Text => match self.elems[top]
                .tag
                .as_ref()
                .map_or(Some(Tag::P), Tag::groups)
            {
                Some(own) => self.add(own),
                None => top,
            },
        };
        let tag = self.elems[target].tag.as_ref().map_or(&b"P"[..], Tag::name);
        // Consecutive operations of one element share a marked-content id.
        if let Some(Kid::Content { page: p, mcid }) = self.elems[target].kids.last().copied()
            && p == index
            && page.marks.last() == Some(&Mark::Content { mcid, tag })
        {
            return (Mark::Content { mcid, tag }, Some(target));
        }
        let mcid = page.next_mcid;
        page.next_mcid += 1;
        self.elems[target]
            .kids
            .push(Kid::Content { page: index, mcid });
        (Mark::Content { mcid, tag }, Some(target))
    }

    /// Records link annotation number `index` of page `page` as a Link
    /// element in the element being drawn (nothing in artifacts).
    pub(crate) fn link(&mut self, page: usize, index: usize) {
        if self.artifact > 0 {
            return;
        }
        let id = self.add(Tag::Link);
        self.elems[id].kids.push(Kid::Annot { page, index });
    }

    /// Notes that `text` was drawn in element `e` at (page, top y): kept
    /// for headings, which become outline entries.
    pub(crate) fn note_text(&mut self, e: usize, text: &str, page: usize, top: f32) {
        let el = &mut self.elems[e];
        if !matches!(el.tag, Some(Tag::H1 | Tag::H2)) {
            return;
        }
        if el.at.is_none() {
            el.at = Some((page, top));
        }
        if !el.title.is_empty() {
            el.title.push(' ');
        }
        el.title.push_str(text);
    }

    /// Whether element `e` holds any content, directly or below.
    pub(crate) fn has_content(&self, e: usize) -> bool {
        self.elems[e].kids.iter().any(|k| match *k {
            Kid::Content { .. } | Kid::Annot { .. } => true,
            Kid::Elem(c) => self.has_content(c),
        })
    }
}
