"""Alembic environment for the central store; run by storage.engines.migrate."""

from alembic import context

from reviewer_app.storage.central_models import CentralBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=CentralBase.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
