"""What every command shares: the spec arguments, where output goes, and how a failure becomes an exit code.

Imports only click and the light modules: each command imports what it uses when it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..terminal import for_terminal

if TYPE_CHECKING:
    from ..errors import SpecError

__all__ = ["DEFAULT_SPECS", "DEFAULT_OUT", "spec_args", "out_option", "LazyChoice", "display_path", "find_specs",
           "chosen_inputs", "fail", "failures", "say"]

DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("output")

spec_args = click.argument(
    "inputs", metavar="[SPEC_OR_DIR]...", nargs=-1,
    type=click.Path(exists=True, dir_okay=True, file_okay=True, path_type=Path),
)


def out_option(default: Path, help: str) -> Any:
    """--out: the folder a command writes into (the one declaration; each command says what goes there)."""
    return click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=default,
                        show_default=True, help=help)


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose values live in a module imported only when the option is used or shown."""

    def __init__(self, module: str, name: str) -> None:
        self._where = (module, name)
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        import importlib

        return tuple(getattr(importlib.import_module(self._where[0], "orgcharts"), self._where[1]))

    @choices.setter
    def choices(self, value: Any) -> None:
        pass


def display_path(path: Path) -> str:
    """A path as the user would type it (pipeline.display_path, imported when first needed)."""
    from .pipeline import display_path as shown

    return shown(path)


def find_specs(inputs: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The spec files named or inside the named folders (pipeline.find_specs)."""
    from .pipeline import find_specs as found

    return found(inputs)


def chosen_inputs(inputs: tuple[Path, ...]) -> list[Path]:
    """The named specs, or ./specs when none is named."""
    if inputs:
        chosen = list(inputs)
    elif DEFAULT_SPECS.is_dir():
        chosen = [DEFAULT_SPECS]
    else:
        raise click.UsageError("no spec named and no ./specs folder here; name a spec file or folder")
    if not find_specs(chosen):
        raise click.UsageError(for_terminal(f"no *.yaml or *.yml spec in {', '.join(map(display_path, chosen))}"))
    return chosen


def say(text: str, err: bool = False) -> None:
    """Print a line made safe for the terminal (no control characters from a spec or a file name)."""
    click.echo(for_terminal(text), err=err)


def fail(exc: SpecError, where: str | None = None) -> NoReturn:
    """Print a spec's findings and exit 1: nothing was written."""
    for finding in exc.findings:
        click.echo(str(finding), err=True)
    count = len(exc.findings)
    if where is None:
        files = len({f.path for f in exc.findings})
        where = f"{files} spec{'s' * (files != 1)}"
    click.echo(for_terminal(f"{count} error{'s' * (count != 1)} in {where}; nothing was written"), err=True)
    sys.exit(1)


@contextmanager
def failures(out: Path) -> Iterator[None]:
    """The one table of what a command can fail with, each told in one message:

    - a spec's errors (SpecError): its findings, exit 1;
    - input the command cannot use (ColumnError of an HR file, ExportError): a usage error, exit 2;
    - git or an unsafe output path (GitError, OutputPathError): `error: ...`, exit 1;
    - the file system (OSError): `error: cannot write to OUT: why`, exit 1.

    Anything else is a bug, and shows its traceback.
    """
    try:
        yield
    except Exception as exc:  # the classes are imported only when something failed, the light ones first
        from ..errors import SpecError
        from .diff.gitrev import GitError
        from ..out.write import OutputPathError

        if isinstance(exc, SpecError):
            fail(exc)
        if isinstance(exc, (GitError, OutputPathError)):
            say(f"error: {exc}", err=True)
            sys.exit(1)
        if isinstance(exc, OSError):
            say(f"error: cannot write to {display_path(out)}: {exc.strerror or exc}", err=True)
            sys.exit(1)
        from .export.run import ExportError
        from .hrimport.columns import ColumnError

        if isinstance(exc, (ColumnError, ExportError)):
            raise click.UsageError(for_terminal(str(exc))) from None
        raise
