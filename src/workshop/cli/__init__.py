"""The ``workshop`` command: parses arguments, then validates, exports or starts the app.

The app is built from parsed values by ``run_app`` (imported lazily, so ``validate``
and ``export`` never load Textual); tests replace ``run_app`` and never start a
terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from workshop import __version__, i18n
from workshop.cli import argparse_words
from workshop.cli.exporting import cmd_export
from workshop.cli.output import CliError
from workshop.cli.output import say as _print
from workshop.i18n import t
from workshop.problems import ScenarioError
from workshop.sessions import (
    demo_scenario,
    demo_session_path,
    new_session,
    open_demo,
    open_session,
    restore_and_open,
)
from workshop.store import (
    Session,
    SessionCorrupt,
    SessionExists,
    StoreError,
    backups,
)
from workshop.store.codec import inspect as inspect_session
from workshop.take_over import TakeOverRefused, open_or_take_over


def load_scenario(path: Path):
    """``workshop.scenario.load_scenario``, imported when first needed (its schemas take a
    while to load, and ``workshop open`` never needs them)."""
    from workshop import scenario

    return scenario.load_scenario(path)


def scenario_language(path: Path) -> str | None:
    from workshop import scenario

    return scenario.scenario_language(path)


def run_app(session: Session | None = None, *, projector: bool = False, room: bool = False,
            room_host: str | None = None, room_port: int | None = None,
            **run_options: Any) -> int:
    """Start the Textual app on `session` (or on the home screen) and wait for it to end.

    `room` opens the room to phones at once, on `room_host`:`room_port` (default: the
    machine's address on the local network, port 8765 or any free one).

    `run_options` go to ``App.run`` (the benchmark starts the app headless this way).

    Starting allocates some hundred thousand objects (Textual, the screens, their styles)
    that live as long as the app, and Python's cycle collector would walk them all again
    and again while they are made: it is paused until the first screen is up, then those
    objects are set aside as permanent (``gc.freeze``). The first screen comes sooner,
    later collections walk only what the workshop makes, and quitting does not walk them
    all once more before the process ends.
    """
    if not run_options.get("headless") and not _has_terminal():
        # Textual would draw into a file or a pipe and wait for keys that never come
        raise CliError(t("cli.needs_terminal"))
    gc.disable()
    try:
        from workshop.tui.app import WorkshopApp
        from workshop.tui.phones import RoomOptions

        app = WorkshopApp(session=session, projector=projector,
                          on_first_screen=_collect_from_now_on,
                          room_options=RoomOptions(room_host, room_port, room))
        app.run(**run_options)
    finally:
        _collect_from_now_on()
    return app.return_code or 0


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _collect_from_now_on() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _peek_lang(argv: Sequence[str]) -> str | None:
    """The ``--lang`` value, read before parsing so that help is in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


# -- commands --------------------------------------------------------------------------

def _looks_like_session(path: Path) -> bool:
    """Whether `path` is meant as a session (JSON) rather than a scenario (TOML): by its
    name, else by its first character (``{``). Never opens what is not a file."""
    name = path.name.lower()
    if name.endswith(".json"):
        return True
    if name.endswith(".toml") or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            start = handle.read(64)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{"


def _validate_session(path: Path, name: str) -> bool:
    """Check a session file as ``workshop open`` would read it; True if it can be used."""
    try:
        doc, notes = inspect_session(path)
    except StoreError as error:
        _print(str(error), err=True)
        if isinstance(error, SessionCorrupt) and error.backups:
            _print(t("cli.offer_backup", backup=error.backups[0], path=error.path), err=True)
        return False
    _print(t("cli.session_ok", file=name, teams=len(doc.teams), goals=len(doc.vision.goals)))
    for note in notes:
        _print(t("cli.session_repaired", file=name, note=note), err=True)
    return True


def cmd_validate(args: argparse.Namespace) -> int:
    from workshop.methods import agenda

    bad = good = 0
    for name in args.files:
        path = Path(name)
        if _looks_like_session(path):
            if _validate_session(path, name):
                good += 1
            else:
                bad += 1
            continue
        if not args.lang:
            i18n.set_language(i18n.detect(scenario=scenario_language(path)))
        try:
            doc = load_scenario(path)
        except ScenarioError as error:
            bad += 1
            for problem in error.problems:
                _print(problem.format(), err=True)
            continue
        good += 1
        _print(t("scenario.ok", file=name, teams=len(doc.teams), goals=len(doc.vision.goals)))
        planned = agenda.of_workshop(doc)
        if not planned.fits:  # a warning: the file is valid, the day is too full
            _print(t("scenario.agenda_too_long", file=name, total=planned.total,
                     days=planned.days, capacity=planned.days * agenda.DAY_MINUTES,
                     needed=planned.days_needed), err=True)
    if len(args.files) > 1 or bad:
        _print(t("scenario.summary_bad", bad=bad, good=good), err=bool(bad))
    return 1 if bad else 0


def cmd_new(args: argparse.Namespace) -> int:
    scenario = Path(args.scenario)
    if not args.lang:
        i18n.set_language(i18n.detect(scenario=scenario_language(scenario)))
    try:
        session = new_session(scenario, Path(args.out) if args.out else None)
    except SessionExists as error:
        raise CliError(t("cli.session_exists", path=error.path)) from None
    _print(t("cli.session_created", path=session.path))
    if args.no_open:
        session.close()
        return 0
    return _run(session, args)


def _speak_the_session(session: Session, args: argparse.Namespace) -> None:
    if not args.lang:
        i18n.set_language(i18n.detect(scenario=session.doc.room.language
                                      or session.doc.meta.language))


def _run(session: Session, args: argparse.Namespace) -> int:
    _speak_the_session(session, args)
    try:
        return run_app(session, projector=getattr(args, "projector", False),
                       room=getattr(args, "room", False),
                       room_host=getattr(args, "room_host", None),
                       room_port=getattr(args, "room_port", None))
    finally:
        session.close()


def cmd_open(args: argparse.Namespace) -> int:
    path = Path(args.session)
    try:
        session = open_or_take_over(path, args.take_over, partial(_print, err=True))
    except TakeOverRefused as error:
        raise CliError(str(error)) from None
    except SessionCorrupt as error:
        if not args.from_backup:
            raise
        if not error.backups:
            raise CliError(t("cli.no_good_backup", path=path)) from None
        session = restore_and_open(path, error.backups[0])
        _print(t("cli.backup_restored", backup=error.backups[0], path=path))
    if getattr(session, "stale_lock_replaced", False):
        _print(t("cli.stale_lock", path=path), err=True)
    return _run(session, args)


def cmd_demo(args: argparse.Namespace) -> int:
    if not args.lang and (args.fresh or not demo_session_path().exists()):
        # made from the scenario: its messages in the scenario's language (reading the
        # scenario's schemas costs the start of a kept demo some 20 ms it does not need)
        i18n.set_language(i18n.detect(scenario=scenario_language(demo_scenario())))
    session = open_demo(fresh=args.fresh)
    _speak_the_session(session, args)
    _print(t("cli.demo_session", path=session.path))
    return _run(session, args)


def cmd_checkin(args: argparse.Namespace) -> int:
    """Open the session on its check-ins: the one held on ``--date`` (made if there is
    none), else the newest (one for today if there is none yet). With ``--import``, read
    the actuals into it and print what was read, without opening the app."""
    from workshop.edits import EditError
    from workshop.edits import checkin as checkin_edits
    from workshop.edits.checkin_import import import_actuals
    from workshop.methods.checkin import ledger, periods
    from workshop.methods.numbers import ParseError, parse_date

    path = Path(args.session)
    try:
        day = parse_date(args.date) if args.date else None
    except ParseError as error:
        raise CliError(str(error)) from None
    data = None
    if args.import_file:
        try:
            data = Path(args.import_file).read_bytes()
        except OSError as error:
            raise CliError(t("cli.os_error", error=error.strerror or error,
                             path=args.import_file)) from None
    session = open_session(path)
    try:
        if not args.lang:
            i18n.set_language(i18n.detect(scenario=session.doc.room.language
                                          or session.doc.meta.language))
        doc = session.doc
        held = [c for c in ledger.in_order(doc) if day is None or c.date == day]
        checkin = held[-1] if held else None
        if checkin is None:
            day = day or dt.date.today()
            period = periods.default(doc, day)
            checkin = session.apply(t("checkin.undo.new", date=day.isoformat()),
                                    checkin_edits.new_checkin, day, period.start, period.end)
            _print(t("cli.checkin_created", date=day.isoformat(),
                     start=period.start.isoformat(), end=period.end.isoformat()))
        checkin_id = checkin.id
        if data is not None:
            try:
                rows = session.apply(t("checkin.undo.import", file=Path(args.import_file).name),
                                     import_actuals, checkin_id, data, i18n.get_language())
            except EditError as error:
                raise CliError(str(error)) from None
            _print(t("cli.checkin_imported", count=len(rows), date=checkin.date.isoformat(),
                     path=path))
            return 0
        session.update_room(checkin_edits.open_checkins, checkin_id,
                            doc.agenda.get("checkin", 0))
    except BaseException:
        session.close()
        raise
    return _run(session, args)


def cmd_backups(args: argparse.Namespace) -> int:
    path = Path(args.session)
    found = backups(path)
    if not found:
        _print(t("cli.no_backups", path=path))
        return 0
    for backup in found:
        stamp = dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        _print(f"{stamp}  {backup}")
    return 0


# -- parser ----------------------------------------------------------------------------

def _address(value: str) -> str:
    """``--room-host``: an IP address of this machine (IPv4 or IPv6)."""
    import ipaddress

    try:
        return str(ipaddress.ip_address(value.strip().strip("[]")))
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.room_host_bad", value=value)) from None


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(t("cli.room_port_bad", value=value))
    return int(value)


def _app_options(parser: argparse.ArgumentParser, *, top: bool = False,
                 room: bool = True) -> None:
    """The options of a command that starts the app, before or after the command:
    ``--projector``, and with `room` ``--room``, ``--room-host``, ``--room-port`` (after
    the command they default to nothing, so they never hide a value given before it)."""
    extra: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument("--projector", action="store_true", help=t("cli.help.projector"),
                        **extra)
    if not room:
        return
    parser.add_argument("--room", action="store_true", help=t("cli.help.room"), **extra)
    parser.add_argument("--room-host", metavar="ADDRESS", type=_address,
                        help=t("cli.help.room_host"), **extra)
    parser.add_argument("--room-port", metavar="PORT", type=_port,
                        help=t("cli.help.room_port"), **extra)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in the room's language, and errors as exit code 2."""

    def format_usage(self) -> str:
        return argparse_words.help_text(super().format_usage())

    def format_help(self) -> str:
        return argparse_words.help_text(super().format_help())

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        _print(t("cli.usage_error", prog=self.prog, message=argparse_words.error(message)),
               err=True)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="workshop", description=t("cli.description"),
                     epilog=t("cli.epilog"), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"workshop {__version__}")
    # Options accepted before or after the command; SUPPRESS keeps a subcommand's
    # default from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                        help=t("cli.help.lang"))
    parser.add_argument("--lang", choices=["zh", "en"], help=t("cli.help.lang"))
    _app_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"),
                                     parser_class=_Parser)

    demo = commands.add_parser("demo", parents=[common], help=t("cli.help.demo"),
                               description=t("cli.help.demo"))
    demo.add_argument("--fresh", action="store_true", help=t("cli.help.fresh"))
    _app_options(demo)
    demo.set_defaults(func=cmd_demo)

    new = commands.add_parser("new", parents=[common], help=t("cli.help.new"),
                              description=t("cli.help.new"))
    new.add_argument("scenario", metavar="SCENARIO", help=t("cli.help.scenario"))
    new.add_argument("--out", metavar="SESSION", help=t("cli.help.session_out"))
    new.add_argument("--no-open", action="store_true", help=t("cli.help.no_open"))
    _app_options(new)
    new.set_defaults(func=cmd_new)

    open_ = commands.add_parser("open", parents=[common], help=t("cli.help.open"),
                                description=t("cli.help.open"))
    open_.add_argument("session", metavar="SESSION", help=t("cli.help.session"))
    open_.add_argument("--from-backup", action="store_true", help=t("cli.help.from_backup"))
    open_.add_argument("--take-over", action="store_true", help=t("cli.help.take_over"))
    _app_options(open_)
    open_.set_defaults(func=cmd_open)

    validate = commands.add_parser("validate", parents=[common], help=t("cli.help.validate"),
                                   description=t("cli.help.validate"))
    validate.add_argument("files", nargs="+", metavar="FILE", help=t("cli.help.files"))
    validate.set_defaults(func=cmd_validate)

    export = commands.add_parser("export", parents=[common], help=t("cli.help.export"),
                                 description=t("cli.help.export"))
    export.add_argument("source", metavar="SESSION|SCENARIO", help=t("cli.help.source"))
    export.add_argument("--format", action="append", choices=["pdf", "md", "csv", "json"],
                        help=t("cli.help.format"))
    export.add_argument("--team", action="append", metavar="NAME", help=t("cli.help.team"))
    export.add_argument("--all-teams", action="store_true", help=t("cli.help.all_teams"))
    export.add_argument("--out", metavar="PATH", help=t("cli.help.out"))
    export.add_argument("--font", metavar="FONT", help=t("cli.help.font"))
    export.add_argument("--appendix", action="store_true", help=t("cli.help.appendix"))
    export.add_argument("--checkin", nargs="?", const="", metavar="DATE",
                        help=t("cli.help.export_checkin"))
    export.set_defaults(func=cmd_export)

    checkin = commands.add_parser("checkin", parents=[common], help=t("cli.help.checkin"),
                                  description=t("cli.help.checkin_long"))
    checkin.add_argument("session", metavar="SESSION", help=t("cli.help.session"))
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help=t("cli.help.checkin_date"))
    checkin.add_argument("--import", dest="import_file", metavar="CSV",
                         help=t("cli.help.checkin_import"))
    _app_options(checkin, room=False)
    checkin.set_defaults(func=cmd_checkin)

    backups_ = commands.add_parser("backups", parents=[common], help=t("cli.help.backups"),
                                   description=t("cli.help.backups"))
    backups_.add_argument("session", metavar="SESSION", help=t("cli.help.session"))
    backups_.set_defaults(func=cmd_backups)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.detect(cli=_peek_lang(argv)))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    try:
        if args.command is None:
            return run_app(None, projector=args.projector, room=args.room,
                           room_host=args.room_host, room_port=args.room_port)
        return int(args.func(args) or 0)
    except ScenarioError as error:
        for problem in error.problems:
            _print(problem.format(), err=True)
        return 1
    except SessionCorrupt as error:
        _print(str(error), err=True)
        if error.backups:
            _print(t("cli.offer_backup", backup=error.backups[0], path=error.path), err=True)
        return 1
    except (StoreError, CliError) as error:
        _print(str(error), err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # disk full, permissions: say so plainly
        _print(t("cli.os_error", error=error.strerror or str(error),
                 path=error.filename or ""), err=True)
        return 1


__all__ = ["build_parser", "main", "run_app"]
