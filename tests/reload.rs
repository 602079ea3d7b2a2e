//! SIGHUP reloads the content into a new database and swaps it in; broken content keeps
//! the last good data serving. Runs the real binary.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP GET; returns the whole response as text.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn hangup(server: &Server) {
    let status = Command::new("kill")
        .arg("-HUP")
        .arg(server.0.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn sighup_swaps_in_new_content_and_survives_broken_content() {
    let content = common::content_copy();
    let db = tempfile::TempDir::new().unwrap();
    let port = free_port();
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_paris-call-observatory"))
            .args([
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--log-level",
                "warn",
            ])
            .arg("--content")
            .arg(content.path())
            .arg("--db")
            .arg(db.path().join("site.sqlite"))
            .arg("--static")
            .arg(common::static_dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let page = || get(port, "/supporters/microsoft-private-sector-usa").unwrap_or_default();
    wait_until("the server", || page().contains("<h1>Microsoft</h1>"));

    let supporters = content.path().join("data/supporters.csv");
    let original = std::fs::read_to_string(&supporters).unwrap();
    std::fs::write(
        &supporters,
        original.replacen(
            "microsoft-private-sector-usa,,",
            "microsoft-private-sector-usa,Microsoft Corporation,",
            1,
        ),
    )
    .unwrap();
    hangup(&server);
    wait_until("the reload", || {
        page().contains("<h1>Microsoft Corporation</h1>")
    });

    let records = content.path().join("data/official_records.csv");
    let official = std::fs::read_to_string(&records).unwrap();
    std::fs::write(
        &records,
        official.replacen(",Andorre,state,", ",Andorre,statee,", 1),
    )
    .unwrap();
    hangup(&server);
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        page().contains("<h1>Microsoft Corporation</h1>"),
        "the last good data keeps serving"
    );
    let list = get(port, "/supporters?category=state").unwrap();
    assert!(
        list.contains("id=\"total\">81<"),
        "states are still all listed"
    );
    let files: Vec<_> = std::fs::read_dir(db.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "no half-built database left: {files:?}");
}
