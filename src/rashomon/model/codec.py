"""The one place where models become JSON values and JSON values become models.

The rules, the same for every model:

- a dataclass is an object of its fields, in order; ``__json_properties__`` names properties written
  besides (``Document.words``; a ``(key, property)`` pair writes a property under another key), and
  ``__json_omit__`` fields kept out of the JSON both ways (``Document.meta``);
- a field of type :class:`~rashomon.model.base.Span` is written into its object as ``doc_id`` and
  ``span: [start, end]`` (the shape of the JSON contract); a span standing alone is that pair of keys;
- tuples are lists, mappings are objects, a float that is a whole number is an integer (``1383``);
- reading checks every closed vocabulary (a ``Literal``) and fills missing fields with their defaults;
  a missing field without a default, or a word outside its vocabulary, raises :class:`CodecError`.

>>> from rashomon.model import Evidence, Span
>>> to_json(Evidence(Span("d1", 0, 4), "Five"))["span"]
[0, 4]
>>> from_json(Evidence, {"doc_id": "d1", "span": [0, 4], "text": "Five"}).span
Span(doc_id='d1', start=0, end=4)
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from .base import Span

T = TypeVar("T")
JSON = Any  # what json.loads gives: dict, list, str, int, float, bool or None
#: a JSON object: what the codec writes for a model, and what the language files hold
JSONObject = dict[str, Any]


class CodecError(ValueError):
    """A JSON value that does not fit its model (the message names the field)."""


_PLAIN = frozenset({str, int, bool, type(None)})  # written as they are (exact types: a subclass takes the long way)


def to_json(value: Any) -> JSON:
    """A model (or a tuple, mapping or scalar of models) as a JSON-ready value."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [to_json(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _object(value)
    if isinstance(value, (tuple, list, frozenset, set)):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _object(obj: Any) -> JSONObject:
    cls = type(obj)
    if cls is Span:
        return {"doc_id": obj.doc_id, "span": [obj.start, obj.end]}
    out: JSONObject = {}
    for name in _written(cls):
        value = getattr(obj, name)
        if isinstance(value, Span):
            out.update(_object(value))  # the contract's flat doc_id + span
        else:
            out[name] = to_json(value)
    for name in getattr(cls, "__json_properties__", ()):
        key, prop = name if isinstance(name, tuple) else (name, name)
        out[key] = to_json(getattr(obj, prop))
    return out


@cache
def _written(cls: type) -> tuple[str, ...]:
    """The fields of a model that its JSON holds, in order (read once per class)."""
    omit = getattr(cls, "__json_omit__", ())
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in omit)


def _shape(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """``(get_origin(tp), get_args(tp))``, computed once per type (every time for an unhashable one)."""
    try:
        return _cached_shape(tp)
    except TypeError:
        return get_origin(tp), get_args(tp)


@cache
def _cached_shape(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    return get_origin(tp), get_args(tp)


def from_json(cls: type[T], data: JSON) -> T:
    """Read a JSON value into ``cls`` (a model class, or a type such as ``tuple[Figure, ...]``)."""
    return _read(cls, data, cls.__name__ if isinstance(cls, type) else str(cls))


@cache
def _hints(cls: type) -> JSONObject:
    return typing.get_type_hints(cls)


def _read(tp: Any, data: JSON, where: str) -> Any:
    if tp is Any or (tp is str and type(data) is str):
        return data
    origin, args = _shape(tp)
    if origin is Literal:
        if data not in args:
            raise CodecError(f"{where}: {data!r} is not one of {list(args)}")
        return data
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if data is None:
            if len(options) < len(args):
                return None
            raise CodecError(f"{where}: missing")
        return _read(options[0], data, where) if len(options) == 1 else data
    if origin is tuple:
        if not isinstance(data, (list, tuple)):
            raise CodecError(f"{where}: expected a list, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], v, f"{where}[{i}]") for i, v in enumerate(data))
        return tuple(_read(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, data, strict=True)))
    if origin in (dict, Mapping) or origin is getattr(typing, "Mapping", None):
        if not isinstance(data, dict):
            raise CodecError(f"{where}: expected an object, got {type(data).__name__}")
        return {str(k): _read(args[1], v, f"{where}.{k}") for k, v in data.items()}
    if tp is Span:
        return Span(str(data["doc_id"]), int(data["span"][0]), int(data["span"][1]))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise CodecError(f"{where}: expected an object, got {type(data).__name__}")
        return _dataclass(tp, data, where)
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise CodecError(f"{where}: expected a number, got {data!r}")
        return float(data)
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise CodecError(f"{where}: expected an integer, got {data!r}")
        return data
    if tp in (str, bool) and not isinstance(data, tp):
        raise CodecError(f"{where}: expected {tp.__name__}, got {data!r}")
    return data


def _dataclass(cls: type, data: JSONObject, where: str) -> Any:
    hints = _hints(cls)
    kwargs: JSONObject = {}
    omit = getattr(cls, "__json_omit__", ())
    for f in dataclasses.fields(cls):
        if not f.init or f.name in omit:
            continue
        tp = hints[f.name]
        origin, args = _shape(tp)
        if tp is Span or (origin in (Union, types.UnionType) and Span in args):
            value = data.get(f.name)
            if value is None:
                if tp is Span:
                    raise CodecError(f"{where}.{f.name}: missing")
                kwargs[f.name] = None
            else:
                kwargs[f.name] = Span(str(data.get("doc_id", "")), int(value[0]), int(value[1]))
            continue
        if f.name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise CodecError(f"{where}.{f.name}: missing")
            continue
        kwargs[f.name] = _read(tp, data[f.name], f"{where}.{f.name}")
    return cls(**kwargs)
