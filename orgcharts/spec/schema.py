"""The spec format's JSON Schema as `orgcharts schema` prints it: made by pydantic once per machine.

The text depends only on the models' code and the libraries, so it is kept in the user cache folder
under the same kind of key as the models (`modelcache.cache_key`), and a later `schema` prints it
without importing pydantic at all. A missing, corrupt or foreign file means the schema is made again.
"""

from __future__ import annotations

import os

from .modelcache import cache_key, enabled, read_checked, user_cache_folder, write_checked

__all__ = ["schema_text", "make_schema_text", "SCHEMA_MAGIC"]

SCHEMA_MAGIC = b"orgcharts json schema v1\n"


def make_schema_text() -> str:
    """The JSON Schema of a spec, made from the models: indented, keys sorted."""
    import json

    from .models import OrgSpec

    return json.dumps(OrgSpec.model_json_schema(), indent=2, sort_keys=True)


def schema_text() -> str:
    """The JSON Schema of a spec: from the cache when it was made by this code, else made and cached."""
    if not enabled():
        return make_schema_text()
    try:
        here = os.path.dirname(__file__)
        key = cache_key([os.path.join(here, name) for name in ("models.py", "texts.py")] + [__file__])
    except OSError:
        return make_schema_text()
    path = user_cache_folder() / f"schema-{key[:32]}.json"
    body = read_checked(path, SCHEMA_MAGIC)
    if isinstance(body, bytes):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    text = make_schema_text()
    write_checked(path, text.encode("utf-8"), SCHEMA_MAGIC)
    return text
