//! The layers of the code, checked: every `crate::<module>` a source file
//! names must be in its own layer or a lower one. The crates keep the big
//! boundaries (skillgap-pdf and skillgap-core cannot see the binary); this
//! keeps the order inside each crate, so a module that reaches up (the
//! batch reading the command line's settings, writing code reaching into
//! the batch) fails here, with the file and the line. And no two files
//! of any crate may import each other, directly or around a circle.

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
                    // Macros exported at the crate root (crate::name!).
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

/// A file's module path below its crate's `src` ("ingest/table";
/// "ingest" for ingest/mod.rs, "" for lib.rs and main.rs).
fn module_path(rel: &Path) -> String {
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.trim_end_matches(".rs");
    let s = s.strip_suffix("/mod").unwrap_or(s);
    match s {
        "lib" | "main" | "mod" => String::new(),
        _ => s.to_string(),
    }
}

/// The text of a source file without its inline test module: tests may
/// reach anywhere.
fn without_tests(text: &str) -> &str {
    let mut from = 0;
    while let Some(i) = text[from..].find("#[cfg(test)]") {
        let at = from + i;
        let rest = text[at + "#[cfg(test)]".len()..].trim_start();
        if let Some(rest) = rest.strip_prefix("mod tests")
            && rest.trim_start().starts_with('{')
        {
            return &text[..at];
        }
        from = at + 1;
    }
    text
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every path a file names from `crate::` or `super::`, as segments from
/// the crate root, with one level of `{a, b::c}` groups expanded.
fn paths_named(module: &str, text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let starts = ["crate::", "super::"]
            .iter()
            .find(|p| rest.starts_with(**p));
        let before = i.checked_sub(1).map(|j| bytes[j] as char);
        let Some(start) =
            starts.filter(|_| !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':'))
        else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        // The module `crate::`/`super::` stand for.
        let mut base: Vec<String> = if *start == "crate::" {
            Vec::new()
        } else {
            let mut b: Vec<String> = module.split('/').map(String::from).collect();
            b.pop();
            b.retain(|s| !s.is_empty());
            b
        };
        let mut tail = &rest[start.len()..];
        while let Some(t) = tail.strip_prefix("super::") {
            base.pop();
            tail = t;
        }
        let mut prefix = base.clone();
        loop {
            let id = ident(tail);
            if id.is_empty() {
                break;
            }
            prefix.push(id.to_string());
            tail = &tail[id.len()..];
            match tail.strip_prefix("::") {
                Some(t) => tail = t,
                None => break,
            }
        }
        if let Some(group) = tail.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let mut p = prefix.clone();
                p.extend(
                    item.trim()
                        .split("::")
                        .map(|s| ident(s.trim()).to_string())
                        .filter(|s| !s.is_empty()),
                );
                out.push(p);
            }
        } else {
            out.push(prefix);
        }
        i += start.len();
    }
    out
}

/// The file-level import graph of the crate below `root`: an edge from
/// each file to every other file whose module it names, except its own
/// ancestors (a module naming its parent's items is not a circle).
fn import_graph(root: &Path) -> Vec<(String, Vec<String>)> {
    let mut files = Vec::new();
    sources(root, &mut files);
    files.sort();
    let modules: Vec<String> = files
        .iter()
        .map(|f| module_path(f.strip_prefix(root).unwrap()))
        .collect();
    let mut graph = Vec::new();
    for (file, module) in files.iter().zip(&modules) {
        let text = std::fs::read_to_string(file).unwrap();
        let mut to: Vec<String> = Vec::new();
        for path in paths_named(module, without_tests(&text)) {
            // The longest prefix of the path that is a file.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("/"))
                .find(|p| modules.contains(p));
            if let Some(t) = target
                && t != *module
                && !module.starts_with(&format!("{t}/"))
                && !to.contains(&t)
            {
                to.push(t);
            }
        }
        graph.push((module.clone(), to));
    }
    graph
}

/// The circles of `graph`: each strongly connected set of two or more
/// files, sorted (Tarjan's algorithm).
fn circles(graph: &[(String, Vec<String>)]) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g [(String, Vec<String>)],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        stack: Vec<usize>,
        on_stack: Vec<bool>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit(s: &mut State, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for to in &s.graph[v].1 {
            let Some(w) = s.graph.iter().position(|(m, _)| m == to) else {
                continue;
            };
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut set = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                set.push(s.graph[w].0.clone());
                if w == v {
                    break;
                }
            }
            if set.len() > 1 {
                set.sort();
                s.found.push(set);
            }
        }
    }
    let n = graph.len();
    let mut s = State {
        graph,
        index: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        next: 0,
        found: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

#[test]
fn no_file_imports_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in ["src", "crates/skillgap-core/src", "crates/skillgap-pdf/src"] {
        let graph = import_graph(&root.join(dir));
        assert!(graph.len() > 5, "no sources under {dir}");
        // The graph must see the imports it is meant to check.
        assert!(
            graph.iter().any(|(_, to)| !to.is_empty()),
            "no imports found under {dir}"
        );
        for c in circles(&graph) {
            found.push(format!("{dir}: {}", c.join(", ")));
        }
    }
    assert!(
        found.is_empty(),
        "files that import each other in a circle (move what they share to a lower file):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_circle_check_sees_a_circle() {
    assert_eq!(
        paths_named("ingest/table", "use super::{columns::ColumnRole, Format};"),
        [
            vec!["ingest", "columns", "ColumnRole"],
            vec!["ingest", "Format"]
        ]
    );
    assert_eq!(
        paths_named("analysis", "crate::model::Role and super::text::num"),
        [vec!["model", "Role"], vec!["text", "num"]]
    );
    assert_eq!(module_path(Path::new("ingest/mod.rs")), "ingest");
    assert_eq!(
        without_tests("a\n#[cfg(test)]\nmod tests {\n use crate::b;\n}"),
        "a\n"
    );
    let graph = |edges: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        edges
            .iter()
            .map(|(m, to)| (m.to_string(), to.iter().map(|t| t.to_string()).collect()))
            .collect()
    };
    let circle = graph(&[("a", &["b"]), ("b", &["c"]), ("c", &["a"]), ("d", &["a"])]);
    assert_eq!(circles(&circle), [["a", "b", "c"]]);
    let line = graph(&[("a", &["b"]), ("b", &["c"]), ("c", &[])]);
    assert!(circles(&line).is_empty());
}
