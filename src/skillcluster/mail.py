"""E-mail leaves through the task queue, after the transaction that caused it commits.

A web request only queues the message (`mail_after_commit`); a worker (`skillcluster db_worker`, see
docs/DEPLOY.md) delivers it, retrying never blocks a page, and an action that rolled back sends nothing. In
development and tests the queue runs each task at once, in the same process (TASKS_BACKEND=immediate).
"""

from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def deliver(subject: str, message: str, recipients: list[str]) -> int:
    """Send one plain-text message; the number of messages the mail backend accepted."""
    return send_mail(subject, message, None, recipients)


def mail_now(*, subject: str, message: str, recipients: Iterable[str]) -> None:
    """Queue the message (already after the commit, e.g. inside an on_commit callback)."""
    addresses = sorted(set(recipients))
    if addresses:
        deliver.enqueue(subject, message, addresses)


def mail_after_commit(*, subject: str, message: str, recipients: Iterable[str]) -> None:
    """Queue the message once the current transaction commits."""
    addresses = list(recipients)
    transaction.on_commit(lambda: mail_now(subject=subject, message=message, recipients=addresses))
