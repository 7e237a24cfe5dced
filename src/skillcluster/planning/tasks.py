"""Background work of learning plans: the daily reminder of the actions due within a week, by e-mail."""

from django_scopes import scopes_disabled
from django_tasks import task

from skillcluster.planning.services import remind_due


@task()
def send_reminders() -> int:
    with scopes_disabled():
        return remind_due()
