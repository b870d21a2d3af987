"""Spec -> JSON: the model's full dump, every field in the model's own order, the same bytes every time."""

from __future__ import annotations

import json

from ...spec.models import OrgSpec

__all__ = ["export_json"]


def export_json(spec: OrgSpec) -> str:
    """The whole spec as JSON (defaults included); it loads back as the same spec."""
    return json.dumps(spec.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
