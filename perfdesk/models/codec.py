"""Convert documents to plain data (dicts, lists, strings) and back, with checked types.

The plain form is what ``perfdesk dump`` prints as JSON and what the SQLite mapper flattens.
Decimals travel as strings so that no amount ever passes through a float.
"""

from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from perfdesk.models import bounds
from perfdesk.models.typeinfo import field_types
from perfdesk.models.typeinfo import optional_inner as _optional_inner

T = TypeVar("T")


class DecodeError(ValueError):
    """Plain data that does not fit the document model; ``path`` names the place."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or '文档'}: {message}")
        self.path = path
        self.message = message


def to_plain(value: Any) -> Any:
    """A dataclass tree as plain JSON-able data; Decimals become strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_plain(getattr(value, name)) for name in field_types(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    return value


def from_plain(cls: type[T], data: Any, path: str = "") -> T:
    """Build ``cls`` from plain data, raising :class:`DecodeError` at the first misfit.

    The result is also held to the model's bounds (:mod:`perfdesk.models.bounds`): a value that
    decodes but could not be checked, saved or exported is refused here, naming its place.
    """
    value = _decode(cls, data, path)
    if dataclasses.is_dataclass(value):
        try:
            bounds.check(value, path)
        except bounds.BoundsError as exc:
            raise DecodeError(exc.path, exc.message) from None
    return value  # type: ignore[no-any-return]


def _decode(tp: Any, data: Any, path: str) -> Any:
    inner = _optional_inner(tp)
    if inner is not None:
        return None if data is None else _decode(inner, data, path)
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, data, path)
    if typing.get_origin(tp) is list:
        if not isinstance(data, list):
            raise DecodeError(path, f"应为列表，实为 {_kind(data)}")
        (item_tp,) = typing.get_args(tp)
        return [_decode(item_tp, v, f"{path}[{i}]") for i, v in enumerate(data)]
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = "、".join(str(m.value) for m in tp)
            raise DecodeError(path, f"值 {_clip(data)} 不在允许的取值（{allowed}）中") from None
    if tp is Decimal:
        return _decode_decimal(data, path)
    if tp is bool:
        if not isinstance(data, bool):
            raise DecodeError(path, f"应为 true/false，实为 {_kind(data)}")
        return data
    if tp is int:
        return _decode_int(data, path)
    if tp is str:
        if not isinstance(data, str):
            raise DecodeError(path, f"应为文本，实为 {_kind(data)}")
        return data
    raise TypeError(f"unsupported field type {tp!r} at {path}")  # a model bug, not bad input


def _decode_dataclass(cls: Any, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise DecodeError(path, f"应为对象，实为 {_kind(data)}")
    hints = field_types(cls)
    unknown = sorted(set(data) - set(hints))
    if unknown:
        where = f"{path}.{unknown[0]}" if path else unknown[0]
        raise DecodeError(where, "未知字段")
    kwargs = {}
    for name, tp in hints.items():
        if isinstance(data.get(name), list) and len(data[name]) > bounds.list_limit(name):
            where = f"{path}.{name}" if path else name
            raise DecodeError(where, f"条目过多（{len(data[name]):,} 条，最多 {bounds.list_limit(name):,} 条）")
        if name in data:
            kwargs[name] = _decode(tp, data[name], f"{path}.{name}" if path else name)
    return cls(**kwargs)


def _decode_decimal(data: Any, path: str) -> Decimal:
    if isinstance(data, bool) or not isinstance(data, str | int | Decimal):
        raise DecodeError(path, f'应为数字（写成字符串，如 "12.50"），实为 {_kind(data)}')
    try:
        value = Decimal(data) if not isinstance(data, Decimal) else data
    except InvalidOperation:
        raise DecodeError(path, f"{_clip(data)} 不是数字") from None
    if not value.is_finite():
        raise DecodeError(path, f"{_clip(data)} 不是有限的数字")
    return value


def _decode_int(data: Any, path: str) -> int:
    if isinstance(data, Decimal):
        # 1e999999999 is an integer too, but int() of it would fill the memory: judge the exponent first
        if not data.is_finite() or data.adjusted() > 18 or data != data.to_integral_value():
            raise DecodeError(path, f"应为整数，实为 {_kind(data)}")
        return int(data)
    if isinstance(data, bool) or not isinstance(data, int):
        raise DecodeError(path, f"应为整数，实为 {_kind(data)}")
    return data


def _kind(data: Any) -> str:
    names = {dict: "对象", list: "列表", str: "文本", bool: "布尔值", type(None): "空值"}
    if isinstance(data, int | float | Decimal) and not isinstance(data, bool):
        return f"数字 {bounds.short_number(data)}"
    return names.get(type(data), type(data).__name__)


def _clip(data: Any) -> str:
    """A value for a message: its repr, at most 40 characters."""
    text = repr(data) if not isinstance(data, int | Decimal) else bounds.short_number(data)
    return text if len(text) <= 40 else text[:40] + "…"
