"""Writes the official map as `dantin map load` reads it, from the `vietnam-provinces`
package unpacked in PACKAGE_DIR, into OUT_DIR:

- map-2025-06-30.json: the body of `POST /units/import`: the 63 provinces, 696 districts
  and 10,051 communes in force until 30/6/2025, with their official codes (provinces two
  digits, districts three, communes five) and kinds as the lists write them;
- reform-2025-07-01.json: the body of `POST /reorganizations`: the reform of 1/7/2025 as
  one act. Every district ends. A new province or commune that has a single predecessor
  of the same code, wholly its own, is that unit going on (moved, renamed or reclassified
  as need be); any other is created, its predecessors end, and each ended unit is
  succeeded by the new units its territory went to (whole when one, partial when it was
  split or partly merged), as the official conversion table says.

Usage: official_map.py PACKAGE_DIR OUT_DIR
"""

import json
import sys

sys.path.insert(0, sys.argv[1])

import vietnam_provinces._lookup as new  # noqa: E402
import vietnam_provinces._province_conversion_2025 as provinces_2025  # noqa: E402
import vietnam_provinces._ward_conversion_2025 as wards_2025  # noqa: E402
import vietnam_provinces.legacy._lookup as old  # noqa: E402

OUT = sys.argv[2]
FROM = "2000-01-01"
DAY = wards_2025.EFFECTIVE_DATE
BASIS = (
    "Nghị quyết 202/2025/QH15 (provinces); Luật Tổ chức chính quyền địa phương 2025 "
    "(districts); the resolutions of the National Assembly Standing Committee of 16/6/2025 "
    "(communes)"
)


def province_code(code):
    return f"{int(code):02d}"


def district_code(code):
    return f"{int(code):03d}"


def ward_code(code):
    return f"{int(code):05d}"


def unit(code, division, level, parent_code=None):
    row = {"code": code, "name": division.name, "level": level, "kind": division.division_type.value}
    if parent_code is not None:
        row["parent_code"] = parent_code
    return row


def before():
    units = [unit(province_code(c), p, "province") for c, p in old.PROVINCE_MAPPING.items()]
    units += [
        unit(district_code(c), d, "district", province_code(d.province_code))
        for c, d in old.DISTRICT_MAPPING.items()
    ]
    units += [
        unit(ward_code(c), w, "commune", district_code(w.district_code))
        for c, w in old.WARD_MAPPING.items()
    ]
    return {"valid_from": FROM, "units": units}


def tier(level, old_units, new_units, table, fmt, targets, partly, parent_of):
    """The operations of one tier: units that go on, units created, units ended and
    their successions. `targets(entry)` are the new codes an old unit's territory went
    to; `partly(entry)` whether it went there only in part."""
    preds = {}
    for code in old_units:
        entry = table.get(code)
        for target in targets(entry) if entry else ():
            preds.setdefault(target, []).append((code, partly(entry)))
    ops, going_on = [], set()
    for code, now in new_units.items():
        parent = parent_of(now)
        if preds.get(code) == [(code, False)] and code in old_units:
            going_on.add(code)
            if parent is not None:
                ops.append({"op": "move", "code": fmt(code), "parent_code": parent})
            ops += changes(fmt(code), old_units[code], now)
        else:
            ops.append({"op": "create", "unit": unit(fmt(code), now, level, parent)})
    for code in old_units:
        if code in going_on:
            continue
        ops.append({"op": "end", "code": fmt(code)})
        entry = table.get(code)
        if entry:
            ops.append({"op": "succeed", "from": fmt(code), "to": [fmt(t) for t in targets(entry)]})
    return ops


def reform():
    ops = tier(
        "province",
        old.PROVINCE_MAPPING,
        new.PROVINCE_MAPPING,
        provinces_2025.OLD_TO_NEW,
        province_code,
        lambda e: [p.code for p in e.new_provinces],
        lambda e: len(e.new_provinces) > 1,
        lambda p: None,
    )
    ops += [{"op": "end", "code": district_code(c)} for c in old.DISTRICT_MAPPING]
    ops += tier(
        "commune",
        old.WARD_MAPPING,
        new.WARD_MAPPING,
        wards_2025.OLD_TO_NEW,
        ward_code,
        lambda e: [w.code for w in e.new_wards],
        lambda e: e.old_ward.is_partly_merged or len(e.new_wards) > 1,
        lambda w: province_code(w.province_code),
    )
    return {"effective_on": DAY, "basis": BASIS, "operations": ops}


def changes(code, was, now):
    """A unit that goes on: its new name and kind, where they changed."""
    out = []
    if was.name != now.name:
        out.append({"op": "rename", "code": code, "name": now.name})
    if was.division_type != now.division_type:
        out.append({"op": "reclassify", "code": code, "kind": now.division_type.value})
    return out


def main():
    for name, body in [("map-2025-06-30.json", before()), ("reform-2025-07-01.json", reform())]:
        with open(f"{OUT}/{name}", "w", encoding="utf-8") as f:
            json.dump(body, f, ensure_ascii=False)
    print(f"official map written to {OUT}")


main()
