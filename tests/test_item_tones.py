"""A list item of its own tone: the model keeps one per item, labels draw its bullet and text in that colour."""

from __future__ import annotations

import re

import pytest

from orgcharts.views.diagram import Card, Column
from orgcharts.engine.labels import card_label
from orgcharts.themes import get_theme

THEME = get_theme("default")


def _item(label: str, text: str) -> tuple[str, str]:
    """The colours of an item's bullet and of its text, as the label draws them."""
    found = re.search(r'COLOR="(#[0-9A-Fa-f]{6})"><B>•</B></FONT>\u00a0<FONT POINT-SIZE="\d+" COLOR="(#[0-9A-Fa-f]{6})">'
                      + re.escape(text), label)
    assert found, text
    return found[1], found[2]


def test_an_item_of_its_own_tone_is_drawn_in_that_colour_and_the_rest_as_before() -> None:
    plain = Column("Team", ("Kept", "Added one"), "team")
    toned = Column("Team", ("Kept", "Added one"), "team", tones=(None, "client"))
    before, after = card_label(Card("r", "Role", columns=(plain,)), THEME), card_label(Card("r", "Role",
                                                                                            columns=(toned,)), THEME)
    assert _item(after, "Kept") == _item(before, "Kept") == (THEME.team, THEME.ink)
    assert _item(before, "Added one") == (THEME.team, THEME.ink)
    assert _item(after, "Added one") == (THEME.client, THEME.client)


def test_a_column_without_tones_draws_exactly_as_before() -> None:
    card = Card("r", "Role", columns=(Column("Client", ("One", "Two"), "client"),))
    toneless = Card("r", "Role", columns=(Column("Client", ("One", "Two"), "client", tones=(None, None)),))
    assert card_label(card, THEME) == card_label(toneless, THEME)
    assert Column("C", ("a",), "client").item_tone(0) is None


def test_tones_must_match_the_items_one_for_one() -> None:
    with pytest.raises(ValueError, match="1 tones for 2 items"):
        Column("Client", ("One", "Two"), "client", tones=("team",))
