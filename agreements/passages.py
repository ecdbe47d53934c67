"""The book's passages behind a list of records, each given once."""


def distinct_passages(records):
    """The records whose ``source_text`` is a passage of its own: not empty and not contained in
    another record's (the book's sentence on strategic partnerships grows country by country, and
    each partnership quotes it up to its own name). In the order of the records, the longest
    version of each passage standing for the shorter ones."""
    texts = {record.source_text.strip() for record in records if record.source_text.strip()}
    kept, seen = [], set()
    for record in records:
        text = record.source_text.strip()
        if not text or text in seen or any(text != other and text in other for other in texts):
            continue
        seen.add(text)
        kept.append(record)
    return kept
