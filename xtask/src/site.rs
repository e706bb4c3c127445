//! Assembles the deployable site in `target/site/`: the mdBook, plus the widget (loader,
//! CSS, wasm package, demo and example pages) under `target/site/tts-keycheck/`, where
//! the book's `theme/head.hbs` loads it from at any page depth.

use std::path::{Path, PathBuf};

use crate::{cmd, project_root, step, tools, wasm, Result};

/// The folder the site is built into.
pub(crate) fn site_dir() -> PathBuf {
    project_root().join("target").join("site")
}

/// Builds the widget and the book, and copies the widget into the book's output.
pub(crate) fn build() -> Result<PathBuf> {
    tools::ensure_build_tools()?;
    tools::ensure_mdbook()?;
    wasm::build()?;
    let site = site_dir();
    if site.exists() {
        std::fs::remove_dir_all(&site)?;
    }
    step(
        "building the book (mdBook)",
        cmd(tools::tool("mdbook"))
            .arg("build")
            .arg(project_root().join("book"))
            .arg("--dest-dir")
            .arg(&site),
    )?;
    let widget = site.join("tts-keycheck");
    println!("xtask: copying the widget into {}", widget.display());
    copy_dir(&project_root().join("www"), &widget)?;
    println!("xtask: the site is in {}", site.display());
    Ok(site)
}

/// Copies `from` into `to` recursively (files only; dot files are skipped).
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name))?;
        } else {
            std::fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}
