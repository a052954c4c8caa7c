"""The XML namespaces of BPMN 2.0 and OpModel's extension, and qualified names in them.

The parser (:mod:`exports.bpmn.safe_xml`) names an element ``URI}local``; :func:`q` builds
such a name, :func:`local` takes the local part back.
"""

from __future__ import annotations

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: OpModel's extension namespace: a name, never fetched.
OPMODEL = "urn:opmodel-studio:bpmn:1"

#: Prefixes used in exported files.
PREFIXES = {
    "bpmn": BPMN,
    "bpmndi": BPMNDI,
    "dc": DC,
    "di": DI,
    "xsi": XSI,
    "opmodel": OPMODEL,
}

#: Every task type of BPMN 2.0 (each becomes one flow element on import).
TASK_TYPES = frozenset(
    {
        "task",
        "userTask",
        "manualTask",
        "serviceTask",
        "scriptTask",
        "businessRuleTask",
        "sendTask",
        "receiveTask",
    }
)
#: Activities that become one flow element: every task type and the call activity.
ACTIVITY_TYPES = TASK_TYPES | {"callActivity"}
#: Containers whose content is flattened into the workflow.
SUB_PROCESS_TYPES = frozenset({"subProcess", "adHocSubProcess", "transaction"})
GATEWAY_TYPES = frozenset(
    {
        "exclusiveGateway",
        "inclusiveGateway",
        "parallelGateway",
        "eventBasedGateway",
        "complexGateway",
    }
)
INTERMEDIATE_EVENTS = frozenset({"intermediateCatchEvent", "intermediateThrowEvent"})


def q(namespace: str, name: str) -> str:
    """The parser's name of element or attribute ``name`` in ``namespace``."""
    return f"{namespace}}}{name}"


def local(tag: str) -> str:
    """The local part of a parsed name (``task`` of ``…/MODEL}task``)."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """The namespace of a parsed name ("" when it has none)."""
    ns, sep, _ = tag.rpartition("}")
    return ns if sep else ""


def bpmn(name: str) -> str:
    """The parsed name of BPMN model element ``name``."""
    return q(BPMN, name)


def opm(name: str) -> str:
    """The parsed name of OpModel extension element ``name``."""
    return q(OPMODEL, name)
