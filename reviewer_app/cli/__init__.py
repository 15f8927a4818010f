"""Console entry points: ``reviewer-app`` (GUI) and ``reviewer-admin`` (secretariat)."""
