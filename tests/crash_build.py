"""`python -m tests.crash_build N ARGS…`: `python -m generator ARGS…` that dies after writing N
pages, as a power cut would (exit status 75, nothing cleaned up).

The fault lives here, not in the generator: this runner wraps the write step's atomic
write in its own process and then runs the ordinary command line.
"""

from __future__ import annotations

import os
import sys

import generator.write as write
from generator.__main__ import main

CRASHED = 75


def crash_after(pages: int) -> None:
    """From now on, the process ends at once after its ``pages``-th page write (the manifest
    and other bookkeeping do not count)."""
    real = write.atomic_write
    count = 0

    def counting(path, data, folders=None):
        nonlocal count
        real(path, data, folders)
        if not path.name.startswith("."):
            count += 1
            if count >= pages:
                os._exit(CRASHED)

    write.atomic_write = counting


if __name__ == "__main__":
    crash_after(int(sys.argv[1]))
    sys.exit(main(sys.argv[2:]))
