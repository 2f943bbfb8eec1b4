"""The shared methods behave as the ones attrs generates: checked side by side on twin classes."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import provenance
from provenance.records import shared_methods


def _lower(value: str) -> str:
    return value.lower()


@attrs.frozen(slots=True)
class Generated:
    name: str
    count: int = 0
    note: str = attrs.field(default="", repr=False)
    folded: str = attrs.field(default="", eq=_lower)
    loose: int = attrs.field(default=0, eq=False)
    unhashed: list[int] = attrs.field(factory=list, hash=False)
    shown: str = attrs.field(default="", repr=lambda value: f"<{value}>")
    later: int = attrs.field(init=False, default=7)


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Generated2:
    name: str
    count: int = 0
    note: str = attrs.field(default="", repr=False)
    folded: str = attrs.field(default="", eq=_lower)
    loose: int = attrs.field(default=0, eq=False)
    unhashed: list[int] = attrs.field(factory=list, hash=False)
    shown: str = attrs.field(default="", repr=lambda value: f"<{value}>")
    later: int = attrs.field(init=False, default=7)


@attrs.frozen(slots=True)
class Single:
    value: Any


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Single2:
    value: Any


@attrs.frozen(slots=True)
class Empty:
    pass


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class Empty2:
    pass


@shared_methods
@attrs.frozen(slots=True, repr=False, eq=False)
class OwnMethods:
    value: int

    def __repr__(self) -> str:
        return "own"

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 1


_texts = st.text(max_size=5)
_fields = st.fixed_dictionaries(
    {
        "name": _texts,
        "count": st.integers(-3, 3),
        "note": _texts,
        "folded": st.sampled_from(["a", "A", "b"]),
        "loose": st.integers(0, 2),
        "unhashed": st.lists(st.integers(0, 2), max_size=2),
        "shown": _texts,
    }
)


def _reprs_alike(generated: object, shared: object) -> None:
    assert repr(shared) == repr(generated).replace(type(generated).__name__, type(shared).__name__)


@given(_fields, _fields)
def test_repr_eq_and_hash_as_attrs_generates_them(one: dict[str, Any], two: dict[str, Any]) -> None:
    a, b = Generated(**one), Generated(**two)
    a2, b2 = Generated2(**one), Generated2(**two)
    _reprs_alike(a, a2)
    assert (a == b) is (a2 == b2)
    assert (a != b) is (a2 != b2)
    assert a2 == Generated2(**one)
    if a2 == b2:
        assert hash(a2) == hash(b2)


def test_hash_and_equality_skip_the_fields_attrs_skips() -> None:
    one = Generated2("x", folded="A", loose=1, unhashed=[1])
    two = Generated2("x", folded="a", loose=2, unhashed=[1])
    assert one == two and hash(one) == hash(two)
    assert Generated2("x", unhashed=[1]) != Generated2("x", unhashed=[2])
    assert hash(Generated2("x", unhashed=[1])) == hash(Generated2("x", unhashed=[2]))
    assert Generated2("x") != Generated2("y")


def test_equality_needs_the_same_class() -> None:
    assert Generated2("x") != Generated("x")
    assert Generated2("x").__eq__(Generated("x")) is NotImplemented
    assert Single2(1) != 1


def test_one_field_and_no_field() -> None:
    _reprs_alike(Single(["x"]), Single2(["x"]))
    assert Single2(1) == Single2(1) and hash(Single2(1)) == hash(Single2(1))
    assert Single2(1) != Single2(2)
    _reprs_alike(Empty(), Empty2())
    assert Empty2() == Empty2() and hash(Empty2()) == hash(Empty2())


def test_an_unhashable_field_value_makes_the_object_unhashable_like_attrs() -> None:
    with pytest.raises(TypeError):
        hash(Single([1]))
    with pytest.raises(TypeError):
        hash(Single2([1]))


def test_an_object_met_again_while_shown_is_dots() -> None:
    holder: list[Any] = []
    looped = Single2(holder)
    holder.append(looped)
    assert repr(looped) == "Single2(value=[...])"
    holder_a: list[Any] = []
    looped_a = Single(holder_a)
    holder_a.append(looped_a)
    assert repr(looped_a) == "Single(value=[...])"


def test_methods_the_class_defines_are_kept() -> None:
    assert repr(OwnMethods(1)) == "own"
    assert OwnMethods(1) == OwnMethods(2)
    assert hash(OwnMethods(3)) == 1


def test_every_frozen_class_of_the_package_has_the_three_methods() -> None:
    """A class left with object's methods would compare by identity: no class may be missed."""
    for module in pkgutil.walk_packages(provenance.__path__, "provenance."):
        if module.name.endswith("__main__"):
            continue
        try:
            loaded = importlib.import_module(module.name)
        except ImportError:  # an optional extra not installed
            continue
        for value in vars(loaded).values():
            if not (isinstance(value, type) and attrs.has(value)):
                continue
            if value.__setattr__ is object.__setattr__:  # not frozen: attrs' own methods
                continue
            assert value.__eq__ is not object.__eq__, value
            assert value.__repr__ is not object.__repr__, value
            assert value.__hash__ not in (None, object.__hash__), value
