//! `tts-standin`: runs the stand-in on 127.0.0.1 and prints its URL on the first line.
//!
//! ```text
//! tts-standin [--port N] [--exit-on-stdin-eof]    serve (port 0, the default, picks a free port)
//! tts-standin --print-keys                        print the demo key table and exit
//! ```
//!
//! The first line on stdout is `listening on http://127.0.0.1:PORT`. The server stops on
//! Ctrl-C or SIGTERM, and with `--exit-on-stdin-eof` also when its stdin closes, so a
//! driver that dies cannot leave it running. Requests in flight are dropped at once.

use std::io::Write;
use std::process::ExitCode;

use tokio::net::TcpListener;

/// What the command line asked for.
#[derive(Debug, Default)]
struct Options {
    port: u16,
    print_keys: bool,
    exit_on_stdin_eof: bool,
}

const USAGE: &str = "usage: tts-standin [--port N] [--exit-on-stdin-eof] | --print-keys";

fn parse(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let port = args.next().ok_or("--port needs a number")?;
                options.port = port
                    .parse()
                    .map_err(|_| format!("--port: `{port}` is not a port number"))?;
            }
            "--print-keys" => options.print_keys = true,
            "--exit-on-stdin-eof" => options.exit_on_stdin_eof = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        // An empty message means `--help`.
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("tts-standin: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if options.print_keys {
        print!("{}", tts_standin::keys_markdown());
        return ExitCode::SUCCESS;
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("tts-standin: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tts-standin: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(options: Options) -> std::io::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", options.port)).await?;
    let addr = listener.local_addr()?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{addr}")?;
    stdout.flush()?;
    let server = tokio::spawn(tts_standin::serve(listener, tts_standin::Config::default()));
    tokio::select! {
        result = server => return result.map_err(std::io::Error::other)?,
        () = shutdown_signal(options.exit_on_stdin_eof) => {}
    }
    // Returning drops the runtime, which cancels the server and every connection task.
    Ok(())
}

/// Resolves on Ctrl-C, SIGTERM, or (if asked) the end of stdin.
async fn shutdown_signal(exit_on_stdin_eof: bool) {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        #[cfg(unix)]
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
            return;
        }
        std::future::pending::<()>().await;
    };
    let stdin_eof = async {
        if !exit_on_stdin_eof {
            std::future::pending::<()>().await;
        }
        let mut stdin = tokio::io::stdin();
        let mut buf = [0u8; 1024];
        // Anything read is ignored; only the end (or an error) matters.
        while let Ok(n) = tokio::io::AsyncReadExt::read(&mut stdin, &mut buf).await {
            if n == 0 {
                break;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
        () = stdin_eof => {}
    }
}
