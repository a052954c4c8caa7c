"""Dot voting: participants put dots on workflows (use cases) and on elements.

Votes live in ``workshop.votes``; a workflow's ``votes`` field is the tally of the dots on
it, so the prioritisation matrix (bubble size) follows the voting.
"""

from __future__ import annotations

from collections import Counter

from model.edits import Change, Edit, EditError, edit_workshop
from model.session import Session, entity_state


def tallies(session: Session) -> Counter[str]:
    """Dots per target id (workflow or element)."""
    counts: Counter[str] = Counter()
    for vote in session.workshop.votes:
        counts[vote["target"]] += vote["count"]
    return counts


def votes_of(session: Session, participant: str) -> dict[str, int]:
    """One participant's dots per target."""
    return {
        v["target"]: v["count"] for v in session.workshop.votes if v["participant"] == participant
    }


def set_votes(session: Session, participant: str, target: str, count: int) -> Edit:
    """Record that ``participant`` puts ``count`` dots on ``target`` (0 removes them).

    One edit changes the vote list and, for a workflow, its ``votes`` tally.
    """
    participant = participant.strip()
    if not participant:
        raise EditError("Name the participant who votes.")
    if target not in session.workflows and target not in session.elements:
        raise EditError(f"There is no workflow or element {target!r} to vote on.")
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise EditError(f"Dots must be a whole number ≥ 0, got {count!r}.")
    votes = [
        dict(v)
        for v in session.workshop.votes
        if not (v["participant"] == participant and v["target"] == target)
    ]
    if count:
        votes.append({"participant": participant, "target": target, "count": count})
    changes = list(edit_workshop(session, votes=votes).changes)
    if target in session.workflows:
        tally = sum(v["count"] for v in votes if v["target"] == target)
        before = entity_state(session.workflows[target])
        if before["votes"] != tally:
            changes.append(Change("workflow", target, before, {**before, "votes": tally}))
    name = session.workflows[target].name if target in session.workflows else "element"
    return Edit(f"{participant}: {count} dot{'s' if count != 1 else ''} on {name}", tuple(changes))


def clear_votes(session: Session) -> Edit:
    """Remove every dot and reset the workflows' tallies (one edit)."""
    changes = list(edit_workshop(session, votes=[]).changes)
    for workflow in session.ordered_workflows():
        if workflow.votes:
            before = entity_state(workflow)
            changes.append(Change("workflow", workflow.id, before, {**before, "votes": 0}))
    return Edit("Clear all votes", tuple(changes))
