#!/usr/bin/env python3
"""score_persons.py GOLD.xml SYSTEM.xml...: person-mention precision/recall (persName spans
in the TEI text, matched by character offsets in the text content) and identity pairwise
F1 (pairs of matched mentions, plus speaker turns, grouped under one @ref/@who). A stop-gap
until `teikit compare` lands; the two TEI must hold the same text."""
import sys
import xml.etree.ElementTree as ET

TEI = '{http://www.tei-c.org/ns/1.0}'


def plain_text(path):
    root = ET.parse(path).getroot()
    return ''.join(''.join(t.itertext()) for t in root.iter(TEI + 'text'))


def mentions(path):
    root = ET.parse(path).getroot()
    spans, turns = [], []
    pos = 0

    def walk(e, who):
        nonlocal pos
        tag = e.tag.replace(TEI, '')
        start = pos
        if e.text:
            pos += len(e.text)
        w = e.get('who') if tag == 'sp' else who
        for c in e:
            walk(c, w)
            if c.tail:
                pos += len(c.tail)
        if tag == 'persName':
            spans.append((start, pos, e.get('ref') or ''))
        if tag == 'speaker':
            turns.append((start, pos, w or ''))

    for t in root.iter(TEI + 'text'):
        walk(t, None)
    return spans, turns


def pairs(items):
    """Pairs of mention keys that share a non-empty reference."""
    by = {}
    for key, ref in items:
        for r in ref.split():
            by.setdefault(r, []).append(key)
    out = set()
    for keys in by.values():
        keys = sorted(set(keys))
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                out.add((keys[i], keys[j]))
    return out


def score(gold, system):
    gs, gt = mentions(gold)
    ss, st = mentions(system)
    gk = {(a, b): r for a, b, r in gs}
    sk = {(a, b): r for a, b, r in ss}
    tp = len(set(gk) & set(sk))
    common = set(gk) & set(sk)
    gt_k = {(a, b): r for a, b, r in gt}
    st_k = {(a, b): r for a, b, r in st}
    tcommon = set(gt_k) & set(st_k)
    gp = pairs([(k, gk[k]) for k in common] + [(k, gt_k[k]) for k in tcommon])
    sp = pairs([(k, sk[k]) for k in common] + [(k, st_k[k]) for k in tcommon])
    return dict(gold=len(gk), system=len(sk), tp=tp, gpairs=len(gp), spairs=len(sp),
                pairs_tp=len(gp & sp), fn=sorted(set(gk) - set(sk)), fp=sorted(set(sk) - set(gk)))


def main():
    verbose = '-v' in sys.argv
    args = [a for a in sys.argv[1:] if a != '-v']
    tot = dict(gold=0, system=0, tp=0, gpairs=0, spairs=0, pairs_tp=0)
    for i in range(0, len(args), 2):
        r = score(args[i], args[i + 1])
        for k in tot:
            tot[k] += r[k]
        p = r['tp'] / r['system'] if r['system'] else 1
        rc = r['tp'] / r['gold'] if r['gold'] else 1
        ip = r['pairs_tp'] / r['spairs'] if r['spairs'] else 1
        ir = r['pairs_tp'] / r['gpairs'] if r['gpairs'] else 1
        f = 2 * ip * ir / (ip + ir) if ip + ir else 0
        print(f"{args[i]}: mentions gold {r['gold']} system {r['system']} P {p:.3f} R {rc:.3f}; identity P {ip:.3f} R {ir:.3f} F1 {f:.3f}")
        if verbose:
            text = plain_text(args[i + 1])
            for kind in ('fn', 'fp'):
                for a, b in r[kind]:
                    print(f"  {'missed' if kind == 'fn' else 'false '} {text[a:b]!r:30} …{text[max(0, a - 30):b + 20]!r}")
    p = tot['tp'] / tot['system'] if tot['system'] else 1
    rc = tot['tp'] / tot['gold'] if tot['gold'] else 1
    ip = tot['pairs_tp'] / tot['spairs'] if tot['spairs'] else 1
    ir = tot['pairs_tp'] / tot['gpairs'] if tot['gpairs'] else 1
    f = 2 * ip * ir / (ip + ir) if ip + ir else 0
    print(f"total: mentions P {p:.3f} R {rc:.3f}; identity P {ip:.3f} R {ir:.3f} F1 {f:.3f}")


main()
