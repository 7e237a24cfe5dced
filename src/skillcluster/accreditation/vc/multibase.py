"""Multibase (base58btc 'z', base64url 'u') and Multikey encodings for Ed25519 keys.

Pure functions over bytes; no Django. Multikey = multibase(base58btc, multicodec header ‖ key).
"""

from __future__ import annotations

import base64

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: index for index, char in enumerate(BASE58_ALPHABET)}

# Multicodec varint headers (https://github.com/multiformats/multicodec).
ED25519_PUB_HEADER = b"\xed\x01"  # ed25519-pub, 0xed
ED25519_PRIV_HEADER = b"\x80\x26"  # ed25519-priv, 0x1300
ED25519_KEY_LENGTH = 32


class MultibaseError(ValueError):
    """A value is not valid multibase / multikey of the expected kind."""


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = BASE58_ALPHABET[remainder] + encoded
    # Each leading zero byte is written as a leading '1'.
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + encoded


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _BASE58_INDEX:
            raise MultibaseError(f"Invalid base58btc character {char!r}")
        number = number * 58 + _BASE58_INDEX[char]
    leading_ones = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading_ones + body


def base64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def base64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as error:
        raise MultibaseError(f"Invalid base64url: {error}") from error


def multibase_encode(data: bytes, base: str = "z") -> str:
    """Encode with a multibase prefix: 'z' base58btc (default) or 'u' base64url, no padding."""
    if base == "z":
        return "z" + base58btc_encode(data)
    if base == "u":
        return "u" + base64url_encode(data)
    raise MultibaseError(f"Unsupported multibase prefix {base!r}")


def multibase_decode(text: str) -> bytes:
    """Decode a 'z' (base58btc) or 'u' (base64url) multibase string."""
    if not text:
        raise MultibaseError("Empty multibase value")
    prefix, body = text[0], text[1:]
    if prefix == "z":
        return base58btc_decode(body)
    if prefix == "u":
        return base64url_decode(body)
    raise MultibaseError(f"Unsupported multibase prefix {prefix!r}")


def _decode_multikey(text: str, header: bytes, kind: str) -> bytes:
    if not text.startswith("z"):
        raise MultibaseError(f"An Ed25519 {kind} Multikey must be base58btc ('z…'): {text!r}")
    raw = multibase_decode(text)
    if not raw.startswith(header) or len(raw) != len(header) + ED25519_KEY_LENGTH:
        raise MultibaseError(f"Not an Ed25519 {kind} Multikey: {text!r}")
    return raw[len(header) :]


def encode_public_multikey(public_key: bytes) -> str:
    """32 raw Ed25519 public key bytes → 'z6Mk…'."""
    if len(public_key) != ED25519_KEY_LENGTH:
        raise MultibaseError("An Ed25519 public key has 32 bytes")
    return multibase_encode(ED25519_PUB_HEADER + public_key)


def decode_public_multikey(text: str) -> bytes:
    """'z6Mk…' → 32 raw Ed25519 public key bytes."""
    return _decode_multikey(text, ED25519_PUB_HEADER, "public")


def encode_private_multikey(seed: bytes) -> str:
    """32-byte Ed25519 private seed → 'z3u2…'."""
    if len(seed) != ED25519_KEY_LENGTH:
        raise MultibaseError("An Ed25519 private key seed has 32 bytes")
    return multibase_encode(ED25519_PRIV_HEADER + seed)


def decode_private_multikey(text: str) -> bytes:
    """'z3u2…' → 32-byte Ed25519 private seed."""
    return _decode_multikey(text, ED25519_PRIV_HEADER, "private")
