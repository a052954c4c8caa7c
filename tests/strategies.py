"""Hypothesis strategies for random *valid* interchange documents in canonical form.

"Canonical" means the shape :func:`model.interchange.session_to_json` produces: every
known key present, ``raci`` only when set. Unknown keys (prefixed ``x-``) are sprinkled in
to prove they survive a round trip.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from model import vocabulary as v
from model.connections import connection_meaning
from model.fields import AGENDA_FIELDS, PARTICIPANT_FIELDS, WORKFLOW_FIELDS, WORKSHOP_FIELDS
from model.kinds import KINDS, KINDS_BY_ID, PropSpec

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=16)
NAMES = st.sampled_from(["Łódź", "Müller", "東京", "Sales", "O'Brien", "A&B <x>", ""])
SHORT_TEXT = st.one_of(TEXT, NAMES)
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), SHORT_TEXT)
EXTRA = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=6).map(lambda s: "x-" + s),
    st.one_of(JSON_SCALARS, st.lists(JSON_SCALARS, max_size=3)),
    max_size=2,
)


def _number(spec: PropSpec) -> st.SearchStrategy[Any]:
    low = spec.minimum if spec.minimum is not None else -1e6
    high = spec.maximum if spec.maximum is not None else 1e6
    ints = st.integers(int(low), int(high))
    if spec.type == "integer":
        return ints
    floats = st.floats(low, high, allow_nan=False, allow_infinity=False)
    return st.one_of(ints, floats)


def value_for(spec: PropSpec) -> st.SearchStrategy[Any]:
    """Any valid value of a prop or field."""
    base: st.SearchStrategy[Any]
    if spec.type == "text":
        base = SHORT_TEXT
    elif spec.type == "date":
        base = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))
    elif spec.type == "bool":
        base = st.booleans()
    elif spec.type in ("number", "integer"):
        base = _number(spec)
    elif spec.type == "enum":
        base = st.sampled_from(spec.choices)
    elif spec.type == "enum_list":
        base = st.lists(st.sampled_from(spec.choices), unique=True, max_size=3)
    elif spec.type == "text_list":
        base = st.lists(SHORT_TEXT, max_size=3)
    else:
        base = st.dictionaries(st.sampled_from(spec.choices), st.integers(1, 5), max_size=3)
    return st.one_of(st.none(), base) if spec.nullable else base


def _fields(specs: tuple[PropSpec, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({spec.name: value_for(spec) for spec in specs})


@st.composite
def props_for(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """A random subset of a kind's props, each valid."""
    specs = KINDS_BY_ID[kind].props
    chosen = draw(st.lists(st.sampled_from(specs), unique=True, max_size=len(specs)))
    return {spec.name: draw(value_for(spec)) for spec in chosen}


COORD = st.one_of(st.integers(-5000, 5000), st.floats(-5000, 5000, allow_nan=False))


@st.composite
def workshops(draw: st.DrawFn) -> dict[str, Any]:
    """A valid workshop object."""
    workshop = draw(_fields(WORKSHOP_FIELDS))
    workshop["participants"] = draw(st.lists(_fields(PARTICIPANT_FIELDS), max_size=3))
    keys = [f"{c}.q{i}" for c in v.COMPONENT_IDS for i in (1, 2, 3)]
    workshop["assessment"] = draw(st.dictionaries(st.sampled_from(keys), st.integers(0, 4)))
    workshop["parking_lot"] = draw(st.lists(SHORT_TEXT, max_size=3))
    workshop["agenda"] = draw(st.lists(_fields(AGENDA_FIELDS), max_size=3))
    workshop["votes"] = []
    workshop.update(draw(EXTRA))
    return workshop


@st.composite
def documents(draw: st.DrawFn, max_workflows: int = 3, max_elements: int = 8) -> dict[str, Any]:
    """A valid interchange document in canonical form."""
    counter = iter(range(10_000))
    workflows = []
    for w in range(draw(st.integers(0, max_workflows))):
        workflow_id = f"wf-{w}"
        workflow = {"id": workflow_id, **draw(_fields(WORKFLOW_FIELDS)), **draw(EXTRA)}
        elements = []
        for _ in range(draw(st.integers(0, max_elements))):
            kind = draw(st.sampled_from([k.id for k in KINDS]))
            element = {
                "id": f"e{next(counter)}",
                "kind": kind,
                "label": draw(SHORT_TEXT),
                "x": draw(COORD),
                "y": draw(COORD),
                "props": draw(props_for(kind)),
                **draw(EXTRA),
            }
            elements.append(element)
        legal = [
            (a, b)
            for a in elements
            for b in elements
            if a is not b and connection_meaning(a["kind"], b["kind"])
        ]
        pairs = (
            draw(
                st.lists(
                    st.sampled_from(legal), unique_by=lambda p: (p[0]["id"], p[1]["id"]), max_size=6
                )
            )
            if legal
            else []
        )
        connections = []
        for source, target in pairs:
            connection = {
                "id": f"c{next(counter)}",
                "source": source["id"],
                "target": target["id"],
                "label": draw(SHORT_TEXT),
            }
            if source["kind"] == "role" and draw(st.booleans()):
                connection["raci"] = draw(st.sampled_from(v.RACI))
            connection.update(draw(EXTRA))
            connections.append(connection)
        workflow["elements"] = elements
        workflow["connections"] = connections
        workflows.append(workflow)
    workshop = draw(workshops())
    targets = [w["id"] for w in workflows] + [e["id"] for w in workflows for e in w["elements"]]
    if targets:
        vote = st.fixed_dictionaries(
            {
                "participant": SHORT_TEXT,
                "target": st.sampled_from(targets),
                "count": st.integers(1, 5),
            }
        )
        workshop["votes"] = draw(st.lists(vote, max_size=4))
    return {
        "format": "opmodel",
        "version": v.FORMAT_VERSION,
        **draw(EXTRA),
        "workshop": workshop,
        "workflows": workflows,
    }
