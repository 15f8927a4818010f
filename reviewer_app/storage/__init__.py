"""Persistence: SQLAlchemy 2 models, engines and Alembic migrations.

Two databases: the expert's workspace (one SQLite file per package, scores and
comments encrypted at rest) and the secretariat's central store.
"""
