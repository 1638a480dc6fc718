"""What a keystroke costs: one save per action, and no redraw nobody sees (issue 17)."""

from __future__ import annotations

from uitools import FakeTime, stepper_text, tick
from workshop.model import STEPS
from workshop.store.paths import journal_path
from workshop.tui.widgets.charter.sheet import TeamTabs
from workshop.tui.widgets.top_bar import TopBar


def journal_lines(app) -> int:
    """Changes saved since the last snapshot: one journal line each (and its header)."""
    path = journal_path(app.session.path)
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def count_body_redraws(screen) -> list[int]:
    """Counts the times `screen` redraws its body from now on."""
    count = [0]
    redraw = screen.refresh_body

    def counted(*args, **kwargs):
        count[0] += 1
        return redraw(*args, **kwargs)

    screen.refresh_body = counted
    return count


async def test_enter_saves_the_card_and_the_emptied_draft_as_one_change(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"draft")
        clock.advance(1)
        await tick(pilot)
        assert app.session.doc.room.draft == "draft"  # saved once typing stopped
        before = journal_lines(app)
        await pilot.press("enter")
        await pilot.pause()
        assert journal_lines(app) == before + 1
        doc = app.session.doc
        assert doc.room.draft == ""
        assert [card.text for card in doc.vision.cards] == ["draft"]
        await pilot.press("ctrl+z")  # takes the card back, not the typing
        await pilot.pause()
        assert app.session.doc.vision.cards == []
        assert app.session.doc.room.draft == ""


async def test_leaving_a_step_does_not_redraw_it_and_coming_back_only_its_frame(make_app):
    # a still clock: the quiet work (which redraws screens off view once the room has been
    # quiet a second, as a loaded machine made it between two keys) does not run here
    app = make_app(time_source=FakeTime())
    async with app.run_test(size=(100, 30)) as pilot:
        vision = app.screen
        assert vision.step == "vision"
        redraws = count_body_redraws(vision)
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.step == "gaps"
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is vision
        assert redraws == [0]  # nothing in its body changed: not drawn again
        assert vision.drawn
        assert "目标呈现" in stepper_text(app) or "愿景" in stepper_text(app)
        await pilot.press("f5")  # the clock starts: the frame shows it, the body stays
        await pilot.pause()
        assert app.session.doc.room.clock.running
        assert redraws == [0]


async def test_a_step_comes_back_redrawn_after_a_change_made_elsewhere(make_app):
    # a still clock: the quiet work (which redraws screens off view once the room has been
    # quiet a second, as a loaded machine made it between two keys) does not run here
    app = make_app(time_source=FakeTime())
    async with app.run_test(size=(100, 30)) as pilot:
        vision = app.screen
        redraws = count_body_redraws(vision)
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one("#entry-input").value = "一个差距"
        await pilot.press("enter")
        await pilot.pause()
        assert "·1" in stepper_text(app)  # the new gap is still to be classified
        await pilot.press("f2")
        await pilot.pause()
        assert redraws == [1]
        assert "·1" in stepper_text(app)


async def test_projector_mode_turned_on_elsewhere_shows_on_a_step_coming_back(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        vision = app.screen
        plain = vision.query_one(TopBar).styles.background
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is vision
        assert vision.query_one(TopBar).styles.background != plain


async def test_in_a_quiet_moment_the_app_builds_the_other_steps_and_saves_a_snapshot(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")  # a step change: the store wants a new snapshot
        await pilot.pause()
        journal = journal_path(app.session.path)
        assert journal_lines(app) > 1
        await tick(pilot)
        assert journal_lines(app) > 1  # not while the room is busy
        assert set(app.step_screens) == {"vision", "gaps"}
        clock.advance(2)
        await tick(pilot)  # quiet now: the snapshot first
        assert not journal.exists() or journal_lines(app) <= 1
        for _ in range(60):  # then, a tick at a time, the screens of the other steps
            await tick(pilot)
            await pilot.pause()
            if app.quiet_work.done:
                break
        assert app.quiet_work.done
        assert set(app.step_screens) == set(STEPS)
        assert app.screen.step == "gaps"  # nothing shown meanwhile
        charter = app.step_screens["charter"]
        assert charter.drawn
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen is charter
        tabs = charter.query_one(TeamTabs)
        assert app.session.doc.teams[0].name in tabs.render_line(0).text


async def test_a_key_pressed_puts_the_quiet_work_off(make_app):
    clock = FakeTime()
    app = make_app(time_source=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        # The key comes before the room has been quiet for a second (the app's own timer
        # ticks too: had the clock passed the quiet second before the key, a tick of its
        # own could start the work first, as it did once on a loaded machine) ...
        clock.advance(0.5)
        await pilot.press("a")  # typing: busy again
        # ... and puts it off: 1.4 s after opening, only 0.9 s after the key
        clock.advance(0.9)
        for _ in range(4):
            await tick(pilot)
        assert set(app.step_screens) == {"vision"}
        clock.advance(2)
        for _ in range(4):
            await tick(pilot)
            await pilot.pause()
        assert len(app.step_screens) > 1


async def test_the_first_frame_shows_the_steps_and_the_next_one_their_status(make_app,
                                                                                 monkeypatch):
    """Working out every step's status (the plan's readiness rules among them) waits for
    the first frame to be on the terminal; the stepper shows it in the frame after."""
    from workshop.methods import progress
    from workshop.tui import redraw

    app = make_app(time_source=FakeTime())
    first_frame_up_when_worked_out: list[bool] = []
    work_out = redraw.work_out_status

    def spied(doc):
        first_frame_up_when_worked_out.append(app.first_frame_up)
        return work_out(doc)

    monkeypatch.setattr(redraw, "work_out_status", spied)
    at_first_frame: list[str] = []
    ready = type(app).on_ready
    monkeypatch.setattr(type(app), "on_ready",
                        lambda self: (at_first_frame.append(stepper_text(self)), ready(self)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        status = progress.step_status(app.session.doc)
        marks = [step for step in STEPS if status[step].todo or status[step].has_content]
        assert marks, "the example session should give some step a mark"
        assert first_frame_up_when_worked_out and all(first_frame_up_when_worked_out)
        assert "✓" not in at_first_frame[0] and "·" not in at_first_frame[0].replace(
            " · ", "")
        shown = stepper_text(app)
        assert "✓" in shown or any(f"·{status[s].todo}" in shown for s in marks)
