"""Fuzzing session files: flipped bytes, truncation, wrong types, dangling ids.

Every mutated file either opens (and then reads back the same as ``read_session``) or is
refused with one :class:`SessionFileError` line; never another exception, and a refused
file keeps every byte with nothing left beside it. The figures go to docs/reliability.md.
"""

from __future__ import annotations

import sqlite3
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.interchange import session_to_json
from model.templates import load_template
from storage.document import SessionDocument
from storage.files import SessionFileError
from storage.store import read_session

FUZZ = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@cache
def template_bytes() -> bytes:
    """A closed sales-template session with some history, as bytes."""
    from model import edits

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "base.opmodel"
        document = SessionDocument.create(path, load_template("sales"))
        element = next(iter(document.session.elements.values()))
        for step in range(3):
            document.execute(
                edits.move_elements(document.session, {element.id: (step * 20, element.y)})
            )
        document.close()
        return path.read_bytes()


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def open_or_refuse(path: Path) -> str:
    """Open the file both ways; 'opened' or 'refused'. Anything else fails the test."""
    folder = path.parent
    before = listing(folder)
    try:
        read = read_session(path)
    except SessionFileError as exc:
        assert "\n" not in str(exc)
        assert listing(folder) == before, "a refused file was changed"
        try:
            SessionDocument.open(path).close()
        except SessionFileError:
            assert listing(folder) == before, "a refused file was changed"
            return "refused"
        raise AssertionError("read_session refused what SessionDocument.open accepted") from None
    document = SessionDocument.open(path)
    try:
        assert session_to_json(document.session) == session_to_json(read)
    finally:
        document.close()
    return "opened"


def run_case(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.opmodel"
        path.write_bytes(data)
        return open_or_refuse(path)


@FUZZ
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
        min_size=1,
        max_size=8,
    )
)
def test_flipped_bytes(flips: list[tuple[int, int]]) -> None:
    data = bytearray(template_bytes())
    for position, mask in flips:
        data[position % len(data)] ^= mask
    run_case(bytes(data))


@FUZZ
@given(cut=st.integers(min_value=0))
def test_truncation(cut: int) -> None:
    data = template_bytes()
    run_case(data[: cut % len(data)])


COLUMN_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.sampled_from(["{}", "[]", "{bad", '{"kind": 1}', "[[[[[[]]]]]]", "null", '"x"']),
)
TABLE_COLUMNS = {
    "elements": ["id", "workflow_id", "seq", "kind", "label", "x", "y", "props", "extra"],
    "connections": ["id", "workflow_id", "source", "target", "label", "raci", "extra"],
    "workflows": ["id", "name", "function", "status", "value", "votes", "extra"],
    "workshop": ["title", "participants", "assessment", "parking_lot", "agenda", "votes"],
    "history": ["description", "changes"],
    "meta": ["value"],
}


@FUZZ
@given(
    table=st.sampled_from(sorted(TABLE_COLUMNS)),
    data=st.data(),
)
def test_wrong_types_and_dangling_ids(table: str, data: st.DataObject) -> None:
    column = data.draw(st.sampled_from(TABLE_COLUMNS[table]))
    value = data.draw(COLUMN_VALUES)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.opmodel"
        path.write_bytes(template_bytes())
        conn = sqlite3.connect(path)
        try:
            with conn:
                conn.execute(
                    f"UPDATE {table} SET {column} = ? WHERE rowid = "
                    f"(SELECT min(rowid) FROM {table})",
                    (value,),
                )
        except sqlite3.IntegrityError:
            return  # the schema itself refused the value (NOT NULL, CHECK)
        finally:
            conn.close()
        open_or_refuse(path)


def test_the_unmutated_file_opens() -> None:
    assert run_case(template_bytes()) == "opened"
