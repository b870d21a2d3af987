"""specschema: `orgcharts schema` prints the same text whether it is made or read back from the cache,
reads it back without importing pydantic, and makes it again when the cached file is damaged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from orgcharts.spec.schema import make_schema_text

ROOT = Path(__file__).resolve().parent.parent

CHILD = r'''
import sys
from orgcharts.spec.schema import schema_text
text = schema_text()
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")) and "pydantic" or "-")
print(text)
'''


def schema_in_a_fresh_process(cache: Path) -> tuple[str, str]:
    """Whether the process imported pydantic, and the text it printed."""
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**{k: v for k, v in os.environ.items() if k != "ORGCHARTS_NO_MODEL_CACHE"},
                               "ORGCHARTS_CACHE": str(cache)})
    assert done.returncode == 0, done.stderr
    imported, text = done.stdout.split("\n", 1)
    return imported, text.removesuffix("\n")


def test_the_schema_is_made_once_then_read_back_without_pydantic(tmp_path: Path) -> None:
    made = make_schema_text()
    assert json.loads(made)["title"] == "orgcharts spec v1"
    assert schema_in_a_fresh_process(tmp_path) == ("pydantic", made)
    assert len(list(tmp_path.glob("schema-*.json"))) == 1
    assert schema_in_a_fresh_process(tmp_path) == ("-", made)


def test_a_damaged_schema_file_is_made_again(tmp_path: Path) -> None:
    made = make_schema_text()
    schema_in_a_fresh_process(tmp_path)
    (path,) = tmp_path.glob("schema-*.json")
    raw = bytearray(path.read_bytes())
    raw[-10] ^= 0x20  # one letter's case: still valid JSON, no longer the schema
    path.write_bytes(bytes(raw))
    assert schema_in_a_fresh_process(tmp_path) == ("pydantic", made)
    assert schema_in_a_fresh_process(tmp_path) == ("-", made)
