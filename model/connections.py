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

    The reason is one or two full sentences a facilitator can read out, shown beside the
    pointer and in the status bar: "An AI step cannot connect to a trigger. It can connect
    to a step, an AI step, a gate, a review or an outcome."
    """
    if same_element:
        return "An element cannot connect to itself."
    if "note" in (source_kind, target_kind):
        return "Sticky notes never connect; they are for facilitation only."
    source_name = kind_noun(source_kind)
    target_name = kind_noun(target_kind)
    if connection_meaning(source_kind, target_kind) is None:
        targets = allowed_targets(source_kind)
        if not targets:
            return f"{_capital(_a(source_name))} cannot start a connection; connect into it."
        allowed = _or([_a(kind_noun(k)) for k in targets])
        return (
            f"{_capital(_a(source_name))} cannot connect to {_a(target_name)}. "
            f"It can connect to {allowed}."
        )
    if raci is not None and source_kind != "role":
        return "RACI letters belong only on connections from a role."
    return None


#: How a kind is named inside a sentence where its palette name would not read.
_SENTENCE_NOUNS = {"data": "data element"}


def kind_noun(kind: str) -> str:
    """A kind as a noun inside a sentence: "AI step" (acronyms kept), "data element"."""
    if kind in _SENTENCE_NOUNS:
        return _SENTENCE_NOUNS[kind]
    spec = KINDS_BY_ID.get(kind)
    name = spec.name if spec else humanize(kind)
    first = name.split(" ")[0]
    if first.isupper() and len(first) > 1:
        return name
    return name.lower()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _or(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
