"""The printable certificate: WeasyPrint renders an HTML template with the verification QR code (SVG)."""

import io

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string

from skillcluster.accreditation.models import IssuedCredential
from skillcluster.accreditation.selectors.credential_check import summarise


def qr_svg(text: str) -> str:
    """An inline SVG QR code of ``text`` (no XML declaration, so it embeds in HTML)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8").split("?>", 1)[-1]


def certificate_html(credential: IssuedCredential, *, verify_url: str) -> str:
    context = {
        "credential": credential,
        "summary": summarise(credential.document),
        "verify_url": verify_url,
        "qr": qr_svg(verify_url),
    }
    return render_to_string("accreditation/certificate.html", context)


def certificate_pdf(credential: IssuedCredential, *, verify_url: str) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs a second at start-up

    pdf: bytes = HTML(string=certificate_html(credential, verify_url=verify_url)).write_pdf()
    return pdf
