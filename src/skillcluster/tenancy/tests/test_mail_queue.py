"""E-mail goes through the task queue: with the database backend a worker delivers it, after the commit."""

import pytest
from django.core import mail
from django.core.management import call_command

from skillcluster.tenancy.domain.roles import FirmRole
from skillcluster.tenancy.services import invitation_create

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection and transactions
def test_mail_waits_in_the_queue_until_a_worker_delivers_it(world, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    invitation_create(
        email="new@rossi.it", cluster=world.cluster, firm=world.firm, firm_role=FirmRole.EMPLOYEE,
        invited_by=world.owner,
    )  # fmt: skip
    assert mail.outbox == []  # the request only queued it
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [m.to for m in mail.outbox] == [["new@rossi.it"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_nothing_is_queued_when_the_action_rolls_back(world, settings):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    try:
        with transaction.atomic():
            invitation_create(
                email="new@rossi.it", cluster=world.cluster, firm=world.firm, firm_role=FirmRole.EMPLOYEE,
                invited_by=world.owner,
            )  # fmt: skip
            raise RuntimeError("the page failed after the invitation")
    except RuntimeError:
        pass
    assert not DBTaskResult.objects.exists()
