//! The JSON Schemas checked into `core/schema/` are current, and documents the writers produce
//! match them.
//!
//! Matching is checked with a small validator for the part of JSON Schema 2020-12 that
//! schemars emits; it refuses any keyword it does not know, so a schema that grows a new
//! construct fails here instead of being half-checked.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::{json, Value};

use horarium_core::formats::{ctt_solution, json, read_problem};
use horarium_core::Problem;

use crate::strategies::{config, problem_def, timetable};

/// The checked-in schema file, with the command that regenerates it.
fn schema_file(kind: &str) -> (PathBuf, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("schema/{kind}.schema.json"));
    let command = format!("cargo run -p horarium -- schema {kind} > core/schema/{kind}.schema.json");
    (path, command)
}

fn check_current(kind: &str, generated: &str) {
    let (path, command) = schema_file(kind);
    let committed =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {} ({e}); create it with `{command}`", path.display()));
    let expected = format!("{generated}\n");
    if committed != expected {
        let line = committed
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(expected.lines().count()))
            + 1;
        panic!(
            "{} is out of date (first difference at line {line}: {:?} should be {:?}); regenerate it with `{command}`",
            path.display(),
            committed.lines().nth(line - 1).unwrap_or("<end of file>"),
            expected.lines().nth(line - 1).unwrap_or("<end of file>")
        );
    }
}

#[test]
fn problem_schema_is_current() {
    check_current("problem", &json::problem_schema());
}

#[test]
fn timetable_schema_is_current() {
    check_current("timetable", &json::timetable_schema());
}

/// Validates `value` against `schema`, a part of `root`, appending one line per mismatch.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        errors.push(format!("{path}: the schema is not an object: {schema}"));
        return;
    };
    for (keyword, arg) in schema {
        match keyword.as_str() {
            "$schema" | "title" | "description" | "default" | "format" | "properties" => {}
            "$defs" => assert!(std::ptr::eq(schema, root.as_object().expect("the root is an object")), "$defs only at the root"),
            "$ref" => {
                let name = arg.as_str().and_then(|r| r.strip_prefix("#/$defs/")).unwrap_or_else(|| panic!("unsupported $ref {arg}"));
                let target = root["$defs"].get(name).unwrap_or_else(|| panic!("dangling $ref {arg}"));
                validate(root, target, value, path, errors);
            }
            "type" => {
                let types: Vec<&str> = match arg {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().map(|t| t.as_str().expect("type names are strings")).collect(),
                    _ => panic!("unsupported type {arg}"),
                };
                let actual = match value {
                    Value::Null => "null",
                    Value::Bool(_) => "boolean",
                    Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                    Value::Number(_) => "number",
                    Value::String(_) => "string",
                    Value::Array(_) => "array",
                    Value::Object(_) => "object",
                };
                let integer_as_number = actual == "integer" && types.contains(&"number");
                if !types.contains(&actual) && !integer_as_number {
                    errors.push(format!("{path}: expected {types:?}, found {value}"));
                }
            }
            "const" if value != arg => errors.push(format!("{path}: expected {arg}, found {value}")),
            "const" => {}
            "minimum" | "maximum" => {
                let (Some(bound), Some(n)) = (arg.as_f64(), value.as_f64()) else { continue };
                let below = keyword == "minimum" && n < bound;
                if below || (keyword == "maximum" && n > bound) {
                    errors.push(format!("{path}: {value} is outside the {keyword} {arg}"));
                }
            }
            "required" => {
                for key in arg.as_array().expect("required is a list") {
                    let key = key.as_str().expect("required names are strings");
                    if value.as_object().is_some_and(|o| !o.contains_key(key)) {
                        errors.push(format!("{path}: missing {key:?}"));
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(arg, &Value::Bool(false), "only additionalProperties: false is supported");
                let known = schema.get("properties").and_then(Value::as_object);
                for key in value.as_object().into_iter().flat_map(|o| o.keys()) {
                    if !known.is_some_and(|k| k.contains_key(key)) {
                        errors.push(format!("{path}: unknown property {key:?}"));
                    }
                }
            }
            "items" => {
                for (idx, item) in value.as_array().into_iter().flatten().enumerate() {
                    validate(root, arg, item, &format!("{path}[{idx}]"), errors);
                }
            }
            "oneOf" | "anyOf" => {
                let options = arg.as_array().expect("a list of schemas");
                let n_matching = options
                    .iter()
                    .filter(|option| {
                        let mut option_errors = Vec::new();
                        validate(root, option, value, path, &mut option_errors);
                        option_errors.is_empty()
                    })
                    .count();
                if n_matching == 0 || (keyword == "oneOf" && n_matching > 1) {
                    errors.push(format!("{path}: {n_matching} of the {} {keyword} options match {value}", options.len()));
                }
            }
            other => panic!("the validator does not know the keyword {other:?}; teach it before trusting the schema"),
        }
    }
    if let (Some(properties), Some(object)) = (schema.get("properties").and_then(Value::as_object), value.as_object()) {
        for (key, item) in object {
            if let Some(property) = properties.get(key) {
                validate(root, property, item, &format!("{path}.{key}"), errors);
            }
        }
    }
}

fn schema_errors(schema: &str, value: &Value) -> Vec<String> {
    let root: Value = serde_json::from_str(schema).expect("the schema is JSON");
    let mut errors = Vec::new();
    validate(&root, &root, value, "$", &mut errors);
    errors
}

/// Every converted ITC-2007 instance matches the schema and deserializes back to an equal problem.
#[test]
fn converted_instances_match_the_schema() {
    let schema = json::problem_schema();
    let mut names: Vec<&str> = horarium_fixtures::ITC2007.to_vec();
    names.extend(["toy", "toytoy"]);
    for name in names {
        let problem = read_problem(&horarium_fixtures::itc2007_instance(name)).unwrap_or_else(|e| panic!("{e}"));
        let text = json::write_problem(&problem);
        let value: Value = serde_json::from_str(&text).expect("the writer writes JSON");
        assert_eq!(schema_errors(&schema, &value), Vec::<String>::new(), "{name}");
        assert_eq!(json::parse_problem(name, &text).unwrap_or_else(|e| panic!("{e}")), problem, "{name}");
    }
}

/// The reference solutions, as JSON timetables, match the timetable schema.
#[test]
fn reference_timetables_match_the_schema() {
    let schema = json::timetable_schema();
    for k in 1..=7 {
        let name = format!("comp{k:02}");
        let problem = read_problem(&horarium_fixtures::itc2007_instance(&name)).unwrap_or_else(|e| panic!("{e}"));
        let solution = horarium_fixtures::itc2007_dir().join(format!("solutions/races/{name}.ctt.sol"));
        let read = ctt_solution::read_solution(&problem, &solution).unwrap_or_else(|e| panic!("{e}"));
        let value: Value = serde_json::from_str(&json::write_timetable(&problem, &read.timetable)).expect("the writer writes JSON");
        assert_eq!(schema_errors(&schema, &value), Vec::<String>::new(), "{name}");
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Problems using every feature of the model, and timetables for them, match the schemas.
    #[test]
    fn generated_documents_match_the_schemas((def, seed) in (problem_def(), any::<u64>())) {
        let problem = Problem::from_def(def).map_err(|issues| TestCaseError::fail(format!("{issues:?}")))?;
        let value: Value = serde_json::from_str(&json::write_problem(&problem)).expect("the writer writes JSON");
        let errors = schema_errors(&json::problem_schema(), &value);
        prop_assert!(errors.is_empty(), "{:?}\n{:#}", errors, value);
        let tt = timetable(&problem, seed, false);
        let value: Value = serde_json::from_str(&json::write_timetable(&problem, &tt)).expect("the writer writes JSON");
        let errors = schema_errors(&json::timetable_schema(), &value);
        prop_assert!(errors.is_empty(), "{:?}\n{:#}", errors, value);
    }
}

/// Documents the reader rejects for their shape are rejected by the schema too, so the
/// validator above is not vacuous.
#[test]
fn malformed_documents_fail_the_schema_and_the_reader() {
    let valid = json!({
        "name": "x",
        "calendar": {"days": 2, "periods_per_day": 3},
        "rooms": [{"name": "R1", "capacity": 10, "tags": ["lab"]}],
        "courses": [{"name": "c", "lessons": [2, 1], "rooms": {"tagged": ["lab"]}, "pinned": [{"lesson": 0, "day": 1, "period": 0}]}],
        "constraints": [{"kind": "room_capacity", "level": {"soft": 1}}, {"kind": "min_working_days", "level": "hard", "course": "c", "days": 2}]
    });
    let schema = json::problem_schema();
    assert_eq!(schema_errors(&schema, &valid), Vec::<String>::new());
    assert!(json::parse_problem("x.json", &valid.to_string()).is_ok());
    /// Breaks a valid document in one way.
    type Breaker = fn(&mut Value);
    let broken: [(&str, Breaker); 10] = [
        ("no courses", |v| drop(v.as_object_mut().expect("an object").remove("courses"))),
        ("an unknown property", |v| v["colour"] = json!("blue")),
        ("a zero weight", |v| v["constraints"][0]["level"] = json!({"soft": 0})),
        ("an unknown level", |v| v["constraints"][0]["level"] = json!("medium")),
        ("an unknown kind", |v| v["constraints"][0]["kind"] = json!("bogus")),
        ("lessons as text", |v| v["courses"][0]["lessons"] = json!("four")),
        ("a negative day count", |v| v["calendar"]["days"] = json!(-1)),
        ("a day count beyond u16", |v| v["calendar"]["days"] = json!(70000)),
        ("an unknown room choice", |v| v["courses"][0]["rooms"] = json!("some")),
        ("a pin without a period", |v| drop(v["courses"][0]["pinned"][0].as_object_mut().expect("an object").remove("period"))),
    ];
    for (what, breaks) in broken {
        let mut value = valid.clone();
        breaks(&mut value);
        assert!(!schema_errors(&schema, &value).is_empty(), "the schema accepts {what}: {value}");
        assert!(json::parse_problem("x.json", &value.to_string()).is_err(), "the reader accepts {what}: {value}");
    }
    let timetable_schema = json::timetable_schema();
    assert!(schema_errors(&timetable_schema, &json!({"assignments": [{"course": "c", "day": 0, "period": 0}]})).is_empty());
    assert!(!schema_errors(&timetable_schema, &json!({"assignments": [{"course": "c", "day": 0}]})).is_empty());
    assert!(!schema_errors(&timetable_schema, &json!({"assignments": [], "score": 3})).is_empty());
}
