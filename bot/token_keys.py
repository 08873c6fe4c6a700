"""Tokens at rest: Fernet (cryptography's MultiFernet) with the keys of COACHFLOW_TOKEN_KEYS.

The first key encrypts; every key decrypts, so a new key goes first and the
old one stays after it until `coachflow keys rotate` has re-encrypted every
stored token under the new one. Bot tokens, user tokens and refresh tokens
are encrypted as they are written (`EncryptedToken`, the column type of the
installation store) and decrypted as they are read; the database never holds
a plaintext token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Dialect, Engine, MetaData, String, select, update
from sqlalchemy.types import TypeDecorator

from bot.config import ConfigError
from storage.orm.slack_installations import TOKEN_COLUMNS, TOKEN_LENGTH, bots_table, installations_table

VARIABLE = "COACHFLOW_TOKEN_KEYS"
HOW_TO_ADD = (
    "put the key the tokens were stored under back in COACHFLOW_TOKEN_KEYS, after the new one "
    "(keys separated by commas), then run `coachflow keys rotate`"
)


class TokensUnreadable(ConfigError):
    """The configured keys cannot decrypt a stored token: one line, what to do."""


def new_key() -> str:
    """A fresh Fernet key (32 random bytes, URL-safe base64)."""
    return Fernet.generate_key().decode("ascii")


class TokenCipher:
    """MultiFernet over COACHFLOW_TOKEN_KEYS: the first key encrypts, all decrypt."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ConfigError(f"{VARIABLE} is not set: make a key with `coachflow keys new` and set it.")
        self._fernet = MultiFernet([Fernet(key.encode("ascii")) for key in keys])

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._fernet.decrypt(ciphertext.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeEncodeError):
            raise TokensUnreadable(
                f"{VARIABLE} cannot decrypt the Slack tokens stored in the database (none of its keys "
                f"encrypted them): {HOW_TO_ADD}."
            ) from None

    def rotate(self, ciphertext: str) -> str:
        """The same token encrypted under the first key."""
        try:
            return self._fernet.rotate(ciphertext.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeEncodeError):
            raise TokensUnreadable(
                f"{VARIABLE} cannot decrypt a stored Slack token, so nothing was re-encrypted: {HOW_TO_ADD}."
            ) from None


class EncryptedToken(TypeDecorator[str]):
    """A token column: ciphertext in the database, plaintext in Python."""

    impl = String(TOKEN_LENGTH)
    cache_ok = True  # the cipher does not change the SQL

    def __init__(self, cipher: TokenCipher) -> None:
        super().__init__()
        self._cipher = cipher

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else self._cipher.encrypt(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else self._cipher.decrypt(str(value))


@dataclass
class RotationReport:
    """How many tokens `coachflow keys rotate` re-encrypted, per table."""

    tokens: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.tokens.values())


def _raw_tables() -> list[Any]:
    metadata = MetaData()
    return [installations_table(metadata), bots_table(metadata)]


def rotate_tokens(engine: Engine, cipher: TokenCipher) -> RotationReport:
    """Re-encrypt every stored token under the first key, in one transaction (all or nothing)."""
    report = RotationReport()
    with engine.begin() as connection:
        for table in _raw_tables():
            columns = TOKEN_COLUMNS[table.name]
            tokens = rows = 0
            for row in connection.execute(select(table.c.id, *(table.c[name] for name in columns))).mappings():
                changes = {name: cipher.rotate(row[name]) for name in columns if row[name] is not None}
                if changes:
                    connection.execute(update(table).where(table.c.id == row["id"]).values(**changes))
                    tokens += len(changes)
                    rows += 1
            report.tokens[table.name] = tokens
            report.rows[table.name] = rows
    return report


def check_tokens_readable(engine: Engine, cipher: TokenCipher) -> int:
    """At start: every stored token decrypts with the configured keys; how many there are.

    Raises `TokensUnreadable` (one line naming COACHFLOW_TOKEN_KEYS) otherwise.
    """
    count = 0
    with engine.connect() as connection:
        for table in _raw_tables():
            columns = TOKEN_COLUMNS[table.name]
            for row in connection.execute(select(*(table.c[name] for name in columns))):
                for value in row:
                    if value is not None:
                        cipher.decrypt(value)
                        count += 1
    return count
