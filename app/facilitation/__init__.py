"""Facilitation: running the room (agenda and timer, dot voting, prioritisation matrix,
maturity assessment, participants, parking lot, snapshots) and the docks that hold them."""
