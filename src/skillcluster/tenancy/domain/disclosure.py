"""The anonymity floor: how many firms and people must stand behind a figure before anyone outside the
firm may see it (pure: no Django). Every context that publishes cluster figures imports these; the floor
is applied on the server, in selectors, never in templates.
"""

MIN_FIRMS = 5  # a cluster figure needs at least this many firms behind it
MIN_PEOPLE = 5  # ... and at least this many people, where it is about people
MIN_STAFF = 3  # staff answers of one firm are shown (as a mean) only from this many


def shown(*, firms: int, people: int | None = None) -> bool:
    """True when a figure resting on ``firms`` firms (and ``people`` people, when counted) may be published."""
    return firms >= MIN_FIRMS and (people is None or people >= MIN_PEOPLE)


def staff_shown(staff: int) -> bool:
    return staff >= MIN_STAFF
