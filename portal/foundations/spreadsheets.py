"""Spreadsheets safe to open: no cell a spreadsheet program would run as a formula."""

# OWASP's rule for CSV injection: a cell that begins with one of these is read as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralized(value):
    """A text cell that would start a formula, with a leading apostrophe so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
