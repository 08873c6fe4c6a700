"""`coachflow keys new` and `coachflow keys rotate`: the keys of the tokens at rest."""

from __future__ import annotations

from bot.config import ConfigError, Settings
from bot.database import prepare_database
from bot.token_keys import VARIABLE, TokenCipher, new_key, rotate_tokens
from storage.orm.slack_installations import BOTS, INSTALLATIONS
from storage.uow import make_engine


def keys_new() -> int:
    """Print a fresh key; nothing is stored."""
    print(new_key())
    return 0


def keys_rotate(settings: Settings) -> int:
    """Re-encrypt every stored token under the first key of COACHFLOW_TOKEN_KEYS."""
    if not settings.token_keys:
        raise ConfigError(
            f"{VARIABLE} is not set: put the new key first and the old one after it (separated by a comma); "
            "make a key with `coachflow keys new`."
        )
    cipher = TokenCipher(settings.token_keys)
    prepare_database(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        report = rotate_tokens(engine, cipher)
    finally:
        engine.dispose()
    print(
        f"Re-encrypted {report.total} token{'' if report.total == 1 else 's'} under the first key of {VARIABLE}: "
        f"{report.tokens[INSTALLATIONS]} in {report.rows[INSTALLATIONS]} installation(s), "
        f"{report.tokens[BOTS]} in {report.rows[BOTS]} bot(s)."
    )
    if len(settings.token_keys) > 1:
        print(f"The other keys of {VARIABLE} are no longer needed for stored tokens; you may remove them.")
    return 0
