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
from collections.abc import Iterator, Mapping
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
    if type(obj) is Span:
        return {"doc_id": obj.doc_id, "span": [obj.start, obj.end]}
    return {key: to_json(value) for key, value in json_fields(obj)}


def json_fields(obj: Any) -> Iterator[tuple[str, Any]]:
    """The keys of a model's JSON object, in order, each with its value still a model (a span already
    flat: ``doc_id`` and ``span``): what :func:`to_json` writes, for a writer that streams one value at a
    time (``dossier.json``)."""
    cls = type(obj)
    for name in _written(cls):
        value = getattr(obj, name)
        if isinstance(value, Span):  # the contract's flat doc_id + span
            yield "doc_id", value.doc_id
            yield "span", [value.start, value.end]
        else:
            yield name, value
    for name in getattr(cls, "__json_properties__", ()):
        key, prop = name if isinstance(name, tuple) else (name, name)
        yield key, getattr(obj, prop)


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
    try:
        return _reader(cls)(data)
    except _Misfit as exc:
        root = cls.__name__ if isinstance(cls, type) else str(cls)
        raise CodecError(f"{root}{''.join(reversed(exc.path))}: {exc.problem}") from None


class _Misfit(Exception):
    """A value that does not fit, on its way up to :func:`from_json`, which names where it was."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem
        self.path: list[str] = []  # innermost first: ".field", "[2]"


def _at(exc: _Misfit, step: str) -> _Misfit:
    exc.path.append(step)
    return exc


@cache
def _hints(cls: type) -> JSONObject:
    return typing.get_type_hints(cls)


Reader = typing.Callable[[JSON], Any]


def _reader(tp: Any) -> Reader:
    """The function that reads a JSON value into ``tp``, built once per type (each time for an unhashable
    one): the type's shape is looked at here, not for every value read."""
    try:
        return _cached_reader(tp)
    except TypeError:
        return _build_reader(tp)


@cache
def _cached_reader(tp: Any) -> Reader:
    return _build_reader(tp)


def _build_reader(tp: Any) -> Reader:
    if tp is Any:
        return _same
    origin, args = _shape(tp)
    if origin is Literal:
        return _literal(args)
    if origin in (Union, types.UnionType):
        return _optional(tp, args)
    if origin is tuple:
        return _tuple(args)
    if origin in (dict, Mapping) or origin is getattr(typing, "Mapping", None):
        return _mapping(args[1])
    if tp is Span:
        return _span
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    if tp is float:
        return _float
    if tp is int:
        return _int
    if tp in (str, bool):
        return _scalar(tp)
    return _same


def _same(data: JSON) -> Any:
    return data


def _literal(words: tuple[Any, ...]) -> Reader:
    def read(data: JSON) -> Any:
        if data not in words:
            raise _Misfit(f"{data!r} is not one of {list(words)}")
        return data
    return read


def _optional(tp: Any, args: tuple[Any, ...]) -> Reader:
    options = [a for a in args if a is not type(None)]
    nullable = len(options) < len(args)
    inner = _reader(options[0]) if len(options) == 1 else _same

    def read(data: JSON) -> Any:
        if data is None:
            if nullable:
                return None
            raise _Misfit("missing")
        return inner(data)
    return read


def _tuple(args: tuple[Any, ...]) -> Reader:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _reader(args[0])

        def read_all(data: JSON) -> Any:
            if not isinstance(data, (list, tuple)):
                raise _Misfit(f"expected a list, got {type(data).__name__}")
            try:
                return tuple(map(item, data))
            except _Misfit as exc:
                raise _at(exc, f"[{_failing(item, data)}]") from None
        return read_all
    items = [_reader(a) for a in args]

    def read_fixed(data: JSON) -> Any:
        if not isinstance(data, (list, tuple)):
            raise _Misfit(f"expected a list, got {type(data).__name__}")
        out = []
        for i, (read, value) in enumerate(zip(items, data, strict=True)):
            try:
                out.append(read(value))
            except _Misfit as exc:
                raise _at(exc, f"[{i}]") from None
        return tuple(out)
    return read_fixed


def _failing(read: Reader, data: list[JSON]) -> int:
    """The index of the first item ``read`` refuses (looked for only once one was refused)."""
    for i, value in enumerate(data):
        try:
            read(value)
        except _Misfit:
            return i
    return -1


def _mapping(value_type: Any) -> Reader:
    item = _reader(value_type)

    def read(data: JSON) -> Any:
        if not isinstance(data, dict):
            raise _Misfit(f"expected an object, got {type(data).__name__}")
        out = {}
        for k, v in data.items():
            try:
                out[str(k)] = item(v)
            except _Misfit as exc:
                raise _at(exc, f".{k}") from None
        return out
    return read


def _span(data: JSON) -> Span:
    return Span(str(data["doc_id"]), int(data["span"][0]), int(data["span"][1]))


def _float(data: JSON) -> float:
    if isinstance(data, bool) or not isinstance(data, (int, float)):
        raise _Misfit(f"expected a number, got {data!r}")
    return float(data)


def _int(data: JSON) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise _Misfit(f"expected an integer, got {data!r}")
    return data


def _scalar(tp: type) -> Reader:
    def read(data: JSON) -> Any:
        if not isinstance(data, tp):
            raise _Misfit(f"expected {tp.__name__}, got {data!r}")
        return data
    return read


#: how a dataclass field is read: its own span (``doc_id`` + ``span`` keys of the object), an optional
#: span, or a value under its name
_SPAN, _OPTIONAL_SPAN, _VALUE = range(3)


def _dataclass(cls: type) -> Reader:
    # the plan is made at the first read (so that a model holding its own kind has a reader to refer to),
    # whole before it is used: two threads reading at once both find a complete one
    plans: list[list[tuple[str, int, Reader, bool]]] = []

    def make_plan() -> list[tuple[str, int, Reader, bool]]:  # name, how, reader, required
        plan = []
        hints = _hints(cls)
        omit = getattr(cls, "__json_omit__", ())
        for f in dataclasses.fields(cls):
            if not f.init or f.name in omit:
                continue
            tp = hints[f.name]
            origin, args = _shape(tp)
            how = _SPAN if tp is Span else \
                _OPTIONAL_SPAN if origin in (Union, types.UnionType) and Span in args else _VALUE
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            plan.append((f.name, how, _reader(tp) if how == _VALUE else _same, required))
        return plan

    def read(data: JSON) -> Any:
        if not isinstance(data, dict):
            raise _Misfit(f"expected an object, got {type(data).__name__}")
        if not plans:
            plans.append(make_plan())
        kwargs: JSONObject = {}
        for name, how, reader, required in plans[0]:
            value = data.get(name, _ABSENT)
            if how != _VALUE:
                if value is None or value is _ABSENT:
                    if how == _SPAN:
                        raise _at(_Misfit("missing"), f".{name}")
                    kwargs[name] = None
                else:
                    kwargs[name] = Span(str(data.get("doc_id", "")), int(value[0]), int(value[1]))
            elif value is _ABSENT:
                if required:
                    raise _at(_Misfit("missing"), f".{name}")
            else:
                try:
                    kwargs[name] = reader(value)
                except _Misfit as exc:
                    raise _at(exc, f".{name}") from None
        return cls(**kwargs)
    return read


_ABSENT = object()  # a key not in the object (None is a value)
