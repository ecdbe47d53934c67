"""The portal's open data: every record type that declares an ``export_name`` (``PublicRecord``), as
CSV, JSON and Excel files that take its listing's filters, a Frictionless Data Package describing
them, the data page, and the data's licence (a site setting)."""
