//! The project driver, reached as `cargo xtask <task>…`: installs what is missing, then
//! tests, builds, measures and serves. No dependencies: it only runs commands and says
//! each one before running it.

mod bench;
mod book_check;
mod e2e;
mod lighthouse;
mod minify;
mod package;
mod prerender;
mod screenshots;
mod serve;
mod site;
mod standin;
mod styles;
mod tidy;
mod tools;
mod wasm;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Every task: name, arguments, what it does.
const TASKS: &[(&str, &str, &str)] = &[
    (
        "test",
        "",
        "everything CI checks: installs missing tools, then fmt, clippy (native and wasm32), the tests (end-to-end in three engines), Lighthouse and the size budget",
    ),
    (
        "serve",
        "[--demo] [--port N]",
        "builds the site (book and widget) and serves it on 127.0.0.1 (--demo also starts the local The Things Stack stand-in and preselects it)",
    ),
    (
        "build",
        "",
        "builds the deployable site into target/site: the book with the widget in tts-keycheck/",
    ),
    (
        "wasm-test",
        "",
        "runs tests/web.rs in headless Chromium (wasm-bindgen-test), against the local stand-in",
    ),
    (
        "e2e",
        "[FILTER]",
        "runs the end-to-end tests (tests/e2e) in headless Chromium against the stand-in; screenshots in target/e2e-screenshots",
    ),
    ("size", "", "builds the release wasm and fails above the size budget in xtask/size-budget.txt"),
    ("bench", "", "runs the benchmarks, native and in headless Chromium, and prints one table (also written as JSON)"),
    ("screenshots", "", "regenerates the book's pictures with headless Chromium"),
    (
        "package",
        "",
        "builds the npm package into target/package (npm pack), and the bundled test app the end-to-end tests run",
    ),
    (
        "lighthouse",
        "",
        "builds the site and runs Lighthouse (simulated mobile) on every page with a widget and the longest setup page, served gzipped; fails below its floors",
    ),
    ("tools", "", "installs the pinned tools into .tools/ (the other tasks do this when needed)"),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some((task, rest)) = args.split_first() else {
        print_help();
        return Ok(());
    };
    match task.as_str() {
        "test" => test(),
        "serve" => serve::serve(&serve::Options::parse(rest)?),
        "build" => site::build().map(drop),
        "size" => {
            tools::ensure_build_tools()?;
            wasm::size()
        }
        "bench" => {
            tools::ensure_all()?;
            bench::bench()
        }
        "screenshots" => screenshots::screenshots(),
        "lighthouse" => lighthouse::lighthouse(),
        "package" => package::package(),
        "tools" => tools::ensure_all(),
        "e2e" => {
            tools::ensure_all()?;
            e2e::run(rest)
        }
        "wasm-test" => {
            tools::ensure_all()?;
            wasm::test()
        }
        "help" | "--help" | "-h" => {
            print_help();
            Ok(())
        }
        other => {
            print_help();
            Err(format!("unknown task `{other}`").into())
        }
    }
}

fn print_help() {
    println!("usage: cargo xtask <task> [options]\n\ntasks:");
    for (name, args, what) in TASKS {
        println!("  {:<28} {what}", format!("{name} {args}"));
    }
}

/// Everything CI runs, in order from fastest feedback to slowest.
fn test() -> Result<()> {
    tools::ensure_all()?;
    let cargo = cargo();
    step(
        "formatting",
        cmd(&cargo).args(["fmt", "--all", "--", "--check"]),
    )?;
    step(
        "clippy, native",
        cmd(&cargo).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "clippy, wasm32",
        cmd(&cargo).args([
            "clippy",
            "--package",
            "tts-keycheck",
            "--lib",
            "--test",
            "web",
            "--target",
            TARGET,
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "native tests (core, property tests, stand-in, repo rules)",
        cmd(&cargo).args(["test", "--workspace"]),
    )?;
    wasm::test()?;
    e2e::run(&[])?;
    // The site e2e built: Lighthouse on its widget pages, gzipped (about a minute).
    lighthouse::measure(&site::site_dir())?;
    step(
        "docs",
        cmd(&cargo)
            .args(["doc", "--no-deps", "--package", "tts-keycheck"])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    wasm::size()?;
    println!("\nxtask: all checks passed");
    Ok(())
}

/// The Rust target the widget is built for.
const TARGET: &str = "wasm32-unknown-unknown";

/// Where `cargo` puts its output (respects `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => project_root().join(dir),
        None => project_root().join("target"),
    }
}

/// The workspace root.
fn project_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The cargo that runs us, so `cargo +toolchain xtask` stays on that toolchain.
fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// A command that runs in the project root.
fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(project_root());
    command
}

/// Says what is about to run, runs it, and fails if it fails.
fn step(what: &str, command: &mut Command) -> Result<()> {
    println!("\nxtask: {what}");
    run_command(command)
}

/// Echoes a command, runs it with inherited output, and fails on a non-zero exit.
fn run_command(command: &mut Command) -> Result<()> {
    println!("$ {}", show(command));
    let status = command
        .status()
        .map_err(|err| format!("could not start `{}`: {err}", show(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(command)).into())
    }
}

/// Runs a command quietly and returns its standard output, or `None` if it fails.
fn output_of(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn show(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}
