"""Evidence file checks by content, not by name: a PDF renamed .png (or an .exe renamed .pdf) is refused.

Pure module: no Django.
"""

from skillcluster.words import gettext

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024

# Magic bytes of the only kinds we accept, and the extensions each kind may carry.
_KINDS: tuple[tuple[bytes, str, frozenset[str]], ...] = (
    (b"%PDF-", "application/pdf", frozenset({"pdf"})),
    (b"\x89PNG\r\n\x1a\n", "image/png", frozenset({"png"})),
    (b"\xff\xd8\xff", "image/jpeg", frozenset({"jpg", "jpeg"})),
)


class EvidenceFileError(ValueError):
    """The file is too large, empty, or not really a PDF, PNG or JPEG."""


def sniff_content_type(head: bytes) -> str | None:
    """The content type the first bytes announce (PDF, PNG or JPEG), or None."""
    for magic, content_type, _ in _KINDS:
        if head.startswith(magic):
            return content_type
    return None


def check_evidence_file(*, name: str, size: int, head: bytes) -> str:
    """The content type of an acceptable evidence file; EvidenceFileError otherwise.

    ``head`` is the file's first bytes (16 are enough); the extension must match the content.
    """
    if size <= 0:
        raise EvidenceFileError(gettext("The file is empty."))
    if size > MAX_EVIDENCE_BYTES:
        raise EvidenceFileError(
            gettext("The file is %(size)s MB; the limit is 5 MB.") % {"size": f"{size / 1048576:.1f}"}
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for magic, content_type, extensions in _KINDS:
        if head.startswith(magic):
            if extension not in extensions:
                message = gettext("The file's content is %(content_type)s but its name ends in .%(extension)s.")
                raise EvidenceFileError(message % {"content_type": content_type, "extension": extension})
            return content_type
    raise EvidenceFileError(gettext("Only PDF, PNG and JPEG files are accepted; this file's content is none of them."))
