"""``__repr__``, ``__eq__`` and ``__hash__`` for the package's frozen attrs classes, written once.

attrs writes these three methods as Python source for every class and compiles it when the
class is made: over the 88 classes a check imports that was 25-40 ms of every run (the
``__repr__`` alone about half, its f-string being the costliest to compile), paid again by
every process since compiled code is not cached. Here each method is a closure over the
class's fields, made without compiling anything, and behaves as attrs' own does: the same
text for ``repr`` (fields with ``repr=False`` left out, a field's own ``repr`` callable used,
``...`` for an object met again while it is being shown), equality only between objects of the
same class comparing the fields with ``eq`` set (through their ``eq_key``), and a hash of the
fields attrs would hash, salted per class. Only ``__init__`` is still attrs' generated code.

Use it over a class made with ``repr=False, eq=False``, which leaves these methods to it::

    @shared_methods
    @attrs.frozen(slots=True, repr=False, eq=False)
    class Point:
        x: int
        y: int
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

import attrs

from provenance import generated_code

# Every module that makes a frozen class imports this one first: from here on, attrs takes the
# ``__init__`` it generates from the store of compiled code instead of compiling it again.
generated_code.install()

_Class = TypeVar("_Class", bound=type)

#: The ids of the objects whose ``repr`` is being built on this thread, as attrs keeps them.
_repring = threading.local()


def shared_methods(cls: _Class) -> _Class:
    """Give the frozen attrs class ``cls`` attrs' ``__repr__``, ``__eq__`` and ``__hash__``.

    A method the class body defines itself is kept, as attrs keeps it.
    """
    fields = attrs.fields(cls)
    own = cls.__dict__
    if "__repr__" not in own:
        cls.__repr__ = _make_repr(fields)  # type: ignore[assignment]
    if "__eq__" not in own:
        values = _values([field for field in fields if field.eq])
        cls.__eq__ = _make_eq(values)  # type: ignore[assignment]
        if "__hash__" not in own:
            hashed = [f for f in fields if f.hash is True or (f.hash is None and f.eq is True)]
            cls.__hash__ = _make_hash(_values(hashed), hash(f"{cls.__module__}.{cls.__qualname__}"))  # type: ignore[assignment]
    return cls


def _values(fields: list[attrs.Attribute[Any]]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values of an object as a tuple, each through its ``eq_key`` if it has one."""
    names = tuple(field.name for field in fields)
    keys = tuple(getattr(field, "eq_key", None) for field in fields)  # not in the stubs
    if any(key is not None for key in keys):

        def keyed(self: Any) -> tuple[Any, ...]:
            return tuple(
                getattr(self, name) if key is None else key(getattr(self, name))
                for name, key in zip(names, keys, strict=True)
            )

        return keyed
    if not names:
        return lambda self: ()
    if len(names) == 1:
        (name,) = names
        return lambda self: (getattr(self, name),)
    return attrgetter(*names)


def _make_eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return values(self) == values(other)

    return __eq__


def _make_hash(values: Callable[[Any], tuple[Any, ...]], salt: int) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash((salt, *values(self)))

    return __hash__


def _make_repr(fields: tuple[attrs.Attribute[Any], ...]) -> Callable[[Any], str]:
    shown = tuple(
        (field.name, repr if field.repr is True else field.repr, field.init)
        for field in fields
        if field.repr is not False
    )

    def __repr__(self: Any) -> str:
        try:
            already = _repring.ids
        except AttributeError:
            already = _repring.ids = set()
        if id(self) in already:
            return "..."
        already.add(id(self))
        try:
            parts = []
            for name, show, init in shown:
                value = getattr(self, name) if init else getattr(self, name, attrs.NOTHING)
                parts.append(f"{name}={show(value)}")
            return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
        finally:
            already.remove(id(self))

    return __repr__
