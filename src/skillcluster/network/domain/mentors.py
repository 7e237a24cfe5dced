"""Who may mentor, and how much (pure: no Django)."""

MENTOR_LEVEL = 3  # the top of the audit's scale (3 advanced, 4 expert): who may mentor a skill
LANGUAGES = ("it", "en", "de", "fr", "es")
MAX_CAPACITY = 5  # mentees at once
MAX_AVAILABILITY = 120  # characters: "Tuesday afternoons, not in March"
# A mentee speaks the language of the country their firm is in (people do not record their languages yet).
COUNTRY_LANGUAGE = {"IT": "it", "DE": "de", "AT": "de", "FR": "fr", "LU": "fr", "BE": "fr", "ES": "es"}


def mentee_languages(nuts_code: str) -> frozenset[str]:
    return frozenset({COUNTRY_LANGUAGE.get(nuts_code[:2].upper(), "en")})
