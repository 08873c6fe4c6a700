"""Storage: SQLAlchemy 2 models, repositories implementing `domain.ports`, the
unit of work (`storage.uow`) and Alembic migrations (`storage.migrate`).

Imports only `domain`, sqlalchemy, alembic and the standard library, and hands
out domain objects, never ORM rows (DESIGN.md section 3).
"""
