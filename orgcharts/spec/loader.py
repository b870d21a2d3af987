"""Spec file -> validated OrgSpec; every YAML and Pydantic failure becomes a positioned finding."""

from __future__ import annotations

import gc
import typing
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from ..errors import Finding, Position, SpecError, format_field
from ..names import RACI_FIELDS
from .models import COLOUR_PATTERN, Member, OrgSpec, Person, Side, ThemeSpec
from .yamltree import MAX_BYTES, Tree, parse

__all__ = ["Loaded", "load", "load_text", "load_file", "load_theme_file", "read_spec_bytes"]

Loc = tuple[str | int, ...]

_READS_AS = {"bool": "a true/false value", "int": "a number", "float": "a number", "null": "empty (null)"}


class Loaded(NamedTuple):
    """A valid spec and the warnings found in it."""

    spec: OrgSpec
    warnings: tuple[Finding, ...] = ()


_ROLE_LISTS = RACI_FIELDS


def _refuse_file(shown: str, message: str, code: str = "io") -> SpecError:
    return SpecError([Finding(shown, Position(1, 1), "", message, code=code)])


def read_spec_bytes(path: Path, shown: str) -> bytes:
    """A regular file's bytes, reading at most one byte past the size limit (readfile.read_bounded)."""
    from .readfile import ReadError, read_bounded

    try:
        return read_bounded(path, MAX_BYTES)
    except ReadError as exc:
        if exc.too_large:
            raise _refuse_file(shown, f"file is larger than {MAX_BYTES:,} bytes; split the organisation into "
                               "several specs", "too-large") from None
        raise _refuse_file(shown, exc.message.replace("name a file", "name a .yaml file")) from None


def _read(path: Path, shown: str) -> str:
    """A file's text, or a positioned finding saying why it cannot be read."""
    return _decode(read_spec_bytes(path, shown), shown)


def load_file(path: Path, display: str | None = None) -> Loaded:
    """Read and validate one spec file."""
    shown = display or str(path)
    return load(_read(path, shown), shown)


def load_theme_file(path: Path, display: str | None = None) -> ThemeSpec:
    """Read and validate a theme file: `base:`, `colors:` and `font:`, as in a spec's `theme:`."""
    shown = display or str(path)
    tree = parse(_read(path, shown), shown)
    try:
        return ThemeSpec.model_validate(tree.data if tree.data is not None else {})
    except ValidationError as exc:
        raise SpecError([_finding(shown, tree, err, ThemeSpec) for err in exc.errors()]) from None


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise SpecError([Finding(shown, Position(line, col), "",
                                 f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                                 code="encoding")]) from None
    return text.removeprefix("\ufeff")


def load_text(text: str, path: str = "<spec>") -> OrgSpec:
    """Validate spec text and return the spec; raise SpecError with every error."""
    return load(text, path).spec


def load(text: str, path: str = "<spec>") -> Loaded:
    """Validate spec text; raise SpecError with every error, return the warnings."""
    # Reading a spec makes tens of thousands of objects and no reference cycles worth collecting:
    # the cycle collector's passes over everything alive would be a sixth of the time at 1,000 roles.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(text, path)
    finally:
        if paused:
            gc.enable()


def _load(text: str, path: str) -> Loaded:
    tree = parse(text, path)
    if tree.data is None:
        raise SpecError([Finding(path, Position(1, 1), "", "the spec is empty; start with `org:` and `roles:`",
                                 code="empty-spec")])
    if not isinstance(tree.data, dict):
        raise SpecError([Finding(path, tree.position(()), "",
                                 "a spec is a mapping of fields (org:, units:, roles: ...), not a list or text",
                                 code="wrong-type")])
    try:
        spec = OrgSpec.model_validate(tree.data)
    except ValidationError as exc:
        raise SpecError(_one_per_union([_finding(path, tree, err, OrgSpec) for err in exc.errors()])) from None
    # Imported here so the models stay importable without the rules (and no import cycle).
    from ..lint import check_spec

    from .placements import expand

    findings = check_spec(spec, tree, path, text)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise SpecError(errors)
    # Checked as written; drawn with each placed role (pods, matrix teams) as one role per placement.
    return Loaded(expand(spec), tuple(sorted(findings, key=Finding.sort_key)))


# Pydantic's error types, mapped to the stable rule codes orgcharts documents.
_CODES = {
    "extra_forbidden": "unknown-field",
    "missing": "missing-field",
    "string_pattern_mismatch": "invalid-id",
    "string_too_short": "empty-text",
    "string_too_long": "too-long",
    "too_short": "too-few",
    "too_long": "too-many",
    "literal_error": "invalid-value",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "greater_than": "out-of-range",
    "unsafe_text": "unsafe-text",
    "invisible_text": "empty-text",
    "too_many_lines": "too-long",
}


# Models that also take plain text (`client: Client`, `people: [Sam]`, `lead: role-id`, `theme: dark`).
_SHORTHAND = (Person, Side, Member, ThemeSpec)
_TEXT_WANTED = ("string_type", "model_type", "dict_type", "model_attributes_type", "list_type")


def _quote_hint(tree: Tree, loc: Loc, kind: str, root: type[BaseModel]) -> str | None:
    """The "put it in quotes" message, when a bare yes/no/number/null sits where text would be accepted."""
    scalar = tree.scalars.get(loc)
    if scalar is None or not scalar.plain or scalar.tag not in _READS_AS or kind not in _TEXT_WANTED:
        return None
    if kind == "list_type" and not (loc and loc[-1] in _ROLE_LISTS):
        return None
    if kind != "string_type" and kind != "list_type" and not issubclass(_model_at(root, loc) or BaseModel,
                                                                         _SHORTHAND):
        return None
    if not scalar.text:
        return "is empty; write the value, or remove the line"
    return (f"`{scalar.text}` reads as {_READS_AS[scalar.tag]} in YAML; "
            f"put it in quotes (\"{scalar.text}\") to keep it as text")


def _code(tree: Tree, loc: Loc, kind: str, ctx: dict[str, Any], root: type[BaseModel]) -> str:
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == COLOUR_PATTERN:
        return "invalid-colour"
    if _quote_hint(tree, loc, kind, root) is not None:
        return "quote-text"
    if kind == "string_type":
        return "wrong-type"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "wrong-type"
    return _CODES.get(kind, "invalid-value")


def _one_per_union(found: list[Finding]) -> list[Finding]:
    """One finding per field for a union's failed branches: the specific one over the generic."""
    specific = {f.field for f in found if f.message not in _UNIONS.values()}
    kept = [f for f in found if f.message not in _UNIONS.values() or f.field not in specific]
    return list(dict.fromkeys(kept))


# Fields that take either of two kinds of value: one message for both failed branches.
_UNIONS = {"shared": "expected `true`, or text naming who the role is shared with or lent by"}


def _finding(path: str, tree: Tree, err: Any, root: type[BaseModel]) -> Finding:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    union = next((i for i, part in enumerate(loc) if part in _UNIONS and i < len(loc) - 1), None)
    if union is not None:
        where = loc[: union + 1]
        if kind in ("unsafe_text", "invisible_text", "too_many_lines"):
            return Finding(path, tree.position(where), format_field(where), _message(tree, loc, err, root),
                           code=_code(tree, loc, kind, err.get("ctx") or {}, root))
        message = _quote_hint(tree, where, "string_type", root) or _UNIONS[str(loc[union])]
        return Finding(path, tree.position(where), format_field(where), message, code="wrong-type")
    message = _message(tree, loc, err, root)
    position = tree.position(loc, key=(kind == "extra_forbidden"))
    if kind == "missing":
        position = tree.position(loc[:-1])
    return Finding(path, position, format_field(loc), message, code=_code(tree, loc, kind, err.get("ctx") or {}, root))


def _message(tree: Tree, loc: Loc, err: Any, root: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        from .suggest import did_you_mean  # only a spec with mistakes needs "did you mean"

        allowed = _fields_at(root, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        return f"unknown field{hint}" if hint else f"unknown field; allowed here: {', '.join(sorted(allowed))}"
    if kind == "missing":
        return f"required field is missing; add `{loc[-1]}:`"
    quote = _quote_hint(tree, loc, kind, root)
    if quote is not None:
        return quote
    if kind == "string_type":
        return "expected text"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == COLOUR_PATTERN:
        return f"'{value}' is not a colour; write it as #RRGGBB or #RGB, e.g. '#C2410C'"
    if kind == "string_pattern_mismatch":
        from .suggest import slugify

        return (f"'{value}' is not a valid id; use lowercase letters, digits and single hyphens, "
                f"e.g. '{slugify(str(value))}'")
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters; shorten it"
    if kind == "list_type":
        if loc and loc[-1] in _ROLE_LISTS:
            return "expected a role id or a list of role ids"
        return "expected a list (one `- item` per line)"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields ({', '.join(sorted(_fields_at(root, loc)))})"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item"
    if kind == "literal_error":
        return f"{value!r} is not allowed; expected {ctx.get('expected')}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{value} is too small; the least allowed is {ctx.get('ge', ctx.get('gt'))}"
    if kind == "less_than_equal":
        return f"{value} is too large; the most allowed is {ctx.get('le')}"
    if kind in ("int_type", "float_type", "bool_type"):
        wanted = {"int_type": "a whole number", "float_type": "a number", "bool_type": "true or false"}[kind]
        return f"expected {wanted}"
    return str(err["msg"])


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model found at `loc`, walking from the root model."""
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        model = _inner_model(info.annotation) if info else None
    return model


def _fields_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at `loc`."""
    model = _model_at(root, loc)
    return list(model.model_fields) if model else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
