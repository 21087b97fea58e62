"""Alembic migrations of the corrections store, shipped inside the package."""
