# places.awk: "file:line" of each error message (one per message, duplicates kept), the line
# being where the tag named at line:col ends (its '>'): jing reports a start tag where it
# ends, teikit where it begins (a message about text is at the text, left as it is). Reads messages "file:line:col: error: ..." on stdin; each
# file is read once (messages come grouped by file).
function load(f,   l, k) {
  delete src; nsrc = 0
  while ((getline l < f) > 0) src[++nsrc] = l
  close(f); cur = f
}
/^[^:]+:[0-9]+:([0-9]+:)? error: / {
  split($0, p, ":"); f = p[1]; ln = p[2] + 0; col = p[3] + 0
  if (f != cur) load(f)
  if (tagend && col > 0 && ln <= nsrc && $0 !~ /: error: (text not allowed|content of)/) {
    s = substr(src[ln], col); e = ln
    while (index(s, ">") == 0 && e < nsrc) { e++; s = src[e] }
    ln = e
  }
  print f ":" ln
}
