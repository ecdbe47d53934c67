"""StreamField data written by hand (fixtures) in the form Wagtail stores once an editor has saved
it: every block of a stream and every item of a list with its own id. Translations name blocks by
their ids, so a page loaded from fixtures must have them as an edited page does."""

import uuid

from wagtail import blocks


def with_block_ids(block, raw):
    """``raw`` (a stream, or a block's value inside one) as ``block`` stores it, ids given where
    missing; keys a block does not know are left out."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child["type"],
                "value": with_block_ids(block.child_blocks[child["type"]], child["value"]),
                "id": child.get("id") or str(uuid.uuid4()),
            }
            for child in raw or []
            if child["type"] in block.child_blocks
        ]
    if isinstance(block, blocks.ListBlock):
        items = []
        for item in raw or []:
            stored = isinstance(item, dict) and item.get("type") == "item"
            value = item["value"] if stored else item
            item_id = item.get("id") if stored else None
            items.append(
                {"type": "item", "value": with_block_ids(block.child_block, value), "id": item_id or str(uuid.uuid4())}
            )
        return items
    if isinstance(block, blocks.StructBlock):
        return {name: with_block_ids(child, raw[name]) for name, child in block.child_blocks.items() if name in raw}
    return raw
