# volume.awk -v vol=ID: the documents of one FRUS volume out of a file of documents separated
# by lines of 72 '=' (the corpus's large file): those whose Source line names "(ID/", joined
# by the same separator lines, in the order of the file.
BEGIN { sep = ""; for (i = 0; i < 72; i++) sep = sep "="; want = "(" vol "/" }
function flush() {
    if (index(buf, want) > 0) { if (n++ > 0) print sep; printf "%s", buf }
    buf = ""
}
$0 == sep { flush(); next }
{ buf = buf $0 "\n" }
END { flush() }
