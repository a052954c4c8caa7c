"""Limits on the size of text a session holds (see docs/file-format.md, "Limits").

They keep every view responsive: a label at the limit still fits a box in a few lines on
the canvas and in the PDF blueprint, and a blueprint whose labels are all at the limit
exports within seconds. The importer, the session-file reader and the inspector refuse
longer text with a message naming the field and the limit.
"""

from __future__ import annotations

#: Labels of elements and connections, names and titles (workflow, workshop, participant).
LABEL_MAX = 200
#: Longer free text: descriptions, text props, parking-lot items, list items.
TEXT_MAX = 5_000
#: The workshop's notes.
NOTES_MAX = 50_000
#: Ids of workflows, elements, connections.
ID_MAX = 100
#: Whole numbers are kept within 64 bits (SQLite's INTEGER); coordinates within this range.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
#: How deeply a JSON document may nest (the interchange form needs fewer than 10 levels).
JSON_DEPTH_MAX = 64
