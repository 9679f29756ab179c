"""Passphrase encryption for secrets in the local engine's state file.

Pulumi's local backend encrypts every secret in a checkpoint with a key derived from
``PULUMI_CONFIG_PASSPHRASE``. The harness does the same with the standard library only
(``cryptography`` is not a dependency): PBKDF2-HMAC-SHA256 derives two keys from the
passphrase and a per-state salt; each value is encrypted with an HMAC-SHA256 counter-mode
keystream under a random nonce and authenticated with HMAC-SHA256 (encrypt-then-MAC).

This keeps secrets out of test state files and fails loudly on a wrong passphrase. With
an empty passphrase (the default, as with ``pulumi`` itself) anyone holding the state file
can decrypt it: it only keeps secrets from being read at a glance or grepped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

__all__ = ["PassphraseCrypter", "SecretDecryptionError"]

_ITERATIONS = 100_000
_NONCE = 16
_TAG = 16
_PREFIX = "v1:"


class SecretDecryptionError(ValueError):
    """A secret in the state file could not be decrypted (wrong passphrase or corrupted)."""


class PassphraseCrypter:
    """Encrypts and decrypts strings with a passphrase-derived key."""

    def __init__(self, passphrase: str, salt: bytes) -> None:
        material = hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, _ITERATIONS, dklen=64)
        self._enc_key = material[:32]
        self._mac_key = material[32:]
        self.salt = salt

    @staticmethod
    def new_salt() -> bytes:
        """A fresh random salt for a new state file."""
        return os.urandom(16)

    def _keystream(self, nonce: bytes, length: int) -> bytes:
        blocks = []
        for counter in range((length + 31) // 32):
            blocks.append(hmac.new(self._enc_key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest())
        return b"".join(blocks)[:length]

    def encrypt(self, plaintext: str) -> str:
        """Encrypt ``plaintext``; returns ``v1:<base64(nonce|ciphertext|tag)>``."""
        data = plaintext.encode("utf-8")
        nonce = os.urandom(_NONCE)
        body = bytes(a ^ b for a, b in zip(data, self._keystream(nonce, len(data)), strict=True))
        tag = hmac.new(self._mac_key, nonce + body, hashlib.sha256).digest()[:_TAG]
        return _PREFIX + base64.b64encode(nonce + body + tag).decode("ascii")

    def decrypt(self, ciphertext: str) -> str:
        """Decrypt what :meth:`encrypt` produced; raises :class:`SecretDecryptionError`."""
        if not ciphertext.startswith(_PREFIX):
            raise SecretDecryptionError("unsupported secret format in state file")
        try:
            raw = base64.b64decode(ciphertext[len(_PREFIX) :], validate=True)
        except ValueError as exc:
            raise SecretDecryptionError("corrupted secret in state file") from exc
        if len(raw) < _NONCE + _TAG:
            raise SecretDecryptionError("corrupted secret in state file")
        nonce, body, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
        expected = hmac.new(self._mac_key, nonce + body, hashlib.sha256).digest()[:_TAG]
        if not hmac.compare_digest(tag, expected):
            raise SecretDecryptionError(
                "could not decrypt a secret in the state file: incorrect passphrase "
                "(set PULUMI_CONFIG_PASSPHRASE or pass passphrase= to LocalEngine)"
            )
        data = bytes(a ^ b for a, b in zip(body, self._keystream(nonce, len(body)), strict=True))
        return data.decode("utf-8")
