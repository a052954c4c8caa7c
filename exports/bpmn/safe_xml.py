"""Parsing untrusted XML safely: no DTD, so no entity expansion and no external entities.

A BPMN file never needs a document type declaration; one is what "billion laughs" entity
expansion and external-entity attacks hide in. :func:`parse_xml` refuses any DTD (and any
entity declaration) before expat acts on it and builds an :mod:`xml.etree` tree whose names
are ``{namespace}local``. Every problem is an :class:`XmlRefused` with one line of text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pyexpat import XML_PARAM_ENTITY_PARSING_NEVER as _NEVER
from pyexpat import ExpatError, ParserCreate, errors

#: The largest file read (bytes): a BPMN file of this size holds tens of thousands of shapes.
MAX_BYTES = 100 * 1024 * 1024
#: Characters XML 1.0 cannot hold in any form (not even as a character reference).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class XmlRefused(ValueError):
    """XML that cannot be used: not well-formed, a DTD, too large. ``str()`` is one line."""


class _DtdRefused(Exception):
    """Raised inside expat's handlers to stop at the first sign of a DTD."""


def parse_xml(data: bytes) -> ET.Element:
    """The root of the XML document ``data``; raise :class:`XmlRefused` when it is unusable.

    Names are ``{namespace}local`` as in :mod:`xml.etree`. Comments and processing
    instructions are skipped.
    """
    if len(data) > MAX_BYTES:
        raise XmlRefused(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    builder = ET.TreeBuilder()
    parser = ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(_NEVER)

    def refuse(*_args: object) -> None:
        raise _DtdRefused

    def start(tag: str, attrs: dict[str, str]) -> None:
        names = {("{" + k if "}" in k else k): v for k, v in attrs.items()} if attrs else {}
        builder.start("{" + tag if "}" in tag else tag, names)

    def end(tag: str) -> None:
        builder.end("{" + tag if "}" in tag else tag)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except _DtdRefused:
        raise XmlRefused(
            "refused: the file declares a DTD (<!DOCTYPE …>); BPMN never needs one, and entity "
            "expansion or external entities are not allowed"
        ) from None
    except ExpatError as exc:
        reason = errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
        raise XmlRefused(
            f"not well-formed XML at line {exc.lineno} column {exc.offset + 1}: {reason}"
        ) from None
    except RecursionError:  # pragma: no cover - expat does not recurse
        raise XmlRefused("not well-formed XML: nested too deeply") from None
    return builder.close()


def xml_safe(text: str, *, in_text: bool = False) -> bool:
    """Whether ``text`` survives a trip through XML unchanged.

    Attribute values keep tabs, line feeds and carriage returns (they are written as
    character references); element text loses a carriage return to a line feed.
    """
    if _NOT_XML.search(text):
        return False
    return not (in_text and "\r" in text)


def xml_clean(text: str) -> str:
    """``text`` without the characters XML cannot hold (they are dropped)."""
    return _NOT_XML.sub("", text)
