"""``workshop export``: reports, handouts, Markdown, CSV and JSON of a session or a
scenario, several PDFs made by worker processes on every core, a line per file written."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop import i18n
from workshop.cli.output import CliError, say
from workshop.i18n import t
from workshop.store import load


def _load_any(path: Path):
    """A document from a session file or a scenario file."""
    if path.suffix.lower() == ".toml":
        from workshop.scenario import load_scenario  # its schemas load slowly: only here

        return load_scenario(path)
    return load(path)


def cmd_export(args: argparse.Namespace) -> int:
    """Export; several PDFs are made by worker processes on every core (started first, so
    they load their fonts while the session is read), with a line per file written."""
    from workshop import early_export
    from workshop.export import ExportError
    from workshop.export.workers import WorkerPool

    formats = args.format or ["pdf"]
    several = (args.checkin is None and "pdf" in formats
               and (args.all_teams or len(args.team or ()) > 1))
    started = early_export.take()  # by the launcher, before this command loaded
    pool = WorkerPool().adopt(started) if several else None
    if started is not None and pool is None:
        early_export.stop(started)  # guessed from the arguments, not needed
    try:
        doc = _load_any(Path(args.source))
        if not args.lang:
            i18n.set_language(i18n.detect(scenario=doc.meta.language))
        if args.checkin is not None:
            return _export_checkin(doc, formats, Path(args.out) if args.out else None, args)
        for fmt in formats:
            # --team/--all-teams choose handouts; with other formats alongside the PDF
            # (pdf + csv + md), those are of the whole workshop as always
            by_team = fmt == "pdf" or "pdf" not in formats
            _export_one(doc, fmt, args, pool, teams=(args.team or ()) if by_team else (),
                        all_teams=args.all_teams and by_team)
    except ExportError as error:
        raise CliError(str(error)) from None
    finally:
        if pool is not None:
            pool.close()
    return 0


def _print_result(result) -> None:
    """The font a PDF used, the files written, what a font could not print."""
    from workshop.export.fonts import fallback_line

    if result.font is not None:
        say(result.font.describe(i18n.get_language()))
        say(fallback_line(i18n.get_language()))
    for written in result.paths:
        say(t("cli.exported", path=written))
    for warning in result.warnings:
        say(warning, err=True)


def _export_checkin(doc, formats: list[str], out: Path | None,
                    args: argparse.Namespace) -> int:
    """``export --checkin [DATE]``: the boards (PDF), Markdown and actuals (CSV) of the
    check-in held on DATE, else the newest."""
    from workshop.export import ExportError, export_checkin

    lang = i18n.get_language()
    try:
        for fmt in formats:
            result = export_checkin(doc, fmt, date=args.checkin or None, out=out,
                                    teams=(args.team or ()) if fmt == "pdf" else (), lang=lang,
                                    font=args.font)
            _print_result(result)
    except ExportError as error:
        raise CliError(str(error)) from None
    return 0


def _export_one(doc: Any, fmt: str, args: argparse.Namespace, pool: Any, *,
                teams: Sequence[str], all_teams: bool) -> None:
    from workshop.export import ExportResult
    from workshop.export.fonts import fallback_line, find_cjk_font
    from workshop.export.jobs import Progress, plan_export, run_in_process

    lang = i18n.get_language()
    plan = plan_export(doc, fmt, out=Path(args.out) if args.out else None, teams=teams,
                       all_teams=all_teams, lang=lang, font=args.font, appendix=args.appendix)
    total = len(plan.jobs)
    font_said = False

    def written(progress: Progress) -> None:
        nonlocal font_said
        result = progress.written
        if result is None:
            return
        if result.font is not None and not font_said:
            say(result.font.describe(lang))
            say(fallback_line(lang, result.fallbacks))
            font_said = True
        say(t("cli.exported", path=result.path) if total == 1 else
               t("cli.exported_of", done=progress.done, total=total, path=result.path))

    if pool is not None and total > 1:
        if plan.needs_font:  # a font that cannot be used is said before any folder is made
            find_cjk_font(plan.font, lang=lang)
        say(t("cli.exporting", count=total, workers=pool.workers_for(total)))
        result = pool.run(plan.placed(), doc.model_dump_json().encode("utf-8"),
                          on_progress=written)
    else:
        result = ExportResult.of(run_in_process(plan, doc, on_progress=written))
    for warning in result.warnings:
        say(warning, err=True)
