"""Why a need has its mentor or none, in words a cluster manager, a mentee and a mentor read (pure)."""

from skillcluster.network.domain.matching import PairReason
from skillcluster.words import Translated, gettext, gettext_noop, ngettext

NEARNESS = Translated({
    3: gettext_noop("in the same province"), 2: gettext_noop("in the same region"),
    1: gettext_noop("in the same country"), 0: gettext_noop("farther away"),
})  # fmt: skip

REFUSED = Translated({
    "no_skill": gettext_noop("Nobody in the cluster offers to mentor in this skill yet."),
    "level": gettext_noop("The mentors who offer it hold it below the level to reach."),
    "language": gettext_noop("No mentor who offers it shares the mentee's language."),
    "same_firm": gettext_noop(
        "The only mentors who offer it work in the mentee's own firm: the firm can pair them itself."
    ),
    "competitor": gettext_noop("The mentors who offer it work in firms declared competitors of the mentee's firm."),
    "self": gettext_noop("The only mentor who offers it is the mentee."),
    "declined": gettext_noop("Every mentor who could take it was declined for this need before."),
    "no_gap": gettext_noop("No gap: the mentee already holds the level to reach."),
})  # fmt: skip

TO_MENTEE = Translated({  # why none of their gaps has a mentor free, said to the mentee who asked
    "full": gettext_noop("the mentors who could take you have their places filled by bigger gaps"),
    "declined": gettext_noop("you or the mentors declined these pairings before"),
    "level": gettext_noop("the mentors hold the skill below the level you need"),
    "language": gettext_noop("no mentor shares your language"),
    "same_firm": gettext_noop("the only mentors work in your own firm"),
    "competitor": gettext_noop("the mentors work in firms declared competitors of yours"),
    "no_skill": gettext_noop("nobody offers the skill"),
})  # fmt: skip


def reason_text(reason: PairReason, *, mentor: str = "", skill: str = "") -> str:
    """``mentor``: the mentor's name and firm; ``skill``: the skill's label."""
    figures = reason.figures
    if reason.code == "matched":
        room = figures.get("room_left", 0)
        values = {"mentor": mentor, "level": figures.get("level"), "skill": skill, "room": room,
                  "nearness": NEARNESS.get(figures.get("nearness", 0), NEARNESS[0])}  # fmt: skip
        if room:
            return ngettext("%(mentor)s, level %(level)s in “%(skill)s”, %(nearness)s, has room for %(room)d more "
                            "mentee.",
                            "%(mentor)s, level %(level)s in “%(skill)s”, %(nearness)s, has room for %(room)d more "
                            "mentees.", room) % values  # fmt: skip
        last = gettext("%(mentor)s, level %(level)s in “%(skill)s”, %(nearness)s, takes their last free place.")
        return last % values
    if reason.code == "full":
        capacity, higher = figures.get("capacity", 0), figures.get("higher", 0)
        if higher:
            return ngettext("%(mentor)s could mentor this, but all %(capacity)d of their places go to needs weighing "
                            "as much or more (%(higher)d of them).",
                            "%(mentor)s could mentor this, but all %(capacity)d of their places go to needs weighing "
                            "as much or more (%(higher)d of them).",
                            capacity) % {"mentor": mentor, "capacity": capacity, "higher": higher}  # fmt: skip
        return gettext("%(mentor)s could mentor this, but their places are taken.") % {"mentor": mentor}
    return REFUSED.get(reason.code, reason.code)
