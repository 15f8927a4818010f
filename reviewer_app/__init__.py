"""Expert Review Desk: offline expert review of subsidy applications."""

__version__ = "0.1.0"
