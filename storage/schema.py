"""The SQLite schema of a session file (``.opmodel``), version by version.

``PRAGMA application_id`` marks a file as an OpModel session; ``PRAGMA user_version`` is the
schema version. Columns that hold structured values store JSON text. ``x`` and ``y`` have no
declared type so SQLite keeps each number exactly as given (an int stays an int).
"""

from __future__ import annotations

#: "OPMD" as a big-endian 32-bit integer.
APPLICATION_ID = 0x4F504D44
#: The schema version this code reads and writes.
SCHEMA_VERSION = 3
SESSION_SUFFIX = ".opmodel"

#: Version 0: the prototype layout (read only to migrate it; see tests/fixtures).
SCHEMA_V0 = """
CREATE TABLE session_info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE workflows (id TEXT PRIMARY KEY, name TEXT, function TEXT, position INTEGER);
CREATE TABLE elements (id TEXT PRIMARY KEY, workflow_id TEXT, kind TEXT,
                       label TEXT, x REAL, y REAL, props TEXT);
CREATE TABLE connections (id TEXT PRIMARY KEY, workflow_id TEXT, source TEXT,
                          target TEXT, label TEXT);
"""

SCHEMA_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE workshop (
    id TEXT PRIMARY KEY CHECK (id = 'workshop'),
    title TEXT NOT NULL,
    client TEXT NOT NULL,
    date TEXT NOT NULL,
    facilitator TEXT NOT NULL,
    location TEXT NOT NULL,
    confidentiality TEXT NOT NULL,
    maturity_stage INTEGER,
    participants TEXT NOT NULL,
    assessment TEXT NOT NULL,
    parking_lot TEXT NOT NULL,
    notes TEXT NOT NULL,
    extra TEXT NOT NULL
);
CREATE TABLE workflows (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    function TEXT NOT NULL,
    description TEXT NOT NULL,
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    value INTEGER,
    feasibility INTEGER,
    risk_tier TEXT,
    votes INTEGER NOT NULL,
    extra TEXT NOT NULL
);
CREATE TABLE elements (
    id TEXT PRIMARY KEY,
    workflow_id TEXT NOT NULL REFERENCES workflows(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    x NOT NULL,
    y NOT NULL,
    props TEXT NOT NULL,
    extra TEXT NOT NULL
);
CREATE INDEX elements_workflow ON elements(workflow_id);
CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    workflow_id TEXT NOT NULL REFERENCES workflows(id),
    seq INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES elements(id),
    target TEXT NOT NULL REFERENCES elements(id),
    label TEXT NOT NULL,
    raci TEXT,
    extra TEXT NOT NULL
);
CREATE INDEX connections_workflow ON connections(workflow_id);
CREATE TABLE history (
    seq INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    changes TEXT NOT NULL,
    created TEXT NOT NULL
);
"""

#: Version 2: workshop agenda and dot votes; snapshots of the whole session.
SCHEMA_V2_CHANGES = """
ALTER TABLE workshop ADD COLUMN agenda TEXT NOT NULL DEFAULT '[]';
ALTER TABLE workshop ADD COLUMN votes TEXT NOT NULL DEFAULT '[]';
CREATE TABLE snapshots (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    content TEXT NOT NULL
);
"""

#: Version 3: a workflow's AI impact assessment (interchange version 2, the frameworks props).
SCHEMA_V3_CHANGES = """
ALTER TABLE workflows ADD COLUMN impact_assessment TEXT;
"""

#: Columns of each entity table (besides ``id``) and which of them hold JSON text.
TABLES: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "workshop": (
        "workshop",
        (
            "title",
            "client",
            "date",
            "facilitator",
            "location",
            "confidentiality",
            "maturity_stage",
            "participants",
            "assessment",
            "parking_lot",
            "notes",
            "agenda",
            "votes",
            "extra",
        ),
        frozenset({"participants", "assessment", "parking_lot", "agenda", "votes", "extra"}),
    ),
    "workflow": (
        "workflows",
        (
            "seq",
            "name",
            "function",
            "description",
            "owner",
            "status",
            "value",
            "feasibility",
            "risk_tier",
            "votes",
            "extra",
            "impact_assessment",
        ),
        frozenset({"extra"}),
    ),
    "element": (
        "elements",
        ("workflow_id", "seq", "kind", "label", "x", "y", "props", "extra"),
        frozenset({"props", "extra"}),
    ),
    "connection": (
        "connections",
        ("workflow_id", "seq", "source", "target", "label", "raci", "extra"),
        frozenset({"extra"}),
    ),
}
