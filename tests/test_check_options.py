"""CheckOptions to JSON and back: every field survives, so a new field cannot be forgotten."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from typing import Any

import pytest

from msa_check.check_options import CheckOptions


def _other_than(default: Any, hint: Any) -> Any:
    """A value of type `hint` that is not `default`, so a field lost on the way shows."""
    if hint is bool:
        return not default
    if isinstance(hint, type) and issubclass(hint, Enum):
        return next(member for member in hint if member != default)
    if typing.get_origin(hint) is tuple:
        return ("first", "second")
    if typing.get_origin(hint) is types.UnionType:  # X | None: a value of X
        (kind,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _other_than(None, kind)
    if hint is int:
        return (default or 0) + 7
    if hint is str:
        return f"not {default}"
    raise AssertionError(f"teach this test a value of {hint} other than the default")


def every_field_changed() -> CheckOptions:
    hints = typing.get_type_hints(CheckOptions)
    return CheckOptions(
        **{
            field.name: _other_than(field.default, hints[field.name])
            for field in dataclasses.fields(CheckOptions)
        }
    )


def test_every_field_survives_the_round_trip() -> None:
    changed = every_field_changed()
    for field in dataclasses.fields(CheckOptions):  # else the test would prove nothing
        assert getattr(changed, field.name) != field.default, field.name
    assert CheckOptions.from_json(changed.to_json()) == changed
    assert CheckOptions.from_json(CheckOptions().to_json()) == CheckOptions()


def test_the_round_trip_keeps_the_types_json_has_not() -> None:
    back = CheckOptions.from_json(every_field_changed().to_json())
    assert isinstance(back.rules, tuple)  # hashable: a Dask worker caches its Checker by it
    assert type(back.pdf_engine) is type(CheckOptions().pdf_engine)


@pytest.mark.parametrize(
    "text",
    [
        "null",
        "[]",
        json.dumps({"rules": ["uk-msa-s54"]}),  # fields missing: another version wrote it
        json.dumps({**json.loads(CheckOptions().to_json()), "unknown": 1}),
        json.dumps({**json.loads(CheckOptions().to_json()), "pdf_engine": "no-such-engine"}),
    ],
)
def test_anything_but_every_field_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        CheckOptions.from_json(text)
