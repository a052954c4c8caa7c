"""Dot voting, ratings and private rounds: what the room decides, without anchoring.

Votes live in ``workshop.votes`` ({participant, target, count}); a workflow's ``votes``
field is the tally of the dots on it, so the prioritisation matrix (bubble size) follows
the voting. Voters are the participants of the workshop (:mod:`model.participants`).

A **private round** (``workshop.private_round``) collects each voter's dots or value and
feasibility ratings (``workshop.ratings``) while the room sees only progress ("5 of 8
done"), so nobody anchors on the most senior voice; **Reveal** shows the result: the
tallies, or each workflow's average rating with its spread, which also becomes the
workflow's value and feasibility on the 2×2. Every step is one undoable edit.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from model.edits import Change, Edit, EditError, edit_workshop, quoted
from model.participants import find_participant, name_key, tally_changes, voters
from model.session import Session, entity_state
from model.vocabulary import VOTING_ROLES, humanize

#: Dots each voter may place in a new private dot round unless the facilitator says.
DEFAULT_BUDGET = 5


# -- reading ---------------------------------------------------------------------------------
def tallies(session: Session) -> Counter[str]:
    """Dots per target id (workflow or element), whatever the round."""
    counts: Counter[str] = Counter()
    for vote in session.workshop.votes:
        counts[vote["target"]] += vote["count"]
    return counts


def shown_tallies(session: Session) -> Counter[str]:
    """The dots the room may see: none while a private dot round is open."""
    if is_hidden(session, "dots"):
        return Counter()
    return tallies(session)


def votes_of(session: Session, participant: str) -> dict[str, int]:
    """One participant's dots per target (name compared without case or extra spaces)."""
    key = name_key(participant)
    return {
        v["target"]: v["count"] for v in session.workshop.votes if name_key(v["participant"]) == key
    }


def placed(session: Session, participant: str) -> int:
    """How many dots ``participant`` has placed."""
    return sum(votes_of(session, participant).values())


def current_round(session: Session) -> dict[str, Any]:
    """The private round under way ({} when none)."""
    return session.workshop.private_round


def is_hidden(session: Session, kind: str | None = None) -> bool:
    """True while a private round (of ``kind``, or any) is open: its entries stay hidden."""
    round_ = current_round(session)
    if not round_ or round_.get("status") != "open":
        return False
    return kind is None or round_.get("kind") == kind


def budget(session: Session) -> int | None:
    """The dots each voter may place in the open dot round (None: no round, no limit)."""
    round_ = current_round(session)
    if round_.get("kind") != "dots" or round_.get("status") != "open":
        return None
    return int(round_.get("budget", 0)) or None


def progress(session: Session) -> tuple[int, int]:
    """(voters done, voters) of the open round, e.g. (5, 8)."""
    done = {name_key(n) for n in current_round(session).get("done", [])}
    people = voters(session)
    return sum(1 for p in people if name_key(p.name) in done), len(people)


def is_done(session: Session, participant: str) -> bool:
    """True when ``participant`` has finished the current round."""
    key = name_key(participant)
    return any(name_key(n) == key for n in current_round(session).get("done", []))


def rating_of(session: Session, participant: str, workflow_id: str) -> tuple[int | None, ...]:
    """``participant``'s (value, feasibility) for a workflow, (None, None) when unrated."""
    key = name_key(participant)
    for rating in session.workshop.ratings:
        if name_key(rating["participant"]) == key and rating["workflow"] == workflow_id:
            return rating["value"], rating["feasibility"]
    return None, None


@dataclass(frozen=True)
class RatingSummary:
    """The room's ratings of one workflow: how many, the average and the spread."""

    count: int
    value: float
    feasibility: float
    value_range: tuple[int, int]
    feasibility_range: tuple[int, int]
    value_sd: float
    feasibility_sd: float

    def rounded(self) -> tuple[int, int]:
        """The averages rounded to whole ratings (halves up), as the workflow stores them."""
        return _half_up(self.value), _half_up(self.feasibility)


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def rating_summaries(session: Session) -> dict[str, RatingSummary]:
    """Workflow id → summary of the ratings that give both a value and a feasibility."""
    from statistics import fmean, pstdev  # on first use: not needed to start the app

    by_workflow: dict[str, list[tuple[int, int]]] = {}
    for rating in session.workshop.ratings:
        if rating["value"] is None or rating["feasibility"] is None:
            continue
        if rating["workflow"] in session.workflows:
            by_workflow.setdefault(rating["workflow"], []).append(
                (rating["value"], rating["feasibility"])
            )
    summaries = {}
    for workflow_id, pairs in by_workflow.items():
        values = [v for v, _ in pairs]
        feasibilities = [f for _, f in pairs]
        summaries[workflow_id] = RatingSummary(
            count=len(pairs),
            value=fmean(values),
            feasibility=fmean(feasibilities),
            value_range=(min(values), max(values)),
            feasibility_range=(min(feasibilities), max(feasibilities)),
            value_sd=pstdev(values),
            feasibility_sd=pstdev(feasibilities),
        )
    return summaries


def shown_rating_summaries(session: Session) -> dict[str, RatingSummary]:
    """The rating summaries the room may see: none while a rating round is open."""
    return {} if is_hidden(session, "ratings") else rating_summaries(session)


# -- checks ------------------------------------------------------------------------------------
def _voter(session: Session, participant: str) -> str:
    """The stored name of the voter ``participant``; refused for anyone else."""
    if not participant.strip():
        raise EditError("Name the participant who votes.")
    person = find_participant(session, participant)
    if person is None:
        raise EditError(
            f"{participant.strip()} is not on the participant list: add them there first."
        )
    if person.workshop_role not in VOTING_ROLES:
        role = humanize(person.workshop_role).lower()
        raise EditError(f"{person.name} is {_a(role)}: only sponsors and participants vote.")
    return person.name


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _may_enter(session: Session, name: str, kind: str) -> None:
    round_ = current_round(session)
    if not round_:
        if kind == "ratings":
            raise EditError("Ratings are entered in a private rating round: start one first.")
        return
    if round_.get("kind") != kind:
        what = "dots" if round_["kind"] == "dots" else "ratings"
        raise EditError(f"A private round for {what} is under way: end it first.")
    if round_.get("status") == "revealed":
        raise EditError("This round is revealed: start a new round to change the result.")
    if is_done(session, name):
        raise EditError(f"{name} has finished this round: mark them as not done to change it.")


def _target_name(session: Session, target: str) -> str:
    if target in session.workflows:
        return quoted(session.workflows[target].name or "Untitled")
    element = session.elements[target]
    return quoted(element.label or element.kind)


# -- dots ---------------------------------------------------------------------------------------
def set_votes(session: Session, participant: str, target: str, count: int) -> Edit:
    """Record that ``participant`` puts ``count`` dots on ``target`` (0 removes them).

    The participant must be a voter on the participant list; in an open private dot round
    the round's budget applies. One edit changes the vote list and, for a workflow, its
    ``votes`` tally.
    """
    name = _voter(session, participant)
    if target not in session.workflows and target not in session.elements:
        raise EditError(f"There is no workflow or element {target!r} to vote on.")
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise EditError(f"Dots must be a whole number ≥ 0, got {count!r}.")
    _may_enter(session, name, "dots")
    key = name_key(name)
    votes = [
        dict(v)
        for v in session.workshop.votes
        if not (name_key(v["participant"]) == key and v["target"] == target)
    ]
    limit = budget(session)
    if limit is not None:
        others = sum(v["count"] for v in votes if name_key(v["participant"]) == key)
        if others + count > limit:
            left = max(0, limit - placed(session, name))
            raise EditError(f"{name} has {left} dot{'s' if left != 1 else ''} left of {limit}.")
    if count:
        votes.append({"participant": name, "target": target, "count": count})
    changes = list(edit_workshop(session, votes=votes).changes)
    if target in session.workflows:
        changes.extend(c for c in tally_changes(session, votes) if c.id == target)
    dots = f"{count} dot{'s' if count != 1 else ''}"
    return Edit(f"{name}: {dots} on {_target_name(session, target)}", tuple(changes))


def clear_votes(session: Session) -> Edit:
    """Remove every dot and reset the workflows' tallies (one edit)."""
    changes = list(edit_workshop(session, votes=[]).changes)
    changes.extend(tally_changes(session, []))
    return Edit("Clear all votes", tuple(changes))


# -- ratings -------------------------------------------------------------------------------------
def set_rating(
    session: Session,
    participant: str,
    workflow_id: str,
    value: int | None,
    feasibility: int | None,
) -> Edit:
    """Record ``participant``'s value and feasibility (1–5, None: not yet) of a workflow,
    in an open private rating round."""
    name = _voter(session, participant)
    if workflow_id not in session.workflows:
        raise EditError(f"There is no workflow {workflow_id!r} to rate.")
    for what, rating in (("Value", value), ("Feasibility", feasibility)):
        if rating is not None and (
            isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5
        ):
            raise EditError(f"{what} must be a whole number from 1 to 5, got {rating!r}.")
    _may_enter(session, name, "ratings")
    key = name_key(name)
    ratings = [
        dict(r)
        for r in session.workshop.ratings
        if not (name_key(r["participant"]) == key and r["workflow"] == workflow_id)
    ]
    if value is not None or feasibility is not None:
        ratings.append(
            {
                "participant": name,
                "workflow": workflow_id,
                "value": value,
                "feasibility": feasibility,
            }
        )
    edit = edit_workshop(session, ratings=ratings)
    return Edit(f"{name}: rate {_target_name(session, workflow_id)}", edit.changes)


# -- the private round ----------------------------------------------------------------------------
ROUND_NAMES = {"dots": "dot-voting", "ratings": "rating"}


def start_round(session: Session, kind: str, dots_each: int = DEFAULT_BUDGET) -> Edit:
    """Start a private round of ``kind`` ("dots" or "ratings"): earlier entries of that
    kind are cleared (undoable), nobody is done yet, and the result stays hidden."""
    if kind not in ROUND_NAMES:
        raise EditError(f"Unknown kind of round {kind!r}.")
    if is_hidden(session):
        raise EditError("A private round is already under way: reveal or end it first.")
    if isinstance(dots_each, bool) or not isinstance(dots_each, int) or not 0 <= dots_each <= 99:
        raise EditError(f"Dots each must be a whole number from 0 to 99, got {dots_each!r}.")
    if not voters(session):
        raise EditError("Add the participants who vote first (sponsors and participants).")
    round_ = {"kind": kind, "status": "open", "budget": dots_each, "done": []}
    fields: dict[str, Any] = {"private_round": round_}
    if kind == "dots":
        fields["votes"] = []
    else:
        fields["ratings"] = []
    changes = list(edit_workshop(session, **fields).changes)
    if kind == "dots":
        changes.extend(tally_changes(session, []))
    return Edit(f"Start a private {ROUND_NAMES[kind]} round", tuple(changes))


def set_done(session: Session, participant: str, done: bool = True) -> Edit:
    """Mark ``participant`` as finished with the open round (or not any more)."""
    round_ = dict(current_round(session))
    if not round_ or round_.get("status") != "open":
        raise EditError("There is no private round under way.")
    name = _voter(session, participant)
    key = name_key(name)
    names = [n for n in round_.get("done", []) if name_key(n) != key]
    if done:
        names.append(name)
    round_["done"] = names
    edit = edit_workshop(session, private_round=round_)
    return Edit(f"{name} {'is done' if done else 'is not done yet'}", edit.changes)


def reveal_round(session: Session) -> Edit:
    """Show the open round's result. A rating round also sets each rated workflow's value
    and feasibility to the room's average (rounded; halves up)."""
    round_ = dict(current_round(session))
    if not round_ or round_.get("status") != "open":
        raise EditError("There is no private round to reveal.")
    round_["status"] = "revealed"
    changes = list(edit_workshop(session, private_round=round_).changes)
    if round_["kind"] == "ratings":
        for workflow_id, summary in rating_summaries(session).items():
            workflow = session.workflows[workflow_id]
            value, feasibility = summary.rounded()
            if (workflow.value, workflow.feasibility) != (value, feasibility):
                before = entity_state(workflow)
                after = {**before, "value": value, "feasibility": feasibility}
                changes.append(Change("workflow", workflow_id, before, after))
    return Edit(f"Reveal the {ROUND_NAMES[round_['kind']]} round", tuple(changes))


def end_round(session: Session) -> Edit:
    """Close the private round (its entries stay; voting is open again)."""
    round_ = current_round(session)
    if not round_:
        raise EditError("There is no private round to end.")
    edit = edit_workshop(session, private_round={})
    return Edit(f"End the {ROUND_NAMES.get(round_.get('kind', ''), 'private')} round", edit.changes)
