#!/usr/bin/env python3
"""The team view in a real headless browser (issue 18): Debian's chromium, driven by Playwright, against the team
server `dossier demo --keep` leaves running on loopback with the seed articles' facts.

    python3 Tests/Browser/team_view.py URL TOKEN SEED_RECORDS OUT_DIR

Signs in, filters the incidents, opens the Kabul airport attack and finds its disputed toll "170–185" with both
sources, finds one map mark per seed incident with coordinates, visits every page, and checks that no page logged a
console error and that no request left loopback. Saves a screenshot of each main page in OUT_DIR. Exit 0 when all hold.
"""
import json, pathlib, sys
from playwright.sync_api import sync_playwright

url, token, seed_path, out = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
out.mkdir(parents=True, exist_ok=True)
seed = json.load(open(seed_path))
with_coordinates = sum(1 for incident in seed["incidents"] if incident.get("lat") is not None and incident.get("lon") is not None)
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    errors, hosts = [], set()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))

    page.goto(url + "/incidents")
    check(page.url.endswith("/sign-in"), "without a session the browser lands on the sign-in page")
    page.screenshot(path=str(out / "sign-in.png"))
    page.set_input_files("#invitation", files=[{"name": "bad.invitation", "mimeType": "application/json", "buffer": b'{"not": "an invitation"}'}])
    page.wait_for_function("document.getElementById('credential').value.length > 0")
    page.click("main button[type=submit]")
    check(page.url.endswith("/sign-in") and page.locator(".error").count() == 1, "a file that is not an invitation is refused")
    errors.clear()  # that refusal is answered 401, which the browser logs; every later page must log nothing
    page.fill("#credential", token)
    page.click("main button[type=submit]")
    page.wait_for_url("**/incidents")
    listed = int(page.inner_text(".count").split()[0])
    # The demo deletes one seed incident in its story (a deletion against a concurrent annotation).
    check(page.locator("tbody tr").count() == listed == len(seed["incidents"]) - 1,
          f"the list shows the {len(seed['incidents']) - 1} live seed incidents ({listed})")
    page.screenshot(path=str(out / "incidents.png"), full_page=True)

    page.fill("input[name=q]", "airport")
    page.click(".filters button")
    check(page.locator("tbody tr").count() == 1, "filtering by 'airport' leaves one incident")
    page.fill("input[name=q]", "")
    page.fill("input[name=from]", "2022")
    page.click(".filters button")
    check(all(row.startswith("2022") for row in page.locator("tbody tr td:first-child").all_inner_texts()), "from 2022 lists only 2022")

    page.goto(url + "/incidents?actor=khorasan")
    check(page.locator("tbody tr").count() >= 1 and page.locator("text=Suicide attack at Kabul airport").count() == 1,
          "an actor is found by name: Islamic State in Khorasan's incidents include the airport attack")
    page.goto(url + "/incidents?q=airport")
    page.click("text=Suicide attack at Kabul airport")
    toll = page.inner_text(".toll .range")
    check("170–185" in toll, f"the airport attack's killed toll reads 170–185 ({toll})")
    check(page.locator(".toll li").count() == 2, "each of its two claims is shown with its source")
    page.screenshot(path=str(out / "incident.png"), full_page=True)

    page.goto(url + "/map")
    marks = page.locator("circle.mark").count()
    check(marks == with_coordinates, f"the map has one mark per incident with coordinates ({marks} of {with_coordinates})")
    page.screenshot(path=str(out / "map.png"), full_page=True)

    for name in ["timeline", "conflicts", "activity", "sources", "actors", "quotes", "team"]:
        response = page.goto(url + "/" + name)
        check(response is not None and response.status == 200, f"/{name} answers 200")
        if name in ("timeline", "conflicts"):
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    page.goto(url + "/conflicts")
    check(page.locator("section.conflict").count() == 3, "the conflicts queue shows the demo's three conflicts")

    page.click("nav button[type=submit]")
    page.wait_for_url("**/sign-in")
    page.goto(url + "/incidents")
    check(page.url.endswith("/sign-in"), "after signing out, pages need a session again")

    check(not errors, f"no console errors ({errors})")
    check(hosts == {url.split('/')[2]}, f"no request left loopback ({sorted(hosts)})")
    browser.close()

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
