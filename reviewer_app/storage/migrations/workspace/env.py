"""Alembic environment for the expert workspace; run by storage.engines.migrate."""

from alembic import context

from reviewer_app.storage.workspace_models import WorkspaceBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=WorkspaceBase.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
