"""Widgets both windows use: the safe material viewer and its worker, dialogs, progress."""
