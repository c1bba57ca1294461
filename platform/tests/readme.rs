//! The README's session with the platform runs as shown, against the real server.

use std::process::Command;

use crate::common::{Database, Store};
use crate::restart::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_session_runs_against_the_real_server() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).expect("the README");
    let section = &readme[readme.find("## The platform").expect("a section on the platform")..];
    let start = section.find("```sh\n").expect("a shell block in it") + "```sh\n".len();
    let block = &section[start..start + section[start..].find("```").expect("the block ends")];
    let example_api = "API=http://127.0.0.1:8080/api/v1";
    assert!(block.starts_with(example_api), "the block starts by naming the API: {block}");

    let database = Database::new(Store::Sqlite).await;
    let log = std::env::temp_dir().join(format!("horarium-platform-readme-{}.log", uuid::Uuid::new_v4().simple()));
    let server = Server::start(&database.url, &log);
    let script = block.replacen(example_api, &format!("API={}", server.base), 1);
    let run = Command::new("timeout").args(["120", "bash", "-c", &script]).output().expect("bash runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "the block fails: {}\n{stdout}\n{}", run.status, String::from_utf8_lossy(&run.stderr));
    // Two plans of [2, 1, 1]: six lessons of 6A, each a line "slot  course  room".
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    for line in &lines {
        let fields: Vec<&str> = line.split("  ").collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert!(fields[1] == "Maths 6A" || fields[1] == "English 6A", "{line}");
        assert_eq!(fields[2], "R1", "{line}");
    }
    server.kill();
    database.drop_it().await;
    let _ = std::fs::remove_file(&log);
}
