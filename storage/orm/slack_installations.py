"""slack-sdk's installation and OAuth state tables, with room for encrypted tokens.

The columns are those of slack-sdk's `SQLAlchemyInstallationStore` (installations,
bots) and `SQLAlchemyOAuthStateStore` (states), so slack-sdk reads and writes
them unchanged, except the token columns: slack-sdk gives them String(200),
which holds a plaintext token but not its Fernet ciphertext (a rotating token
of 150 characters is about 300 once encrypted, and PostgreSQL refuses a longer
value). `TOKEN_LENGTH` holds the ciphertext of a 500-character token.

The same functions build the tables on `Base.metadata` (so the migration test
compares them), in migration 0029, and in the store (bot/installations.py),
which passes its encrypting column type as `token_type`.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, MetaData, String, Table, func
from sqlalchemy.types import TypeEngine

from storage.orm.base import Base

INSTALLATIONS = "slack_installations"
BOTS = "slack_bots"
OAUTH_STATES = "slack_oauth_states"
# Fernet: base64 of (version, time, IV, padded ciphertext, HMAC) = about 4/3 x (plaintext + 73).
TOKEN_LENGTH = 1024
TOKEN_COLUMNS = {
    INSTALLATIONS: ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
    BOTS: ("bot_token", "bot_refresh_token"),
}


def token_column_type() -> TypeEngine[str]:
    return String(TOKEN_LENGTH)


def installations_table(metadata: MetaData, table_name: str = INSTALLATIONS,
                        token_type: TypeEngine[str] | None = None) -> Table:
    token = token_type if token_type is not None else token_column_type()
    return Table(
        table_name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        Column("enterprise_id", String(32)),
        Column("enterprise_name", String(200)),
        Column("enterprise_url", String(200)),
        Column("team_id", String(32)),
        Column("team_name", String(200)),
        Column("bot_token", token),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", token),
        Column("bot_token_expires_at", DateTime),
        Column("user_id", String(32), nullable=False),
        Column("user_token", token),
        Column("user_scopes", String(1000)),
        Column("user_refresh_token", token),
        Column("user_token_expires_at", DateTime),
        Column("incoming_webhook_url", String(200)),
        Column("incoming_webhook_channel", String(200)),
        Column("incoming_webhook_channel_id", String(200)),
        Column("incoming_webhook_configuration_url", String(200)),
        Column("is_enterprise_install", Boolean, default=False, nullable=False),
        Column("token_type", String(32)),
        Column("installed_at", DateTime, nullable=False, default=func.now()),
        Index(f"{table_name}_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
    )


def bots_table(metadata: MetaData, table_name: str = BOTS, token_type: TypeEngine[str] | None = None) -> Table:
    token = token_type if token_type is not None else token_column_type()
    return Table(
        table_name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        Column("enterprise_id", String(32)),
        Column("enterprise_name", String(200)),
        Column("team_id", String(32)),
        Column("team_name", String(200)),
        Column("bot_token", token),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", token),
        Column("bot_token_expires_at", DateTime),
        Column("is_enterprise_install", Boolean, default=False, nullable=False),
        Column("installed_at", DateTime, nullable=False, default=func.now()),
        Index(f"{table_name}_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
    )


def oauth_states_table(metadata: MetaData, table_name: str = OAUTH_STATES) -> Table:
    return Table(
        table_name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("state", String(200), nullable=False),
        Column("expire_at", DateTime, nullable=False),
    )


SLACK_INSTALLATIONS = installations_table(Base.metadata)
SLACK_BOTS = bots_table(Base.metadata)
SLACK_OAUTH_STATES = oauth_states_table(Base.metadata)
