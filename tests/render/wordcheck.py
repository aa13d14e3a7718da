#!/usr/bin/env python3
"""wordcheck.py TEI OUT...: compares the words of a TEI document's text with the words of its
renderings (text or HTML files), independently of xslt/. Prints one line per problem, exit 1
when there is one:
  lost WORD     a word of the TEI text that no rendering has (as often as the TEI has it
                when it is 4 characters or longer)
  glued WORD    a word of a rendering that the TEI does not have: two words run together
                (CharlesDickens) or a word split (Au thor gives "Au" and "thor"); text
                renderings only (HTML: lost words only)
Words of the TEI text "as written": text nodes in document order; every element boundary
separates words except those of elements that occur inside words (hi, g, ex, choice ...);
lb, pb, cb with @break="no" (or @type="hyphenInWord") join the word around them. A rendering
may add words of the header, of attribute values (times, page numbers, sigla, names from the
personography), its own labels, and numbers. [ ] inside a word are the renderer's
(com[munist]) and are dropped before comparing."""
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

TEI = '{http://www.tei-c.org/ns/1.0}'
GLUE = set('hi g c am ex expan abbr unclear supplied add del damage w choice sic corr orig '
           'reg subst restore surplus secl mod redo undo retrace emph ref ptr anchor'.split())
ALTERNATIVES = set('choice app rdgGrp subst'.split())
parent = {}  # id(element) -> its parent's tag
# names and phrases: usually whole words, but a project may end a word after one
# (<placeName>Wien</placeName>ern): both readings are words of the TEI
MAYGLUE = set('seg rs persName placeName orgName name date term foreign title num measure'.split())
BREAKS = set('lb pb cb milestone gb'.split())
LABELS = set('Footnotes Persons Page p pause mention mentions Date Type Language Author Editor '
             'Archive Source Publisher Rights Summary Responsibility Untitled Notes Index of '
             'persons View Diplomatic Normalized Contents Cite this Apparatus Line line Speaker '
             'image words illegible and long short kinesic writing vocal incident shift om Facsimile Surface zone '
             'images named by identifier only'.split())
WORD = re.compile(r'[^\W_]+')


def local(tag):
    return tag.rsplit('}', 1)[-1] if isinstance(tag, str) else ''


def joins(e):
    return local(e.tag) in BREAKS and (e.get('break') == 'no' or e.get('type') == 'hyphenInWord')


def flatten(e, out, skip_header=True, mayglue=False, nodel=False):
    """Appends the text of e to the list out, ' ' at word-separating boundaries."""
    name = local(e.tag)
    if not isinstance(e.tag, str):  # comment, processing instruction
        if e.tail:
            out.append(e.tail)
        return
    if (skip_header and name == 'teiHeader') or (nodel and name == 'del'):
        if e.tail:
            out.append(e.tail)
        return
    if joins(e):
        # the word runs on: whitespace before and after the break is no word boundary
        if out:
            out[-1] = out[-1].rstrip()
        out.append('\0')  # the next text's leading whitespace goes too
    else:
        # the readings of a choice or an apparatus are alternatives: words apart
        sup = (' sup ' in ' %s ' % e.get('rend', '') or 'superscript' in e.get('rend', '')) and \
            ''.join(e.itertext()).strip().isdigit()
        glue = not sup and (name in GLUE and not (parent.get(id(e), '').startswith(TEI)
                                      and local(parent.get(id(e), '')) in ALTERNATIVES))
        sep = '' if glue or (mayglue and name in MAYGLUE) else ' '
        out.append(sep)
        if e.text:
            out.append(e.text)
        for c in e:
            parent[id(c)] = e.tag
            flatten(c, out, skip_header, mayglue, nodel)
        out.append(sep)
    if e.tail:
        out.append(e.tail)


def join_brackets(s):
    """Brackets around part of a word are an editor's (com[munist], [ge]fuehrt): one word.
    A note marker [5] after a word is a word of its own."""
    s = re.sub(r'\[(\d+)\]', r' \1 ', s)
    return re.sub(r'(?<=[^\W_])\[([^\W_]+)\]|\[([^\W_]+)\](?=[^\W_])', r'\1\2', s)


def text_of(parts):
    s = ''.join(parts)
    return join_brackets(re.sub(r'\0\s*', '', s))


def words(s):
    return WORD.findall(s)


class HTMLText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip, self.stack = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ('style', 'script', 'title'):
            self.skip += 1
        # the two readings (dipl, norm) and note markers are apart
        if tag in ('br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col'):
            self.parts.append(' ' if tag == 'br' else '')
            return
        cls = (dict(attrs).get('class') or '').split()
        apart = tag == 'sup' or ('pb' in cls and 'inword' not in cls) or (('dipl' in cls or 'norm' in cls) and
                                 any(c in cls for c in ('sic', 'corr', 'orig', 'reg', 'abbr', 'expan')))
        if 'inword' in cls:  # a page marker inside a word: not a word of the text
            self.skip += 1
        self.stack.append((apart, 'inword' in cls))
        if apart:
            self.parts.append(' ')
        if tag in ('p', 'div', 'li', 'br', 'td', 'th', 'dt', 'dd', 'section', 'h1', 'h2', 'h3',
                   'h4', 'h5', 'h6', 'tr', 'blockquote', 'figure', 'header', 'footer'):
            self.parts.append(' ')

    def handle_endtag(self, tag):
        if tag in ('style', 'script', 'title'):
            self.skip -= 1
        apart, inword = self.stack.pop() if self.stack else (False, False)
        if apart:
            self.parts.append(' ')
        if inword:
            self.skip -= 1
        self.parts.append('' if tag in ('span', 'a', 'i', 'b', 'em', 'sup', 'sub', 'del', 'ins',
                                        'u', 'time', 'cite', 'strong', 'small') else ' ')

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def main():
    tree = ET.parse(sys.argv[1])
    root = tree.getroot()
    texts = [t for t in root.iter(TEI + 'text')]
    outer = [t for t in texts if not any(t in list(o.iter()) and t is not o for o in texts)] if len(texts) < 50 else texts[:1]
    parts = []
    for t in (outer or [root]):
        flatten(t, parts)
    tei = Counter(words(text_of(parts)))
    parts = []
    for t in (outer or [root]):
        flatten(t, parts, mayglue=True)
    joined = set(words(text_of(parts)))
    # the normalized reading drops deletions: dell<del>a</del><add>e</add> is delle there
    parts = []
    for t in (outer or [root]):
        flatten(t, parts, mayglue=True, nodel=True)
    joined.update(words(text_of(parts)))
    # what a rendering may add: the header, attribute values, labels, numbers
    extra = set(LABELS)
    hparts = []
    for h in root.iter(TEI + 'teiHeader'):
        flatten(h, hparts, skip_header=False)
    extra.update(words(text_of(hparts)))
    for e in root.iter():
        for v in e.attrib.values():
            extra.update(words(v))
    extra = set(w.lower() for w in extra)
    out = Counter()
    html = any(f.endswith('.html') for f in sys.argv[2:])
    for f in sys.argv[2:]:
        # norm:FILE is a normalized view: an editorial note's marker there is a letter ([a],
        # [ab]) with a space before it and none after (amet [a] dolor; [ge]fuehrt and
        # accelerat[ed] are the source's); it is no word of the text
        norm = f.startswith('norm:')
        f = f[5:] if norm else f
        data = open(f, encoding='utf-8').read()
        if norm:
            data = re.sub(r'(?<=\s)\[[a-z]{1,2}\](?![^\W_])', ' ', data)
        if f.endswith('.html'):
            p = HTMLText()
            p.feed(data)
            data = ''.join(p.parts)
        data = join_brackets(data)
        out.update(words(data))
    bad = 0
    for w, n in sorted(tei.items()):
        if w not in joined and out[w] == 0:
            continue  # a piece of a word that a name ends (Wien|ern): the word is there
        if out[w] == 0 or (len(w) >= 4 and out[w] < n and not f.endswith('.html')):
            print('lost %s (TEI %d, rendered %d)' % (w, n, out[w]))
            bad += 1
    for w in sorted(out) if not html else []:
        if w not in tei and w not in joined and w.lower() not in extra and not w.isdigit():
            print('glued %s' % w)
            bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
