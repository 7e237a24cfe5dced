"""One action over a list (invite these ten addresses), all or none, with every refusal named at once."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

T = TypeVar("T")
R = TypeVar("R")


def each_or_none(items: Iterable[T], make: Callable[[T], R], *, field: str, advice: str) -> list[R]:
    """``make(item)`` for every item inside the caller's transaction. Each item runs in a savepoint, so one
    refusal does not hide the next; if any was refused, one error under ``field`` lists them all, ending with
    ``advice``, and the caller's transaction rolls back whatever the others made."""
    made, refused = [], []
    for item in items:
        try:
            with transaction.atomic():
                made.append(make(item))
        except ValidationError as error:
            refused.extend(error.messages)
    if refused:
        raise ValidationError({field: [*refused, advice]})
    return made
