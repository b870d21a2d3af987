"""A spec's text at an earlier git revision, read with `git show REV:path`."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["GitError", "text_at"]


class GitError(Exception):
    """The old version cannot be read from git; the message says why and what to do."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
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
    shown = _git(["show", f"{rev}:{inside}"], root)
    if shown.returncode != 0:
        raise GitError(f"{inside} did not exist at {rev}; pick a later revision (see `git log -- {inside}`)")
    return shown.stdout, f"{rev}:{inside}"
