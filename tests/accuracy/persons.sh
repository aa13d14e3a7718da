#!/bin/sh
# persons.sh [BUILD]: converts each corpus file that has a person gold
# (tests/accuracy/persons-gold/NAME.xml) without a personography, scores it with
# `teikit compare` (persName spans; @ref and sp/@who grouping, pairwise) and prints one line
# per file and the totals (mentions summed over the files, pairs summed). docs/accuracy.md
# says how the gold was made.
. "$(dirname "$0")/gold.sh"
score_gold "$here/persons-gold" persName,sp
python3 - "$tmp" <<'PY'
import glob, json, os, sys
t = dict(ref=0, hyp=0, exact=0, pr=0, ph=0, pb=0, sr=0, sh=0, sb=0)
def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.json'))):
    d = json.load(open(path))
    c = {k['class']: k for k in d['classes']}
    pn = c.get('persName', dict(ref=0, hyp=0, exact=0, identity=dict(pairs_ref=0, pairs_hyp=0, pairs_both=0)))
    sp = c.get('sp', dict(identity=dict(pairs_ref=0, pairs_hyp=0, pairs_both=0)))
    t['ref'] += pn['ref']; t['hyp'] += pn['hyp']; t['exact'] += pn['exact']
    for a, b in (('pr', 'pairs_ref'), ('ph', 'pairs_hyp'), ('pb', 'pairs_both')):
        t[a] += pn['identity'][b]
    for a, b in (('sr', 'pairs_ref'), ('sh', 'pairs_hyp'), ('sb', 'pairs_both')):
        t[a] += sp['identity'][b]
    p = pn['exact'] / pn['hyp'] if pn['hyp'] else 1.0
    r = pn['exact'] / pn['ref'] if pn['ref'] else 1.0
    i = pn['identity']
    ip = i['pairs_both'] / i['pairs_hyp'] if i['pairs_hyp'] else 1.0
    ir = i['pairs_both'] / i['pairs_ref'] if i['pairs_ref'] else 1.0
    print(f"{os.path.basename(path)[:-5]:62} persName {pn['ref']:4} {pn['hyp']:4}  P {p:.3f} R {r:.3f}  identity F1 {f1(ip, ir):.3f}")
p = t['exact'] / t['hyp']; r = t['exact'] / t['ref']
ip = t['pb'] / t['ph']; ir = t['pb'] / t['pr']
sp_ = t['sb'] / t['sh'] if t['sh'] else 1.0; sr = t['sb'] / t['sr'] if t['sr'] else 1.0
print(f"total: persName {t['ref']} in the gold, {t['hyp']} marked, {t['exact']} exact: P {p:.3f} R {r:.3f}; "
      f"identity (persName @ref) P {ip:.3f} R {ir:.3f} F1 {f1(ip, ir):.3f}; speakers (sp @who) F1 {f1(sp_, sr):.3f}")
PY
