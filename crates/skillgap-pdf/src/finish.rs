//! Turning a [`Canvas`] into deterministic PDF bytes with `pdf-writer`.
//!
//! Written: pages and their content streams, link annotations, one
//! Type0 font per face used (Identity-H, subset glyph ids as codes, widths,
//! `/ToUnicode` CMap; CIDFontType2 with `/FontFile2` for TrueType outlines,
//! CIDFontType0 with `/FontFile3 /CIDFontType0C` for CFF), the structure
//! tree of a tagged PDF (see [`super::tags`]), the outline (bookmarks for
//! the headings), `/MarkInfo`, `/Lang`, `/ViewerPreferences
//! /DisplayDocTitle` and the info dictionary. Font objects come from the
//! shared per-run [`super::embed::Cache`]: the subset program is built and
//! deflated once per face and glyph set, and only copied into each
//! document.
//!
//! Size: `pdf-writer` writes each object on its own; the many small
//! dictionaries (structure elements, fonts, pages) are gathered into one
//! deflated object stream ([`Packed`]), which `pdf-writer` does not offer.
//!
//! Determinism: nothing depends on the clock, on thread scheduling or on
//! which documents were written before — fonts are a pure function of the
//! face and the glyphs this document draws, the subset tag is a hash of
//! those glyph ids, dates come from [`Meta::date`] (midnight UTC), and the
//! trailer `/ID` is a hash of the bytes written before it.

use std::sync::Arc;

use pdf_writer::types::{
    ActionType, AnnotationType, CidFontType, FontFlags, PageMode, SystemInfo, TabOrder,
};
use pdf_writer::writers::{Resources, StructTreeRoot};
use pdf_writer::{Date, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};

use super::compress::{CONTENT_LEVEL, deflate};
use super::content::{Names, Op, r, write_page};
use super::embed::Embedded;
use super::objstm::{Packed, Refs, hash128, patch_xref};
use super::tags::{Kid, Tag};
use super::{Canvas, PdfError};

/// The language of the reports' words (`/Lang`).
const LANG: &str = "en";

/// Document metadata written to the PDF info dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// `/Title`.
    pub title: String,
    /// `/Author`.
    pub author: String,
    /// `/Subject`.
    pub subject: String,
    /// `/Creator` (the application), also used as `/Producer`.
    pub creator: String,
    /// Creation and modification date (year, month 1-12, day 1-31), midnight
    /// UTC. Fixed by the caller so output does not depend on the clock.
    pub date: (i32, u8, u8),
}

impl Default for Meta {
    fn default() -> Self {
        Self {
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            creator: String::new(),
            date: (1970, 1, 1),
        }
    }
}

fn check_date((y, m, d): (i32, u8, u8)) -> Result<(), PdfError> {
    if !(0..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(PdfError::InvalidDate(y, m, d));
    }
    Ok(())
}

fn pdf_date((y, m, d): (i32, u8, u8)) -> Date {
    Date::new(y as u16)
        .month(m)
        .day(d)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// One outline entry: a heading and where it starts.
struct Entry {
    id: Ref,
    title: String,
    page: Ref,
    top: f32,
    kids: Vec<Entry>,
}

/// Writes outline entries `items` under `parent`.
fn write_entries(packed: &mut Packed, items: &[Entry], parent: Ref) {
    for (i, e) in items.iter().enumerate() {
        let mut item = packed.at(e.id).outline_item(e.id);
        item.title(TextStr(&e.title)).parent(parent);
        if i > 0 {
            item.prev(items[i - 1].id);
        }
        if let Some(next) = items.get(i + 1) {
            item.next(next.id);
        }
        if let (Some(first), Some(last)) = (e.kids.first(), e.kids.last()) {
            item.first(first.id)
                .last(last.id)
                .count(-(e.kids.len() as i32));
        }
        item.dest().page(e.page).xyz(0.0, r(e.top), None);
        item.finish();
        write_entries(packed, &e.kids, e.id);
    }
}

impl Canvas {
    /// The outline (bookmarks): every level-1 heading, with the level-2
    /// headings after it as its entries. `None` if there is no heading.
    fn outline(
        &self,
        packed: &mut Packed,
        refs: &mut Refs,
        elem_refs: &[Option<Ref>],
        page_refs: &[(Ref, Ref)],
    ) -> Option<Ref> {
        let mut top: Vec<Entry> = Vec::new();
        for (e, el) in self.tree.elems.iter().enumerate() {
            let (Some(tag @ (Tag::H1 | Tag::H2)), Some((page, y))) = (&el.tag, el.at) else {
                continue;
            };
            if elem_refs[e].is_none() || el.title.trim().is_empty() {
                continue;
            }
            let entry = Entry {
                id: refs.next(),
                title: el.title.clone(),
                page: page_refs[page].0,
                top: y,
                kids: Vec::new(),
            };
            match (tag, top.last_mut()) {
                (Tag::H2, Some(parent)) => parent.kids.push(entry),
                _ => top.push(entry),
            }
        }
        let (first, last) = (top.first()?.id, top.last()?.id);
        let root = refs.next();
        write_entries(packed, &top, root);
        packed
            .at(root)
            .outline(root)
            .first(first)
            .last(last)
            .count(top.len() as i32);
        Some(root)
    }

    /// Serializes the document (fonts subset, streams compressed).
    ///
    /// Page footers are not drawn automatically: call
    /// [`Canvas::for_each_page`] before this to add "Page X of Y".
    pub fn finish(self, meta: &Meta) -> Result<Vec<u8>, PdfError> {
        check_date(meta.date)?;
        let mut fonts: Vec<Option<Arc<Embedded>>> = vec![None; self.slots.len()];
        for (&key, &slot) in &self.slots {
            let face = self
                .fonts
                .face(key)
                .ok_or_else(|| PdfError::Render(format!("font {key:?} used but not loaded")))?;
            let embedded = self
                .fonts
                .embedded(key, face, self.used[slot].set())
                .map_err(|reason| PdfError::FontParse {
                    font: face.name.clone(),
                    reason,
                })?;
            fonts[slot] = Some(embedded);
        }
        let fonts: Vec<Arc<Embedded>> = fonts.into_iter().flatten().collect();
        Ok(self.write(meta, &fonts))
    }

    fn write(self, meta: &Meta, fonts: &[Arc<Embedded>]) -> Vec<u8> {
        let hint = 8192 + fonts.iter().map(|f| f.program.len() + 2048).sum::<usize>();
        let mut pdf = Pdf::with_settings_and_capacity(
            Settings { pretty: false },
            hint + self.pages.len() * 8192,
        );
        let mut packed = Packed::new();
        let mut refs = Refs(0);
        let catalog = refs.next();
        let pages_id = refs.next();
        let info = refs.next();
        let resources = refs.next();
        let tree_root = refs.next();
        let names = Names::new(fonts.len(), self.hatches.len());

        let font_refs: Vec<Ref> = fonts
            .iter()
            .map(|f| write_font(&mut pdf, &mut packed, &mut refs, f))
            .collect();
        let hatch_refs = self.write_hatches(&mut pdf, &mut refs, &names);
        write_resources(&mut packed, resources, &names, &font_refs, &hatch_refs);

        // Structure: a reference for every element that holds content.
        let tree = &self.tree;
        let elem_refs: Vec<Option<Ref>> = (0..tree.elems.len())
            .map(|e| (e == 0 || tree.has_content(e)).then(|| refs.next()))
            .collect();
        let page_refs: Vec<(Ref, Ref)> = self
            .pages
            .iter()
            .map(|_| (refs.next(), refs.next()))
            .collect();
        let placed = PagesAt {
            pages_id,
            resources,
            page_refs: &page_refs,
        };
        let written = self.write_pages(&mut pdf, &mut packed, &mut refs, fonts, &names, &placed);
        self.write_structure(&mut packed, &elem_refs, &page_refs, &written, tree_root);

        let outline = self.outline(&mut packed, &mut refs, &elem_refs, &page_refs);
        packed
            .at(pages_id)
            .pages(pages_id)
            .kids(page_refs.iter().map(|&(p, _)| p))
            .count(page_refs.len() as i32);
        write_catalog(&mut pdf, catalog, pages_id, tree_root, outline);
        write_info(&mut pdf, info, meta);

        let index = packed.write(&mut pdf, &mut refs);
        let id = hash128(pdf.as_bytes()).to_be_bytes().to_vec();
        pdf.set_file_id((id.clone(), id));
        let xref = refs.next();
        let size = xref.get() as usize + 1;
        pdf.finish_with_xref_stream_and_filter(xref, |rows| {
            let rows = patch_xref(rows, size, &index);
            (
                deflate(&rows, CONTENT_LEVEL),
                pdf_writer::XRefFilter::Single(Filter::FlateDecode),
            )
        })
    }

    /// One form XObject per hatch pattern; their names and references.
    fn write_hatches<'n>(
        &self,
        pdf: &mut Pdf,
        refs: &mut Refs,
        names: &'n Names,
    ) -> Vec<(&'n [u8], Ref)> {
        let mut hatch_refs = Vec::with_capacity(self.hatches.len());
        for (hatch, name) in self.hatches.iter().zip(&names.hatches) {
            let form = refs.next();
            hatch_refs.push((name.as_ref(), form));
            let data = hatch.form_deflated();
            let mut x = pdf.form_xobject(form, &data);
            x.filter(Filter::FlateDecode);
            x.bbox(Rect::new(0.0, 0.0, r(hatch.max_w), r(hatch.h)));
            x.resources();
        }
        hatch_refs
    }

    /// Every page: its content stream, link annotations and page
    /// dictionary.
    fn write_pages(
        &self,
        pdf: &mut Pdf,
        packed: &mut Packed,
        refs: &mut Refs,
        fonts: &[Arc<Embedded>],
        names: &Names,
        at: &PagesAt<'_>,
    ) -> WrittenPages {
        let (w, h) = (self.size.width(), self.size.height());
        let code = |slot: usize, g: u16| {
            fonts[slot]
                .code_table
                .get(usize::from(g))
                .copied()
                .unwrap_or(0)
        };
        let mut out = WrittenPages {
            parent_arrays: Vec::with_capacity(self.pages.len()),
            link_refs: Vec::with_capacity(self.pages.len()),
            next_key: self.pages.len() as i32,
        };
        for (i, (p, &(page, contents))) in self.pages.iter().zip(at.page_refs).enumerate() {
            let stream = write_page(p, &code, names);
            pdf.stream(contents, &deflate(&stream, CONTENT_LEVEL))
                .filter(Filter::FlateDecode);
            let links = write_links(packed, refs, &p.ops, &mut out.next_key);
            let parents = (p.next_mcid > 0).then(|| refs.next());
            if let Some(arr) = parents {
                out.parent_arrays.push((i, arr));
            }
            let mut pg = packed.at(page).page(page);
            pg.parent(at.pages_id)
                .media_box(Rect::new(0.0, 0.0, r(w), r(h)))
                .contents(contents)
                .tab_order(TabOrder::StructureOrder)
                .pair(Name(b"Resources"), at.resources);
            if parents.is_some() {
                pg.struct_parents(i as i32);
            }
            if !links.is_empty() {
                pg.annotations(links.iter().map(|&(id, _)| id));
            }
            out.link_refs.push(links);
        }
        out
    }

    /// The structure tree: the parent tree (the element of every marked
    /// content id and link), the elements and the root.
    fn write_structure(
        &self,
        packed: &mut Packed,
        elem_refs: &[Option<Ref>],
        page_refs: &[(Ref, Ref)],
        written: &WrittenPages,
        tree_root: Ref,
    ) {
        let tree = &self.tree;
        let mut owners: Vec<Vec<Option<Ref>>> = self
            .pages
            .iter()
            .map(|p| vec![None; p.next_mcid as usize])
            .collect();
        for (e, el) in tree.elems.iter().enumerate() {
            for kid in &el.kids {
                if let Kid::Content { page, mcid } = *kid
                    && let Some(slot) = owners.get_mut(page).and_then(|o| o.get_mut(mcid as usize))
                {
                    *slot = elem_refs[e];
                }
            }
        }
        for &(i, arr) in &written.parent_arrays {
            let mut a = packed.at(arr).indirect(arr).array();
            for owner in &owners[i] {
                match owner {
                    Some(o) => a.item(*o),
                    None => a.item(pdf_writer::Null),
                };
            }
        }
        for (e, el) in tree.elems.iter().enumerate() {
            if let Some(id) = elem_refs[e] {
                let parent = if e == 0 {
                    tree_root
                } else {
                    elem_refs[el.parent].unwrap_or(tree_root)
                };
                write_element(packed, id, el, parent, elem_refs, page_refs, written);
            }
        }
        let mut root = packed
            .at(tree_root)
            .indirect(tree_root)
            .start::<StructTreeRoot>();
        if let Some(doc) = elem_refs[0] {
            root.child(doc);
        }
        let mut parent_tree = root.parent_tree();
        let mut nums = parent_tree.nums();
        for &(i, arr) in &written.parent_arrays {
            nums.insert(i as i32, arr);
        }
        for (e, el) in tree.elems.iter().enumerate() {
            for kid in &el.kids {
                if let (Kid::Annot { page, index }, Some(link)) = (*kid, elem_refs[e])
                    && let Some(&(_, key)) = written.link_refs[page].get(index)
                {
                    nums.insert(key, link);
                }
            }
        }
        nums.finish();
        parent_tree.finish();
        root.parent_tree_next_key(written.next_key);
    }
}

/// Where the page dictionaries point: the page tree and the shared
/// resources, and each page's (page, content stream) references.
struct PagesAt<'a> {
    pages_id: Ref,
    resources: Ref,
    page_refs: &'a [(Ref, Ref)],
}

/// What writing the pages left for the structure tree.
struct WrittenPages {
    /// (page index, reference of its parent-tree array) for pages with
    /// marked content.
    parent_arrays: Vec<(usize, Ref)>,
    /// Each page's link annotations with their struct parent keys.
    link_refs: Vec<Vec<(Ref, i32)>>,
    /// The next free struct parent key (after the pages' and links').
    next_key: i32,
}

/// One embedded font: the program, `/ToUnicode`, descriptor, CID font and
/// Type0 font. Returns the Type0 font's reference.
fn write_font(pdf: &mut Pdf, packed: &mut Packed, refs: &mut Refs, f: &Embedded) -> Ref {
    let (type0, cid, desc, file, cmap) = (
        refs.next(),
        refs.next(),
        refs.next(),
        refs.next(),
        refs.next(),
    );
    let map = f.cid_to_gid.as_ref().map(|data| {
        let id = refs.next();
        pdf.stream(id, data).filter(Filter::FlateDecode);
        id
    });
    let mut program = pdf.stream(file, &f.program);
    program.filter(Filter::FlateDecode);
    if f.cff {
        program.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        program.pair(Name(b"Length1"), f.program_len as i32);
    }
    program.finish();
    pdf.cmap(cmap, &f.to_unicode).filter(Filter::FlateDecode);

    let base = Name(f.base_font.as_bytes());
    let m = &f.metrics;
    let mut d = packed.at(desc).font_descriptor(desc);
    d.name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(m.bbox[0], m.bbox[1], m.bbox[2], m.bbox[3]))
        .italic_angle(m.italic_angle)
        .ascent(m.ascent)
        .descent(m.descent)
        .cap_height(m.cap_height)
        .stem_v(m.stem_v);
    if f.cff {
        d.font_file3(file);
    } else {
        d.font_file2(file);
    }
    d.finish();

    let mut c = packed.at(cid).cid_font(cid);
    c.subtype(if f.cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(base)
    .system_info(SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    })
    .font_descriptor(desc)
    .default_width(1000.0);
    if let Some(map) = map {
        c.cid_to_gid_map_stream(map);
    }
    // One run of widths per stretch of consecutive codes.
    let mut w = c.widths();
    let mut rest = &f.widths[..];
    while let Some(&(start, _)) = rest.first() {
        let n = rest
            .iter()
            .zip(start..)
            .take_while(|(w, want)| w.0 == *want)
            .count();
        w.consecutive(start, rest[..n].iter().map(|&(_, w)| w));
        rest = &rest[n..];
    }
    w.finish();
    c.finish();

    packed
        .at(type0)
        .type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    type0
}

/// The one resource dictionary every page shares: fonts and hatch forms.
fn write_resources(
    packed: &mut Packed,
    resources: Ref,
    names: &Names,
    font_refs: &[Ref],
    hatch_refs: &[(&[u8], Ref)],
) {
    let mut res = packed
        .at(resources)
        .indirect(resources)
        .start::<Resources>();
    let mut dict = res.fonts();
    for (name, &id) in names.fonts.iter().zip(font_refs) {
        dict.pair(Name(name), id);
    }
    dict.finish();
    if !hatch_refs.is_empty() {
        let mut x = res.x_objects();
        for &(name, id) in hatch_refs {
            x.pair(Name(name), id);
        }
    }
}

/// A page's link annotations, each with the next struct parent key.
fn write_links(
    packed: &mut Packed,
    refs: &mut Refs,
    ops: &[Op],
    next_key: &mut i32,
) -> Vec<(Ref, i32)> {
    let mut out = Vec::new();
    for op in ops {
        let Op::Link { area: a, url } = op else {
            continue;
        };
        let (id, key) = (refs.next(), *next_key);
        *next_key += 1;
        out.push((id, key));
        let mut annot = packed.at(id).annotation(id);
        annot
            .subtype(AnnotationType::Link)
            .struct_parent(key)
            .rect(Rect::new(r(a.x), r(a.y), r(a.x + a.w), r(a.y + a.h)))
            .border(0.0, 0.0, 0.0, None)
            .contents(TextStr(url));
        annot
            .action()
            .action_type(ActionType::Uri)
            .uri(Str(url.as_bytes()));
    }
    out
}

/// One structure element. A plain dictionary rather than pdf-writer's
/// StructElement writer: `/Type /StructElem` is optional and would be most
/// of a small element's bytes, and a lone child needs no array.
fn write_element(
    packed: &mut Packed,
    id: Ref,
    el: &super::tags::Elem,
    parent: Ref,
    elem_refs: &[Option<Ref>],
    page_refs: &[(Ref, Ref)],
    written: &WrittenPages,
) {
    let first_page = el.kids.iter().find_map(|k| match *k {
        Kid::Content { page, .. } | Kid::Annot { page, .. } => Some(page),
        Kid::Elem(_) => None,
    });
    let mut s = packed.at(id).indirect(id).dict();
    s.pair(
        Name(b"S"),
        Name(el.tag.as_ref().map_or(&b"Document"[..], Tag::name)),
    );
    s.pair(Name(b"P"), parent);
    if let Some(page) = first_page {
        s.pair(Name(b"Pg"), page_refs[page].0);
    }
    if let Some(Tag::Figure(alt)) = &el.tag {
        s.pair(Name(b"Alt"), TextStr(alt));
    }
    let kept = |k: &&Kid| !matches!(k, Kid::Elem(c) if elem_refs[*c].is_none());
    let mut lone = el.kids.iter().filter(kept);
    if let (Some(Kid::Content { page, mcid }), None) = (lone.next(), lone.next())
        && Some(*page) == first_page
    {
        s.pair(Name(b"K"), *mcid as i32);
        return;
    }
    let mut kids = s.insert(Name(b"K")).array();
    for kid in el.kids.iter().filter(kept) {
        match *kid {
            Kid::Elem(c) => {
                if let Some(c) = elem_refs[c] {
                    kids.item(c);
                }
            }
            Kid::Content { page, mcid } if Some(page) == first_page => {
                kids.item(mcid as i32);
            }
            Kid::Content { page, mcid } => {
                kids.push()
                    .dict()
                    .pair(Name(b"Type"), Name(b"MCR"))
                    .pair(Name(b"Pg"), page_refs[page].0)
                    .pair(Name(b"MCID"), mcid as i32);
            }
            Kid::Annot { page, index } => {
                if let Some(&(annot, _)) = written.link_refs[page].get(index) {
                    kids.push()
                        .dict()
                        .pair(Name(b"Type"), Name(b"OBJR"))
                        .pair(Name(b"Pg"), page_refs[page].0)
                        .pair(Name(b"Obj"), annot);
                }
            }
        }
    }
}

/// The document catalog: pages, language, structure, outline.
fn write_catalog(pdf: &mut Pdf, catalog: Ref, pages_id: Ref, tree_root: Ref, outline: Option<Ref>) {
    let mut cat = pdf.catalog(catalog);
    cat.pages(pages_id).lang(TextStr(LANG));
    cat.pair(Name(b"StructTreeRoot"), tree_root);
    cat.mark_info().marked(true);
    cat.viewer_preferences().display_doc_title(true);
    if let Some(outline) = outline {
        cat.outlines(outline).page_mode(PageMode::UseOutlines);
    }
}

/// The info dictionary; both dates are the caller's, never the clock's.
fn write_info(pdf: &mut Pdf, info: Ref, meta: &Meta) {
    let mut di = pdf.document_info(info);
    di.title(TextStr(&meta.title));
    if !meta.author.is_empty() {
        di.author(TextStr(&meta.author));
    }
    if !meta.subject.is_empty() {
        di.subject(TextStr(&meta.subject));
    }
    if !meta.creator.is_empty() {
        di.creator(TextStr(&meta.creator));
        di.producer(TextStr(&meta.creator));
    }
    di.creation_date(pdf_date(meta.date));
    di.modified_date(pdf_date(meta.date));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_date_is_an_error() {
        assert!(check_date((2024, 13, 1)).is_err());
        assert!(check_date((2024, 2, 29)).is_ok());
    }
}
