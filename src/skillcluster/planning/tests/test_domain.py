"""A plan's figures on cases checked by hand."""

from skillcluster.planning.domain.plan import Item, balance, completion, notes


def _items() -> list[Item]:
    return [
        Item("knowledge_acquisition", "course", 16, "done"),
        Item("knowledge_acquisition", "course", 12, "planned"),
        Item("competence_development", "mentoring", 12, "planned"),
        Item("information_gathering", "briefing", 6, "dropped"),
    ]


def test_balance_counts_planned_and_done_hours_per_component_leaving_dropped_out() -> None:
    found = balance(_items())
    assert found.planned == {"information_gathering": 0.0, "knowledge_acquisition": 28.0,
                             "competence_development": 12.0}  # fmt: skip
    assert found.done == {"information_gathering": 0.0, "knowledge_acquisition": 16.0, "competence_development": 0.0}
    assert (found.planned_total, found.share("knowledge_acquisition"), found.share("competence_development")) == (
        40.0, 70, 30,
    )  # fmt: skip


def test_notes_name_the_dominant_kind_the_missing_component_and_the_weakest_left_behind() -> None:
    assert notes(_items()) == ["70 % of your planned hours are courses", "nothing watches your market"]
    plan = [Item("information_gathering", "briefing", 6, "planned"), Item("knowledge_acquisition", "course", 10,
            "planned"), Item("competence_development", "mentoring", 12, "planned")]  # fmt: skip
    perceived = {"information_gathering": 31.0, "knowledge_acquisition": 64.0, "competence_development": 55.0}
    assert notes(plan, perceived) == [
        "information-gathering is your weakest component in the diagnostic (31/100) and gets the smallest share of "
        "the plan (21 %)"
    ]
    assert notes([]) == []


def test_completion_is_done_over_live_items_and_hours() -> None:
    found = completion(_items())
    assert (found.items_done, found.items, found.hours_done, found.hours, found.percent) == (1, 3, 16, 40, 40)


def test_the_effect_of_a_kind_of_action_is_a_difference_in_differences_with_a_welch_interval() -> None:
    from skillcluster.planning.domain.effects import difference_in_differences

    treated = [6.0, 8.0, 10.0, 4.0, 7.0]  # mean 7, variance 5
    control = [1.0, 2.0, 3.0, 0.0, 4.0, 2.0]  # mean 2, variance 2
    found = difference_in_differences(treated, control)
    assert found is not None
    # se = sqrt(5/5 + 2/6) = 1.1547; df = 1.7778 / (1/4 + 0.1111/5) = 6.53 -> 7; t(7) = 2.3646 (within 0.002)
    assert (found.treated, found.control, found.estimate, found.direction) == (5, 6, 5.0, "up")
    assert (round(found.low, 2), round(found.high, 2)) == (2.27, 7.73)
    assert difference_in_differences(treated[:4], control) is None  # four treated firms: suppressed
