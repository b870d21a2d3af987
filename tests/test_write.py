"""write: atomic replacement, no escaping the folder, no writing through links."""

import os
from pathlib import Path

import pytest

from orgcharts.out.write import OutputPathError, write_atomic, write_file


def test_writes_and_replaces_leaving_no_temp_files(tmp_path: Path) -> None:
    write_atomic(tmp_path, "a.svg", b"one")
    write_atomic(tmp_path, "a.svg", b"two")
    assert (tmp_path / "a.svg").read_bytes() == b"two"
    assert sorted(os.listdir(tmp_path)) == ["a.svg"]


def test_creates_the_folder(tmp_path: Path) -> None:
    write_atomic(tmp_path / "new" / "deeper", "a.png", b"x")
    assert (tmp_path / "new" / "deeper" / "a.png").read_bytes() == b"x"


@pytest.mark.parametrize("name", ["../escape.svg", "a/b.svg", "..", "", "/etc/passwd", "a\\b.svg"])
def test_names_cannot_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputPathError, match="is not a plain file name"):
        write_atomic(tmp_path / "out", name, b"x")
    assert not (tmp_path / "escape.svg").exists()


def test_does_not_write_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.svg").symlink_to(victim)
    with pytest.raises(OutputPathError, match="is a symbolic link"):
        write_atomic(out, "a.svg", b"evil")
    assert victim.read_bytes() == b"keep"


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_atomic(tmp_path, "a.svg", b"old")

    def boom(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(tmp_path, "a.svg", b"new")
    assert (tmp_path / "a.svg").read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["a.svg"]


def test_stale_temp_files_are_swept_fresh_ones_kept(tmp_path: Path) -> None:
    from orgcharts.out.write import TEMP_MARK, sweep_stale

    old = tmp_path / f".a.svg{TEMP_MARK}1-2"
    fresh = tmp_path / f".b.svg{TEMP_MARK}3-4"
    keep = tmp_path / "notes.txt"
    for path in (old, fresh, keep):
        path.write_bytes(b"x")
    os.utime(old, (1, 1))
    sweep_stale(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, keep.name])


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_only_a_regular_file_is_ever_replaced(tmp_path: Path, kind: str) -> None:
    """As root, replacing /dev/null with a file breaks the machine: a device, pipe or folder stays."""
    import stat

    target = tmp_path / "x.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device needs root")
    before = os.lstat(target)
    with pytest.raises(OutputPathError, match="is not a regular file"):
        write_file(target, b"x")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert sorted(os.listdir(tmp_path)) == ["x.yaml"]  # no temp file left


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_never_writes_through_a_linked_folder_at_any_depth(tmp_path: Path, depth: int) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    folder = tmp_path / "link"
    for level in range(depth):
        folder = folder / f"d{level}"
    with pytest.raises(OutputPathError, match="passes through the symbolic link"):
        write_atomic(folder, "a.svg", b"x")
    assert list(real.iterdir()) == []


def test_the_chart_cache_may_live_under_a_linked_folder(tmp_path: Path) -> None:
    """~/.cache is often a link: the cache (the user's own folder, not an output) still stores."""
    from orgcharts.out.cache import ChartCache

    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    cache = ChartCache(tmp_path / "link" / "orgcharts")
    key = "ab" + "0" * 62
    cache.put(key, {"svg": b"<svg/>"})
    assert (real / "orgcharts" / "ab" / f"{key}.svg").read_bytes() == b"<svg/>"
