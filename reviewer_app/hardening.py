"""Process hardening at start: no core dumps of a process that holds secrets.

Both programs hold secrets in ordinary memory: the passphrase and seat code an
expert typed, the package's file key, decrypted materials in the viewer, the
organizer's signing key in reviewer-admin. A crash with core dumps on would write
all of it to a core file (or hand it to systemd-coredump/apport) in plaintext.

- Linux: ``RLIMIT_CORE`` 0 (hard limit too, so nothing in the process raises it
  again), and ``prctl(PR_SET_DUMPABLE, 0)``, which also covers a core pattern that
  pipes to a helper (``|/usr/lib/systemd/systemd-coredump``, where the rlimit is
  not consulted the same way) and stops other processes of the same user from
  reading our memory through ``/proc/PID/mem`` or ptrace (root still can).
  Children started by ``fork`` (merge's workers) inherit both; ``exec`` resets
  dumpable, but we never exec a program with secrets.
- macOS: ``RLIMIT_CORE`` 0 (macOS writes cores to ``/cores`` only when the limit
  allows; it has no equivalent of ``PR_SET_DUMPABLE``).
- Windows: nothing in-process turns dumps off. Windows Error Reporting writes
  local dumps only where the machine or user configured ``LocalDumps`` in the
  registry (off by default); ``SetErrorMode(SEM_NOGPFAULTERRORBOX)`` would only hide
  the crash dialog, not stop a dump, so we do not pretend it does. The page file
  and hibernation file can also hold memory: full-disk encryption (BitLocker) is
  what protects those, and the expert guide says so.
"""

from __future__ import annotations

import contextlib
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def disable_core_dumps() -> list[str]:
    """Turn core dumps off for this process where the platform allows; return what
    was done (for tests and diagnostics). Never raises: a limit the system refuses
    leaves the program running, as it would have before."""
    done: list[str] = []
    if sys.platform == "win32":
        return done
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done.append("RLIMIT_CORE=0")
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            if _prctl(PR_SET_DUMPABLE, 0) == 0:
                done.append("PR_SET_DUMPABLE=0")
    return done


def is_dumpable() -> bool | None:
    """``prctl(PR_GET_DUMPABLE)`` on Linux; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    return bool(_prctl(PR_GET_DUMPABLE, 0))


def _prctl(option: int, value: int) -> int:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)  # the running program's symbols include libc's
    return int(libc.prctl(option, ctypes.c_ulong(value), ctypes.c_ulong(0),
                          ctypes.c_ulong(0), ctypes.c_ulong(0)))
