"""When a cluster figure may move: exact cases of the publication rule."""

from skillcluster.audits.domain.publication import to_show


def _visible(contributions) -> bool:
    return len(contributions) >= 5


FIVE = {str(f): [1, 0] for f in range(1, 6)}


def test_a_first_figure_shows_what_there_is():
    assert to_show(None, FIVE, k=5, visible=_visible) == (FIVE, True)


def test_fewer_than_k_firms_changed_keep_the_figure_as_shown():
    current = FIVE | {"1": [1, 1], "6": [1, 0]}  # one firm changed, one joined
    assert to_show(FIVE, current, k=3, visible=_visible) == (FIVE, False)


def test_k_firms_changed_move_the_figure():
    current = FIVE | {str(f): [1, 1] for f in (1, 2, 3)}
    assert to_show(FIVE, current, k=3, visible=_visible) == (current, True)


def test_a_hidden_figure_follows_the_data_until_it_shows():
    four = {str(f): [1, 0] for f in range(1, 5)}
    assert to_show(four, FIVE, k=5, visible=_visible) == (FIVE, True)
    assert to_show(four, four, k=5, visible=_visible) == (four, False)
