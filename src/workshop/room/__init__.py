"""The room's phones: a small web server on the app's own event loop, serving a page on
which people add cards, place secret dots and ask town-hall questions from their phones.

Nothing here imports Textual: the app hosts the server through ``Host`` (``host.py``),
the way panes reach the app through ``Workbench``. ``stage.py`` says what the phones may
do while the projector shows what it shows, ``views.py`` what one phone sees,
``access.py`` who gets in and how often, ``server.py`` the web app itself, ``qr.py`` and
``address.py`` what the projector shows to let phones in.
"""
