"""Text from a session, made safe to print on a terminal.

Labels, titles and file names come from whoever wrote the session or named the file; a label
holding ``ESC [2J`` or an OSC sequence would clear the screen or retitle the window when
``opmodel check`` prints it. :func:`escape_controls` shows every control character as a
visible escape (``\\x1b``) instead: C0 controls, DEL and the C1 controls U+0080–U+009F.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, and the lone surrogates that stand for undecodable bytes
#: of a file name (``surrogateescape``).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_UNESCAPED = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def escape_controls(text: str, *, keep_layout: bool = False) -> str:
    """``text`` with each control character replaced by a visible escape such as ``\\x1b``.

    ``keep_layout`` keeps line feeds and tabs (a multi-line report); without it the result
    is always one line.
    """
    pattern = _CONTROLS_BUT_LAYOUT if keep_layout else _CONTROLS
    return pattern.sub(_visible, text)


def escape_json_text(text: str) -> str:
    """JSON from ``json.dumps(..., ensure_ascii=False)`` with DEL and C1 controls escaped.

    ``json.dumps`` already writes C0 controls as ``\\u001b``; the rest (and line separators
    and lone surrogates) are escaped the same way here: still valid JSON, the same value.
    """
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
