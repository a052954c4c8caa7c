"""The editor: mapping a session (the canvas view and its controller, inspector, palette,
findings and score strip, undo bridge, edit/arrange actions, the live analysis)."""
