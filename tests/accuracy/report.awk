# report.awk -v today=DATE -v conv=CONVENTIONS LIST: the accuracy report in Markdown from the
# JSON of teikit compare (LIST: lines "NAME SET FILE.json"). Per set: every class (worst
# first), then the conventions scored apart; then per file and in total (conventions left
# out). Exact span first, overlapping span after.

# the number after "key": in s (0 when absent)
function num(s, key,   r) {
    if (!match(s, "\"" key "\": [0-9.]+")) return 0
    r = substr(s, RSTART, RLENGTH); sub(/^[^:]*: /, "", r); return r + 0
}
function str(s, key,   r) {
    if (!match(s, "\"" key "\": \"[^\"]*\"")) return ""
    r = substr(s, RSTART, RLENGTH); sub(/^[^:]*: "/, "", r); sub(/"$/, "", r); return r
}
function ratio(a, b, empty) { return b > 0 ? a / b : empty }
function f1(p, r) { return p + r > 0 ? 2 * p * r / (p + r) : 0 }
# "P R F1" of matches m over h hypothesis and r reference elements
function prf(m, h, r,   p, q) {
    p = ratio(m, h, 1); q = ratio(m, r, 1)
    if (h == 0 && r == 0) return "| 1.000 | 1.000 | 1.000 "
    return sprintf("| %.3f | %.3f | %.3f ", p, q, f1(p, q))
}
function is_conv(set, cls,   i) {
    for (i = 1; i <= nconv; i++)
        if (set ~ conv_set[i] && cls == conv_cls[i]) return i
    return 0
}
# sorts keys k[1..n] by value v[] ascending (insertion sort: a few hundred rows)
function sort_by(k, v, n,   i, j, t) {
    for (i = 2; i <= n; i++) {
        t = k[i]
        for (j = i - 1; j >= 1 && (v[k[j]] > v[t] || (v[k[j]] == v[t] && k[j] > t)); j--) k[j + 1] = k[j]
        k[j + 1] = t
    }
}

BEGIN {
    while ((getline line < conv) > 0) {
        if (line ~ /^#/ || line ~ /^[ \t]*$/) continue
        n = split(line, w, /[ \t]+/)
        nconv++
        pat = w[1]; gsub(/\./, "\\.", pat); gsub(/\*/, ".*", pat)
        conv_set[nconv] = "^" pat "$"; conv_cls[nconv] = w[2]; conv_pat[nconv] = w[1]
        why = line; sub(/^[^ \t]+[ \t]+[^ \t]+[ \t]+/, "", why); conv_why[nconv] = why
    }
}

{
    name = $1; set = $2; file = $3
    files[++nfiles] = name; fset[name] = set
    if (!(set in seen_set)) { seen_set[set] = 1; sets[++nsets] = set }
    while ((getline line < file) > 0) {
        if (line ~ /"words": /) {
            fw_ref[name] = num(line, "ref"); fw_al[name] = num(line, "aligned")
            continue
        }
        if (line !~ /"class": / || line ~ /"parent": / || line ~ /"total": /) continue
        if (line ~ /^ *\{"kind"/) continue
        cls = str(line, "class")
        r = num(line, "ref"); h = num(line, "hyp"); e = num(line, "exact"); o = num(line, "overlap")
        key = set SUBSEP cls
        if (!(key in c_ref)) { c_list[set, ++c_n[set]] = cls }
        c_ref[key] += r; c_hyp[key] += h; c_ex[key] += e; c_ov[key] += o
        if (line ~ /"identity": /) {
            id = line; sub(/.*"identity": /, "", id)
            i_ref[key] += num(id, "pairs_ref"); i_hyp[key] += num(id, "pairs_hyp")
            i_both[key] += num(id, "pairs_both"); i_men[key] += num(id, "mentions"); has_id[key] = 1
        }
        if (is_conv(set, cls)) continue
        f_ref[name] += r; f_hyp[name] += h; f_ex[name] += e; f_ov[name] += o
        s_ref[set] += r; s_hyp[set] += h; s_ex[set] += e; s_ov[set] += o
        t_ref += r; t_hyp += h; t_ex += e; t_ov += o
    }
    close(file)
}

END {
    printf "Figures of %s (`make accuracy`; teikit convert with default options, compared by\n", today
    printf "`teikit compare`). P, R, F1: exact span; oP, oR, oF1: overlapping span. Conventions\n"
    printf "(classes the reference marks differently by choice) are listed apart and left out of\n"
    printf "the totals.\n\n"
    printf "### Totals (conventions left out)\n\n"
    printf "| set | files | ref | hyp | exact | P | R | F1 | oP | oR | oF1 |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    for (i = 1; i <= nsets; i++) {
        s = sets[i]; nf = 0
        for (j = 1; j <= nfiles; j++) if (fset[files[j]] == s) nf++
        printf "| %s | %d | %d | %d | %d %s%s|\n", s, nf, s_ref[s], s_hyp[s], s_ex[s],
               prf(s_ex[s], s_hyp[s], s_ref[s]), prf(s_ov[s], s_hyp[s], s_ref[s])
    }
    printf "| **all** | %d | %d | %d | %d %s%s|\n\n", nfiles, t_ref, t_hyp, t_ex,
           prf(t_ex, t_hyp, t_ref), prf(t_ov, t_hyp, t_ref)

    printf "### Per file (conventions left out)\n\n"
    printf "| file | set | words aligned | ref | hyp | exact | P | R | F1 | oP | oR | oF1 |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    for (j = 1; j <= nfiles; j++) {
        f = files[j]
        printf "| %s | %s | %.1f%% | %d | %d | %d %s%s|\n", f, fset[f], 100 * ratio(fw_al[f], fw_ref[f], 1),
               f_ref[f], f_hyp[f], f_ex[f], prf(f_ex[f], f_hyp[f], f_ref[f]), prf(f_ov[f], f_hyp[f], f_ref[f])
    }
    printf "\n"

    for (i = 1; i <= nsets; i++) {
        s = sets[i]; n = 0; nc = 0
        delete keys; delete val; delete ckeys
        for (j = 1; j <= c_n[s]; j++) {
            cls = c_list[s, j]; key = s SUBSEP cls
            pp = ratio(c_ex[key], c_hyp[key], 1); rr = ratio(c_ex[key], c_ref[key], 1)
            val[cls] = f1(pp, rr) + ratio(c_ov[key], c_ref[key] + c_hyp[key], 0) / 1000
            if (is_conv(s, cls)) ckeys[++nc] = cls
            else keys[++n] = cls
        }
        sort_by(keys, val, n); sort_by(ckeys, val, nc)
        printf "### %s: per class, worst first\n\n", s
        printf "| class | ref | hyp | exact | P | R | F1 | oP | oR | oF1 | grouping P/R |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
        for (j = 1; j <= n; j++) {
            cls = keys[j]; key = s SUBSEP cls; g = ""
            if (has_id[key] && i_men[key] > 1)
                g = sprintf("%.3f / %.3f", ratio(i_both[key], i_hyp[key], 1), ratio(i_both[key], i_ref[key], 1))
            printf "| %s | %d | %d | %d %s%s| %s |\n", cls, c_ref[key], c_hyp[key], c_ex[key],
                   prf(c_ex[key], c_hyp[key], c_ref[key]), prf(c_ov[key], c_hyp[key], c_ref[key]), g
        }
        if (nc > 0) {
            printf "\nConventions of %s, scored apart:\n\n", s
            printf "| class | ref | hyp | exact | P | R | F1 | oP | oR | oF1 | why |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
            for (j = 1; j <= nc; j++) {
                cls = ckeys[j]; key = s SUBSEP cls
                printf "| %s | %d | %d | %d %s%s| %s |\n", cls, c_ref[key], c_hyp[key], c_ex[key],
                       prf(c_ex[key], c_hyp[key], c_ref[key]), prf(c_ov[key], c_hyp[key], c_ref[key]),
                       conv_why[is_conv(s, cls)]
            }
        }
        printf "\n"
    }
}
