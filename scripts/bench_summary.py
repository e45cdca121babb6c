#!/usr/bin/env python3
"""Prints the benchmark table and the ratios from one run's files: OUT/dossier.json and OUT/kinto/*.json."""
import glob, json, os, statistics, sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dossier-bench-results"
files = sorted(glob.glob(os.path.join(out, "dossier*.json")))  # dossier.json, plus any extra runs (dossier-100k.json, …)
dossier = json.load(open(files[0]))
runs = [r for f in files for r in json.load(open(f))["runs"]]
kinto = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(out, "kinto", "*.json")))]


def fmt(values, digits=0):
    if not values:
        return "—"
    med = statistics.median(values)
    f = f"{{:.{digits}f}}"
    return f.format(med) if len(values) == 1 else f"{f.format(med)} ({f.format(min(values))}–{f.format(max(values))})"


def med(values):
    return statistics.median(values) if values else float("nan")


def workload(store, n, signed=True):
    """The workload runs of a store and N: signed (the product's way; runs from before signing count as such) or not."""
    return [r for r in runs if r["kind"] == "workload" and r["store"] == store and r["n"] == n and r.get("signed", True) == signed]


m = dossier["machine"]
print(f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gb']:.0f} GiB, {m['kernel']}\n")
print("| system | N | push rec/s | full pull rec/s | log pull rec/s | incr pull of 10, ms | incr sync, ms |")
print("|---|---:|---:|---:|---:|---:|---:|")
for k_backend in ("memory", "postgresql"):
    for n in sorted({k["params"]["N"] for k in kinto}):
        ks = [k for k in kinto if k["label"] == k_backend and k["params"]["N"] == n]
        if ks:
            print(f"| Kinto {k_backend} | {n} | {fmt([k['push']['records_per_s'] for k in ks])} | "
                  f"{fmt([k['pull']['records_per_s'] for k in ks])} | — | "
                  f"{fmt([k['incremental']['pull_ms_median'] for k in ks], 1)} | — |")
stores = sorted({r["store"] for r in runs if r["kind"] == "workload"}, reverse=True)
ns = sorted({r["n"] for r in runs if r["kind"] == "workload"})
for store in stores:
    for n in ns:
        rs = workload(store, n)
        if rs:
            print(f"| Dossier {store} | {n} | {fmt([r['push_rps'] for r in rs])} | {fmt([r['pull_rps'] for r in rs])} | "
                  f"{fmt([r['log_pull_rps'] for r in rs])} | {fmt([r['incr_pull_ms'] for r in rs], 2)} | "
                  f"{fmt([r['incr_sync_ms'] for r in rs], 2)} |")
for n in ns:
    fs = [r["floor_rps"] for r in runs if r["kind"] == "floor" and r["n"] == n]
    if fs:
        print(f"| raw SQLite floor | {n} | {fmt(fs)} | — | — | — | — |")

print("\nRatios (medians; > 1 means Dossier is faster, or for ms, Kinto/Dossier):")
for store in stores:
    for n in ns:
        rs = workload(store, n)
        floor = [r["floor_rps"] for r in runs if r["kind"] == "floor" and r["n"] == n]
        if not rs:
            continue
        push, pull, incr = med([r["push_rps"] for r in rs]), med([r["pull_rps"] for r in rs]), med([r["incr_pull_ms"] for r in rs])
        line = f"- Dossier {store} N={n}:"
        if floor:
            line += f" floor/push = {med(floor) / push:.2f}×;"
        for k_backend in ("postgresql", "memory"):
            ks = [k for k in kinto if k["label"] == k_backend and k["params"]["N"] == n]
            if ks:
                line += (f" vs Kinto {k_backend}: push {push / med([k['push']['records_per_s'] for k in ks]):.2f}×,"
                         f" pull {pull / med([k['pull']['records_per_s'] for k in ks]):.2f}×,"
                         f" incr {med([k['incremental']['pull_ms_median'] for k in ks]) / incr:.2f}×;")
        print(line)

unsigned = [(store, n) for store in stores for n in ns if workload(store, n, signed=False)]
if unsigned:
    print("\nThe cost of signing and verifying (medians; signed / unsigned, the same run; < 1 means slower when signed):")
    print("| store | N | push | full pull (snapshot) | log pull (verifies each change) | incr pull of 10 (ms, unsigned / signed) |")
    print("|---|---:|---:|---:|---:|---:|")
    for store, n in unsigned:
        s_, u = workload(store, n), workload(store, n, signed=False)
        ratio = lambda key: med([r[key] for r in s_]) / med([r[key] for r in u])
        print(f"| {store} | {n} | {ratio('push_rps'):.2f}× | {ratio('pull_rps'):.2f}× | {ratio('log_pull_rps'):.2f}× | "
              f"{med([r['incr_pull_ms'] for r in u]) / med([r['incr_pull_ms'] for r in s_]):.2f}× |")

scale = [r for r in runs if r["kind"] == "scale"]
if scale:
    print("\n| store | log | fixture push rec/s | incr pull of 10, ms | client peak RSS, MB | server peak RSS, MB | log pull s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in scale:
        print(f"| {r['store']} | {r['log']} | {r['fixture_push_rps']:.0f} | {r['incr_pull_ms']:.2f} ({r['incr_pull_ms_min']:.2f}–"
              f"{r['incr_pull_ms_max']:.2f}) | {r.get('rss_client_mb', float('nan')):.0f} | {r.get('rss_server_mb', float('nan')):.0f} | "
              f"{r.get('rss_pull_s', float('nan')):.1f} |")
    for store in sorted({r["store"] for r in scale}):
        pair = sorted((r for r in scale if r["store"] == store), key=lambda r: r["log"])
        if len(pair) == 2:
            print(f"- {store}: incr pull at {pair[1]['log']} / at {pair[0]['log']} = {pair[1]['incr_pull_ms'] / pair[0]['incr_pull_ms']:.2f}×")

conc = [r for r in runs if r["kind"] == "concurrent"]
if conc:
    print("\n| store | clients × rounds | errors | push p50 / p99 ms (500/batch) | pull p50 / p99 ms (1000/page) | pushed rec/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in conc:
        print(f"| {r['store']} | {r['clients']} × {r['rounds']} | {r['errors']} | {r['push_p50_ms']:.0f} / {r['push_p99_ms']:.0f} | "
              f"{r['pull_p50_ms']:.0f} / {r['pull_p99_ms']:.0f} | {r['pushed_rps']:.0f} |")

two = [r for r in runs if r["kind"] == "twoservers"]
if two:
    print("\nTwo dossier-server processes on one PostgreSQL database, clients split between them (the same load then on one):")
    print("| clients × rounds | errors | converged (both logs, a snapshot replica and a log replica) | two servers rec/s | one server rec/s | push p99 ms, two / one |")
    print("|---:|---:|---|---:|---:|---:|")
    for r in two:
        print(f"| {r['clients']} × {r['rounds']} | {r['errors']} | {'yes' if r['converged'] else 'NO'} ({r['log_entries']} of {r['expected_entries']}) | "
              f"{r['two_servers_rps']:.0f} | {r['one_server_rps']:.0f} | {r['two_servers_push_p99_ms']:.0f} / {r['one_server_push_p99_ms']:.0f} |")
