#!/usr/bin/env python3
"""Side-by-side: Interdict against a rapidfuzz brute force on the same dev set, index
and machine.

The peer is what many in-house screening tools do: compare the query with every
listed name using rapidfuzz's token_sort_ratio (lower-cased, punctuation removed,
tokens sorted) and alert above a cut-off. It sees exactly the names Interdict indexed
(`interdict index names`). Reported per cut-off: recall, false-positive rate and time
per query, single thread; and Interdict's figures from eval_names.py in the same run.

Usage: python3 benches/peer_rapidfuzz.py --bin target/release/interdict --index lists.idx
       --cases ../shared/eval/names-dev.tsv [--limit N]
"""
import argparse, csv, subprocess, sys, time

from rapidfuzz import fuzz, process, utils


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N cases (0: all)")
    ap.add_argument("--cutoffs", default="80,85,90,95")
    a = ap.parse_args()
    cases = list(csv.DictReader(open(a.cases, newline=""), delimiter="\t"))
    if a.limit:
        cases = cases[: a.limit]
    names_out = subprocess.run([a.bin, "index", "names", a.index], capture_output=True, check=True).stdout.decode()
    ids, names = [], []
    for line in names_out.splitlines():
        entity, _role, name = line.split("\t", 2)
        ids.append(entity)
        names.append(utils.default_process(name))
    cutoffs = [int(c) for c in a.cutoffs.split(",")]
    lowest = min(cutoffs)
    # For each query, the best score per entity at or above the lowest cut-off.
    found = []
    t0 = time.perf_counter()
    for c in cases:
        q = utils.default_process(c["query"])
        best = {}
        for _name, score, i in process.extract(q, names, scorer=fuzz.token_sort_ratio, processor=None,
                                               score_cutoff=lowest, limit=None):
            if score > best.get(ids[i], -1):
                best[ids[i]] = score
        found.append(best)
    per_query_us = (time.perf_counter() - t0) * 1e6 / len(cases)
    print(f"rapidfuzz token_sort_ratio brute force over {len(names)} names, {len(cases)} cases, "
          f"{per_query_us:.0f} us/query (one thread)")
    for cut in cutoffs:
        tp = pos = fp = neg = 0
        for c, best in zip(cases, found):
            alerted = {e for e, s in best.items() if s >= cut}
            if c["expected"] == "-":
                neg += 1
                fp += bool(alerted)
            else:
                pos += 1
                tp += c["expected"] in alerted
        print(f"  cut-off {cut}: recall {tp / pos:.4f} ({tp}/{pos}) false_positive_rate {fp / neg:.4f} ({fp}/{neg})")
    if a.limit:
        print("Interdict on the same subset: run eval_names.py with the same cases file to compare.")
        return
    shared_tool = a.cases.replace("eval/names-dev.tsv", "tools/eval_names.py")
    out = subprocess.run([sys.executable, shared_tool, "--bin", a.bin, "--index", a.index, "--cases", a.cases],
                         capture_output=True, check=True).stdout.decode().splitlines()
    print("Interdict (default threshold), same run:")
    for line in out[-2:]:
        print("  " + line)


if __name__ == "__main__":
    main()
