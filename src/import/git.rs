//! Reading a clone of the official repository through the `git` command: commits, the
//! files of a folder at a commit, and their contents. Only the import needs git.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use super::ImportError;
use crate::model::PartialDate;

/// A commit of the first-parent line, with the day it counts for.
#[derive(Debug, Clone)]
pub struct Commit {
    pub id: String,
    /// The committer date, in the committer's own time zone.
    pub day: PartialDate,
}

/// A file of a folder at some commit.
#[derive(Debug, Clone)]
pub struct File {
    /// The blob's id: files with the same contents share it.
    pub blob: String,
    /// The file's name within the folder.
    pub name: String,
}

/// A clone of a repository (a working copy or a bare git directory).
pub struct Repo {
    dir: PathBuf,
}

impl Repo {
    /// Checks that `dir` is a git repository and that the git command runs.
    pub fn open(dir: &Path) -> Result<Repo, ImportError> {
        let repo = Repo {
            dir: dir.to_path_buf(),
        };
        repo.run(&["rev-parse", "--git-dir"])?;
        Ok(repo)
    }

    fn command(&self) -> Command {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.dir)
            // Dates and names as stored, whatever the user's configuration says.
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("LC_ALL", "C");
        command
    }

    /// Runs git with `args` and returns its standard output.
    fn run(&self, args: &[&str]) -> Result<Vec<u8>, ImportError> {
        let output = self.command().args(args).output().map_err(|e| {
            ImportError::Git(format!(
                "cannot run `git` ({e}); the import needs the git command"
            ))
        })?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(ImportError::Git(format!(
                "git {} in {}: {}",
                args.join(" "),
                self.dir.display(),
                String::from_utf8_lossy(&output.stderr).trim()
            )))
        }
    }

    fn text(&self, args: &[&str]) -> Result<String, ImportError> {
        String::from_utf8(self.run(args)?).map_err(|_| {
            ImportError::Git(format!("git {} did not answer in UTF-8", args.join(" ")))
        })
    }

    /// The commit `rev` names (a branch, a tag, a full or short id), with its day.
    pub fn commit(&self, rev: &str) -> Result<Commit, ImportError> {
        let spec = format!("{rev}^{{commit}}");
        let id = self.text(&["rev-parse", "--verify", "--quiet", &spec]);
        let id = match id {
            Ok(id) => id.trim().to_string(),
            Err(_) => {
                return Err(ImportError::Git(format!(
                    "{rev:?} names no commit in {}",
                    self.dir.display()
                )));
            }
        };
        let line = self.text(&["show", "-s", "--format=%H %cs", &id])?;
        parse_commit_line(line.trim())
    }

    /// The first-parent history of `folders` up to `commit`, oldest first: the commits of
    /// the first-parent line that changed something in one of them.
    pub fn history(&self, commit: &str, folders: &[&str]) -> Result<Vec<Commit>, ImportError> {
        let mut args = vec![
            "log",
            "--first-parent",
            "--reverse",
            "--format=%H %cs",
            commit,
            "--",
        ];
        args.extend_from_slice(folders);
        let text = self.text(&args)?;
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(parse_commit_line)
            .collect()
    }

    /// The files directly in `folder` at `commit` (none when the folder does not exist).
    pub fn files(&self, commit: &str, folder: &str) -> Result<Vec<File>, ImportError> {
        let out = self.run(&["ls-tree", "-z", commit, "--", &format!("{folder}/")])?;
        let mut files = Vec::new();
        for entry in out.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            // `<mode> <type> <object>\t<path>`
            let entry = String::from_utf8_lossy(entry);
            let Some((info, path)) = entry.split_once('\t') else {
                return Err(ImportError::Git(format!(
                    "unexpected ls-tree line {entry:?}"
                )));
            };
            let mut info = info.split(' ');
            let (_mode, kind, blob) = (info.next(), info.next(), info.next());
            if kind != Some("blob") {
                continue;
            }
            let name = path.rsplit('/').next().unwrap_or(path).to_string();
            files.push(File {
                blob: blob.unwrap_or_default().to_string(),
                name,
            });
        }
        Ok(files)
    }

    /// A reader of file contents, kept open for many files.
    pub fn blobs(&self) -> Result<Blobs, ImportError> {
        let mut child = self
            .command()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                ImportError::Git(format!(
                    "cannot run `git cat-file` ({e}); the import needs the git command"
                ))
            })?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(ImportError::Git("git cat-file has no pipes".to_string()));
        };
        Ok(Blobs {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        })
    }
}

fn parse_commit_line(line: &str) -> Result<Commit, ImportError> {
    let bad = || ImportError::Git(format!("unexpected commit line {line:?}"));
    let (id, day) = line.split_once(' ').ok_or_else(bad)?;
    let day: PartialDate = day.parse().map_err(|_| bad())?;
    if !day.is_full() {
        return Err(bad());
    }
    Ok(Commit {
        id: id.to_string(),
        day,
    })
}

/// File contents read through one `git cat-file --batch`.
pub struct Blobs {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Blobs {
    /// The contents of blob `id`.
    pub fn read(&mut self, id: &str) -> Result<Vec<u8>, ImportError> {
        let broken = |e: std::io::Error| ImportError::Git(format!("git cat-file: {e}"));
        writeln!(self.stdin, "{id}").map_err(broken)?;
        self.stdin.flush().map_err(broken)?;
        let mut header = String::new();
        self.stdout.read_line(&mut header).map_err(broken)?;
        // `<id> blob <size>`, or `<id> missing`.
        let size = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| ImportError::Git(format!("cannot read blob {id}: {}", header.trim())))?;
        let mut bytes = vec![0; size + 1];
        self.stdout.read_exact(&mut bytes).map_err(broken)?;
        bytes.truncate(size); // the newline after the contents
        Ok(bytes)
    }
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // Closing stdin ends cat-file; wait so no zombie is left behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
