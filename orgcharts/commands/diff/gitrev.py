"""A spec's text at an earlier git revision, read with `git cat-file blob REV:path`, trusting nothing
in the repository: no config-driven command (fsmonitor, textconv, pager, hooks) runs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ...spec.yamltree import MAX_BYTES

__all__ = ["GitError", "text_at", "SAFE_GIT"]

# The repository's config can name programs git runs (core.fsmonitor when the index is read, a diff
# driver's textconv, the pager, hooks): a cloned repository is not the user's, so all are turned off.
SAFE_GIT = ("git", "--no-pager", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
            "-c", "diff.external=", "-c", "core.pager=cat", "-c", "core.untrackedCache=false")
_ENV = {"GIT_PAGER": "cat", "PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0",
        "GIT_EXTERNAL_DIFF": ""}


class GitError(Exception):
    """The old version cannot be read from git; the message says why and what to do."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([*SAFE_GIT, *args], cwd=cwd, capture_output=True, check=False, timeout=60,
                              stdin=subprocess.DEVNULL, env={**os.environ, **_ENV})
    except FileNotFoundError:
        raise GitError("git is not installed; --since reads the old version with git") from None
    except subprocess.TimeoutExpired:
        raise GitError("git took more than 60 s to answer") from None


def text_at(path: Path, rev: str) -> tuple[bytes, str]:
    """The bytes of `path` at revision `rev`, and the name to show for them (`REV:path`)."""
    if rev.startswith("-"):
        raise GitError(f"'{rev}' is not a revision; name a commit, tag or branch")
    folder = path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise GitError(f"{path} is not in a git repository; --since needs one (or name the old spec file)")
    root = Path(top.stdout.decode().strip())
    inside = path.resolve().relative_to(root.resolve()).as_posix()
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode != 0:
        raise GitError(f"unknown revision '{rev}' in {root}; name a commit, tag or branch (see `git log`)")
    size = _git(["cat-file", "-s", f"{rev}:{inside}"], root)
    if size.returncode == 0 and size.stdout.strip().isdigit() and int(size.stdout) > MAX_BYTES:
        raise GitError(f"{inside} at {rev} is larger than {MAX_BYTES:,} bytes, the limit of a spec")
    shown = _git(["cat-file", "blob", f"{rev}:{inside}"], root)  # the stored bytes: no textconv, no filters
    if shown.returncode != 0:
        raise GitError(f"{inside} did not exist at {rev}; pick a later revision (see `git log -- {inside}`)")
    return shown.stdout, f"{rev}:{inside}"
