#!/usr/bin/env python3
"""Writes the country outlines the team's map page draws (issue 18), from Natural Earth's public-domain 1:110m countries
as geopandas 0.14.4 ships them for offline use (geopandas/datasets/naturalearth_lowres), read with pyshp.

    python3 scripts/make-world-map.py Server/DossierServer/Web/Resources/world-110m.json

Run once by a developer (it downloads the two wheels from PyPI into a temporary folder); the output is committed, so
the server and its tests need neither the network nor Python. Each country becomes one SVG path in degrees (x = longitude,
y = −latitude, rounded to 0.1°), drawn under an equirectangular view.
"""
import io, json, subprocess, sys, tempfile, zipfile, pathlib

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Server/DossierServer/Web/Resources/world-110m.json")
with tempfile.TemporaryDirectory() as folder:
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", folder,
                    "geopandas==0.14.4", "pyshp==3.1.6"], check=True)
    sys.path.insert(0, str(next(pathlib.Path(folder).glob("pyshp-*.whl"))))
    import shapefile  # noqa: E402  (from the wheel just downloaded)
    wheel = zipfile.ZipFile(next(pathlib.Path(folder).glob("geopandas-*.whl")))
    base = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
    reader = shapefile.Reader(shp=io.BytesIO(wheel.read(base + ".shp")), dbf=io.BytesIO(wheel.read(base + ".dbf")),
                              shx=io.BytesIO(wheel.read(base + ".shx")),
                              encoding=wheel.read(base + ".cpg").decode().strip() or "latin-1")
    fields = [f[0] for f in reader.fields[1:]]
    countries = []
    for record, shape in zip(reader.records(), reader.shapes()):
        attributes = dict(zip(fields, record))
        parts = list(shape.parts) + [len(shape.points)]
        path = []
        for start, end in zip(parts, parts[1:]):
            ring = [f"{x:.1f} {-y:.1f}" for x, y in shape.points[start:end]]
            deduplicated = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
            if len(deduplicated) >= 3:
                path.append("M" + "L".join(deduplicated) + "Z")
        countries.append({"name": attributes["name"], "iso": attributes["iso_a3"], "path": "".join(path)})
    countries.sort(key=lambda c: c["name"])
    document = {"source": "Natural Earth 1:110m Admin 0 countries (public domain), from geopandas 0.14.4's "
                          "datasets/naturalearth_lowres; scripts/make-world-map.py", "countries": countries}
    out.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{out}: {len(countries)} countries, {out.stat().st_size} bytes")
