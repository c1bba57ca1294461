//! Every binding offers every operation: one table, checked against each binding's declared
//! public surface (Python's type stubs, Node's TypeScript definitions, the browser's
//! wasm-bindgen exports), so that an operation added to one binding and not the others fails here.

use std::path::Path;

/// A binding: where its public surface is declared, and how a declaration of `name` reads there.
struct Binding {
    name: &'static str,
    surface: &'static str,
    declares: fn(&str, &str) -> bool,
}

const BINDINGS: [Binding; 3] = [
    Binding {
        name: "Python",
        surface: "bindings/python/python/horarium/__init__.pyi",
        declares: |text, name| text.contains(&format!("def {name}(")),
    },
    Binding {
        name: "Node",
        surface: "bindings/node/index.d.ts",
        declares: |text, name| text.contains(&format!("function {name}(")) || text.contains(&format!("static {name}(")),
    },
    Binding {
        name: "browser",
        surface: "bindings/wasm/src/lib.rs",
        declares: |text, name| text.contains(&format!("pub fn {name}(")) || text.contains(&format!("js_name = {name})")),
    },
];

/// Each operation and its name in each binding, in the order of [`BINDINGS`].
const OPERATIONS: &[(&str, [&str; 3])] = &[
    ("read an ITC-2007 .ctt problem", ["from_ctt_text", "fromCttText", "new"]),
    ("read a Horarium JSON problem", ["from_json", "fromJson", "new"]),
    ("read a FET problem", ["from_fet_text", "fromFetText", "new"]),
    ("read a problem from a file by its extension", ["from_file", "fromFile", "new"]),
    ("read an ITC-2007 solution", ["score", "fromCttSolution", "readSolution"]),
    ("validate: score a timetable and explain every violation", ["score", "score", "score"]),
    ("analyze: the pre-analysis's reasons", ["analyze", "analyze", "analyze"]),
    ("solve", ["solve", "solve", "solve"]),
    ("resolve: the minimal-change re-solve", ["resolve", "resolve", "resolve"]),
    ("render the HTML page of week grids", ["render_html", "renderHtml", "html"]),
    ("render the CSV of placed lessons", ["render_csv", "renderCsv", "csv"]),
    ("render an iCalendar file", ["render_ics", "renderIcs", "ics"]),
];

/// The operations of the native bindings only (Python and Node): the exact layer links HiGHS,
/// C++ that the WebAssembly build leaves out.
const NATIVE_OPERATIONS: &[(&str, [&str; 2])] = &[("bound: a proved lower bound on the soft cost", ["bound", "bound"])];

#[test]
fn every_binding_offers_every_operation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut missing = Vec::new();
    for (b, binding) in BINDINGS.iter().enumerate() {
        let path = root.join(binding.surface);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let native = NATIVE_OPERATIONS.iter().filter_map(|(operation, names)| names.get(b).map(|name| (operation, name)));
        for (operation, name) in OPERATIONS.iter().map(|(operation, names)| (operation, &names[b])).chain(native) {
            if !(binding.declares)(&text, name) {
                missing.push(format!("{} lacks {operation:?} (expected {name:?} in {})", binding.name, binding.surface));
            }
        }
    }
    assert!(missing.is_empty(), "bindings lack operations the others have:\n{}", missing.join("\n"));
}

#[test]
fn the_check_fails_for_an_operation_a_binding_does_not_declare() {
    let stub = "def solve(problem): ...\n";
    assert!((BINDINGS[0].declares)(stub, "solve"));
    assert!(!(BINDINGS[0].declares)(stub, "resolve"));
}
