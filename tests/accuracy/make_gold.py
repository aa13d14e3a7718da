#!/usr/bin/env python3
"""make_gold.py SYSTEM.xml FIXES > GOLD.xml: applies a reader's corrections to a teikit
conversion to make a person gold (docs/accuracy.md). FIXES lines:
  drop FORM        unmark every persName whose text is FORM (not a person)
  ref FORM #id     every persName whose text is FORM names #id
  add FORM #id     mark every unmarked occurrence of FORM (whole words) as persName #id
  add1 FORM #id    mark only the first unmarked occurrence (two persons of one name)
  who LABEL #id    turns whose speaker label is LABEL are spoken by #id ('-': a role)
  extend WORD      a persName right after "WORD " takes WORD in ("Caius" + "Cassius")
  extendr WORD     a persName right before " WORD" takes WORD in ("Popilius" + "Lena")
  el NAME          the lines after act on NAME (placeName, orgName) instead of persName
  # comment"""
import re
import sys
import xml.etree.ElementTree as ET

NS = 'http://www.tei-c.org/ns/1.0'
T = '{%s}' % NS
ET.register_namespace('', NS)


def load_fixes(path):
    fixes = []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        op, rest = line.split(' ', 1)
        if op in ('ref', 'add', 'add1', 'who') and ' ' in rest:
            form, ref = rest.rsplit(' ', 1)
            fixes.append((op, form, ref))
        else:
            fixes.append((op, rest, None))
    return fixes


def text_of(e):
    return ''.join(e.itertext())


def unwrap(parent, i, e):
    """Replaces child e (index i) of parent by its content."""
    prev = parent[i - 1] if i > 0 else None
    content = (e.text or '')
    kids = list(e)
    tail = e.tail or ''
    parent.remove(e)
    for k, c in enumerate(kids):
        parent.insert(i + k, c)
    if prev is None:
        parent.text = (parent.text or '') + content
    else:
        prev.tail = (prev.tail or '') + content
    if kids:
        kids[-1].tail = (kids[-1].tail or '') + tail
    elif prev is None:
        parent.text = (parent.text or '') + tail
    else:
        prev.tail = (prev.tail or '') + tail


EL = ['persName']
NAMES = (T + 'persName', T + 'placeName', T + 'orgName')


def add_marks(parent, form, ref, counter, limit=None):
    """Wraps FORM in parent's own text and children's tails (not inside persName)."""
    pat = re.compile(r'(?<![\w’\'])' + re.escape(form).replace(r'\ ', r'\s+') + r'(?![\w])')

    def split(s):
        out, last = [], 0
        for m in pat.finditer(s):
            if limit is not None and counter[0] + len(out) >= limit:
                break
            out.append((s[last:m.start()], m.group(0)))
            last = m.end()
        return out, s[last:]

    if parent.tag in NAMES + (T + 'speaker', T + 'teiHeader'):
        return
    # parent.text
    if parent.text:
        parts, rest = split(parent.text)
        if parts:
            parent.text = parts[0][0]
            new = []
            for k, (before, name) in enumerate(parts):
                pn = ET.Element(T + EL[0], {'ref': ref})
                pn.text = name
                new.append(pn)
            for k, pn in enumerate(new):
                pn.tail = parts[k + 1][0] if k + 1 < len(parts) else rest
                parent.insert(k, pn)
                counter[0] += 1
    i = 0
    while i < len(parent):
        c = parent[i]
        add_marks(c, form, ref, counter, limit)
        if c.tail:
            parts, rest = split(c.tail)
            if parts:
                c.tail = parts[0][0]
                for k, (before, name) in enumerate(parts):
                    pn = ET.Element(T + EL[0], {'ref': ref})
                    pn.text = name
                    pn.tail = parts[k + 1][0] if k + 1 < len(parts) else rest
                    parent.insert(i + 1 + k, pn)
                    counter[0] += 1
                i += len(parts)
        i += 1


def main():
    tree = ET.parse(sys.argv[1])
    root = tree.getroot()
    texts = list(root.iter(T + 'text'))
    for op, form, ref in load_fixes(sys.argv[2]):
        n = [0]
        if op == 'el':
            EL[0] = form
            continue
        if op in ('drop', 'ref'):
            for t in texts:
                for parent in list(t.iter()):
                    for i, c in reversed(list(enumerate(list(parent)))):
                        if c.tag == T + EL[0] and text_of(c) == form:
                            if op == 'drop':
                                unwrap(parent, i, c)
                            else:
                                c.set('ref', ref)
                            n[0] += 1
        elif op in ('add', 'add1'):
            for t in texts:
                add_marks(t, form, ref, n, 1 if op == 'add1' else None)
        elif op in ('extend', 'extendr'):
            for t in texts:
                for parent in list(t.iter()):
                    kids = list(parent)
                    for i, c in enumerate(kids):
                        if c.tag != T + 'persName':
                            continue
                        if op == 'extend':
                            before = parent.text if i == 0 else kids[i - 1].tail
                            if before and before.endswith(form + ' '):
                                before = before[:-len(form) - 1]
                                if i == 0:
                                    parent.text = before
                                else:
                                    kids[i - 1].tail = before
                                c.text = form + ' ' + (c.text or '')
                                n[0] += 1
                        elif c.tail and c.tail.startswith(' ' + form) and not list(c):
                            c.text = (c.text or '') + ' ' + form
                            c.tail = c.tail[len(form) + 1:]
                            n[0] += 1
        elif op == 'who':
            for t in texts:
                for sp in t.iter(T + 'sp'):
                    s = sp.find(T + 'speaker')
                    if s is not None and text_of(s).rstrip(':. ') == form:
                        if ref == '-':
                            sp.attrib.pop('who', None)
                        else:
                            sp.set('who', ref)
                        n[0] += 1
        if n[0] == 0:
            print(f'make_gold: {op} {form}: nothing changed', file=sys.stderr)
    sys.stdout.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    sys.stdout.write(ET.tostring(root, encoding='unicode'))
    sys.stdout.write('\n')


main()
