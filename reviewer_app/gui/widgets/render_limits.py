"""Confinement the render worker puts itself under before it imports Qt.

Applied first thing in the worker's ``main`` (single-threaded, nothing parsed yet), so a
hostile material meets a process that already cannot grow past its memory limit, dump
core with plaintext in it, or reach a network:

- **Memory.** Linux: ``RLIMIT_DATA`` (since 4.7 it counts every private writable mapping,
  i.e. what malloc and PDFium's PartitionAlloc commit). ``RLIMIT_AS`` is unusable: QtPdf's
  PartitionAlloc reserves a ~32 GiB address-space pool at start (measured VmPeak 33.7 GB
  for one rendered page), so a 1 GiB ``RLIMIT_AS`` kills the worker before it renders
  anything, and one large enough to start limits nothing inside the pool. Windows: a job
  object with a per-process memory limit (ctypes). macOS enforces neither rlimit for
  mmap'ed memory: there only the watchdog's timeout and kill remain (a documented gap).
- **No core dumps** of the worker (it holds a decrypted material and is the process
  expected to crash): ``RLIMIT_CORE`` 0 and, on Linux, not dumpable; no Windows error
  dialog or report.
- **No network.** Linux: a new user + network namespace has only a downed loopback,
  where the kernel allows unprivileged namespaces; the worker has no network code
  either way, and PDFium in QtPdf is built without JavaScript.

No Qt here.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from typing import Any

DEFAULT_MEMORY_LIMIT_MB = 1024
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_DUMPABLE = 4


def apply(memory_limit_mb: int) -> dict[str, Any]:
    """Confine the calling process; returns what was applied (reported to the client)."""
    limit = memory_limit_mb * 1024 * 1024
    if sys.platform == "win32":
        return {"memory": _windows_job(limit), "network": "none-used", "core": "no-wer"}
    import resource

    applied: dict[str, Any] = {"memory": "none", "network": "none-used", "core": "rlimit"}
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        applied["memory"] = "RLIMIT_DATA" if sys.platform.startswith("linux") \
            else "RLIMIT_DATA (not enforced for mmap on this system)"
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
            applied["core"] = "rlimit+undumpable"
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
            applied["network"] = "namespace"
    return applied


# --- Windows: a job object around the worker itself -------------------------------

_JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9
_JOB_OBJECT_LIMIT_ACTIVE_PROCESS = 0x00000008
_JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x00000100
_JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x00000400
_JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000
_SEM_FAILCRITICALERRORS = 0x0001
_SEM_NOGPFAULTERRORBOX = 0x0002


def _windows_job(limit: int) -> str:
    """Put this process in a new job limited to ``limit`` bytes of committed memory and
    to itself (no child processes). Windows 8+ nests jobs, so this works inside an
    installer's or a terminal's job too. Returns what was applied."""
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [(name, ctypes.c_ulonglong) for name in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

    class BasicLimits(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_longlong),
                    ("PerJobUserTimeLimit", ctypes.c_longlong),
                    ("LimitFlags", wintypes.DWORD),
                    ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t),
                    ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t),
                    ("PriorityClass", wintypes.DWORD),
                    ("SchedulingClass", wintypes.DWORD)]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", BasicLimits),
                    ("IoInfo", IoCounters),
                    ("ProcessMemoryLimit", ctypes.c_size_t),
                    ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t),
                    ("PeakJobMemoryUsed", ctypes.c_size_t)]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.SetErrorMode(_SEM_FAILCRITICALERRORS | _SEM_NOGPFAULTERRORBOX)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return "none (CreateJobObject failed)"
    info = ExtendedLimits()
    info.BasicLimitInformation.LimitFlags = (
        _JOB_OBJECT_LIMIT_PROCESS_MEMORY | _JOB_OBJECT_LIMIT_ACTIVE_PROCESS
        | _JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION | _JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE)
    info.BasicLimitInformation.ActiveProcessLimit = 1
    info.ProcessMemoryLimit = limit
    if not kernel32.SetInformationJobObject(wintypes.HANDLE(job),
                                            _JOB_OBJECT_EXTENDED_LIMIT_INFORMATION,
                                            ctypes.byref(info), ctypes.sizeof(info)):
        return "none (SetInformationJobObject failed)"
    if not kernel32.AssignProcessToJobObject(wintypes.HANDLE(job),
                                             wintypes.HANDLE(kernel32.GetCurrentProcess())):
        return "none (AssignProcessToJobObject failed)"
    # The handle stays open for the life of the process: closing it would kill us
    # (KILL_ON_JOB_CLOSE), which is what should happen when the process ends anyway.
    return "job object"
