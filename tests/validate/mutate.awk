# mutate.awk: a deterministic mutant of a TEI document for the differential tests.
# Variables: seed (srand), kind (0-7, or -1: 1 to 3 mutations of random kinds on different
# lines). On a line after the first two that holds a start tag:
#   0 drop the line (a removed child, often a required one)   1 insert an unknown element
#   2 insert a misplaced head     3 an attribute no element has    4 a bad attribute value
#   5 a misplaced teiHeader       6 stray text after the tag       7 xsi:schemaLocation
function mutate(s, kind) {
  if (kind == 0) return "\001"
  if (kind == 1) sub(/>/, "><frobnicate/>", s)
  else if (kind == 2) sub(/>/, "><head>misplaced</head>", s)
  else if (kind == 3) sub(/<[a-zA-Z]+/, "& bogus=\"1\"", s)
  else if (kind == 4) { if (!sub(/ (type|when|status|cert|reason|unit|place|rend|n)="[^"]*"/, " when=\"not a date\"", s)) sub(/<[a-zA-Z]+/, "& xml:lang=\"!!\"", s) }
  else if (kind == 5) sub(/>/, "><teiHeader/>", s)
  else if (kind == 6) sub(/>/, ">stray text", s)
  else if (kind == 7) sub(/<[a-zA-Z]+/, "& xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"a b\"", s)
  return s
}
{ line[NR] = $0 }
END {
  srand(seed); n = 0
  for (i = 3; i < NR; i++) if (line[i] ~ /<[a-zA-Z][^>]*>/) cand[n++] = i
  if (n == 0) { for (i = 1; i <= NR; i++) print line[i]; exit }
  m = kind >= 0 ? 1 : 1 + int(rand() * 3)
  for (j = 0; j < m; j++) { k = cand[int(rand() * n)]; what[k] = kind >= 0 ? kind : int(rand() * 8) }
  for (i = 1; i <= NR; i++) {
    s = line[i]
    if (i in what) s = mutate(s, what[i])
    if (s != "\001") print s
  }
}
