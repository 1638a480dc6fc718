"""The app's themes: light and dark for the facilitator, high contrast for the projector."""

from __future__ import annotations

from textual.theme import Theme

LIGHT = Theme(
    name="workshop-light",
    primary="#1f5fbf",
    secondary="#0f7c74",
    accent="#c2410c",
    warning="#b45309",
    error="#b91c1c",
    success="#15803d",
    foreground="#1a1a1a",
    background="#f7f7f4",
    surface="#ffffff",
    panel="#e8eaee",
    dark=False,
)

DARK = Theme(
    name="workshop-dark",
    primary="#5b9dff",
    secondary="#2ec4b6",
    accent="#ff9f1c",
    warning="#ffbe0b",
    error="#ff5a5f",
    success="#6ede8a",
    foreground="#e8e8e8",
    background="#16181d",
    surface="#1e2128",
    panel="#2a2e37",
    dark=True,
)

PROJECTOR = Theme(
    name="workshop-projector",
    primary="#0033aa",
    secondary="#005f56",
    accent="#b30000",
    warning="#a15c00",
    error="#c00000",
    success="#006b1f",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#e6e6e6",
    boost="#f0f0f0",
    dark=False,
    variables={"text-muted": "#333333", "footer-background": "#000000",
               "footer-foreground": "#ffffff"},
)

THEMES = (LIGHT, DARK, PROJECTOR)
DEFAULT_THEME = LIGHT.name
