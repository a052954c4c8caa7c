"""BPMN 2.0 interchange: export a session as a BPMN collaboration, import BPMN processes.

:mod:`exports.bpmn.writer` writes the file (one pool per workflow, full DI, every value in
the ``opmodel`` extension namespace); :mod:`exports.bpmn.reader` reads any tool's BPMN into
a session and reports what it could not map. Neither imports Qt. See docs/bpmn.md.
"""
