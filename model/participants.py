"""The participant list: who is in the room. The same list holds the voters.

One list of people (name, title, workshop role) serves the participants dock, dot voting
and private rounds: a sponsor or participant votes and rates, observers and the
facilitator do not (:data:`model.vocabulary.VOTING_ROLES`). Names are compared without
regard to case or extra spaces, so "ana " and "Ana" are one person, never two voters.

Each constructor returns one :class:`~model.edits.Edit` of the workshop; renaming or
removing a person carries their dots, ratings and "done" mark along in the same edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from model.edits import Change, Edit, EditError, edit_workshop
from model.session import Participant, Session, entity_state
from model.vocabulary import VOTING_ROLES, WORKSHOP_ROLES, humanize


def name_key(name: str) -> str:
    """The form two names are compared in: case-folded, spaces collapsed."""
    return " ".join(str(name).split()).casefold()


def tidy_name(name: str) -> str:
    """A name as stored: surrounding and repeated spaces removed."""
    return " ".join(str(name).split())


def find_participant(session: Session, name: str) -> Participant | None:
    """The participant called ``name`` (case and spacing ignored), or None."""
    key = name_key(name)
    return next((p for p in session.workshop.participants if name_key(p.name) == key), None)


def voters(session: Session) -> list[Participant]:
    """The participants who vote and rate (sponsors and participants), in list order."""
    return [
        p
        for p in session.workshop.participants
        if p.workshop_role in VOTING_ROLES and tidy_name(p.name)
    ]


def _states(session: Session) -> list[dict[str, Any]]:
    return entity_state(session.workshop)["participants"]


def add_participant(
    session: Session, name: str, title: str = "", workshop_role: str = "participant"
) -> Edit:
    """Add a person; refused when the name is empty or already on the list.

    Someone who already placed dots under that name (an older session) keeps them: the
    list and the votes now name the same person.
    """
    name = tidy_name(name)
    if not name:
        raise EditError("Type the participant's name first.")
    if find_participant(session, name) is not None:
        raise EditError(f"There is already a participant called {name}.")
    if workshop_role not in WORKSHOP_ROLES:
        raise EditError(f"Unknown workshop role {workshop_role!r}.")
    person = {"name": name, "title": tidy_name(title), "workshop_role": workshop_role}
    fields: dict[str, Any] = {"participants": [*_states(session), person]}
    votes = _renamed(session.workshop.votes, "participant", name, name)
    if votes is not None:
        fields["votes"] = votes
    edit = edit_workshop(session, **fields)
    return Edit(f"Add participant {name}", edit.changes)


def _renamed(
    entries: Iterable[dict[str, Any]], key: str, old: str, new: str
) -> list[dict[str, Any]] | None:
    """``entries`` with ``old``'s (any spelling) moved to ``new``; None when unchanged."""
    entries = list(entries)
    target = name_key(old)
    if not any(name_key(e[key]) == target and e[key] != new for e in entries):
        return None
    return [{**e, key: new} if name_key(e[key]) == target else dict(e) for e in entries]


def rename_participant(session: Session, index: int, new_name: str) -> Edit:
    """Rename the participant at ``index``; their dots, ratings and done mark follow."""
    states = _states(session)
    if not 0 <= index < len(states):
        raise EditError("There is no such participant.")
    new_name = tidy_name(new_name)
    old = states[index]["name"]
    if not new_name:
        raise EditError("A participant needs a name.")
    other = find_participant(session, new_name)
    if other is not None and other is not session.workshop.participants[index]:
        raise EditError(f"There is already a participant called {new_name}.")
    states[index]["name"] = new_name
    fields: dict[str, Any] = {"participants": states}
    for key, entries in (("votes", session.workshop.votes), ("ratings", session.workshop.ratings)):
        moved = _renamed(entries, "participant", old, new_name)
        if moved is not None:
            fields[key] = moved
    round_ = dict(session.workshop.private_round)
    if round_ and any(name_key(n) == name_key(old) for n in round_.get("done", [])):
        round_["done"] = [new_name if name_key(n) == name_key(old) else n for n in round_["done"]]
        fields["private_round"] = round_
    edit = edit_workshop(session, **fields)
    return Edit(f"Rename participant {old} to {new_name}", edit.changes)


def set_title(session: Session, index: int, title: str) -> Edit:
    """Change the title of the participant at ``index``."""
    states = _states(session)
    if not 0 <= index < len(states):
        raise EditError("There is no such participant.")
    states[index]["title"] = tidy_name(title)
    edit = edit_workshop(session, participants=states)
    return Edit(f"Change the title of {states[index]['name']}", edit.changes)


def set_role(session: Session, index: int, workshop_role: str) -> Edit:
    """Give the participant at ``index`` another workshop role."""
    states = _states(session)
    if not 0 <= index < len(states):
        raise EditError("There is no such participant.")
    if workshop_role not in WORKSHOP_ROLES:
        raise EditError(f"Unknown workshop role {workshop_role!r}.")
    states[index]["workshop_role"] = workshop_role
    edit = edit_workshop(session, participants=states)
    return Edit(f"Make {states[index]['name']} {humanize(workshop_role).lower()}", edit.changes)


def remove_participants(session: Session, indexes: Iterable[int]) -> Edit:
    """Remove participants; their dots and ratings go with them (one undoable edit)."""
    states = _states(session)
    chosen = sorted({i for i in indexes if 0 <= i < len(states)})
    if not chosen:
        raise EditError("Select the participants to remove.")
    names = [states[i]["name"] for i in chosen]
    gone = {name_key(n) for n in names}
    fields: dict[str, Any] = {"participants": [s for i, s in enumerate(states) if i not in chosen]}
    dots = 0
    for key, entries in (("votes", session.workshop.votes), ("ratings", session.workshop.ratings)):
        kept = [dict(e) for e in entries if name_key(e["participant"]) not in gone]
        if len(kept) != len(entries):
            fields[key] = kept
            if key == "votes":
                dots = sum(e["count"] for e in entries) - sum(e["count"] for e in kept)
    round_ = dict(session.workshop.private_round)
    if round_ and any(name_key(n) in gone for n in round_.get("done", [])):
        round_["done"] = [n for n in round_["done"] if name_key(n) not in gone]
        fields["private_round"] = round_
    edit = edit_workshop(session, **fields)
    if len(names) == 1:
        description = f"Remove participant {names[0]}"
    else:
        description = f"Remove {len(names)} participants"
    if dots:
        description += f" and {dots} dot{'s' if dots != 1 else ''}"
    changes = list(edit.changes)
    if "votes" in fields:
        changes.extend(tally_changes(session, fields["votes"]))
    return Edit(description, tuple(changes))


def tally_changes(session: Session, votes: list[dict[str, Any]]) -> list[Change]:
    """The workflow changes that make each workflow's ``votes`` tally match ``votes``."""
    changes = []
    for workflow in session.ordered_workflows():
        tally = sum(v["count"] for v in votes if v["target"] == workflow.id)
        if workflow.votes != tally:
            before = entity_state(workflow)
            changes.append(Change("workflow", workflow.id, before, {**before, "votes": tally}))
    return changes
