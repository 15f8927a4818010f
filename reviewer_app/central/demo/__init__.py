"""Building blocks of the synthetic demo intake (entry point: ``central.demo_intake``)."""
