"""MIME types used for drag-and-drop between the palette and the canvas."""

from __future__ import annotations

#: A palette drag carries the element kind id (UTF-8) under this MIME type.
KIND_MIME = "application/x-opmodel-kind"
