"""The shipped font made the only one Graphviz sees, set up in the user cache folder, never the package.

`FONTS_CONF`, `font_files` and `user_cache_folder` are all a cache hit needs: the modules that set
fonts up (hashlib, shutil, tempfile, html) are imported by the functions that do it.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

__all__ = ["user_cache_folder", "font_config", "FONTS_CONF", "font_files"]

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- Written by orgcharts: Graphviz measures and draws text with the shipped font alone,
     so the same spec lays out to the same bytes on every machine. -->
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <match target="pattern">
    <edit name="family" mode="assign" binding="strong"><string>Liberation Sans</string></edit>
  </match>
  <!-- Unhinted outlines: glyph advances then scale exactly with the resolution, so the PNG, the
       SVG as browsers and librsvg draw it, and the layout all agree on where every letter goes. -->
  <match target="font">
    <edit name="hinting" mode="assign"><bool>false</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintnone</const></edit>
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
  </match>
</fontconfig>
"""


def user_cache_folder() -> Path:
    """$ORGCHARTS_CACHE, else $XDG_CACHE_HOME/orgcharts, else ~/.cache/orgcharts."""
    if os.environ.get("ORGCHARTS_CACHE"):
        return Path(os.environ["ORGCHARTS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), "orgcharts.out.cache")
    return Path(base) / "orgcharts"


def font_files() -> list[Path]:
    """The shipped font files, sorted: what every chart is measured and drawn with."""
    fonts = Path(__file__).resolve().parent.parent / "fonts"  # the package is on disk: fontconfig needs a path
    return sorted(p for p in fonts.iterdir() if p.suffix == ".ttf")


@lru_cache(maxsize=1)
def _fonts_digest() -> str:
    import hashlib

    digest = hashlib.sha256(FONTS_CONF.encode())
    for path in font_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _known_digest(home: Path) -> str:
    """`_fonts_digest()`, remembered in `home` under the shipped fonts' sizes and times (reading
    1.6 MB of fonts is most of a set-up that is already done)."""
    import hashlib
    import tempfile

    shipped = font_files()
    signature = hashlib.sha256(json.dumps([FONTS_CONF, str(shipped[0].parent) if shipped else "",
                                           _stats(shipped)]).encode()).hexdigest()[:24]
    memo = home / f"fonts-digest-{signature}"
    try:
        known = memo.read_text(encoding="ascii")
        if len(known) == 16 and all(c in "0123456789abcdef" for c in known):
            return known
    except (OSError, ValueError):
        pass
    digest = _fonts_digest()
    try:
        fd, tmp = tempfile.mkstemp(dir=home, prefix=".digest-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(digest)
        os.replace(tmp, memo)
    except OSError:
        pass
    return digest


def _stats(paths: list[Path]) -> list[tuple[str, int, int]]:
    found = []
    for path in paths:
        try:
            info = path.stat()
            found.append((path.name, info.st_size, info.st_mtime_ns))
        except OSError:
            found.append((path.name, -1, -1))
    return found


def _prepare(home: Path) -> str:
    """Copy the fonts and write the fontconfig file into `home`; return the file's path.

    Once checked byte for byte, the set-up is stamped with every font file's size and modification
    time (shipped and copied): later runs that find the same stamp only stat the files.
    """
    import html
    import shutil
    import tempfile

    home.mkdir(parents=True, exist_ok=True)
    folder = (home / f"fonts-{_known_digest(home)}").resolve()
    conf = folder / "fonts.conf"
    text = FONTS_CONF.format(fonts=html.escape(str(folder), quote=False),
                             cache=html.escape(str(folder / "fc-cache"), quote=False))
    stamp = folder / ".checked"
    shipped = font_files()

    def current() -> str:
        return json.dumps([_stats(shipped), _stats([folder / p.name for p in shipped]), _stats([conf]), text])

    try:
        if stamp.read_text(encoding="utf-8") == current():
            return str(conf)
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    for path in font_files():  # compared byte for byte: a changed copy would change every chart
        copy = folder / path.name
        if not copy.is_file() or copy.read_bytes() != path.read_bytes():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".font-", suffix=".tmp")
            os.close(fd)
            shutil.copyfile(path, tmp)
            os.replace(tmp, copy)
    if not conf.is_file() or conf.read_text(encoding="utf-8") != text:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".fonts-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, conf)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".checked-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(current())
    os.replace(tmp, stamp)
    return str(conf)


def font_config() -> str:
    """A fontconfig file that makes Graphviz see only the shipped font, with its cache beside it.

    Fontconfig writes caches and a `.uuid` into font folders it scans, so it is handed a copy of the
    fonts in the user cache folder (a private temp folder if that is not writable): an install
    stays read-only. The file names its folder by absolute path, as the bundled fontconfig needs.
    """
    import tempfile

    try:
        return _prepare(user_cache_folder())
    except OSError:
        private = Path(tempfile.gettempdir()) / f"orgcharts-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        private.mkdir(mode=0o700, exist_ok=True)
        info = private.lstat()
        if private.is_symlink() or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            private = Path(tempfile.mkdtemp(prefix="orgcharts-"))  # someone else's: one of our own
        return _prepare(private)
