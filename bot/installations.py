"""slack-sdk's SQLAlchemy installation and OAuth state stores on our engine and tables.

The tables are migration 0029's (storage/orm/slack_installations.py): the
stores never create them. The installation store writes bot, user and refresh
tokens through `EncryptedToken`, so they are Fernet ciphertext at rest and
plaintext only in memory.
"""

from __future__ import annotations

import logging

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, Table

from bot.token_keys import EncryptedToken, TokenCipher
from storage.orm.slack_installations import (
    BOTS,
    INSTALLATIONS,
    OAUTH_STATES,
    bots_table,
    installations_table,
    oauth_states_table,
)

# How long an install link's state stays valid (slack-sdk's default is 10 minutes).
STATE_EXPIRATION_SECONDS = 600


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """slack-sdk's store with wide token columns, encrypted with COACHFLOW_TOKEN_KEYS."""

    @classmethod
    def build_installations_table(cls, metadata: MetaData, table_name: str) -> Table:
        return installations_table(metadata, table_name)

    @classmethod
    def build_bots_table(cls, metadata: MetaData, table_name: str) -> Table:
        return bots_table(metadata, table_name)

    def __init__(self, client_id: str, engine: Engine, cipher: TokenCipher) -> None:
        super().__init__(client_id=client_id, engine=engine, bots_table_name=BOTS,
                         installations_table_name=INSTALLATIONS, logger=logging.getLogger("coachflow.oauth"))
        # The same tables, whose token columns encrypt on write and decrypt on read.
        token = EncryptedToken(cipher)
        self.metadata = MetaData()
        self.installations = installations_table(self.metadata, INSTALLATIONS, token_type=token)
        self.bots = bots_table(self.metadata, BOTS, token_type=token)

    def create_tables(self) -> None:
        raise RuntimeError("the tables are created by `coachflow db upgrade` (migration 0029), not create_all")

    def delete_all(self, team_id: str | None, enterprise_id: str | None) -> int:
        """Remove every installation and bot of a workspace (an org-wide one: `team_id` None); how many rows.

        For app_uninstalled / tokens_revoked (the lifecycle's `InstalledTokens.remove`): the tokens go at once.
        """
        removed = 0
        with self.engine.begin() as connection:
            for table in (self.installations, self.bots):
                c = table.c
                removed += connection.execute(table.delete().where(
                    c.client_id == self.client_id, c.enterprise_id == enterprise_id, c.team_id == team_id)).rowcount
        return removed


class OAuthStateStore(SQLAlchemyOAuthStateStore):
    """slack-sdk's state store on migration 0029's table."""

    @classmethod
    def build_oauth_states_table(cls, metadata: MetaData, table_name: str) -> Table:
        return oauth_states_table(metadata, table_name)

    def __init__(self, engine: Engine, expiration_seconds: int = STATE_EXPIRATION_SECONDS) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine,
                         logger=logging.getLogger("coachflow.oauth"), table_name=OAUTH_STATES)

    def create_tables(self) -> None:
        raise RuntimeError("the tables are created by `coachflow db upgrade` (migration 0029), not create_all")
