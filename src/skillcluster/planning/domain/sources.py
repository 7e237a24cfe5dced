"""What a recommended activity becomes in a plan (pure): the learning component it serves, the kind of action,
and the hours a small firm typically gives it in a year."""

ACTIVITIES: dict[str, tuple[str, str, float]] = {
    "market_intelligence_service": ("information_gathering", "briefing", 6),
    "peer_network": ("information_gathering", "circle", 10),
    "pooled_training": ("knowledge_acquisition", "course", 16),
    "support_service": ("knowledge_acquisition", "other", 4),
    "learning_review": ("knowledge_acquisition", "review", 12),
    "mentoring": ("competence_development", "mentoring", 12),
    "development_plan": ("competence_development", "review", 8),
}
