//! The `recomply` binary: parse the command line and run it.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    recomply::cli::Cli::parse().run().await
}
