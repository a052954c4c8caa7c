"""Large, legal synthetic sessions for benchmarks (and for tests that need volume)."""

from __future__ import annotations

import itertools
import random

from model.connections import connection_meaning
from model.session import Connection, Element, Session, Workflow

_CYCLE = ("step", "ai_step", "data", "role", "gate", "review", "control", "metric")


def synthetic_session(
    elements: int = 2000, connections: int = 2500, workflows: int = 1, seed: int = 7
) -> Session:
    """A session with about ``elements`` elements and ``connections`` legal connections.

    Each workflow is a left-to-right chain of work with roles, data, controls and metrics
    beside it, laid out on a grid the way a large real map would be.
    """
    rng = random.Random(seed)
    session = Session()
    session.workshop.title = f"Synthetic {elements}-element session"
    per_workflow = elements // workflows
    links_per_workflow = connections // workflows
    for w in range(workflows):
        wid = f"wf-{w}"
        session.workflows[wid] = Workflow(id=wid, name=f"Workflow {w + 1}", seq=w)
        ids: list[str] = []
        for i in range(per_workflow):
            kind = "trigger" if i == 0 else "outcome" if i == per_workflow - 1 else _CYCLE[i % 8]
            eid = f"e{w}-{i}"
            session.elements[eid] = Element(
                id=eid,
                workflow_id=wid,
                kind=kind,
                label=f"{kind.replace('_', ' ').title()} {i}",
                x=(i // 8) * 240,
                y=(i % 8) * 140,
                props={"minutes_before": 10, "minutes_after": 4} if kind == "step" else {},
                seq=i,
            )
            ids.append(eid)
        pairs: set[tuple[str, str]] = set()
        flow = [e for e in ids if session.elements[e].kind in ("trigger", "step", "ai_step")]
        flow.append(ids[-1])
        for a, b in itertools.pairwise(flow):
            pairs.add((a, b))
        attempts = 0
        while len(pairs) < links_per_workflow and attempts < links_per_workflow * 50:
            attempts += 1
            i = rng.randrange(len(ids))
            j = min(len(ids) - 1, max(0, i + rng.randint(-12, 12)))
            a, b = ids[i], ids[j]
            if a != b and connection_meaning(session.elements[a].kind, session.elements[b].kind):
                pairs.add((a, b))
        for n, (a, b) in enumerate(sorted(pairs)):
            cid = f"c{w}-{n}"
            session.connections[cid] = Connection(
                id=cid, workflow_id=wid, source=a, target=b, seq=n
            )
    return session
