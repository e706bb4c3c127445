//! The stand-in for xtask's tasks: builds `tts-standin` and starts it with
//! [`devserver::StandIn`], the one launcher the end-to-end tests use too.

use std::path::PathBuf;

use devserver::StandIn;

use crate::{cargo, cmd, run_command, target_dir, Result};

/// Builds the stand-in and returns the path of its binary.
pub(crate) fn build() -> Result<PathBuf> {
    run_command(cmd(cargo()).args(["build", "--quiet", "--package", "tts-standin"]))?;
    Ok(target_dir()
        .join("debug")
        .join(format!("tts-standin{}", std::env::consts::EXE_SUFFIX)))
}

/// Builds the stand-in and starts it on a free loopback port; it stops when the guard is
/// dropped, or when xtask ends.
pub(crate) fn start() -> Result<StandIn> {
    let binary = build()?;
    Ok(StandIn::start(&binary)?)
}
