"""Pure functions over the workshop document: no I/O, no Textual.

One package per step that has methods of its own (``vision``: SMART, cascades, funnel;
``gaps``: ranking, whys; ``cocreate``: focus, clusters, votes; ``plan``: actions,
adoption, readiness), one module for the smaller steps (``charter``, ``townhall``), and
what the whole room shares: ``numbers``, ``progress`` (each step's status), ``clock``
and ``turns``. Tests and scripts can call them directly.
"""
