"""PEP 600's ``_manylinux`` override: this interpreter's pip behaves as on glibc 2.28.

Copied into a venv's site-packages as ``_manylinux.py`` (``.ci/run`` does it for the
信创 dependency set), it makes pip refuse every ``manylinux_x_y`` wheel newer than
``manylinux_2_28``, so a build machine with a newer glibc installs, tests and bundles the
same wheels a UOS 20 or Kylin V10 desktop would get (docs/install-xinchuang.md).
"""

TARGET_GLIBC = (2, 28)


def manylinux_compatible(tag_major: int, tag_minor: int, tag_arch: str) -> bool:
    return (tag_major, tag_minor) <= TARGET_GLIBC
