"""JSON read without the ``json`` package: ``provenance.json_read``."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance import json_read

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@given(_VALUES, st.sampled_from(["", " ", "\n\t "]))
def test_reads_what_json_reads(value: Any, space: str) -> None:
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False, indent=1)):
        spaced = space + text + space
        assert json_read.loads(spaced) == json.loads(spaced)
        assert json_read.loads(spaced.encode()) == json.loads(spaced.encode())


def test_object_hook_and_raw_decode_as_json_has_them() -> None:
    text = '{"a": [1, {"b": 2.5}], "c": Infinity}  [3]'

    def hook(value: dict[str, Any]) -> Any:
        return sorted(value)

    assert json_read.loads('{"a": {"b": 1}}', object_hook=hook) == ["a"]
    scan = json_read.scanner()
    assert scan(text, 0) == json.JSONDecoder().raw_decode(text)
    _, end = scan(text, 0)
    assert scan(text, end + 2) == ([3], len(text))


@pytest.mark.parametrize("text", ["", "  ", "[1,", "[1] 2", "{'a': 1}", "tru", "[1]]"])
def test_what_json_refuses_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        json_read.loads(text)


def test_reading_imports_no_json_package() -> None:
    code = (
        "import sys\nfrom provenance import json_read\n"
        "assert json_read.loads(b'{\"a\": [1, 2.0, null]}') == {'a': [1, 2.0, None]}\n"
        "print('json' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
