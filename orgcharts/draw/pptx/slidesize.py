"""The deck slide's fixed geometry (size, margins, title band, a chart's room) and its type floor; imports nothing."""

from __future__ import annotations

__all__ = ["EMU_PER_PT", "SLIDE_W_EMU", "SLIDE_H_EMU", "MARGIN_EMU", "TITLE_H_EMU", "SUBTITLE_H_EMU", "SLIDE_W_PT",
           "SLIDE_H_PT", "TITLE_BOTTOM_PT", "NOTE_ROOM_PT", "CHART_AREA_PT", "MIN_TEXT_PT"]

EMU_PER_PT = 12700
SLIDE_W_EMU, SLIDE_H_EMU = 12192000, 6858000  # 13.333 x 7.5 in: PowerPoint's own 16:9
MARGIN_EMU = 365760  # 0.4 in
TITLE_H_EMU = 822960  # 0.9 in: the title band
SUBTITLE_H_EMU = 411480  # 0.45 in: a one-line note (subtitle or legend) under the slide title
SLIDE_W_PT, SLIDE_H_PT = SLIDE_W_EMU / EMU_PER_PT, SLIDE_H_EMU / EMU_PER_PT  # 960 x 540
TITLE_BOTTOM_PT = (TITLE_H_EMU + MARGIN_EMU // 2) / EMU_PER_PT  # where the note (or the chart) starts under the title
# The room under the title for a chart's note: its subtitle and its colour key, two lines (38.4 pt at the
# themes' 15 pt subtitle and 11 pt key; tests/test_min_text.py holds that no shipped theme's note is taller).
NOTE_ROOM_PT = 40.0
# The box a chart is scaled into on its slide: inside the side margins, under the title band and the
# note, above half a margin. The slide-fit rule (layout/fit.py) fits every chart, in every format, into
# this box, so the deck never scales a chart further than the rule did.
CHART_AREA_PT = ((SLIDE_W_EMU - 2 * MARGIN_EMU) / EMU_PER_PT,
                 (SLIDE_H_EMU - MARGIN_EMU // 2) / EMU_PER_PT - TITLE_BOTTOM_PT - NOTE_ROOM_PT)  # 902.4 x 406.4
# The charts' own floor: 9 px at 1080p, 4.5 pt on a 13.33 in slide; no text of a deck is smaller.
MIN_TEXT_PT = 4.5
