"""Storage benchmark: open, load and save a 2,000-element session; edit commit latency.

Run: ``.venv/bin/python -m benchmarks.storage``. Prints median figures in milliseconds.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.machine import describe_machine, median_ms
from benchmarks.synthetic import synthetic_session
from model import edits
from storage.document import SessionDocument
from storage.store import SessionStore, write_session_file


def main() -> None:
    """Print the storage figures."""
    session = synthetic_session(2000, 2500)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.opmodel"
        counter = iter(range(1000))

        def save() -> None:
            write_session_file(Path(folder) / f"save-{next(counter)}.opmodel", session)

        save_ms = median_ms(save, 7)
        write_session_file(path, session)

        def open_close() -> None:
            SessionDocument.open(path).close()

        open_ms = median_ms(open_close, 7)
        store = SessionStore.open(path)
        load_ms = median_ms(store.load, 7)
        store.close()

        document = SessionDocument.open(path)
        ids = list(document.session.elements)[:200]
        latencies = []
        for n, element_id in enumerate(ids):
            edit = edits.move_elements(document.session, {element_id: (n * 3, n * 5)})
            start = time.perf_counter()
            document.execute(edit)
            latencies.append((time.perf_counter() - start) * 1000)
        undo_ms = median_ms(document.undo, 50)
        document.close()

    print(describe_machine())
    print(f"session: {len(session.elements)} elements, {len(session.connections)} connections")
    print(f"save (write new file):      {save_ms:7.1f} ms median")
    print(f"open (check + load):        {open_ms:7.1f} ms median")
    print(f"load (read into memory):    {load_ms:7.1f} ms median   target < 150 ms")
    print(
        f"commit one edit:            {statistics.median(latencies):7.2f} ms median"
        f"   target < 5 ms  (p95 {sorted(latencies)[int(len(latencies) * 0.95)]:.2f} ms)"
    )
    print(f"undo one edit:              {undo_ms:7.2f} ms median")


if __name__ == "__main__":
    main()
