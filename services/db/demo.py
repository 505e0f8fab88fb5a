"""Load the demo district (blocks, grid cells, units) from ``resources/demo``.

Idempotent: rows already present are left as they are.  The demo files are
made-up data, marked as such; a real district loads its own.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, select

from services.db.models import Block, GridCell, Unit, table_of, unit_grids
from services.db.store import Store
from services.domain import UnitKind
from services.errors import ConfigError
from services.resources import resource


def load_demo_district(store: Store, folder: Path | None = None) -> int:
    """Insert what is missing; returns the number of rows inserted."""
    folder = folder or resource("demo")
    try:
        grids = json.loads((folder / "grids.geojson").read_text(encoding="utf-8"))
        units = tomllib.loads((folder / "units.toml").read_text(encoding="utf-8"))["unit"]
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"demo district in {folder}: {exc}") from exc
    added = 0
    with store.transaction() as tx:
        for feature in grids["features"]:
            p = feature["properties"]
            added += _add(
                tx.conn,
                table_of(Block),
                "code",
                code=p["block"],
                name=p["block_name"],
                geometry=None,
            )
            added += _add(
                tx.conn,
                table_of(GridCell),
                "code",
                code=p["code"],
                block_code=p["block"],
                name=p["name"],
                geometry=json.dumps(feature["geometry"]),
                supervising_unit=p.get("supervising_unit"),
            )
        for u in units:
            added += _add(
                tx.conn,
                table_of(Unit),
                "code",
                code=u["code"],
                name=u["name"],
                kind=UnitKind(u["kind"]),
                community_code=u.get("community"),
                phone=u.get("phone"),
            )
            for grid in u.get("grids", []):
                added += _add(
                    tx.conn,
                    unit_grids,
                    ("unit_code", "grid_code"),
                    unit_code=u["code"],
                    grid_code=grid,
                )
    return added


def _add(conn: Connection, table: Table, key: str | tuple[str, ...], **values: Any) -> int:
    keys = (key,) if isinstance(key, str) else key
    where = [table.c[k] == values[k] for k in keys]
    if conn.execute(select(*[table.c[k] for k in keys]).where(*where)).first():
        return 0
    conn.execute(insert(table).values(**values))
    return 1
