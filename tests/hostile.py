"""Hostile text and where it goes: a Hypothesis strategy of what people (and terminals)
type at their worst, and one call that puts a text through the edit function of every
board of every step.

``put_everywhere(doc, text)`` applies each edit that takes text and records, for each,
where the text was kept and what it should read there (``Stored``); an edit may refuse
the text (``EditError``: empty once cleaned, a name too long) but must never raise
anything else.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import strategies as st

from workshop.edits import EditError, charter, cocreate, gaps, plan, review, townhall, vision
from workshop.edits import cards as card_edits
from workshop.model import BOARDS, Workshop
from workshop.model.limits import MAX_NAME
from workshop.text import clean

MARKUP = ["[bold]", "[/]", "[/bold]", "[@click=app.quit]", "[link=https://x.y]", "[red on",
          "<b>", "</b>", "<font size=40>", "&", "&amp;", "&#0;", "<br/>", "%s", "{0}",
          "{name}", "$(rm -rf /)", "`", "**", "_", "#", "|", "\\", "\\[", "]]"]
ESCAPES = ["\x1b[31m", "\x1b[0m", "\x1b]0;title\x07", "\x1b[2J", "\x9b1m", "\x07", "\x00",
           "\r", "\n", "\t", "\x7f", "\x85", "\u2028", "\u2029", "\ud800", "\udfff"]
WORLD = ["济南队", "销售额达到700万元", "山东区", "שלום", "مرحبا", "\u202e", "\u200f", "e\u0301",
         "a\u0308\u0301", "👍", "👨‍👩‍👧‍👦", "🇨🇳", "🚀", "\ufe0f", "\u200b", "\u00ad", "Ⅻ",
         "ｆｕｌｌ", "１２３", "\u3000", "𠀀", "ﷺ", "Z̷͉̓a̴l̶g̵o̸"]

_piece = st.one_of(
    st.sampled_from(MARKUP), st.sampled_from(ESCAPES), st.sampled_from(WORLD),
    st.text(alphabet=string.printable, max_size=12),
    st.text(max_size=12),  # any code point, surrogates included
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=20),
)

_short = st.lists(_piece, max_size=12).map("".join)
_long = st.builds(lambda piece, n: (piece * n)[:10_000], _piece, st.integers(1, 10_000))

hostile_texts = st.integers(0, 9).flatmap(lambda n: _long if n == 0 else _short)
"""Markup, escapes, control characters, RTL and combining marks, emoji, CJK; one text in
ten is a piece repeated up to 10,000 characters."""


@dataclass
class Stored:
    """Where an edit kept a text, and what it should read there."""

    where: str
    expected: str
    read: Callable[[Workshop], str]
    """Reads the stored text back from a document (the same or a reloaded one)."""


@dataclass
class Outcome:
    stored: list[Stored] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """Edits that refused the text with an EditError (empty once cleaned, too long…)."""
    edits: int = 0


def one_line(text: str) -> str:
    return clean(text)


def lines(text: str) -> str:
    return clean(text, multiline=True)


def put_everywhere(doc: Workshop, text: str) -> Outcome:
    """Put `text` through every edit that takes text, on every board of every step."""
    outcome = Outcome()
    team, other = doc.teams[0], doc.teams[1]
    member = team.members[0]
    goal_id = doc.vision.goals[0].id

    def attempt(where: str, edit: Callable[[], object], expected: str,
                read: Callable[[Workshop], str]) -> object | None:
        outcome.edits += 1
        try:
            result = edit()
        except EditError:
            outcome.refused.append(where)
            return None
        if where.endswith(" card"):  # read that card back, wherever later cards go
            card_id = result.id  # type: ignore[attr-defined]
            read = lambda d: d.find_card(card_id).text  # noqa: E731
        outcome.stored.append(Stored(where, expected, read))
        return result

    # cards on every board of every step
    for step, boards in BOARDS.items():
        for board in boards:
            attempt(f"{step}/{board} card",
                    lambda s=step, b=board: card_edits.add_card(doc, s, text, board=b,
                                                                team_id=team.id),
                    lines(text), str)
    # review: last year's goals
    attempt("review goal", lambda: review.add_goal(doc, statement=text, unit=text, note=text),
            one_line(text), lambda d: d.review.goals[-1].statement)
    if doc.review.goals:
        attempt("review note", lambda: review.update_goal(doc, doc.review.goals[-1].id,
                                                          note=text),
                lines(text), lambda d: d.review.goals[-1].note)
    # vision: statement, goals, splits, value chains
    attempt("vision statement", lambda: vision.set_statement(doc, text), lines(text),
            lambda d: d.vision.statement)
    attempt("goal", lambda: vision.add_goal(doc, statement=text, metric=text, unit=text,
                                            parent_id=goal_id),
            one_line(text), lambda d: d.vision.goals[-1].statement)
    cascade = vision.add_cascade(doc, goal_id, "quarters")
    attempt("split label", lambda: vision.set_cascade(doc, cascade.id, label=text),
            one_line(text), lambda d: d.vision.cascades[-1].label)
    attempt("split part", lambda: vision.add_part(doc, cascade.id, text), one_line(text),
            lambda d: d.vision.cascades[-1].parts[-1].label)
    attempt("split note", lambda: vision.update_part(doc, cascade.id, 0, note=text),
            one_line(text), lambda d: d.vision.cascades[-1].parts[0].note)
    attempt("value chain", lambda: vision.add_funnel(
        doc, target_value=700, average_value=5, stages=[text, "签约"], rates=[0.5],
        label=text), one_line(text), lambda d: d.vision.funnels[-1].label)
    # gaps: the storm, fishbones, whys (PEST, SWOT and TOWS are boards above)
    gap = doc.gaps.cards[-1] if doc.gaps.cards else card_edits.add_card(doc, "gaps", "缺口")
    fishbone = gaps.ensure_fishbone(doc, gap.id)
    bone = attempt("bone", lambda: gaps.add_bone(doc, fishbone.id, text), one_line(text),
                   lambda d: d.gaps.fishbones[-1].bones[-1].label)
    bone_id = bone.id if bone is not None else fishbone.bones[0].id
    cause = attempt("cause", lambda: gaps.add_cause(doc, fishbone.id, bone_id, text),
                    lines(text), lambda d, b=bone_id: _bone(d, b).causes[-1].text)
    if cause is not None:
        attempt("sub-cause", lambda: gaps.add_cause(doc, fishbone.id, bone_id, text,
                                                    parent_id=cause.id),
                lines(text), lambda d, b=bone_id: _bone(d, b).causes[-1].children[-1].text)
    chain = attempt("why problem", lambda: gaps.start_chain(doc, problem=text), lines(text),
                    lambda d: d.gaps.whys[-1].problem)
    if chain is None:
        chain = gaps.start_chain(doc, problem="为什么")
    attempt("why", lambda: gaps.add_why(doc, chain.id, text), lines(text),
            lambda d: d.gaps.whys[-1].links[-1].text)
    attempt("why stop", lambda: gaps.set_stop_reason(doc, chain.id, text), lines(text),
            lambda d: d.gaps.whys[-1].stop_reason)
    # charter
    attempt("team name", lambda: charter.rename_team(doc, other.id, text), one_line(text),
            lambda d: d.teams[1].name)
    attempt("slogan", lambda: charter.set_slogan(doc, team.id, text), one_line(text),
            lambda d: d.charter.charter(d.teams[0].id).slogan)
    attempt("role", lambda: charter.set_role(doc, team.id, member.id, text), one_line(text),
            lambda d: d.teams[0].members[0].role)
    attempt("commitment", lambda: charter.set_commitment(doc, team.id, member.id, text),
            lines(text), lambda d: d.charter.charter(d.teams[0].id).commitments[-1].text)
    for field_name in ("rules", "rewards", "penalties"):
        attempt(f"charter {field_name}",
                lambda f=field_name: charter.add_item(doc, team.id, f, text), one_line(text),
                lambda d, f=field_name: getattr(d.charter.charter(d.teams[0].id), f)[-1])
    attempt("accountability", lambda: charter.set_accountability(doc, team.id, text),
            lines(text), lambda d: d.charter.charter(d.teams[0].id).accountability)
    # co-create: focus question, cards (a board above), cluster names
    attempt("focus question", lambda: cocreate.set_focus_question(doc, text), lines(text),
            lambda d: d.cocreate.focus_question)
    ideas = [card_edits.add_card(doc, "cocreate", f"想法{i}").id for i in range(2)]
    cluster = cocreate.new_cluster(doc, ideas)
    attempt("cluster name", lambda: cocreate.name_cluster(doc, cluster.id, text),
            one_line(text), lambda d: d.cocreate.clusters[-1].name)
    # plan: every field of an action
    action = attempt("action", lambda: plan.add_action(doc, text, team_id=team.id),
                     lines(text), lambda d: d.plan.actions[-1].what)
    if action is None:
        action = plan.add_action(doc, "行动", team_id=team.id)
    for name in (*plan.TEXT_FIELDS, *(f"pdca_{n}" for n in plan.PDCA_FIELDS)):
        multi = name in plan.MULTILINE
        attempt(f"action {name}",
                lambda n=name: plan.update_action(doc, action.id, {n: text}),
                lines(text) if multi else one_line(text),
                lambda d, n=name: _action_field(d, n))
    # town hall
    challenge = attempt("question", lambda: townhall.add_challenge(doc, team.id, text,
                                                                   asker=text),
                        lines(text), lambda d: d.townhall.challenges[-1].question)
    if challenge is not None:
        attempt("answer", lambda: townhall.update_challenge(doc, challenge.id,
                                                            {"answer": text}),
                lines(text), lambda d: d.townhall.challenges[-1].answer)
    attempt("sign-off", lambda: townhall.sign_off(doc, team.id, "approved", note=text,
                                                  by=text[:MAX_NAME]),
            lines(text), lambda d: d.townhall.signoffs[-1].note)
    attempt("closing", lambda: townhall.set_closing(doc, text, by=text), lines(text),
            lambda d: d.townhall.closing_statement)
    return outcome


def _bone(doc: Workshop, bone_id: str):
    return next(b for f in doc.gaps.fishbones for b in f.bones if b.id == bone_id)


def _action_field(doc: Workshop, name: str) -> str:
    action = doc.plan.actions[-1]
    if name.startswith("pdca_"):
        return getattr(action.pdca, name.removeprefix("pdca_"))
    return getattr(action, name)


def visible(text: str) -> str:
    """The characters of `text` that print as themselves: no spaces, no line breaks, no
    format characters (zero-width joiners, soft hyphens, direction marks)."""
    return "".join(c for c in text if not c.isspace()
                   and unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Zl", "Zp"))
