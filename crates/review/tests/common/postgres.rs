//! A throwaway PostgreSQL cluster for tests: `initdb` and `pg_ctl start` under a
//! temporary directory, on a free loopback port; stopped when dropped. Run as the
//! `postgres` user when the tests run as root (PostgreSQL refuses root).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

#[allow(dead_code)]
pub struct TempPostgres {
    pub url: String,
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
    _dir: tempfile::TempDir,
}

/// Where `initdb` and `pg_ctl` are: Debian keeps them under /usr/lib/postgresql/N/bin.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.pop()
}

#[allow(dead_code)]
impl TempPostgres {
    /// A running cluster, or `None` (with the reason on stderr) when PostgreSQL is not
    /// installed; under CI its absence fails the test.
    pub fn start() -> Option<TempPostgres> {
        Self::start_with(false)
    }

    /// [`TempPostgres::start`] with `fsync` on, for measurements.
    #[allow(dead_code)]
    pub fn start_durable() -> Option<TempPostgres> {
        Self::start_with(true)
    }

    fn start_with(durable: bool) -> Option<TempPostgres> {
        let Some(bin) = bin_dir() else {
            assert!(
                std::env::var("CI").is_err(),
                "CI installs PostgreSQL (.ci/run): the PostgreSQL tests must run there"
            );
            eprintln!("note: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl): the PostgreSQL tests did not run");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let uid = Command::new("id").arg("-u").output().expect("id -u");
        let as_postgres = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        let data = dir.path().join("data");
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().unwrap();
            assert!(status.success(), "chown of the cluster's directory to postgres");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let pg = TempPostgres {
            url: format!("postgres://review@127.0.0.1:{port}/postgres"),
            bin,
            data,
            as_postgres,
            _dir: dir,
        };
        pg.run(
            "initdb",
            &["-D", &pg.data.display().to_string(), "-U", "review", "--auth=trust", "-E", "UTF8", "--no-sync"],
        );
        let fsync = if durable { "on" } else { "off" };
        let options = format!("-p {port} -c listen_addresses=127.0.0.1 -k {} -c fsync={fsync}", pg.data.display());
        let log = pg.data.join("log.txt").display().to_string();
        pg.run(
            "pg_ctl",
            &["-D", &pg.data.display().to_string(), "-o", &options, "-l", &log, "-w", "-t", "60", "start"],
        );
        Some(pg)
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let output = if self.as_postgres {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&program).args(args).output()
        } else {
            Command::new(&program).args(args).output()
        }
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
        assert!(
            output.status.success(),
            "{tool} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    #[allow(dead_code)]
    pub fn data(&self) -> &Path {
        &self.data
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let data = self.data.display().to_string();
        let program = self.bin.join("pg_ctl");
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let _ = command.args(["-D", &data, "-m", "immediate", "-w", "-t", "30", "stop"]).output();
        std::thread::sleep(Duration::from_millis(10));
    }
}
