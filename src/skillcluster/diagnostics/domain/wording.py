"""Plain-language explanations of the learning types, for a firm owner (pure data, no Django).

The rules that assign a type are in `scoring.LEARNING_TYPES`; these say what the type means in practice. Both
are read in the active language (`skillcluster.words`).
"""

from skillcluster.words import Translated, gettext, gettext_noop

from .scoring import (
    BALANCED_LEARNER,
    COMPETENCE_BUILDER,
    CRISIS_MANAGER,
    EARLY_LEARNER,
    KNOWLEDGE_COLLECTOR,
    LEARNING_ORGANISATION,
    MARKET_WATCHER,
)

TYPE_EXPLANATIONS: Translated[str] = Translated({
    CRISIS_MANAGER: gettext_noop(
        "Your firm learns mostly when a problem has already hit: a lost customer, a breakdown, a new rule. That is "
        "normal in small and young firms, but it leaves little time to prepare for what comes next."
    ),
    LEARNING_ORGANISATION: gettext_noop(
        "Your firm watches its market, brings in new knowledge and turns it into lasting skills, plans ahead and "
        "involves its people. Keep it up, and share how you do it with other firms."
    ),
    BALANCED_LEARNER: gettext_noop(
        "Your firm gives similar weight to watching the market, bringing in knowledge and building skills. The next "
        "step is doing more of each, and planning learning further ahead."
    ),
    MARKET_WATCHER: gettext_noop(
        "Your firm knows its market well, but brings in less new knowledge or does less to turn it into lasting "
        "skills. What you see in the market should lead to training and development."
    ),
    KNOWLEDGE_COLLECTOR: gettext_noop(
        "Your firm brings in plenty of knowledge (courses, suppliers, fairs), but watches the market less or does "
        "less to keep the knowledge in the firm. Choose what to learn from what customers need, and make sure it "
        "stays."
    ),
    COMPETENCE_BUILDER: gettext_noop(
        "Your firm is good at building and passing on skills inside, but looks outside less: at the market and at "
        "new knowledge. Skills need to follow where the market goes."
    ),
    EARLY_LEARNER: gettext_noop(
        "Your firm's learning is balanced but still modest on all three fronts. Small regular steps (one course, one "
        "customer conversation, one skills review) will move all three."
    ),
})  # fmt: skip

NO_TYPE_EXPLANATION = gettext_noop("Not enough statements were answered to say how your firm learns.")


def type_explanation(learning_type: str | None) -> str:
    """What ``learning_type`` means in practice, in the active language (a firm with no type is told why)."""
    if learning_type is None or learning_type not in TYPE_EXPLANATIONS:
        return gettext(NO_TYPE_EXPLANATION)
    return TYPE_EXPLANATIONS[learning_type]
