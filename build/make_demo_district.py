"""Write the DEMO district of Youyi Road sub-district into resources/demo/.

Run once from the project root (``.venv/bin/python build/make_demo_district.py``);
it is deterministic (fixed seed), so running it again rewrites the same files.
Everything it writes is made-up demo data: the nine grid cells (irregular, sharing
their borders exactly; G13 has a hole filled by an exclave of G23), 84
communities, their cameras, and the devices of the registry.
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.geometry.polygon import orient

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo"
NOTE = "DEMO DATA — made up for the Youyi Road (友谊路街道) demo district, Baoshan; not official"
XS = [121.478, 121.486, 121.494, 121.502]  # west → east
YS = [31.414, 31.4066, 31.3992, 31.3918]  # north → south
BLOCKS = [
    ("B1", "长滩街区", "长滩"),
    ("B2", "宝山八村街区", "宝山八村"),
    ("B3", "宝莲城街区", "宝莲城"),
]
ORDINAL = "一二三"
NAMES = [
    # B1 长滩街区
    "长滩一期 长滩二期 长滩三期 长滩四期 长滩五期 长滩六期 长滩臻园 长滩华庭 临江新村 临江花园 "
    "滨江华庭 江景苑 海江新村 淞滨公寓 宝杨新村 宝杨路小区 塘后路小区 友谊新村 友谊花苑 "
    "友谊一村 友谊二村 双城路小区 漠河新村 漠河路公寓 吴淞湾花苑 宝钢一村 宝钢二村 樱花苑",
    # B2 宝山八村街区
    "宝山一村 宝山二村 宝山三村 宝山四村 宝山五村 宝山六村 宝山七村 宝山八村 宝山九村 宝山十村 "
    "宝林一村 宝林二村 宝林三村 宝林四村 宝林五村 盘古新苑 密山新村 密山路公寓 永清新村 "
    "永清二村 铁峰路小区 同泰北路小区 淞宝小区 石洞口新村 团结路小区 友谊支路小区 爱辉路小区 "
    "绿地公馆",
    # B3 宝莲城街区
    "宝莲城一期 宝莲城二期 宝莲城三期 宝龙公寓 宝龙花园 宝莲湖畔 莲花苑 月浦新村 牡丹江路小区 "
    "宝城新村 宝城公寓 淞南新苑 泰和新城 泰和苑 盘古路小区 宝乐路小区 宝乐花苑 丹霞山路小区 "
    "华宝花园 紫藤苑 翠竹苑 银杏苑 梅林苑 金地宝城 宝山新城花苑 湄浦新村 宝泉路小区 宝莲二村",
]
PER_CELL = (10, 9, 9)
EXCLAVE_COMMUNITY = "友谊支路小区"  # of G23, lies in the hole of G13
ROADS = [
    "友谊路",
    "牡丹江路",
    "密山路",
    "宝杨路",
    "漠河路",
    "同泰北路",
    "团结路",
    "盘古路",
    "永清路",
    "双城路",
]
INTERVAL = {
    "camera": 60,
    "elevator": 300,
    "arc_fault": 60,
    "eagle_eye": 60,
    "nonmotor_probe": 300,
    "storefront_probe": 300,
}
rng = random.Random(20261123)


def r6(v: float) -> float:
    return round(v, 6)


def lattice() -> dict[tuple[int, int], tuple[float, float]]:
    nodes = {}
    for r, y in enumerate(YS):
        for c, x in enumerate(XS):
            nodes[r, c] = (
                r6(x + rng.uniform(-0.0011, 0.0011)),
                r6(y + rng.uniform(-0.0009, 0.0009)),
            )
    return nodes


def edge(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """A wiggly border from a to b (shared as is by both neighbours)."""
    (ax, ay), (bx, by) = a, b
    nx, ny = -(by - ay), bx - ax  # perpendicular
    ts = sorted(rng.uniform(0.15, 0.85) for _ in range(rng.randint(2, 3)))
    mids = []
    for t in ts:
        k = rng.uniform(-0.07, 0.07)
        mids.append((r6(ax + t * (bx - ax) + k * nx), r6(ay + t * (by - ay) + k * ny)))
    return [a, *mids, b]


def cells() -> dict[str, object]:
    nodes = lattice()
    horiz = {(r, c): edge(nodes[r, c], nodes[r, c + 1]) for r in range(4) for c in range(3)}
    vert = {(r, c): edge(nodes[r, c], nodes[r + 1, c]) for r in range(3) for c in range(4)}
    shapes: dict[str, object] = {}
    for r in range(3):
        for c in range(3):
            ring = (
                horiz[r, c][:-1]
                + vert[r, c + 1][:-1]
                + horiz[r + 1, c][::-1][:-1]
                + vert[r, c][::-1][:-1]
            )
            shapes[f"G{r + 1}{c + 1}"] = Polygon(ring)
    g13 = shapes["G13"]
    cx, cy = g13.centroid.x, g13.centroid.y  # type: ignore[attr-defined]
    exclave = Polygon(
        [
            (r6(cx - 0.0009), r6(cy - 0.0006)),
            (r6(cx + 0.0008), r6(cy - 0.0007)),
            (r6(cx + 0.0010), r6(cy + 0.0007)),
            (r6(cx - 0.0007), r6(cy + 0.0006)),
        ]
    )
    assert g13.buffer(-0.0008).contains(exclave)  # type: ignore[attr-defined]
    shapes["G13"] = Polygon(g13.exterior.coords, [exclave.exterior.coords])  # type: ignore[attr-defined]
    shapes["G23"] = MultiPolygon([shapes["G23"], exclave])
    for code, s in shapes.items():
        assert s.is_valid, code  # type: ignore[attr-defined]
    return {k: orient_all(v) for k, v in shapes.items()}


def orient_all(geom: object) -> object:
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    return orient(geom, 1.0)  # type: ignore[arg-type]


def sample(
    area: object, near: tuple[float, float] | None = None, spread: float = 0.0
) -> tuple[float, float]:
    x0, y0, x1, y1 = area.bounds  # type: ignore[attr-defined]
    while True:
        if near:
            x, y = near[0] + rng.uniform(-spread, spread), near[1] + rng.uniform(-spread, spread)
        else:
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        x, y = r6(x), r6(y)
        if area.contains(Point(x, y)):  # type: ignore[attr-defined]
            return x, y


def is_old(name: str) -> bool:
    return name.endswith(("村", "小区"))


def main() -> None:
    shapes = cells()
    write_grids(shapes)
    communities, cameras, devices = [], [], []
    n = 0
    for b, names in enumerate(NAMES):
        names = names.split()
        assert len(names) == sum(PER_CELL) == 28
        start = 0
        for c, count in enumerate(PER_CELL):
            grid = f"G{b + 1}{c + 1}"
            shape = shapes[grid]
            main_part = shape.geoms[0] if isinstance(shape, MultiPolygon) else shape
            room = main_part.buffer(-0.0005)  # type: ignore[attr-defined]
            placed: list[tuple[float, float]] = []
            for name in names[start : start + count]:
                n += 1
                code = f"C{n:02d}"
                if name == EXCLAVE_COMMUNITY:
                    area = shape.geoms[1].buffer(-0.0001)  # type: ignore[attr-defined]
                    pos = (r6(area.centroid.x), r6(area.centroid.y))
                else:
                    area = room
                    while True:
                        pos = sample(room)
                        if all(abs(pos[0] - p[0]) + abs(pos[1] - p[1]) > 0.0012 for p in placed):
                            break
                placed.append(pos)
                communities.append(
                    {"code": code, "name": name, "grid": grid, "lon": pos[0], "lat": pos[1]}
                )
                inner = shape.buffer(-0.00005) if name != EXCLAVE_COMMUNITY else area  # type: ignore[attr-defined]
                add_community_devices(n, code, name, pos, inner, cameras, devices)
            start += count
    add_street_devices(communities, shapes, cameras, devices)
    write_csv("communities.csv", ["code", "name", "grid", "lon", "lat"], communities)
    write_csv(
        "cameras.csv", ["id", "name", "community", "main_url", "sub_url", "lon", "lat"], cameras
    )
    order = list(INTERVAL)
    devices.sort(key=lambda d: (order.index(d["kind"]), d["id"]))
    fields = ["id", "kind", "name", "community", "lon", "lat", "camera_ids", "reporting_interval_s"]
    write_csv("devices.csv", fields, devices)
    write_units(communities)
    kinds = {k: sum(d["kind"] == k for d in devices) for k in order}
    print(
        f"{len(communities)} communities, {len(cameras)} cameras, {len(devices)} devices: {kinds}"
    )


def add_community_devices(n, code, name, pos, inner, cameras, devices) -> None:
    cam = f"CAM-{n:03d}"
    lon, lat = sample(inner, pos, 0.0003)
    cameras.append(camera(cam, f"{name}主出入口", code, lon, lat))
    devices.append(device(cam, "camera", f"{name}主出入口", code, lon, lat, [cam]))
    old = is_old(name)
    buildings = rng.randint(8, 30) if old else rng.randint(6, 16)
    elevators = rng.randint(0, 3) if old else rng.randint(5, 10)
    arcs = rng.randint(6, 10) if old else rng.randint(0, 2)
    for k in range(1, elevators + 1):
        b = (k + 1) // 2 if not old else rng.randint(1, buildings)
        lon, lat = sample(inner, pos, 0.0006)
        label = f"{name}{b}号楼{2 - k % 2}号梯" if not old else f"{name}{b}号楼加装电梯"
        devices.append(device(f"EL-{n:02d}{k:02d}", "elevator", label, code, lon, lat, [cam]))
    for k, b in enumerate(sorted(rng.sample(range(1, buildings + 1), arcs)), start=1):
        lon, lat = sample(inner, pos, 0.0006)
        label = f"{name}{b}号楼配电箱灭弧"
        devices.append(device(f"AF-{n:02d}{k:02d}", "arc_fault", label, code, lon, lat, [cam]))


def add_street_devices(communities, shapes, cameras, devices) -> None:
    by_grid: dict[str, list[dict[str, object]]] = {}
    for c in communities:
        by_grid.setdefault(str(c["grid"]), []).append(c)
    eagle: list[tuple[str, float, float]] = []
    for i, grid in enumerate(["G11", "G12", "G13", "G21", "G22", "G31", "G32", "G33"], start=1):
        c = by_grid[grid][rng.randrange(len(by_grid[grid]))]
        if c["name"] == EXCLAVE_COMMUNITY:
            c = by_grid[grid][0]
        lon, lat = sample(shapes[grid].buffer(-0.00005), (c["lon"], c["lat"]), 0.0004)  # type: ignore[attr-defined]
        ee = f"EE-{i:02d}"
        label = f"{c['name']}高点鹰眼"
        cameras.append(camera(ee, label, str(c["code"]), lon, lat))
        devices.append(device(ee, "eagle_eye", label, str(c["code"]), lon, lat, [ee]))
        eagle.append((ee, lon, lat))
    old = [c for c in communities if is_old(str(c["name"])) and c["name"] != EXCLAVE_COMMUNITY]
    for i, c in enumerate(sorted(rng.sample(old, 20), key=lambda c: c["code"]), start=1):
        lon, lat = sample(shapes[c["grid"]].buffer(-0.00005), (c["lon"], c["lat"]), 0.0004)  # type: ignore[attr-defined]
        cam = f"CAM-{int(str(c['code'])[1:]):03d}"
        devices.append(
            device(
                f"NM-{i:02d}",
                "nonmotor_probe",
                f"{c['name']}非机动车停放点",
                str(c["code"]),
                lon,
                lat,
                [cam],
            )
        )
    others = [c for c in communities if c["name"] != EXCLAVE_COMMUNITY]
    for i, c in enumerate(sorted(rng.sample(others, 20), key=lambda c: c["code"]), start=1):
        lon, lat = sample(shapes[c["grid"]].buffer(-0.00005), (c["lon"], c["lat"]), 0.0006)  # type: ignore[attr-defined]
        near = min(eagle, key=lambda e: (e[1] - lon) ** 2 + (e[2] - lat) ** 2)[0]
        label = f"{rng.choice(ROADS)}{rng.randint(1, 400)}号沿街商铺"
        devices.append(
            device(f"SF-{i:02d}", "storefront_probe", label, str(c["code"]), lon, lat, [near])
        )


def camera(cid: str, name: str, community: str, lon: float, lat: float) -> dict[str, object]:
    return {
        "id": cid,
        "name": name,
        "community": community,
        "main_url": f"demo://{cid}/main",
        "sub_url": f"demo://{cid}/sub",
        "lon": lon,
        "lat": lat,
    }


def device(did, kind, name, community, lon, lat, cams) -> dict[str, object]:
    return {
        "id": did,
        "kind": kind,
        "name": name,
        "community": community,
        "lon": lon,
        "lat": lat,
        "camera_ids": ";".join(cams),
        "reporting_interval_s": INTERVAL[kind],
    }


def write_csv(name: str, fields: list[str], rows: list[dict[str, object]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as f:
        f.write(f"# {NOTE}\n")
        w = csv.DictWriter(f, fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def write_grids(shapes: dict[str, object]) -> None:
    features = []
    for b, (block, block_name, short) in enumerate(BLOCKS):
        for c in range(3):
            code = f"G{b + 1}{c + 1}"
            props = {
                "code": code,
                "name": f"{short}{ORDINAL[c]}网格",
                "block": block,
                "block_name": block_name,
                "supervising_unit": f"grid-{code.lower()}",
            }
            features.append(
                {"type": "Feature", "properties": props, "geometry": mapping(shapes[code])}
            )
    fc = {
        "type": "FeatureCollection",
        "name": "youyi-demo-grids",
        "demo": NOTE,
        "features": features,
    }
    text = json.dumps(fc, ensure_ascii=False, indent=1)
    text = re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", text)
    (OUT / "grids.geojson").write_text(text + "\n", encoding="utf-8")


def write_units(communities: list[dict[str, object]]) -> None:
    path = OUT / "units.toml"
    text = path.read_text(encoding="utf-8")
    marker = "# --- each community's own property management office (generated) ---"
    text = text.split(marker)[0].rstrip() + "\n\n" + marker + "\n"
    for c in communities:
        code = str(c["code"])
        text += (
            f'\n[[unit]]\ncode = "pm-{code.lower()}"\nname = "{c["name"]}物业管理处"\n'
            f'kind = "property_company"\ncommunity = "{code}"\n'
        )
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
