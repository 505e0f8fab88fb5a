"""``youyi-console grids ...`` and ``devices ...``: the district's map and its
device registry, for administrators."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from console.cli.parser import number
from console.cli.sign_in import administrator
from console.cli.store import opened
from services.district.geo import GridIndex, Placement
from services.errors import OutsideDistrictError


def add_admin_commands(sub: Any) -> None:
    grids = sub.add_parser("grids", help="the district's grid cells (the nine-grid map)")
    g_sub = grids.add_subparsers(title="grids commands", metavar="ACTION", required=True)
    p = g_sub.add_parser(
        "import",
        help="replace the district's grid cells by those of a GeoJSON FeatureCollection "
        "(properties code, name, block, block_name, supervising_unit); all or nothing",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_grids_import)
    p = g_sub.add_parser(
        "locate", help="the block and grid cell a point lies in (exit 1 if outside the district)"
    )
    p.add_argument(
        "lon", type=number(float, -180, 180), metavar="LON", help="longitude, degrees east"
    )
    p.add_argument(
        "lat", type=number(float, -90, 90), metavar="LAT", help="latitude, degrees north"
    )
    p.add_argument(
        "--grids",
        type=Path,
        metavar="FILE",
        help="check against this GeoJSON file, not the database",
    )
    p.set_defaults(handler=cmd_grids_locate)

    devices = sub.add_parser("devices", help="the device registry")
    d_sub = devices.add_subparsers(title="devices commands", metavar="ACTION", required=True)
    p = d_sub.add_parser(
        "import",
        help="add or update devices from FILE (.csv, .geojson or .json); "
        "a file with any bad record is refused whole",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--change-kinds",
        action="store_true",
        help="let the file change the kind of a registered device (each change audited)",
    )
    p.set_defaults(handler=cmd_devices_import)
    p = d_sub.add_parser("export", help="write every device to FILE (.csv, .geojson or .json)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_devices_export)


def cmd_grids_import(args: argparse.Namespace) -> int:
    from services.district.grids import import_grids

    with opened(args) as store:
        r = import_grids(store, args.file, administrator(args, store))
    print(
        f"{args.file.name}: {r.cells} grid cells imported ({r.added} new, {r.removed} removed); "
        f"{r.moved} communities and devices now in another cell"
    )
    return 0


def cmd_grids_locate(args: argparse.Namespace) -> int:
    if args.grids:
        index = GridIndex.from_file(args.grids)
    else:
        from services.district.grids import load_grid_index

        with opened(args) as store, store.reading() as conn:
            index = load_grid_index(conn)
    try:
        place = index.locate(args.lon, args.lat)
    except OutsideDistrictError as exc:
        print(exc)
        return 1
    print(_placement(place))
    return 0


def cmd_devices_import(args: argparse.Namespace) -> int:
    from services.district.registry import import_devices

    with opened(args) as store:
        r = import_devices(
            store, args.file, administrator(args, store), change_kinds=args.change_kinds
        )
    print(f"{args.file.name}: {r.devices} devices imported ({r.added} new, {r.updated} updated)")
    return 0


def cmd_devices_export(args: argparse.Namespace) -> int:
    from services.district.registry import export_devices

    with opened(args) as store:
        n = export_devices(store, args.file)
    print(f"{n} devices written to {args.file}")
    return 0


def _placement(p: Placement) -> str:
    return f"block {p.block_code} {p.block_name}, grid cell {p.grid_code} {p.grid_name}"
