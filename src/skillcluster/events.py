"""Domain events: facts one context announces so that the contexts built on it can react.

A context declares its events as frozen dataclasses in its `domain/events.py` and publishes them from the
service that makes the fact true, inside that service's transaction. A context on a higher floor (see
`contexts.py`) subscribes in its `AppConfig.ready()`; the publisher never imports its subscribers, so imports
keep running one way.

Delivery is synchronous and transactional: handlers run in the publisher's transaction, so the fact and
every reaction to it commit together or not at all. An event is never lost and never half-applied; a
handler that fails rolls the publishing change back and the caller sees the error. A handler that must
talk to the outside world (an e-mail) defers that part with `transaction.on_commit` itself.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar


class DomainEvent:
    """Base of every domain event (a frozen dataclass naming what happened, in the past tense)."""


E = TypeVar("E", bound=DomainEvent)
Handler = Callable[[Any], None]
_handlers: dict[type[DomainEvent], list[Handler]] = defaultdict(list)


def subscribe(event_type: type[E], handler: Callable[[E], None]) -> None:
    """Call ``handler(event)`` for every published ``event_type``; subscribing twice is harmless."""
    if handler not in _handlers[event_type]:
        _handlers[event_type].append(handler)


def publish(event: DomainEvent) -> None:
    """Deliver ``event`` to its subscribers now, in subscription order, in the caller's transaction."""
    for handler in list(_handlers[type(event)]):
        handler(event)


def subscribers(event_type: type[DomainEvent]) -> list[Handler]:
    return list(_handlers[event_type])
