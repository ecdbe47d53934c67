"""People and form data for the editors' tests: members of each group, and edit forms posted back
the way the admin's own forms are."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

import pytest

PASSWORD = "a long editor password 2026"


def member(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return member("Editors", "editor")


@pytest.fixture
def other_editor(db):
    return member("KAS editors", "kas-editor")


@pytest.fixture
def moderator(db):
    return member("Moderators", "moderator")


def snippet_url(obj, view, *args):
    return reverse(obj.snippet_viewset.get_url_name(view), args=[obj.pk, *args])


def snippet_form_data(client, obj, **changes):
    """A record's edit form as the admin renders it for the logged-in user, with some fields changed."""
    response = client.get(snippet_url(obj, "edit"))
    assert response.status_code == 200, response
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    data.update(changes)
    return data


def block_form_data(block, value, prefix):
    """The POST data a StreamField's editor sends for ``value`` (what the admin's JavaScript builds)."""
    data = {}
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(value))
        for i, child in enumerate(value):
            data.update(
                {
                    f"{prefix}-{i}-type": child.block_type,
                    f"{prefix}-{i}-deleted": "",
                    f"{prefix}-{i}-order": str(i),
                    f"{prefix}-{i}-id": child.id or "",
                }
            )
            data.update(block_form_data(child.block, child.value, f"{prefix}-{i}-value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data.update(block_form_data(child_block, value.get(name), f"{prefix}-{name}"))
    elif isinstance(block, blocks.ListBlock):
        items = value.bound_blocks if hasattr(value, "bound_blocks") else list(value)
        data[f"{prefix}-count"] = str(len(items))
        for i, item in enumerate(items):
            child_value = getattr(item, "value", item)
            data.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": str(i), f"{prefix}-{i}-id": ""})
            data.update(block_form_data(block.child_block, child_value, f"{prefix}-{i}-value"))
    else:
        state = block.get_form_state(value)
        if isinstance(state, list):
            state = state[0] if state else ""
        data[prefix] = "" if state is None else state
    return data


def page_form_data(client, page, **changes):
    """The page editor's form for ``page``, StreamFields included, with some fields changed."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").dict()
    specific = page.specific
    for field in type(specific)._meta.concrete_fields:
        if isinstance(field, StreamField):
            data.update(block_form_data(field.stream_block, getattr(specific, field.name), field.name))
    data.update(changes)
    return data
