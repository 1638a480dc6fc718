"""F8: the export menu, and exports run in a thread so the room keeps working.

``ExportsHost`` is mixed into the app (as ``PhonesHost`` is): an export works on a copy
of the document, and says what it made, or why it could not (a full or read-only
folder), in the room's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work

from workshop import i18n
from workshop.i18n import t
from workshop.tui.screens.dialogs import Choice


class ExportsHost:
    """Mixed into ``WorkshopApp``: F8 and what it runs."""

    def action_export(self) -> None:
        if not self._need_session():
            return
        options = self._export_options(self.session.doc)

        def chosen(choice: str | None) -> None:
            if choice:
                self.run_export(choice)

        self.push_screen(Choice(t("export_menu.title"), options, t("export_menu.hint")), chosen)

    @staticmethod
    def _export_options(doc: Any) -> list[tuple[str, str]]:
        from workshop.tui.widgets.checkin import exports as checkin_exports

        options = [("report", t("export_menu.report")), ("handouts", t("export_menu.handouts")),
                   ("handouts+appendix", t("export_menu.handouts_appendix"))]
        options += [(f"team:{team.id}", t("export_menu.team", team=team.name))
                    for team in doc.teams]
        options += [("md", t("export_menu.md")), ("csv", t("export_menu.csv")),
                    ("json", t("export_menu.json"))]
        return options + checkin_exports.options(doc)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, choice: str) -> None:
        from workshop.export import ExportError, export
        from workshop.tui.widgets.checkin import exports as checkin_exports

        doc = self.session.doc.model_copy(deep=True)  # a snapshot: the room keeps working
        lang = i18n.get_language()
        fmt, teams, all_teams = "pdf", [], False
        appendix = choice == "handouts+appendix"
        if choice in ("handouts", "handouts+appendix"):
            all_teams = True
        elif choice.startswith("team:"):
            team = doc.team(choice.removeprefix("team:"))
            teams = [team.name] if team else []
        elif choice in ("md", "csv", "json"):
            fmt = choice
        label = dict(self._export_options(doc)).get(choice, "")
        self.call_from_thread(self.notify, t("export_menu.working_on", what=label), timeout=4)
        try:
            result = (checkin_exports.run(doc, choice, lang, self.export_folder())
                      if choice.startswith(checkin_exports.PREFIX) else
                      export(doc, fmt, teams=teams, all_teams=all_teams, lang=lang,
                             out=self.export_folder(), appendix=appendix))
        except ExportError as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        except OSError as error:
            self.call_from_thread(self.notify, t("shell.export_failed", error=error),
                                  severity="error", timeout=10)
            return
        # the folder once, then the file names: full paths of eleven PDFs flood the screen
        names = [p.name for p in result.paths]
        shown = names[:6] + ([t("export_menu.more", count=len(names) - 6)]
                             if len(names) > 6 else [])
        folder = result.paths[0].parent if result.paths else self.export_folder()
        self.call_from_thread(self.notify, t("export_menu.done_in", count=len(names),
                                             folder=str(folder), names="\n".join(shown)),
                              timeout=15)
        for warning in result.warnings[:3]:  # a character no font has: say which text
            self.call_from_thread(self.notify, warning, severity="warning", timeout=20)

    def export_folder(self) -> Path:
        """Exports land in ``exports/`` beside the session file."""
        return self.session.path.parent / "exports"
