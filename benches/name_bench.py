#!/usr/bin/env python3
"""Scores `interdict search` on two external name-matching references:

1. OpenSanctions' name bench (dev half): labelled name pairs (name1, name2, is_match).
   Each name2 becomes an entity of a custom list, indexed together with the real lists
   (so token rarity comes from real data); each name1 is searched, and the pair's score
   is the score of its name2 entity (0 when not returned). Reports precision, recall
   and F1 at the default threshold, and by schema.
2. OFAC Sanctions List Search score fixtures (dev half): (query, result, OFAC score).
   Same method; reports how far Interdict's score (x100) is from OFAC's, and how often
   both put the pair on the same side of their thresholds.

Usage: python3 benches/name_bench.py --bin target/release/interdict [--shared ../shared]
"""
import argparse, csv, json, os, subprocess, sys, tempfile


def build_index(bin_, shared, custom_path, out):
    d = os.path.join(shared, "data")
    tmp = tempfile.mkdtemp()
    for src, name in [("ofac/sdn_csv_2024-05-03/sdn.csv", "sdn.csv"), ("ofac/alt_add_csv_2026-06/alt.csv", "alt.csv"),
                      ("ofac/alt_add_csv_2026-06/add.csv", "add.csv")]:
        os.symlink(os.path.join(d, src), os.path.join(tmp, name))
    subprocess.run([bin_, "index", "build", "--quiet", "--out", out,
                    "--source", f"ofac-csv={tmp}",
                    "--source", f"un-xml={d}/un/un_consolidated_2026-02-27.xml",
                    "--source", f"custom-json={custom_path}"], check=True)


def search(bin_, index, queries, threshold="0.0"):
    p = subprocess.run([bin_, "search", "--index", index, "--json", "--threshold", threshold, "--max-alerts", "200"],
                       input="".join(q.replace("\n", " ") + "\n" for q in queries).encode(), capture_output=True, check=True)
    return [json.loads(l) for l in p.stdout.decode().splitlines()]


def pair_scores(bin_, shared, pairs, kinds):
    """pairs: list of (query, listed); returns the score of each listed name for its query."""
    work = tempfile.mkdtemp()
    custom = os.path.join(work, "bench.json")
    entities = [{"id": f"b{i}", "type": kinds[i], "name": listed} for i, (_, listed) in enumerate(pairs)]
    with open(custom, "w") as f:
        json.dump({"entities": entities}, f)
    index = os.path.join(work, "bench.idx")
    build_index(bin_, shared, custom, index)
    results = search(bin_, index, [q for q, _ in pairs])
    scores = []
    for i, r in enumerate(results):
        s = [a["score"] for a in r["alerts"] if a["entity_id"] == f"custom:b{i}"]
        scores.append(s[0] if s else 0.0)
    return scores


def kind_of(schema):
    return {"Person": "person", "Vessel": "vessel"}.get(schema, "organization")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../shared"))
    ap.add_argument("--threshold", type=float, default=0.80)
    a = ap.parse_args()
    nm = os.path.join(a.shared, "data/name_matching/opensanctions_nomenklatura")
    if not os.path.isdir(nm):
        sys.exit("SKIPPED: ../shared not present")

    rows = list(csv.DictReader(open(os.path.join(nm, "name_bench_cases.dev.csv"), newline="")))
    scores = pair_scores(a.bin, a.shared, [(r["name1"], r["name2"]) for r in rows], [kind_of(r["schema"]) for r in rows])
    def prf(sel):
        tp = sum(1 for r, s in sel if s >= a.threshold and r["is_match"] == "true")
        fp = sum(1 for r, s in sel if s >= a.threshold and r["is_match"] != "true")
        fn = sum(1 for r, s in sel if s < a.threshold and r["is_match"] == "true")
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        return p, rc, f1, len(sel)
    both = list(zip(rows, scores))
    print(f"OpenSanctions name bench (dev, {len(rows)} pairs) at threshold {a.threshold}:")
    p, rc, f1, n = prf(both)
    print(f"  all        precision {p:.3f} recall {rc:.3f} F1 {f1:.3f} ({n} pairs)")
    for schema in sorted({r["schema"] for r in rows}):
        p, rc, f1, n = prf([(r, s) for r, s in both if r["schema"] == schema])
        print(f"  {schema:<10} precision {p:.3f} recall {rc:.3f} F1 {f1:.3f} ({n} pairs)")

    fx = list(csv.DictReader(open(os.path.join(nm, "ofac_sls_score_fixtures.dev.csv"), newline="")))
    scores = pair_scores(a.bin, a.shared, [(r["query_name"], r["result_name"]) for r in fx], ["person"] * len(fx))
    diffs = [abs(s * 100 - float(r["ofac_score"])) for r, s in zip(fx, scores)]
    diffs.sort()
    # OFAC's tool shows results from a user-chosen minimum score; 85 is a common setting.
    agree = sum(1 for r, s in zip(fx, scores) if (float(r["ofac_score"]) >= 85) == (s >= a.threshold))
    print(f"OFAC Sanctions List Search fixtures (dev, {len(fx)} pairs):")
    print(f"  |interdict x100 - OFAC| median {diffs[len(diffs) // 2]:.1f}, p90 {diffs[int(len(diffs) * 0.9)]:.1f}, max {diffs[-1]:.1f}")
    print(f"  same side of the thresholds (OFAC >= 85, interdict >= {a.threshold}): {agree}/{len(fx)}")


if __name__ == "__main__":
    main()
