"""Why a need has its mentor or none, in words a cluster manager, a mentee and a mentor read (pure)."""

from skillcluster.network.domain.matching import PairReason

NEARNESS = {3: "in the same province", 2: "in the same region", 1: "in the same country", 0: "farther away"}

REFUSED = {
    "no_skill": "Nobody in the cluster offers to mentor in this skill yet.",
    "level": "The mentors who offer it hold it below the level to reach.",
    "language": "No mentor who offers it shares the mentee's language.",
    "same_firm": "The only mentors who offer it work in the mentee's own firm: the firm can pair them itself.",
    "competitor": "The mentors who offer it work in firms declared competitors of the mentee's firm.",
    "self": "The only mentor who offers it is the mentee.",
    "declined": "Every mentor who could take it was declined for this need before.",
    "no_gap": "No gap: the mentee already holds the level to reach.",
}

TO_MENTEE = {  # why none of their gaps has a mentor free, said to the mentee who asked
    "full": "the mentors who could take you have their places filled by bigger gaps",
    "declined": "you or the mentors declined these pairings before",
    "level": "the mentors hold the skill below the level you need",
    "language": "no mentor shares your language",
    "same_firm": "the only mentors work in your own firm",
    "competitor": "the mentors work in firms declared competitors of yours",
    "no_skill": "nobody offers the skill",
}


def reason_text(reason: PairReason, *, mentor: str = "", skill: str = "") -> str:
    """``mentor``: the mentor's name and firm; ``skill``: the skill's label."""
    figures = reason.figures
    if reason.code == "matched":
        room = figures.get("room_left", 0)
        after = (f"has room for {room} more mentee{'s' if room != 1 else ''}" if room
                 else "takes their last free place")  # fmt: skip
        return (f"{mentor}, level {figures.get('level')} in “{skill}”, "
                f"{NEARNESS.get(figures.get('nearness', 0), NEARNESS[0])}, {after}.")  # fmt: skip
    if reason.code == "full":
        capacity, higher = figures.get("capacity", 0), figures.get("higher", 0)
        return (f"{mentor} could mentor this, but all {capacity} of their places go to needs weighing as much "
                f"or more ({higher} of them)." if higher else
                f"{mentor} could mentor this, but their places are taken.")  # fmt: skip
    return REFUSED.get(reason.code, reason.code)
