#!/usr/bin/python3
"""Checks a `dossier export --format csv` file against ACLED's codebook, reading it with pandas as analysts do.

Usage: scripts/check-acled-csv.py FILE.csv
Prints one line per violation and exits 1 when there is any; prints a summary and exits 0 otherwise.
Needs pandas (scripts/install-deps.sh --tests installs Debian's python3-pandas).
"""
import re
import sys

import pandas as pd

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EVENT_TYPES = {
    "Battles": ("Political violence", {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": ("Political violence", {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade"}),
    "Violence against civilians": ("Political violence", {"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Protests": ("Demonstrations", {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    "Riots": ("Demonstrations", {"Violent demonstration", "Mob violence"}),
    "Strategic developments": ("Strategic developments", {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
        "Looting/property destruction", "Non-violent transfer of territory", "Other"}),
}
REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "South Asia",
    "Southeast Asia", "East Asia", "Middle East", "Europe", "Caucasus and Central Asia", "Central America",
    "South America", "Caribbean", "North America", "Oceania", "Antarctica",
}


def check(frame):
    """Returns the violations found in a frame read with every column as text."""
    problems = []

    def bad(index, column, message):
        problems.append(f"row {index + 2}: {column} {message} (got {frame.at[index, column]!r})")

    missing = [c for c in ACLED_COLUMNS if c not in frame.columns]
    if missing:
        return [f"missing ACLED columns: {', '.join(missing)}"]
    if list(frame.columns[:len(ACLED_COLUMNS)]) != ACLED_COLUMNS:
        problems.append("ACLED's columns are not first and in ACLED's order")

    dates = pd.to_datetime(frame["event_date"], format="%Y-%m-%d", errors="coerce")
    for index, row in frame.iterrows():
        # pandas' ISO fast path also takes "2021-08" for this format, so the shape is checked too.
        if pd.isna(dates[index]) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]):
            bad(index, "event_date", "is not a YYYY-MM-DD date")
        elif row["year"] != str(dates[index].year):
            bad(index, "year", f"differs from event_date's year {dates[index].year}")
        if row["time_precision"] not in {"1", "2", "3"}:
            bad(index, "time_precision", "is not 1, 2 or 3")
        elif row["time_precision"] == "1" and len(row["event_date"]) != 10:
            bad(index, "time_precision", "is 1 but the date is not a day")

        event_type = row["event_type"]
        if event_type not in EVENT_TYPES:
            bad(index, "event_type", "is not one of ACLED's six event types")
        else:
            disorder, subtypes = EVENT_TYPES[event_type]
            if row["disorder_type"] != disorder:
                bad(index, "disorder_type", f"should be {disorder!r} for {event_type}")
            if row["sub_event_type"] not in subtypes | {""}:
                bad(index, "sub_event_type", f"is not a sub-event type of {event_type}")

        codes = {}
        for column in ("inter1", "inter2"):
            value = row[column]
            if value == "":
                continue
            if not re.fullmatch(r"[0-8]", value):
                bad(index, column, "is not an inter code 0..8")
            else:
                codes[column] = int(value)
        if len(codes) == 2:
            nonzero = sorted(code for code in codes.values() if code > 0)
            expected = "".join(map(str, nonzero)) if len(nonzero) == 2 else (f"{nonzero[0]}0" if nonzero else "")
            if row["interaction"] != expected:
                bad(index, "interaction", f"should be {expected!r} for inter1={codes['inter1']}, inter2={codes['inter2']}")
            if codes["inter1"] > 0 and row["actor1"] == "":
                bad(index, "inter1", "codes an actor1 that is empty")
            if codes["inter2"] > 0 and row["actor2"] == "":
                bad(index, "inter2", "codes an actor2 that is empty")
        elif codes or row["interaction"] != "":
            bad(index, "interaction", "is set without both inter codes (or the reverse)")

        if row["civilian_targeting"] not in {"", "Civilian targeting"}:
            bad(index, "civilian_targeting", "is neither empty nor 'Civilian targeting'")
        if row["iso"] != "" and not re.fullmatch(r"\d{1,3}", row["iso"]):
            bad(index, "iso", "is not an ISO 3166-1 numeric code")
        if row["region"] not in REGIONS | {""}:
            bad(index, "region", "is not one of ACLED's regions")
        if (row["iso"] == "") != (row["region"] == ""):
            bad(index, "region", "is empty while iso is set (or the reverse)")
        if row["geo_precision"] not in {"1", "2", "3"}:
            bad(index, "geo_precision", "is not 1, 2 or 3")
        elif row["geo_precision"] == "1" and row["latitude"] == "":
            bad(index, "geo_precision", "is 1 without coordinates")
        if not re.fullmatch(r"[A-Z]{3}\d+", row["event_id_cnty"]):
            bad(index, "event_id_cnty", "is not a country code followed by digits")
        for column, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
            if row[column] != "":
                value = pd.to_numeric(row[column], errors="coerce")
                if pd.isna(value) or not low <= value <= high:
                    bad(index, column, f"is not a number in [{low}, {high}]")
        for column in ("fatalities", "timestamp"):
            if row[column] != "" and not re.fullmatch(r"\d+", row[column]):
                bad(index, column, "is not a whole number")

    duplicated = frame["event_id_cnty"][frame["event_id_cnty"].duplicated(keep=False)]
    for value in sorted(set(duplicated)):
        problems.append(f"event_id_cnty {value!r} is not unique")
    return problems


def main():
    if len(sys.argv) != 2:
        print("usage: scripts/check-acled-csv.py FILE.csv", file=sys.stderr)
        return 2
    frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, encoding="utf-8")
    problems = check(frame)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} violations of ACLED's codebook in {len(frame)} rows", file=sys.stderr)
        return 1
    numeric = frame[["time_precision", "geo_precision", "iso"]].replace("", pd.NA).apply(pd.to_numeric)
    print(f"{len(frame)} rows follow ACLED's codebook; time_precision {sorted(numeric['time_precision'].dropna().unique().tolist())}, "
          f"geo_precision {sorted(numeric['geo_precision'].dropna().unique().tolist())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
