"""The expert's desktop workspace (PySide6): the only part of the app that imports Qt."""
