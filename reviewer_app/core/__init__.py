"""Pure domain core: program rules, rubric, eligibility, aggregation, funding.

Nothing here imports Qt, SQLAlchemy, cryptography or reportlab, and nothing here
touches the disk: callers hand in text and get frozen dataclasses back.
"""
