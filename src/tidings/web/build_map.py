"""Build the web UI's country shapes: npm ``world-atlas`` TopoJSON -> GeoJSON, once, at build time.

The map has no tile server (none is reachable offline), so it draws Natural Earth country outlines
(``world-atlas`` 2.0.2, ISC; vendored in ``static/vendor/world-atlas/``) with Leaflet. Leaflet
reads GeoJSON, not TopoJSON; this script decodes the TopoJSON (quantized, delta-encoded arcs) so no
``topojson-client`` has to ship to the browser. Re-run it after updating the vendored file::

    python -m tidings.web.build_map
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATIC = Path(__file__).parent / "static"
SOURCE = STATIC / "vendor" / "world-atlas" / "countries-110m.json"
TARGET = STATIC / "countries.geojson"
# Coordinates are rounded to this many decimals (~1 km): the 110m shapes carry no finer detail.
DECIMALS = 2
# Antarctica's outline runs along the antimeridian and the pole, which a flat Web Mercator map draws
# as a stray line across the world; no news event needs it.
LEFT_OUT = {"010"}


def decode_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """Every arc as absolute [lon, lat] points (undoing quantization and delta encoding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)])
            else:
                points.append([round(dx, DECIMALS), round(dy, DECIMALS)])
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for index in indexes:
        # A negative index ~i means arc i reversed (TopoJSON specification, "Arc Indexes").
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)  # consecutive arcs share their end point
    return _unwrapped(ring)


def _unwrapped(ring: list[list[float]]) -> list[list[float]]:
    """The ring with longitudes made continuous. Rings of Fiji and Chukotka touch both -180 and 180;
    a spherical renderer copes, but Leaflet would draw a line across the whole map, so a point is
    moved by 360 degrees whenever it jumps more than half the world from the one before."""
    out = [ring[0]] if ring else []
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        out.append([lon, lat])
    return out


def to_geojson(topology: dict[str, Any], name: str = "countries") -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry.get("id") in LEFT_OUT:
            continue
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: Any = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:  # a null geometry (no shape at this scale): nothing to draw
            continue
        features.append({
            "type": "Feature", "id": geometry.get("id"),
            "properties": {"name": geometry.get("properties", {}).get("name")},
            "geometry": {"type": kind, "coordinates": coordinates},
        })
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    TARGET.write_text(json.dumps(to_geojson(topology), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {TARGET} from {SOURCE.name}")


if __name__ == "__main__":
    main()
