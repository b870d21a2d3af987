"""fd 2 captured around C library calls: kept off the terminal, handed back as text."""

from __future__ import annotations

import os

import pytest

from orgcharts.engine.cstderr import captured_stderr


def test_what_is_printed_on_fd_2_is_captured_and_not_shown(capfd: pytest.CaptureFixture[str]) -> None:
    with captured_stderr() as printed:
        os.write(2, b"Warning: from C\n")
    os.write(2, b"after\n")
    assert printed == ["Warning: from C\n"]
    assert capfd.readouterr().err == "after\n"
