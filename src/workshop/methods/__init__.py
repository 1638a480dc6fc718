"""Pure functions over the workshop document: no I/O, no Textual.

One package per step that has methods of its own (``vision``: SMART, cascades, funnel;
``gaps``: ranking, whys; ``cocreate``: focus, clusters, votes; ``plan``: actions,
adoption, readiness), one module for the smaller steps (``charter``, ``townhall``), and
what the whole room shares: ``numbers``, ``dots`` (dot voting), ``progress`` (each
step's status), ``clock`` and ``turns``. Tests and scripts can call them directly.

Language: every function that words something takes `lang` and passes it on to each
catalog lookup (``t(key, lang)``). The report always gives one; ``None`` means the
process language, which only the TUI relies on (a test checks every lookup here names
its language).
"""
