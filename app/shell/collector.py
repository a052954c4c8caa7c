"""Start-up without the garbage collector passing again and again over objects that stay.

Opening ``opmodel FILE`` makes about 40,000 objects that live as long as the app: modules,
classes, Qt wrappers, the session and its canvas. Python's cyclic collector would pass over
them about 77 times while they are made (about 10 ms of a 340 ms start); almost none of them
is garbage (about 360 objects are). :func:`pause` switches the collector off for start-up;
:func:`resume`, once the first frame is up, puts every object made so far into the frozen
generation that collections skip (:func:`gc.freeze`) and switches the collector on again;
:data:`THAW_AFTER_MS` later those objects go back to the oldest generation
(:func:`gc.unfreeze`), so whatever of them becomes garbage later (a closed session) is still
collected, by the rare full collections.
"""

from __future__ import annotations

import gc

#: How long after the first frame the start-up objects are handed back to the collector.
THAW_AFTER_MS = 3000


def pause() -> bool:
    """Switch the collector off for start-up; True when it was on (so resume() turns it on)."""
    was_on = gc.isenabled()
    gc.disable()
    return was_on


def resume(was_on: bool) -> None:
    """Freeze what start-up made and switch the collector back on (if it was on)."""
    if not was_on:
        return
    gc.freeze()
    gc.enable()


def thaw() -> None:
    """Hand the frozen start-up objects back to the collector's oldest generation."""
    gc.unfreeze()
