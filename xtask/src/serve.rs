//! `cargo xtask serve`: builds the site, optionally starts the local The Things Stack
//! stand-in, and serves the site with the development server the end-to-end tests use
//! ([`devserver`]), on 127.0.0.1 only.

use std::net::TcpListener;

use crate::{standin, Result};

/// What `serve` was asked for.
#[derive(Debug, Default)]
pub(crate) struct Options {
    demo: bool,
    port: Option<u16>,
}

impl Options {
    pub(crate) fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--demo" => options.demo = true,
                "--port" => {
                    let port = args.next().ok_or("--port needs a number")?;
                    options.port = Some(port.parse().map_err(|_| "--port needs a number")?);
                }
                other => return Err(format!("serve: unknown option `{other}`").into()),
            }
        }
        Ok(options)
    }
}

/// Builds everything and serves it until interrupted. With `--demo`, every HTML page names
/// the stand-in in `<meta name="tts-keycheck-demo">`, which the loader uses to preselect it
/// (the page URL is never read for that).
pub(crate) fn serve(options: &Options) -> Result<()> {
    let root = crate::site::build()?;
    let standin = if options.demo {
        Some(standin::start()?)
    } else {
        None
    };
    let listener = bind(options.port)?;
    let addr = listener.local_addr()?;
    println!("\nxtask: serving {} on http://{addr}/", root.display());
    let demo_url = standin.as_ref().map(|s| s.url().to_owned());
    if let Some(url) = &demo_url {
        println!("xtask: the The Things Stack stand-in runs on {url} (demo keys: {url}/demo/keys)");
        println!("       every page is served with it preselected; pick a demo key under the form");
    }
    println!("xtask: press Ctrl-C to stop");
    let site = devserver::Site {
        root,
        demo_url,
        ..devserver::Site::default()
    };
    devserver::serve(&site, &listener)?;
    drop(standin);
    Ok(())
}

/// Binds 127.0.0.1 on the asked port, or on the first free one from 8000.
fn bind(port: Option<u16>) -> Result<TcpListener> {
    if let Some(port) = port {
        return Ok(TcpListener::bind(("127.0.0.1", port))?);
    }
    (8000..8100)
        .find_map(|port| TcpListener::bind(("127.0.0.1", port)).ok())
        .ok_or_else(|| "no free port in 8000..8100 on 127.0.0.1".into())
}
