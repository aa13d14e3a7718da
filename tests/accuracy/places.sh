#!/bin/sh
# places.sh [BUILD]: converts each corpus file that has a place and organisation gold
# (tests/accuracy/places-gold/NAME.xml), scores it with
# `teikit compare` (placeName and orgName spans, exact) and prints one line
# per file and the totals (mentions summed over the files). docs/accuracy.md
# says how the gold was made.
. "$(dirname "$0")/gold.sh"
score_gold "$here/places-gold" placeName,orgName
python3 - "$tmp" <<'PY'
import glob, json, os, sys
tot = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.json'))):
    d = json.load(open(path))
    c = {k['class']: k for k in d['classes']}
    line = []
    for cl in ('placeName', 'orgName'):
        k = c.get(cl, dict(ref=0, hyp=0, exact=0))
        t = tot.setdefault(cl, [0, 0, 0])
        t[0] += k['ref']; t[1] += k['hyp']; t[2] += k['exact']
        p = k['exact'] / k['hyp'] if k['hyp'] else 1.0
        r = k['exact'] / k['ref'] if k['ref'] else 1.0
        line.append(f"{cl} {k['ref']:4} {k['hyp']:4} P {p:.3f} R {r:.3f}")
    print(f"{os.path.basename(path)[:-5]:62} " + '  '.join(line))
out = []
for cl, (r_, h, e) in tot.items():
    out.append(f"{cl} {r_} in the gold, {h} marked, {e} exact: P {e / h if h else 1:.3f} R {e / r_ if r_ else 1:.3f}")
print('total: ' + '; '.join(out))
PY
