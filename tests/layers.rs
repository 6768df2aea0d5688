//! The layers of the code, checked: every `crate::<module>` a source file
//! names must be in its own layer or a lower one. The crates keep the big
//! boundaries (skillgap-pdf and skillgap-core cannot see the binary); this
//! keeps the order inside each crate, so a module that reaches up (the
//! batch reading the command line's settings, writing code reaching into
//! the batch) fails here, with the file and the line.

use std::path::{Path, PathBuf};

/// Layers of a crate, top first: a module may name modules of its own
/// layer or of any layer after it.
type Layers = &'static [&'static [&'static str]];

const BINARY: Layers = &[
    &["main", "lib"],
    // Commands run with checked settings: config builds them from the
    // command line's words (cli) and the layers below define them.
    &["commands"],
    &["config"],
    &["cli"],
    &["console"],
    &["batch"],
    &["input", "output", "render"],
    // The core's modules, re-exported by lib.rs under the same paths.
    &[
        "analysis",
        "catalog",
        "error",
        "ingest",
        "model",
        "plan",
        "regular_file",
        "text",
    ],
];

const CORE: Layers = &[
    &["lib"],
    &["analysis"],
    &["error"],
    &["ingest", "catalog", "plan"],
    &["model"],
    &["text", "regular_file"],
];

/// Every `.rs` file below `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn layer_of(layers: Layers, module: &str) -> Option<usize> {
    layers.iter().position(|l| l.contains(&module))
}

/// The modules a line names as `crate::x` or in `use crate::{x, y}`.
fn named(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        // `skillgap_pdf::` or `super::crate::` are not this crate.
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out
}

/// Lines of `root` whose module names a module of a higher layer.
fn upward(root: &Path, layers: Layers) -> Vec<String> {
    let mut files = Vec::new();
    sources(root, &mut files);
    files.sort();
    assert!(files.len() > 5, "no sources under {}", root.display());
    let mut found = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs");
        let own = layer_of(layers, module)
            .unwrap_or_else(|| panic!("{}: module {module} is in no layer", file.display()));
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for target in named(line) {
                if target == module || target.is_empty() {
                    continue;
                }
                match layer_of(layers, &target) {
                    Some(l) if l >= own => {}
                    Some(_) => found.push(format!(
                        "{}:{}: {module} reaches up to {target}",
                        file.display(),
                        n + 1
                    )),
                    // Macros exported at the crate root (crate::err_line!).
                    None if line.contains(&format!("crate::{target}!")) => {}
                    None => found.push(format!(
                        "{}:{}: {target} is in no layer",
                        file.display(),
                        n + 1
                    )),
                }
            }
        }
    }
    found
}

#[test]
fn no_module_reaches_up() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = upward(&root.join("src"), BINARY);
    found.extend(upward(&root.join("crates/skillgap-core/src"), CORE));
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_sees_an_upward_name() {
    assert_eq!(named("use crate::config::{BatchConfig};"), ["config"]);
    assert_eq!(named("use crate::{batch, text::num};"), ["batch", "text"]);
    assert_eq!(
        named("let x = skillgap_core::crate::x;"),
        Vec::<String>::new()
    );
    assert_eq!(layer_of(BINARY, "batch"), Some(5));
    assert!(layer_of(BINARY, "config") < layer_of(BINARY, "batch"));
}
