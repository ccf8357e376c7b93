"""What the document's dataclasses declare: their fields' types, read once per class.

Shared by the JSON codec, the model's bounds and the SQLite mapper, which all walk the
dataclasses by their declared types.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any


@cache
def field_types(cls: type) -> dict[str, Any]:
    """The resolved type hints of a dataclass's fields, in declaration order."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def optional_inner(tp: Any) -> Any | None:
    """For ``X | None`` return X, otherwise None."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return None
