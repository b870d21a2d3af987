"""`python -m orgcharts`: the same as the `orgcharts` command."""

from .cli import main

main(prog_name="orgcharts")
