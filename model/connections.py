"""Connection legality: what a connection means, given the kinds at its two ends."""

from __future__ import annotations

from model.kinds import KINDS_BY_ID
from model.vocabulary import humanize

_WORK = ("step", "ai_step", "gate", "review")

#: meaning -> (source kinds, target kinds), exactly the spec's table.
CONNECTION_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "flow": (("trigger", *_WORK), (*_WORK, "outcome")),
    "feeds": (("data",), _WORK),
    "responsible": (("role",), (*_WORK, "metric", "control")),
    "governs": (("control",), ("data", *_WORK)),
    "measures": (("metric",), (*_WORK, "outcome")),
    "learning_loop": (("metric",), ("trigger",)),
}

_MEANING_BY_PAIR: dict[tuple[str, str], str] = {
    (source, target): meaning
    for meaning, (sources, targets) in CONNECTION_RULES.items()
    for source in sources
    for target in targets
}


def connection_meaning(source_kind: str, target_kind: str) -> str | None:
    """The meaning of a connection from ``source_kind`` to ``target_kind``, or None if illegal."""
    return _MEANING_BY_PAIR.get((source_kind, target_kind))


def allowed_targets(source_kind: str) -> tuple[str, ...]:
    """Every kind a connection may lead to from ``source_kind``, in palette order."""
    targets = {t for (s, t) in _MEANING_BY_PAIR if s == source_kind}
    return tuple(k for k in KINDS_BY_ID if k in targets)


def refusal_reason(
    source_kind: str, target_kind: str, *, same_element: bool = False, raci: str | None = None
) -> str | None:
    """Why a connection between these kinds is refused, or None when it is legal.

    The reason is a full sentence a facilitator can read in the status bar.
    """
    if same_element:
        return "An element cannot connect to itself."
    if "note" in (source_kind, target_kind):
        return "Sticky notes never connect; they are for facilitation only."
    source_name = _name(source_kind)
    target_name = _name(target_kind)
    if connection_meaning(source_kind, target_kind) is None:
        targets = allowed_targets(source_kind)
        if not targets:
            return f"{_a(source_name).capitalize()} cannot start a connection; connect into it."
        allowed = ", ".join(_name(k) for k in targets)
        return (
            f"{_a(source_name).capitalize()} cannot connect to {_a(target_name)}. "
            f"It can connect to: {allowed}."
        )
    if raci is not None and source_kind != "role":
        return "RACI letters belong only on connections from a role."
    return None


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _name(kind: str) -> str:
    spec = KINDS_BY_ID.get(kind)
    return spec.name.lower() if spec else humanize(kind).lower()
