"""The "Cite this" feature: the book, its chapters and sections, and every record's page, cited in
APA 7 and Chicago author-date and downloadable as BibTeX, RIS and CSL-JSON.

Everything comes from one description of what is cited, in CSL data (``csl.py``): citeproc-py
renders it with the official CSL styles and locales (``render.py``), and the BibTeX and RIS files are
written from it (``formats.py``). Pages show their citation through the ``{% citation %}`` template
tag (``portal.templatetags.portal_citations``); the files are served at the page's own address
followed by ``cite.bib``, ``cite.ris`` or ``cite.json`` (``views.py``, wired in ``portal.urls``)."""
