"""Python modules generated from ``ui/*.ui`` by pyside6-uic (see tests/gui/test_forms.py)."""
