"""In English a count and the word it counts agree ("1 card", "2 cards"): the catalogs
write ``{count:=card|cards}`` (``workshop.i18n``), and the screen shows the one that fits
as the count changes under the facilitator's keys."""

from __future__ import annotations

from cocreate_factory import clustered
from cocreate_pilot import panel_text, squeeze
from uitools import settle


async def test_the_sorting_panel_counts_cards_and_clusters_in_agreeing_words(cocreate_app):
    app = cocreate_app(clustered(named=False))  # three clusters, cards 6 and 7 loose
    async with app.run_test(size=(120, 40)) as pilot:
        await app.set_language("en")
        await settle(pilot)
        panel = squeeze(panel_text(app))
        assert "2cardsnotinacluster" in panel and "3clusters" in panel
        await pilot.press("right_square_bracket")  # card 6 into the first cluster
        await settle(pilot)
        panel = squeeze(panel_text(app))
        assert "1cardnotinacluster" in panel and "1cardsnot" not in panel
        await pilot.press("shift+down", "x", "shift+down", "x")  # two clusters dissolved
        await settle(pilot)
        assert len(app.session.doc.cocreate.clusters) == 1
        panel = squeeze(panel_text(app))
        assert "1cluster" in panel and "1clusters" not in panel, panel
