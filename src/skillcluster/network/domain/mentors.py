"""Who may mentor, and how much (pure: no Django)."""

MENTOR_LEVEL = 3  # the top of the audit's scale (3 advanced, 4 expert): who may mentor a skill
LANGUAGES = ("it", "en", "de", "fr", "es")
MAX_CAPACITY = 5  # mentees at once
