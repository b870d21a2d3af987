"""The command line's commands, one module per group; `orgcharts.cli` puts them under one `main`."""
