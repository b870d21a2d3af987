"""The command line: one click group whose commands live in `orgcharts.commands`, a module per group.

Each command imports what it uses when it runs (`--help`, `check` and `schema` never load the
drawing code, a render served from the cache never loads the models; see tests/test_speed_paths.py):
only click, `options`, `names`, `terminal` and the command modules are imported here.
"""

from __future__ import annotations

import click

from . import __version__
from .commands.charts import diff, docs, render, watch
from .commands.specs import check, export, import_group, init, schema, themes

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orgcharts")
def main() -> None:
    """Org and responsibility charts kept as validated YAML specs.

    Write who-does-what in specs/*.yaml; `orgcharts render` draws the charts into output/.
    """


for _command in (init, render, check, themes, schema, diff, docs, import_group, export, watch):
    main.add_command(_command)
