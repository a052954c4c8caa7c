"""Pure-Python domain of OpModel Studio: vocabulary, kinds, session, edits, interchange.

Nothing in this package imports Qt, so the CLI and the exports run headless.
"""
